"""Full-text search over articles, with highlighted snippets.

SQLite: an FTS5 table ranked by BM25. PostgreSQL: a generated, weighted tsvector column with a GIN index,
ranked by ts_rank_cd, snippets by ts_headline. User text never reaches either query syntax as-is: it is cut
into words and each word is quoted, so operators, quotes and parentheses in a query are just characters.

The work per search is bounded whatever the corpus size: matches are counted up to MAX_RANKED + 1, only the
MAX_RANKED most recently added are ranked, and only the page's rows get snippets.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from sqlalchemy import Connection, text

from bot.core.store.timestamps import utc

# Markers that cannot occur in article text, replaced by mrkdwn bold after escaping the snippet.
HIT_START, HIT_END = "\x02", "\x03"
# The headline weighs more than the body: a word in the headline says more about what the article is about.
HEADLINE_WEIGHT, BODY_WEIGHT = 4.0, 1.0
SNIPPET_TOKENS = 28
MAX_QUERY_WORDS = 12
# A word found in most articles would make every search count and rank the whole corpus, which grows without
# bound. Past this many matches only the most recently added are ranked, and the reply says "more than": a
# hundred pages of results, ranked in a few milliseconds on either database.
MAX_RANKED = 500
_WORD = re.compile(r"\w+", re.UNICODE)

_FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5("
    "headline, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
)


@dataclass(frozen=True)
class Hit:
    """One search result."""

    article_id: int
    headline: str
    published: datetime
    source: str
    url: str | None
    snippet: str  # corpus text with HIT_START / HIT_END around the matched words


_PG_DDL = (
    "ALTER TABLE articles ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', headline), 'A') || setweight(to_tsvector('english', text), 'B')) STORED",
    "CREATE INDEX IF NOT EXISTS ix_articles_search_vector ON articles USING GIN (search_vector)",
)
_PG_HEADLINE_OPTIONS = f"StartSel={HIT_START}, StopSel={HIT_END}, MaxFragments=1, MaxWords=35, MinWords=15"


def _postgres(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def ddl(dialect: str) -> tuple[str, ...]:
    """The statements that create the search index on a dialect (used by the baseline migration)."""
    return _PG_DDL if dialect == "postgresql" else (_FTS_DDL,)


def index_article(conn: Connection, article_id: int, headline: str, body: str) -> None:
    """Add one article to the search index, in the caller's transaction (PostgreSQL's is generated)."""
    if _postgres(conn):
        return
    conn.execute(
        text("INSERT INTO article_fts(rowid, headline, text) VALUES (:id, :headline, :body)"),
        {"id": article_id, "headline": headline, "body": body},
    )


def query_words(query: str) -> list[str]:
    """The words of a user's query, the only part of it that reaches the search engine."""
    return _WORD.findall(query)[:MAX_QUERY_WORDS]


def match_expression(words: list[str], any_word: bool = False) -> str:
    """An FTS5 expression matching all (or any) of the words, each quoted so none is an operator."""
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    return (" OR " if any_word else " ").join(quoted)


def tsquery_expression(words: list[str], any_word: bool = False) -> str:
    """A tsquery matching all (or any) of the words; words are runs of letters and digits, so quoting each makes
    any user text a plain tsquery."""
    return (" | " if any_word else " & ").join(f"'{w}'" for w in words)


def search(conn: Connection, query: str, limit: int, offset: int = 0) -> tuple[list[Hit], int]:
    """Articles matching every word (or, failing that, any word), best first, and how many match.

    The count stops at MAX_RANKED + 1: a larger total means more than MAX_RANKED match, and the hits are then
    the best of the MAX_RANKED most recently added matches (see `more_than_ranked`).
    """
    words = query_words(query)
    if not words:
        return [], 0
    if _postgres(conn):
        return _search_postgres(conn, words, limit, offset)
    expressions = [match_expression(words, any_word) for any_word in (False, True)]
    return _first_found(conn, expressions, _find_sqlite, limit, offset)


def more_than_ranked(total: int) -> bool:
    """Whether a total from `search` was cut short: more articles match than were ranked."""
    return total > MAX_RANKED


_Find = Callable[[Connection, str, int, int], tuple[list[Hit], int]]  # expression, limit, offset


def _first_found(
    conn: Connection, expressions: list[str], find: _Find, limit: int, offset: int
) -> tuple[list[Hit], int]:
    """The page and total of the first expression that matches anything."""
    for expression in expressions:
        hits, total = find(conn, expression, limit, offset)
        if total:
            return hits, total
    return [], 0


def _hits(conn: Connection, sql: str, params: dict[str, object]) -> list[Hit]:
    rows = conn.execute(text(sql), params).all()
    return [Hit(r.id, r.headline, utc(r.published_at), r.source, r.url, r.snip) for r in rows]


# --- SQLite: FTS5 walks its matches in rowid order, newest first, and stops at the window ------------------

