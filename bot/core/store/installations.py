"""Military installations summarised in SQL: how often each kind, operator and location is stated, and the newest
statement. An installation in the news gathers thousands of facts; a /bases answer needs a few counts of each."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, desc, func, select

from bot.core.models import EntityType
from bot.core.store import schema as s
from bot.core.store.records import ENTITY_COLUMNS, Installation, Stated, installation, stated

_F = s.base_facts.c
_E = s.entities.c
_A = s.articles.c
# The facts an installation summary counts: each stated value is counted over every sentence stating it.
_COUNTED = ("kind", "operator", "location")


# Which installations to summarise: every one (None), one by id, or those whose ids a subquery selects.
Among = int | Select[Any] | None
# An installation's counted statements: per field (kind, operator, location), each stated value's.
Counted = dict[str, dict[str, Stated]]


def summarise(conn: Connection, among: Among = None, counted: dict[int, Counted] | None = None) -> list[Installation]:
    """Every installation with facts (or only those `among`), most written-about first; their statements are
    counted here unless `counted` gives them (kept up to date by the caller, `caches.InstallationIndex`)."""
    counted = count_facts(conn, among) if counted is None else counted
    # Outside a snapshot transaction PostgreSQL reads each statement at its own snapshot: a fact written in
    # between is left for the next summary.
    return [installation(r, _listed(counted[r.id])) for r in _newest_facts(conn, among) if r.id in counted]


def newest_fact_id(conn: Connection) -> int:
    """The id of the newest fact (0 with none): facts are numbered in the order they are stored."""
    return int(conn.execute(select(func.max(_F.id))).scalar() or 0)


def count_facts(conn: Connection, among: Among, after: int = 0, upto: int | None = None) -> dict[int, Counted]:
    """Per entity (of those `among`), each stated value's statements among its facts numbered after `after`
    (and up to `upto`): one GROUP BY over a few distinct combinations."""
    query = select(
        _F.entity_id, _F.kind, _F.operator, _F.location, func.count().label("n"),
        func.max(_F.published_at).label("last"), func.min(_F.id).label("first_id"),
    ).group_by(_F.entity_id, _F.kind, _F.operator, _F.location)  # fmt: skip
    if after:
        query = query.where(_F.id > after)
    if upto is not None:
        query = query.where(_F.id <= upto)
    counted: dict[int, Counted] = {}
    for row in conn.execute(_only(query, _F.entity_id, among)):
        fields = counted.setdefault(row.entity_id, {field: {} for field in _COUNTED})
        for field in _COUNTED:
            if getattr(row, field):
                _add(fields[field], stated(row, field))
    return counted


def added(counted: Counted, more: Counted) -> Counted:
    """The statements of `counted` and `more` together (a new value; neither is changed)."""
    together = {field: dict(counted.get(field, {})) for field in _COUNTED}
    for field, values in more.items():
        for value in values.values():
            _add(together[field], value)
    return together


def _add(values: dict[str, Stated], new: Stated) -> None:
    seen = values.get(new.value)
    values[new.value] = new if seen is None else _plus(seen, new)


def _listed(counted: Counted) -> dict[str, tuple[Stated, ...]]:
    """Each field's values in the order the corpus first stated them: the same however they were counted."""
    return {field: tuple(sorted(counted[field].values(), key=lambda s: s.first_id)) for field in _COUNTED}


def _plus(one: Stated, other: Stated) -> Stated:
    """One value's statements counted over two combinations."""
    return Stated(one.value, one.count + other.count, max(one.last, other.last), min(one.first_id, other.first_id))


def _newest_facts(conn: Connection, among: Among) -> list[Any]:
    """Each installation with its newest fact and that fact's article, read off the (entity, date) index."""
    newest = (
        select(_F.id)
        .where(_F.entity_id == _E.id)
        .order_by(desc(_F.published_at), _F.id)
        .limit(1)
        .correlate(s.entities)
        .scalar_subquery()
    )
    query = select(_E.id, newest.label("fact_id")).where(_E.type == EntityType.INSTALLATION.value)
    fact_ids = [r.fact_id for r in conn.execute(_only(query, _E.id, among)) if r.fact_id is not None]
    if not fact_ids:
        return []
    # A second query rather than a join on the subquery: PostgreSQL would hash-join it against every fact.
    return list(
        conn.execute(
            select(
                *ENTITY_COLUMNS, _F.kind, _F.operator, _F.location, _F.sentence,
                _F.article_id, _A.headline, _A.published_at, _A.source, _A.url, _A.dated,
            )
            .join(s.entities, _E.id == _F.entity_id)
            .join(s.articles, _A.id == _F.article_id)
            .where(_F.id.in_(fact_ids))
            .order_by(desc(_E.article_count), _E.name, _E.id)
        ).all()
    )  # fmt: skip


def _only(query: Select[Any], column: Any, among: Among) -> Select[Any]:
    if among is None:
        return query
    return query.where(column == among) if isinstance(among, int) else query.where(column.in_(among))
