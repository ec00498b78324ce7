"""/search QUERY: ranked full-text search over the articles, in the query language of news archives."""

from __future__ import annotations

import math

from bot.core.registry import Command, Context, Registry, split_page
from bot.core.render import answers as render
from bot.core.render.blockkit import Reply
from bot.core.search import SearchQuery, parse
from bot.core.search.about import resolve_about
from bot.core.search.variants import with_spellings
from bot.core.store.search import MAX_RANKED

RESULTS_PER_PAGE = 5
SYNTAX = (
    'Words match anywhere; "exact phrase"; -word or -"phrase" to exclude; a OR b; '
    "from:2025-11-01 and to:2025-11-30 (a day, a month, a year, today, yesterday); source:NAME; "
    "about:NAME (the articles linked to a person, place, organisation or base); sort:new (else best first, "
    "relevance weighed with recency)."
)


def answer(text: str, ctx: Context) -> Reply:
    """The best-matching articles, with the matching words highlighted."""
    typed, page = split_page(text)
    query = with_spellings(ctx.store, resolve_about(ctx.store, parse(typed, ctx.now.date())))
    if not (query.positive or query.excluded or query.filtered):
        return _usage(query)
    shown = query.text()
    found = ctx.store.search(query, RESULTS_PER_PAGE, (page - 1) * RESULTS_PER_PAGE, now=ctx.now)
    if not found.total:
        hint = " ".join([*query.notes, "Try fewer or different words, or fewer filters."])
        return render.message_reply(f"No articles match “{shown}”.", hint=hint)
    if not found.hits:  # a page past the last (typed, or an old button)
        ranked = min(found.total, MAX_RANKED)
        last = math.ceil(ranked / RESULTS_PER_PAGE)
        return render.message_reply(
            f"The {render.plural(ranked, 'ranked result')} for “{shown}” end on page {last}.",
            hint=f"/search {shown} --page {last}, or add words to narrow the search.",
        )
    return render.search_reply(
        shown, found.hits, found.total, page, RESULTS_PER_PAGE, notes=query.notes, any_word=found.any_word
    )


def _usage(query: SearchQuery) -> Reply:
    """Nothing to search for: the syntax, after whatever was ignored and why."""
    hint = " ".join([*query.notes, f'For example: /search "Astana process" -Turkey from:2025-11. {SYNTAX}'])
    return render.message_reply("What should I search for? Usage: /search WORDS", hint=hint)


command = Command(
    name="search",
    usage="/search WORDS",
    help="full-text search, best and newest first; a phrase in quotes, -word to leave out, a OR b, from:DATE, "
    "to:DATE, source:NAME, about:NAME, sort:new",
    answer=answer,
)


def register(registry: Registry) -> None:
    """Add /search to a registry."""
    registry.add(command)
