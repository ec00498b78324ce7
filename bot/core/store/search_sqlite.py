"""Search on SQLite: the query tree as an FTS5 expression, ranked by BM25 times recency (see `search`)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Connection, text

from bot.core.search.syntax import SearchQuery, Sort, Terms
from bot.core.store.search_base import (
    BODY_WEIGHT,
    BROWSE_SNIPPET_CHARS,
    HALF_LIFE_DAYS,
    HEADLINE_WEIGHT,
    HIT_END,
    HIT_START,
    MAX_HALVINGS,
    SNIPPET_TOKENS,
    Found,
    Hit,
    Scored,
    browse_hits,
    filter_sql,
)
from bot.core.store.timestamps import utc

DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5("
    "headline, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
)
# FTS5's BM25 constants (fts5_aux.c): a phrase adds at most IDF × (K1 + 1), however often it occurs; an IDF of
# zero or less counts as MIN_IDF.
BM25_K1, MIN_IDF = 1.2, 1e-6
_UNIX_EPOCH_JULIAN = 2440587.5
# Rows holding each phrase, per database and newest article id (see `Search._phrase_rows`); a few thousand
# phrases are a few hundred kilobytes.
_PHRASE_ROWS: dict[tuple[str, int, str], int] = {}
MAX_COUNTS_KEPT = 5000

_INDEXING = text("INSERT INTO article_fts(rowid, headline, text) VALUES (:id, :headline, :body)")


def index_article(conn: Connection, article_id: int, headline: str, body: str) -> None:
    """Add one article to the FTS5 index, in the caller's transaction."""
    conn.execute(_INDEXING, {"id": article_id, "headline": headline, "body": body})


def phrase(terms: Terms) -> str:
    """A quoted FTS5 phrase: inside quotes nothing is an operator, and the words hold no quote to close them."""
    return '"' + " ".join(w.replace('"', '""') for w in terms.words) + '"'


def expression(query: SearchQuery, any_word: bool = False) -> str:
    """The FTS5 expression of a query with words: every clause (or, with `any_word`, any term) and no excluded
    term."""
    if any_word:
        positive = " OR ".join(phrase(t) for t in query.positive)
    else:
        positive = " AND ".join("(" + " OR ".join(phrase(t) for t in clause) + ")" for clause in query.clauses)
    if not query.excluded:
        return positive
    return f"({positive}) NOT ({' OR '.join(phrase(t) for t in query.excluded)})"


