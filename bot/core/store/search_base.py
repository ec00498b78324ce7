"""What both stores' search modules share: results, the scored rows the ranking walk merges, the protocol it
asks of each store, the recency formula and the filters as SQL conditions (see `bot.core.store.search`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple, Protocol

from sqlalchemy import Row

from bot.core.search.syntax import SearchQuery
from bot.core.store.timestamps import utc

# Markers that cannot occur in article text, replaced by mrkdwn bold after escaping the snippet.
HIT_START, HIT_END = "\x02", "\x03"
# The headline weighs more than the body: a word in the headline says more about what the article is about.
HEADLINE_WEIGHT, BODY_WEIGHT = 4.0, 1.0
SNIPPET_TOKENS = 28
# Recency halves the score every this many days: news is read for what is new, and an older article must be
# clearly more relevant to come first.
HALF_LIFE_DAYS = 14.0
# 2 ** -1000 is still a double; past it every article is simply "old" (and never underflows to an error).
MAX_HALVINGS = 1000.0


@dataclass(frozen=True)
class Hit:
    """One search result."""

    article_id: int
    headline: str
    published: datetime
    source: str
    url: str | None
    snippet: str  # corpus text with HIT_START / HIT_END around the matched words
    dated: bool = True  # False: `published` is when it was indexed (the article gave no date)


class Found(NamedTuple):
    """A page of results; `total` counts matches up to MAX_RANKED + 1; `any_word` when no article had every
    term and articles with any of them were ranked instead."""

    hits: list[Hit]
    total: int
    any_word: bool = False


@dataclass(frozen=True)
class Scored:
    """A match as ranked: its score (relevance times recency; 0 for sort:new), date and id."""

    score: float
    published: datetime
    id: int


class Engine(Protocol):
    """One store's rendering of one query: what the ranking walk asks of it."""

    def count(self, cap: int) -> int:
        """How many articles match, counting at most `cap`."""

    def bound(self) -> float:
        """No match is more relevant than this."""

    def chunk(self, low: int, high: int, k: int) -> list[Scored]:
        """The best k matches with ids in [low, high], best first."""

    def page(self, ids: Sequence[int]) -> list[Hit]:
        """The hits with these ids, snippets made, in this order."""


def decay(published: datetime, now: datetime) -> float:
    """The recency factor of an article published at `published` (the same formula the SQL computes)."""
    age_days = max(0.0, (now - published).total_seconds() / 86400)
    return float(2.0 ** -min(MAX_HALVINGS, age_days / HALF_LIFE_DAYS))


BROWSE_SNIPPET_CHARS = 240


def browse_hits(rows: Sequence[Row[Any]]) -> list[Hit]:
    """Hits listed without words to highlight: each snippet is the article's opening, cut at a word."""
    hits = []
    for r in rows:
        opening = r.snip if len(r.snip) < BROWSE_SNIPPET_CHARS else r.snip.rsplit(None, 1)[0] + " …"
        hits.append(Hit(r.id, r.headline, utc(r.published_at), r.source, r.url, opening, r.dated))
    return hits


def filter_sql(query: SearchQuery, stamp: Callable[[datetime], object]) -> tuple[list[str], dict[str, object]]:
    """The query's filters as conditions on `articles a`, with their parameters (`stamp` makes a bound datetime
    the way the dialect compares it)."""
    f, conditions, params = query.filters, [], {}
    if f.since is not None:
        conditions.append("a.published_at >= :since")
        params["since"] = stamp(datetime(f.since.year, f.since.month, f.since.day, tzinfo=UTC))
    if f.until is not None and f.until.year < 9999:  # the day after 9999-12-31 is no date: no bound needed
        conditions.append("a.published_at < :until")
        params["until"] = stamp(datetime(f.until.year, f.until.month, f.until.day, tzinfo=UTC) + timedelta(days=1))
    if f.sources:
        like = [f"lower(a.source) LIKE :source{i} ESCAPE '!'" for i in range(len(f.sources))]
        conditions.append("(" + " OR ".join(like) + ")")
        params |= {f"source{i}": "%" + _like(s.lower()) + "%" for i, s in enumerate(f.sources)}
    for g, group in enumerate(f.entities):
        names = [f":entity{g}_{i}" for i in range(len(group))]
        conditions.append(f"a.id IN (SELECT article_id FROM entity_articles WHERE entity_id IN ({', '.join(names)}))")
        params |= {f"entity{g}_{i}": entity for i, entity in enumerate(group)}
    return conditions, params


def _like(value: str) -> str:
    """A LIKE pattern matching `value` literally."""
    return value.replace("!", "!!").replace("%", "!%").replace("_", "!_")
