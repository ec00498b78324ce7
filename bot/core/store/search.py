"""Full-text search over articles: a parsed query (`bot.core.search`) ranked over every match by relevance times
recency, with highlighted snippets. With a search index (`search_index`, `search_tantivy`) the index ranks and
the store makes the snippets; without one, or while it is being built, the query is rendered into each store's
own syntax, as below.

SQLite: an FTS5 table ranked by BM25. PostgreSQL: a generated, weighted tsvector column with a GIN index, ranked
by ts_rank_cd. The user's words reach neither syntax as text to parse: each FTS5 phrase is quoted and built from
runs of letters and digits only, and each PostgreSQL term is a bound parameter of phraseto_tsquery, combined
with &&, || and !! by this code.

Ranking. An article's score is its relevance times `2 ** (-age / HALF_LIFE_DAYS)`, its age counted from its
publication to now (never below zero): a day-old article needs about 5% more relevance than today's to rank
above it, one two weeks older twice as much. Relevance is BM25 on SQLite, headline weighted (the value FTS5's
`bm25()` gives, negated), and `ts_rank_cd / (ts_rank_cd + 1)` on PostgreSQL (its normalisation 32). Both are
bounded for a query (BM25 by 2.2 × the sum of its terms' IDF, the other by 1), so the best any article older
than a given date can score is known. Matches are scored in ranges of ids, the most recently added first, and
the walk stops as soon as nothing older can enter the page: the order is exactly that of scoring every match,
at the cost of scoring the recent ones. `sort:new` walks the same ranges by date alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, Connection, Row, desc, func, select

from bot.core.search.syntax import SearchQuery, Sort
from bot.core.store import schema, search_postgres, search_sqlite, search_tantivy
from bot.core.store.search_base import BROWSE_SNIPPET_CHARS, Engine, Scored, browse_hits, decay
from bot.core.store.search_base import HALF_LIFE_DAYS as HALF_LIFE_DAYS
from bot.core.store.search_base import HIT_END as HIT_END
from bot.core.store.search_base import HIT_START as HIT_START
from bot.core.store.search_base import Found as Found
from bot.core.store.search_base import Hit as Hit
from bot.core.store.search_index import SearchIndex
from bot.core.store.timestamps import utc

# Matches are counted up to this many, and results are served this deep: a hundred pages, more than anyone reads.
MAX_RANKED = 500
# The first range of ids scored is the articles published in the newest this many half-lives; then the range
# doubles until nothing older can enter the page. For words in most articles (BM25 gives them an IDF near zero,
# so relevance varies little) the page is settled about ten days back: one half-life usually suffices.
FIRST_RANGE_HALF_LIVES = 1
RANGE_GROWTH = 2


def more_than_ranked(total: int) -> bool:
    """Whether a total from `search` was cut short: more articles match than are served."""
    return total > MAX_RANKED


def ranked(conn: Connection, engine: Engine, query: SearchQuery, want: int, now: datetime) -> list[int]:
    """The ids of the best `want` matches over the whole corpus, best first (see the module's docstring)."""
    high = _newest_id(conn, query)
    if high == 0:
        return []
    bound = engine.bound() if query.sort is Sort.RELEVANCE else 0.0
    low = min(high, _first_low(conn, timedelta(days=HALF_LIFE_DAYS * FIRST_RANGE_HALF_LIVES), _end(query)))
    top: list[Scored] = []
    while True:
        top = sorted([*top, *engine.chunk(low, high, want)], key=_order(query.sort))[:want]
        older = _latest_before(conn, low) if low > 1 else None
        if older is None or _complete(top, want, older, query, bound, now):
            return [s.id for s in top]
        span = (high - low + 1) * RANGE_GROWTH
        high, low = low - 1, max(1, low - span)


def _order(sort: Sort) -> Callable[[Scored], tuple[float, float, int]]:
    """Best first: by score (none for sort:new), then newest, then most recently added."""
    if sort is Sort.NEW:
        return lambda s: (0.0, -s.published.timestamp(), -s.id)
    return lambda s: (-s.score, -s.published.timestamp(), -s.id)


# --- where the walk starts and when it may stop: the articles' published_at index ---------------------------

_A = schema.articles.c


def _newest_id(conn: Connection, query: SearchQuery) -> int:
    """The highest id an article that passes `to:` can have: the walk starts there (an index range, and no
    scoring of every match published later)."""
    newest = select(func.coalesce(func.max(_A.id), 0))
    end = _end(query)
    return int(conn.execute(newest if end is None else newest.where(_A.published_at < end)).scalar_one())


def _end(query: SearchQuery) -> datetime | None:
    """The moment `to:` excludes from, if any."""
    until = query.filters.until
    if until is None or until.year == 9999:
        return None
    return datetime(until.year, until.month, until.day, tzinfo=UTC) + timedelta(days=1)


def _first_low(conn: Connection, window: timedelta, end: datetime | None) -> int:
    """The id of the first article published within `window` of the newest one (before `end`): a guess at the
    range holding the best matches; any answer is correct, a good one saves a second range."""
    newest = conn.execute(select(func.max(_A.published_at))).scalar()
    if newest is None:
        return 1
    start_at = min(utc(newest), end or utc(newest)) - window
    start = select(_A.id).where(_A.published_at >= start_at).order_by(_A.published_at, _A.id).limit(1)
    return int(conn.execute(start).scalar() or 1)


def _latest_before(conn: Connection, low: int) -> datetime | None:
    """The newest publication date among articles added before id `low`: what an unscored match can have."""
    query = select(_A.published_at).where(_A.id < low).order_by(desc(_A.published_at)).limit(1)
    if conn.dialect.name == "sqlite":  # else SQLite walks the rows by id, reading every article's text
        query = query.with_hint(schema.articles, "INDEXED BY ix_articles_published_at", "sqlite")
    found = conn.execute(query).scalar()
    return None if found is None else utc(found)


def _complete(top: list[Scored], want: int, older: datetime, query: SearchQuery, bound: float, now: datetime) -> bool:
    """Whether no article published at or before `older` can enter the top `want`."""
    since = query.filters.since
    if since is not None and older < datetime(since.year, since.month, since.day, tzinfo=UTC):
        return True  # every older article is filtered out
    if len(top) < want:
        return False
    last = top[want - 1]
    if query.sort is Sort.NEW:
        return older <= last.published
    return bound * decay(older, now) < last.score


def ddl(dialect: str) -> tuple[str, ...]:
    """The statements that create the search index on a dialect (used by the baseline migration)."""
    return search_postgres.DDL if dialect == "postgresql" else search_sqlite.DDL


def index_article(conn: Connection, article_id: int, headline: str, body: str) -> None:
    """Add one article to the search index, in the caller's transaction (PostgreSQL's is generated)."""
    if conn.dialect.name != "postgresql":
        search_sqlite.index_article(conn, article_id, headline, body)


# --- the search itself ----------------------------------------------------------------------------------------


def search(
    conn: Connection,
    query: SearchQuery,
    limit: int,
    offset: int = 0,
    now: datetime | None = None,
    index: SearchIndex | None = None,
) -> Found:
    """A page of the best matches of a parsed query (with `about:` resolved to entities), and how many match.

    Without words to look for (only filters or exclusions) the articles that pass are listed newest first. When
    no article has every term of a query with several, articles with any of them are ranked instead. The search
    index answers when there is one and it holds every article (`search_tantivy`), else the store's own SQL;
    either way the store makes the snippets of the page.
    """
    now = now or datetime.now(UTC)
    module = search_postgres if conn.dialect.name == "postgresql" else search_sqlite
    if not (query.positive or query.excluded or query.filtered):
        return Found([], 0)  # nothing asked for
    snapshot = None if index is None else index.searcher(conn)
    if snapshot is not None and index is not None:
        return _about(conn, query, _indexed(conn, snapshot, index, query, limit, offset, now))
    if not query.positive:
        return _about(conn, query, module.browse(conn, query, limit, offset, MAX_RANKED + 1))
    found = _found(conn, module.Search(conn, query, now), query, limit, offset, now)
    if found.total or len(query.clauses) < 2:
        return found
    anyword = _found(conn, module.Search(conn, query, now, any_word=True), query, limit, offset, now)
    return anyword._replace(any_word=True)


def _found(conn: Connection, engine: Engine, query: SearchQuery, limit: int, offset: int, now: datetime) -> Found:
    total = engine.count(MAX_RANKED + 1)
    want = min(offset + limit, MAX_RANKED)
    if not total or offset >= want:
        return Found([], total)
    ids = ranked(conn, engine, query, want, now)[offset:want]
    return Found(engine.page(ids), total)


# --- the same through the search index ---------------------------------------------------------------------


def _indexed(
    conn: Connection,
    snapshot: search_tantivy.Snapshot,
    index: SearchIndex,
    query: SearchQuery,
    limit: int,
    offset: int,
    now: datetime,
) -> Found:
    """`search` ranked by the search index: every clause, else (several clauses, none matching together) any."""
    module = search_postgres if conn.dialect.name == "postgresql" else search_sqlite
    linked = _linked(conn, query.filters.entities) if query.filters.entities else None
    want = min(offset + limit, MAX_RANKED)
    for any_word in (False, True):
        rendered = search_tantivy.Rendered(snapshot.searcher, index.schema, query, any_word)
        ranking = search_tantivy.rank(rendered, snapshot.edges, want, MAX_RANKED + 1, now, linked)
        if ranking.total or len(query.clauses) < 2:
            break
    if not ranking.total or offset >= want:
        return Found([], ranking.total, any_word)
    ids = [s.id for s in ranking.top][offset:want]
    if not query.positive:  # listed, not matched: each snippet is the article's opening
        return Found(_openings(conn, ids), ranking.total)
    marked = {hit.article_id: hit for hit in module.Search(conn, query, now, any_word).page(ids)}
    # The store cuts some words otherwise than the index ("İ", words over 100 characters): a hit the store's own
    # search does not find is shown with its opening rather than left out.
    unmarked = {hit.article_id: hit for hit in _openings(conn, [i for i in ids if i not in marked])}
    hits = [marked.get(i) or unmarked.get(i) for i in ids]
    return Found([hit for hit in hits if hit is not None], ranking.total, any_word)


def _about(conn: Connection, query: SearchQuery, found: Found) -> Found:
    """Articles listed for `about:` without words to look for: each snippet is the first sentence that names the
    entity (of the first `about:`), rather than the article's opening, which may not name it at all."""
    if query.positive or not query.filters.entities or not found.hits:
        return found
    ea, a = schema.entity_articles.c, schema.articles.c
    sentence = func.substr(a.text, ea.sent_start + 1, ea.sent_end - ea.sent_start)
    rows = conn.execute(
        select(ea.article_id, sentence)
        .join(schema.articles, a.id == ea.article_id)
        .where(ea.article_id.in_([hit.article_id for hit in found.hits]), ea.entity_id.in_(query.filters.entities[0]))
        .order_by(ea.article_id, ea.sent_start)
    ).all()
    sentences: dict[int, str] = {}
    for article_id, text in rows:
        sentences.setdefault(article_id, " ".join(text.split()))
    hits = [replace(hit, snippet=sentences.get(hit.article_id) or hit.snippet) for hit in found.hits]
    return found._replace(hits=hits)


def _openings(conn: Connection, ids: list[int]) -> list[Hit]:
    """The hits with these ids, in this order, each with its article's opening for a snippet."""
    a = schema.articles.c
    opening = func.substr(a.text, 1, BROWSE_SNIPPET_CHARS).label("snip")
    rows = conn.execute(
        select(a.id, a.headline, a.published_at, a.source, a.url, a.dated, opening).where(a.id.in_(ids))
    ).all()
    found = {hit.article_id: hit for hit in browse_hits(cast(Sequence[Row[Any]], rows))}
    return [found[i] for i in ids if i in found]


_L = schema.entity_articles.c


def _linked(conn: Connection, groups: tuple[tuple[int, ...], ...]) -> search_tantivy.Linked:
    """The ids of the articles linked to an entity of every group, published in a range of the walk: read off
    the links' (entity, date) index, a range at a time (an entity in most articles is in few of one range)."""

    def linked(low: int | None, high: int | None) -> list[int]:
        found: set[int] | None = None
        for group in groups:
            where: list[ColumnElement[bool]] = [_L.entity_id.in_(group)]
            where += [] if low is None else [_L.published_at >= search_tantivy.moment(low)]
            where += [] if high is None else [_L.published_at < search_tantivy.moment(high)]
            ids = set(conn.execute(select(_L.article_id).where(*where)).scalars())
            found = ids if found is None else found & ids
        return sorted(found or ())

    return linked
