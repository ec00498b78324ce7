"""/search QUERY: ranked full-text search over the articles."""

from __future__ import annotations

import math

from bot.core.registry import Command, Context, Registry, split_page
from bot.core.render import answers as render
from bot.core.render.blockkit import Reply
from bot.core.store.search import MAX_RANKED, query_words

RESULTS_PER_PAGE = 5


def answer(text: str, ctx: Context) -> Reply:
    """The best-matching articles, with the matching words highlighted."""
    wanted, page = split_page(text)
    # Only the words reach the search engine; keeping just them also keeps the "more" button's command short.
    wanted = " ".join(query_words(wanted))
    if not wanted:
        return render.message_reply(
            "What should I search for? Usage: /search WORDS", hint="For example: /search Astana process"
        )
    hits, total = ctx.store.search(wanted, RESULTS_PER_PAGE, (page - 1) * RESULTS_PER_PAGE)
    if not total:
        return render.message_reply(f"No articles mention “{wanted}”.", hint="Try fewer or different words.")
    if not hits:  # a page past the last (typed, or an old button)
        ranked = min(total, MAX_RANKED)
        last = math.ceil(ranked / RESULTS_PER_PAGE)
        return render.message_reply(
            f"The {render.plural(ranked, 'ranked result')} for “{wanted}” end on page {last}.",
            hint=f"/search {wanted} --page {last}, or add words to narrow the search.",
        )
    return render.search_reply(wanted, hits, total, page, RESULTS_PER_PAGE)


command = Command(
    name="search",
    usage="/search WORDS",
    help="full-text search over the articles, best matches first",
    answer=answer,
)


def register(registry: Registry) -> None:
    """Add /search to a registry."""
    registry.add(command)