_SQLITE_COUNT = "SELECT count(*) FROM (SELECT rowid FROM article_fts WHERE article_fts MATCH :q LIMIT :cap)"
# Rank the window of newest matches without snippets; snippet only the page's rows.
_SQLITE_PAGE = (
    "WITH ranked AS ("
    f" SELECT rowid AS id, bm25(article_fts, {HEADLINE_WEIGHT}, {BODY_WEIGHT}) AS score FROM article_fts"
    " WHERE article_fts MATCH :q ORDER BY rowid DESC LIMIT :window"
    "), page AS ("
    " SELECT r.id, r.score, a.published_at FROM ranked r JOIN articles a ON a.id = r.id"
    " ORDER BY r.score, a.published_at DESC, a.id DESC LIMIT :limit OFFSET :offset"
    ") "
    "SELECT a.id, a.headline, a.published_at, a.source, a.url, "
    f"snippet(article_fts, 1, :hs, :he, '…', {SNIPPET_TOKENS}) AS snip "
    "FROM page JOIN articles a ON a.id = page.id JOIN article_fts ON article_fts.rowid = page.id "
    "WHERE article_fts MATCH :q ORDER BY page.score, page.published_at DESC, page.id DESC"
)


def _find_sqlite(conn: Connection, expression: str, limit: int, offset: int) -> tuple[list[Hit], int]:
    total = int(conn.execute(text(_SQLITE_COUNT), {"q": expression, "cap": MAX_RANKED + 1}).scalar_one())
    if not total:
        return [], 0
    params = {"q": expression, "window": MAX_RANKED, "limit": limit, "offset": offset, "hs": HIT_START, "he": HIT_END}
    return _hits(conn, _SQLITE_PAGE, params), total


# --- PostgreSQL: the GIN index finds matches, a range of the newest ids bounds how many are read -----------
#
# No index yields matches newest first. Left alone, the planner walks the primary key (or the table) checking
# each article's search vector, which it prices far below the real cost of reading it back from TOAST: thousands
# of rows for a moderately common word. Instead the GIN index and the primary key are combined as bitmaps over
# the newest ids, widened until they hold the window, so only matches in that range are read. The driver
# prepares statements it runs often, and a generic plan would know neither the words nor the range.
_PG_PLANNER_SETTINGS = (
    "SELECT set_config('plan_cache_mode', 'force_custom_plan', true), "
    "set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true)"
)
_PG_SAMPLE = "SELECT avg((search_vector @@ to_tsquery('english', :q))::int) FROM articles WHERE id > :floor"
_PG_NEWEST = (
    "SELECT id FROM articles WHERE search_vector @@ to_tsquery('english', :q) AND id > :floor "
    "ORDER BY id DESC LIMIT :cap"
)
_PG_PAGE = (
    "WITH page AS ("
    " SELECT id, published_at, ts_rank_cd(search_vector, to_tsquery('english', :q)) AS score FROM articles"
    " WHERE id = ANY(:ids) ORDER BY score DESC, published_at DESC, id DESC LIMIT :limit OFFSET :offset"
    ") "
    "SELECT a.id, a.headline, a.published_at, a.source, a.url, "
    "ts_headline('english', a.text, to_tsquery('english', :q), :options) AS snip "
    "FROM page JOIN articles a ON a.id = page.id ORDER BY page.score DESC, page.published_at DESC, page.id DESC"
)
# How many of the newest ids are checked to estimate how common the query is there: about a millisecond's work.
SHARE_SAMPLE = 200
# The first range holds this many times the window at the sampled share (the sample is small); each retry
# widens it this many times, so a query rare among recent articles costs a few cheap tries, not a full scan.
RANGE_MARGIN, RANGE_GROWTH = 2, 4


def _search_postgres(conn: Connection, words: list[str], limit: int, offset: int) -> tuple[list[Hit], int]:
    """`search` in a savepoint that is rolled back, so the planner settings leave the caller's transaction as it was."""
    savepoint = conn.begin_nested()
    try:
        newest = conn.execute(text("SELECT max(id) FROM articles")).scalar()  # while index scans are allowed
        if newest is None:
            return [], 0
        conn.execute(text(_PG_PLANNER_SETTINGS))
        expressions = [tsquery_expression(words, any_word) for any_word in (False, True)]
        return _first_found(conn, expressions, partial(_find_postgres, newest=int(newest)), limit, offset)
    finally:
        savepoint.rollback()


def _find_postgres(conn: Connection, expression: str, limit: int, offset: int, newest: int) -> tuple[list[Hit], int]:
    ids = _newest_matches(conn, expression, newest)
    if not ids:
        return [], 0
    params = {"q": expression, "ids": ids[:MAX_RANKED], "limit": limit, "offset": offset}
    return _hits(conn, _PG_PAGE, params | {"options": _PG_HEADLINE_OPTIONS}), len(ids)


def _newest_matches(conn: Connection, expression: str, newest: int) -> list[int]:
    """Ids of the MAX_RANKED + 1 most recently added matches (all, if fewer match), newest first."""
    sample = {"q": expression, "floor": newest - SHARE_SAMPLE}
    share = float(conn.execute(text(_PG_SAMPLE), sample).scalar_one() or 0)
    span = int(RANGE_MARGIN * MAX_RANKED / share) if share else newest  # absent from the sample: search them all
    while True:
        floor = newest - span
        ids = list(conn.execute(text(_PG_NEWEST), {"q": expression, "floor": floor, "cap": MAX_RANKED + 1}).scalars())
        if len(ids) > MAX_RANKED or floor <= 0:
            return ids
        span *= RANGE_GROWTH
