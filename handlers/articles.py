"""/articles [N]: the latest articles."""

from __future__ import annotations

from bot.core.registry import Command, Context, Registry, bounded_number
from bot.core.render import answers as render
from bot.core.render.blockkit import Reply

DEFAULT_COUNT = 10
# One section of bullets must stay under Slack's 3,000 characters.
MAX_COUNT = 20


def answer(text: str, ctx: Context) -> Reply:
    """The N newest articles (10 by default)."""
    wanted = text.strip()
    if wanted and not (wanted.isascii() and wanted.isdigit()):
        return render.message_reply(
            f"“{wanted}” is not a number. Usage: /articles [N]", hint="For example: /articles 5"
        )
    count = max(1, bounded_number(wanted, MAX_COUNT) if wanted else DEFAULT_COUNT)
    return render.articles_reply(ctx.store.latest_articles(count), ctx.store.article_count())


command = Command(
    name="articles",
    usage="/articles [N]",
    help=f"the latest N articles (default {DEFAULT_COUNT}, at most {MAX_COUNT})",
    answer=answer,
)


def register(registry: Registry) -> None:
    """Add /articles to a registry."""
    registry.add(command)