def _stamp(moment: datetime) -> str:
    """A datetime as SQLite stores them (UTC, naive text), so that text comparison is date order."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


# Dates and sources come off a narrow index: reading them from the row means reading past the article's text.
_ARTICLE_DATES = "articles a INDEXED BY ix_articles_id_published_at_source"
_RANKED = (
    "SELECT article_fts.rowid AS id, a.published_at AS published, {score} AS score "
    f"FROM article_fts JOIN {_ARTICLE_DATES} ON a.id = article_fts.rowid "
    "WHERE article_fts MATCH :q AND article_fts.rowid BETWEEN :low AND :high{filters} "
    "ORDER BY score DESC, a.published_at DESC, a.id DESC LIMIT :k"
)
_SCORE = (
    f"-bm25(article_fts, {HEADLINE_WEIGHT}, {BODY_WEIGHT}) * "
    f"pow(2.0, -min({MAX_HALVINGS}, max(0.0, :now - julianday(a.published_at)) / {HALF_LIFE_DAYS}))"
)
# The count stops at the cap: it starts from the end of the ids a date filter keeps (the newest unless only
# to: is given), so as not to step over every match the filter rejects first.
_COUNT = (
    f"SELECT count(*) FROM (SELECT 1 FROM article_fts JOIN {_ARTICLE_DATES} ON a.id = article_fts.rowid "
    "WHERE article_fts MATCH :q{filters} ORDER BY article_fts.rowid {direction} LIMIT :cap)"
)
_COUNT_WORDS = "SELECT count(*) FROM (SELECT 1 FROM article_fts WHERE article_fts MATCH :q LIMIT :cap)"
_PAGE = (
    "SELECT a.id, a.headline, a.published_at, a.source, a.url, a.dated, "
    f"snippet(article_fts, 1, :hs, :he, '…', {SNIPPET_TOKENS}) AS snip "
    "FROM article_fts JOIN articles a ON a.id = article_fts.rowid WHERE article_fts MATCH :q AND a.id IN ({ids})"
)


class Search:
    """One query on one connection, as the ranking walk (`search.ranked`) asks for it."""

    def __init__(self, conn: Connection, query: SearchQuery, now: datetime, any_word: bool = False) -> None:
        self.conn, self.query = conn, query
        conditions, self.params = filter_sql(query, _stamp)
        self.filters = "".join(f" AND {c}" for c in conditions)
        self.params |= {"q": expression(query, any_word), "now": now.timestamp() / 86400 + _UNIX_EPOCH_JULIAN}
        self.terms = query.positive

    def count(self, cap: int) -> int:
        """How many articles match, counting at most `cap`."""
        f = self.query.filters
        direction = "ASC" if f.until and not f.since else "DESC"
        sql = _COUNT.format(filters=self.filters, direction=direction) if self.filters else _COUNT_WORDS
        return int(self.conn.execute(text(sql), self.params | {"cap": cap}).scalar_one())

    def bound(self) -> float:
        """The highest BM25 any article can reach for this query: (K1 + 1) × the IDF of each phrase, as FTS5
        computes it from the number of rows (at most the highest id) and of rows with the phrase."""
        rows = int(self.conn.execute(text("SELECT coalesce(max(id), 0) FROM articles")).scalar_one())
        idf = [max(MIN_IDF, math.log((rows - n + 0.5) / (n + 0.5))) for n in self._phrase_rows(rows)]
        return (BM25_K1 + 1) * sum(idf)

    def _phrase_rows(self, newest: int) -> list[int]:
        """How many rows hold each phrase: counting them is most of a common word's or a phrase's cost, so the
        counts are kept until an article is added (the next page of the same search, and repeated searches, reuse
        them); the uncounted ones are counted in one statement."""
        database = self.conn.engine.url.render_as_string()
        keys = [(database, newest, phrase(t)) for t in self.terms]
        missing = list(dict.fromkeys(k for k in keys if k not in _PHRASE_ROWS))
        if missing:
            counts = [f"(SELECT count(*) FROM article_fts WHERE article_fts MATCH :p{i})" for i in range(len(missing))]
            found = self.conn.execute(
                text("SELECT " + ", ".join(counts)), {f"p{i}": k[2] for i, k in enumerate(missing)}
            )
            if len(_PHRASE_ROWS) + len(missing) > MAX_COUNTS_KEPT:
                _PHRASE_ROWS.clear()
            _PHRASE_ROWS.update(zip(missing, (int(n) for n in found.one()), strict=True))
        return [_PHRASE_ROWS[k] for k in keys]

    def chunk(self, low: int, high: int, k: int) -> list[Scored]:
        """The best k matches with ids in [low, high]."""
        score = "0.0" if self.query.sort is Sort.NEW else _SCORE
        sql = _RANKED.format(score=score, filters=self.filters)
        rows = self.conn.execute(text(sql), self.params | {"low": low, "high": high, "k": k}).all()
        return [Scored(float(r.score), utc(r.published), int(r.id)) for r in rows]

    def page(self, ids: Sequence[int]) -> list[Hit]:
        """The hits with these ids, with the matched words marked, in this order."""
        if not ids:
            return []
        sql = _PAGE.format(ids=", ".join(str(int(i)) for i in ids))
        rows = self.conn.execute(text(sql), {"q": self.params["q"], "hs": HIT_START, "he": HIT_END}).all()
        found = {r.id: Hit(r.id, r.headline, utc(r.published_at), r.source, r.url, r.snip, r.dated) for r in rows}
        return [found[i] for i in ids if i in found]


# The page's ids first, then their rows: ordering reads only the narrow index. With `about:` the linked articles
# are few and looked up by id (else SQLite may walk every date checking each article).
_BROWSE_IDS = (
    "SELECT a.id FROM {table} WHERE {where} ORDER BY a.published_at DESC, a.id DESC LIMIT :limit OFFSET :offset"
)
_BROWSE = (
    "SELECT a.id, a.headline, a.published_at, a.source, a.url, a.dated, substr(a.text, 1, {chars}) AS snip "
    "FROM articles a WHERE a.id IN ({ids}) ORDER BY a.published_at DESC, a.id DESC"
)


def browse(conn: Connection, query: SearchQuery, limit: int, offset: int, cap: int) -> Found:
    """The articles that pass the filters and contain no excluded term, newest first."""
    conditions, params = filter_sql(query, _stamp)
    if query.excluded:
        conditions.append("a.id NOT IN (SELECT rowid FROM article_fts WHERE article_fts MATCH :excluded)")
        params["excluded"] = " OR ".join(phrase(t) for t in query.excluded)
    where = " AND ".join(conditions) or "1 = 1"
    table = _ARTICLE_DATES if query.filters.entities else "articles a"
    counted = text(f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {where} LIMIT :cap) AS matches")
    count = int(conn.execute(counted, params | {"cap": cap}).scalar_one())
    if offset >= min(count, cap - 1):
        return Found([], count)
    ids = conn.execute(text(_BROWSE_IDS.format(table=table, where=where)), params | {"limit": limit, "offset": offset})
    listed = ", ".join(str(int(i)) for i in ids.scalars())
    rows = conn.execute(text(_BROWSE.format(chars=BROWSE_SNIPPET_CHARS, ids=listed or "NULL"))).all()
    return Found(browse_hits(rows), count)
