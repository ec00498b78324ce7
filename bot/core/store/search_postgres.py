"""Search on PostgreSQL: the query tree as a tsquery built from bound parameters, ranked by ts_rank_cd times
recency (see `search`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, text

from bot.core.search.syntax import SearchQuery, Sort, Terms
from bot.core.store.search_base import (
    BROWSE_SNIPPET_CHARS,
    HALF_LIFE_DAYS,
    HIT_END,
    HIT_START,
    MAX_HALVINGS,
    Found,
    Hit,
    Scored,
    browse_hits,
    filter_sql,
)
from bot.core.store.timestamps import utc

DDL = (
    "ALTER TABLE articles ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', headline), 'A') || setweight(to_tsvector('english', text), 'B')) STORED",
    "CREATE INDEX IF NOT EXISTS ix_articles_search_vector ON articles USING GIN (search_vector)",
)
_HEADLINE_OPTIONS = f"StartSel={HIT_START}, StopSel={HIT_END}, MaxFragments=1, MaxWords=35, MinWords=15"


class _Terms:
    """Bound parameters for the terms of a tsquery: each term is `phraseto_tsquery('english', :tN)`, which reads
    any text as words (stop words dropped), so nothing typed is parsed as tsquery syntax."""

    def __init__(self) -> None:
        self.params: dict[str, object] = {}

    def term(self, terms: Terms) -> str:
        name = f"t{len(self.params)}"
        self.params[name] = " ".join(terms.words)
        return f"phraseto_tsquery('english', :{name})"

    def any(self, terms: Sequence[Terms]) -> str:
        return "(" + " || ".join(self.term(t) for t in terms) + ")"


def tsquery(conn: Connection, query: SearchQuery, any_word: bool = False) -> str | None:
    """The query's tsquery as text (PostgreSQL's own rendering, read back exactly by CAST AS tsquery), or None
    when its words are all stop words."""
    terms = _Terms()
    clauses = [query.positive] if any_word else query.clauses
    positive = " && ".join(terms.any(clause) for clause in clauses)
    full = f"{positive} && !!{terms.any(query.excluded)}" if query.excluded else positive
    row = conn.execute(text(f"SELECT numnode({positive}) AS words, CAST({full} AS text) AS q"), terms.params).one()
    return str(row.q) if row.words else None


def _stamp(moment: datetime) -> datetime:
    return moment


# Left alone, the planner walks the primary key or the table checking each article's search vector, which it
# prices far below the real cost of reading it back from TOAST (and a filter on the source it guesses to leave
# almost nothing). With these settings the GIN index finds the matches, combined with the primary key as bitmaps
# within a range of ids, so only matches are read. The driver
# prepares statements it runs often, and a generic plan would know neither the words nor the range.
_PLANNER_SETTINGS = (
    "SELECT set_config('plan_cache_mode', 'force_custom_plan', true), "
    "set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true)"
)
_Q = "CAST(:q AS tsquery)"
_SCORE = (
    f"ts_rank_cd(a.search_vector, {_Q}, 32) * power(2.0::float8, -least({MAX_HALVINGS}, "
    f"greatest(0.0, extract(epoch FROM (:now - a.published_at)) / 86400.0) / {HALF_LIFE_DAYS}))"
)
_RANKED = (
    "SELECT a.id, a.published_at AS published, {score} AS score FROM articles a "
    f"WHERE a.search_vector @@ {_Q} AND a.id BETWEEN :low AND :high{{filters}} "
    "ORDER BY score DESC, a.published_at DESC, a.id DESC LIMIT :k"
)
_COUNT = (
    f"SELECT count(*) FROM (SELECT 1 FROM articles a WHERE a.search_vector @@ {_Q} AND a.id > :floor{{filters}} "
    "LIMIT :cap) AS m"
)
_SAMPLE = f"SELECT avg((a.search_vector @@ {_Q})::int) FROM articles a WHERE a.id > :floor"
# Counting stops at the cap, but a GIN bitmap holds every match (and a phrase is checked against each one's
# positions, read back from TOAST): the count runs over ranges of the newest ids instead, the first sized from
# how common the query is among the newest SHARE_SAMPLE articles (RANGE_MARGIN times what should hold the cap),
# each next RANGE_GROWTH times larger.
SHARE_SAMPLE, RANGE_MARGIN, RANGE_GROWTH = 200, 2, 4
# A query of stop words alone (the search index keeps them) highlights nothing: the snippet is the opening.
_PAGE = (
    "SELECT a.id, a.headline, a.published_at, a.source, a.url, a.dated, "
    f"coalesce(ts_headline('english', a.text, {_Q}, :options), substr(a.text, 1, {BROWSE_SNIPPET_CHARS})) AS snip "
    "FROM articles a WHERE a.id = ANY(:ids)"
)


class Search:
    """One query on one connection, as the ranking walk (`search.ranked`) asks for it."""

    def __init__(self, conn: Connection, query: SearchQuery, now: datetime, any_word: bool = False) -> None:
        self.conn, self.query = conn, query
        conditions, self.params = filter_sql(query, _stamp)
        self.filters = "".join(f" AND {c}" for c in conditions)
        self.q = tsquery(conn, query, any_word)
        self.params |= {"q": self.q, "now": now}

    def count(self, cap: int) -> int:
        """How many articles match, counting at most `cap` (none when every word is a stop word)."""
        if self.q is None:
            return 0
        newest = int(self.conn.execute(text("SELECT coalesce(max(id), 0) FROM articles")).scalar_one())
        share = self.conn.execute(text(_SAMPLE), {"q": self.q, "floor": newest - SHARE_SAMPLE}).scalar()
        span = int(RANGE_MARGIN * cap / float(share)) if share else newest
        while True:
            floor = max(0, newest - span)
            [(counted,)] = self._planned(_COUNT.format(filters=self.filters), {"cap": cap, "floor": floor})
            if counted >= cap or floor == 0:
                return int(counted)
            span *= RANGE_GROWTH

    def bound(self) -> float:
        """ts_rank_cd with normalisation 32 is rank / (rank + 1): below 1 whatever the query."""
        return 1.0

    def chunk(self, low: int, high: int, k: int) -> list[Scored]:
        """The best k matches with ids in [low, high]."""
        score = "0.0" if self.query.sort is Sort.NEW else _SCORE
        rows = self._planned(_RANKED.format(score=score, filters=self.filters), {"low": low, "high": high, "k": k})
        return [Scored(float(r.score), utc(r.published), int(r.id)) for r in rows]

    def _planned(self, sql: str, params: dict[str, object]) -> Sequence[Row[Any]]:
        """Rows of a statement run with the GIN index (see _PLANNER_SETTINGS), the settings undone after it."""
        savepoint = self.conn.begin_nested()
        try:
            self.conn.execute(text(_PLANNER_SETTINGS))
            return self.conn.execute(text(sql), self.params | params).all()
        finally:
            savepoint.rollback()

    def page(self, ids: Sequence[int]) -> list[Hit]:
        """The hits with these ids, with the matched words marked, in this order."""
        if not ids:
            return []
        params = {"q": self.q, "ids": list(ids), "options": _HEADLINE_OPTIONS}
        rows = self.conn.execute(text(_PAGE), params).all()
        found = {r.id: Hit(r.id, r.headline, utc(r.published_at), r.source, r.url, r.snip, r.dated) for r in rows}
        return [found[i] for i in ids if i in found]


_BROWSE = (
    "SELECT a.id, a.headline, a.published_at, a.source, a.url, a.dated, substr(a.text, 1, {chars}) AS snip "
    "FROM articles a WHERE {where} ORDER BY a.published_at DESC, a.id DESC LIMIT :limit OFFSET :offset"
)


def browse(conn: Connection, query: SearchQuery, limit: int, offset: int, cap: int) -> Found:
    """The articles that pass the filters and contain no excluded term, newest first."""
    conditions, params = filter_sql(query, _stamp)
    if query.excluded:
        terms = _Terms()
        conditions.append(f"NOT (a.search_vector @@ {terms.any(query.excluded)})")
        params |= terms.params
    where = " AND ".join(conditions) or "TRUE"
    counted = text(f"SELECT count(*) FROM (SELECT 1 FROM articles a WHERE {where} LIMIT :cap) AS matches")
    count = int(conn.execute(counted, params | {"cap": cap}).scalar_one())
    if offset >= min(count, cap - 1):
        return Found([], count)
    sql = _BROWSE.format(chars=BROWSE_SNIPPET_CHARS, where=where)
    rows = conn.execute(text(sql), params | {"limit": limit, "offset": offset}).all()
    return Found(browse_hits(rows), count)
