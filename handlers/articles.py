"""/articles [N]: the latest articles."""

from __future__ import annotations

from bot.core.registry import Command, Context, Registry, bounded_number, split_start
from bot.core.render import answers as render
from bot.core.render.blockkit import Reply

DEFAULT_COUNT = 10
# A screenful or two; what does not fit one section is counted and shown by a button.
MAX_COUNT = 20


def answer(text: str, ctx: Context) -> Reply:
    """The N newest articles (10 by default); `--from K` shows the K-th to the N-th."""
    wanted, start = split_start(text, 1)
    if wanted and not (wanted.isascii() and wanted.isdigit()):
        return render.message_reply(
            f"“{wanted}” is not a number. Usage: /articles [N]", hint="For example: /articles 5"
        )
    count = max(1, bounded_number(wanted, MAX_COUNT) if wanted else DEFAULT_COUNT)
    start = min(start, count - 1)
    found = ctx.store.latest_articles(count - start, start)
    total = ctx.store.article_count()
    return render.articles_reply(found, total, min(count, total), start)


command = Command(
    name="articles",
    usage="/articles [N]",
    help=f"the latest N articles (default {DEFAULT_COUNT}, at most {MAX_COUNT}); also /latest",
    answer=answer,
    aliases=("latest",),
)


def register(registry: Registry) -> None:
    """Add /articles to a registry."""
    registry.add(command)
