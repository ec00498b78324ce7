"""Generations: which entities changed, and when, so that every process brings its caches up to date in place.

Every write transaction that changes the index takes the next generation number (`meta.generation`) and records it
against each entity it touched (`entity_changes`). A process whose caches were built at generation N reads the
entities changed since N and refreshes only those: an ingestion by itself, by `python -m bot ingest` beside it or
by another replica is seen the same way, through the database. Writers hold the write lock (`Store.writing`), so
generations are committed in the order of their numbers: a reader that has seen N has seen every change up to N.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Connection, Insert, Select, Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from bot.core.store import schema as s
from bot.core.store.rows import upsert_rows


@dataclass(frozen=True)
class Generation:
    """Where the index stands: the stored token, it as a number, and the newest generation that changed anything."""

    token: str | None  # as stored; None in a store never written to
    number: int | None  # None when an older release wrote last: its changes were not recorded
    reset: int = 0
    merged: int = 0  # the newest generation that merged an entity into another

    def merged_since(self, older: Generation) -> bool:
        """Whether an entity was merged into another after `older` (which `follows` says this one follows)."""
        return older.number is None or self.merged > older.number

    def follows(self, older: Generation) -> bool:
        """Whether caches built at `older` can be brought here by the entities changed since: nothing was reset
        in between and both are numbers (a store written by an older release is rebuilt from)."""
        return (
            self.number is not None
            and older.number is not None
            and older.number <= self.number
            and self.reset <= older.number
        )


def current(conn: Connection) -> Generation:
    """The store's generation, read in one statement."""
    return _generation(_meta(conn))


def _meta(conn: Connection) -> dict[str, str]:
    keys = [s.GENERATION_KEY, s.COUNTER_KEY, s.RESET_KEY, s.MERGED_KEY]
    return {
        row.key: row.value for row in conn.execute(select(s.meta.c.key, s.meta.c.value).where(s.meta.c.key.in_(keys)))
    }


def _generation(meta: dict[str, str]) -> Generation:
    token, counted = meta.get(s.GENERATION_KEY), meta.get(s.COUNTER_KEY)
    # An older release writes its own token and leaves the counter: its changes were not recorded.
    number = int(counted or 0) if token == counted else None
    return Generation(token, number, int(meta.get(s.RESET_KEY) or 0), int(meta.get(s.MERGED_KEY) or 0))


@dataclass
class Touched:
    """The entities a write transaction touched: recorded once, as one generation, before it commits."""

    entities: set[int] = field(default_factory=set)
    merged: bool = False  # one of them was merged into another

    def add(self, other: Touched) -> None:
        """Add what another article of the same transaction touched."""
        self.entities |= other.entities
        self.merged = self.merged or other.merged

    def record(self, conn: Connection) -> None:
        """Take the next generation for these changes (`record`)."""
        record(conn, self.entities, self.merged)


def changed_since(number: int) -> Select[Any]:
    """The ids of the entities changed after generation `number` (a subquery: no list of ids is sent)."""
    return select(s.entity_changes.c.entity_id).where(s.entity_changes.c.generation > number)


def changed_ids(conn: Connection, number: int, most: int) -> set[int] | None:
    """The ids of the entities changed after generation `number`, those since deleted included; None when more
    than `most` did (the caller then rebuilds rather than refreshes)."""
    found = set(conn.execute(changed_since(number).limit(most + 1)).scalars().all())
    return found if len(found) <= most else None


def record(conn: Connection, touched: Collection[int] | None, merged: bool = False) -> None:
    """Take the next generation for this transaction's changes: to the entities `touched` (`merged`: one of them
    was merged into another), or (None) to anything, which makes every process rebuild its caches. Call it inside
    the write lock (see the module docstring)."""
    meta = _meta(conn)
    new = int(meta.get(s.COUNTER_KEY) or 0) + 1
    if merged:
        _set(conn, s.MERGED_KEY, new)
    if touched is None or _generation(meta).number is None:  # None: an older release wrote last, unrecorded
        _set(conn, s.RESET_KEY, new)
        conn.execute(delete(s.entity_changes))  # every cache older than the reset is rebuilt: none needs these
    if touched:
        rows = [{"entity_id": entity_id, "generation": new} for entity_id in sorted(touched)]
        upsert_rows(conn, s.entity_changes, rows, "entity_id", "generation")  # one statement on PostgreSQL
    _set(conn, s.COUNTER_KEY, new)
    _set(conn, s.GENERATION_KEY, new)


def _set(conn: Connection, key: str, number: int) -> None:
    conn.execute(_upsert(conn.dialect.name, s.meta, "key", "value"), {"key": key, "value": str(number)})


@cache
def _upsert(dialect_name: str, table: Table, unique: str, column: str) -> Insert:
    """Insert a row, or set `column` of the row with its `unique` value: built once (every ingested article runs
    these, and building one costs more than running it)."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    stmt = dialect.insert(table)
    built: Insert = stmt.on_conflict_do_update(index_elements=[unique], set_={column: stmt.excluded[column]})
    return built
