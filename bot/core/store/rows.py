"""An article's rows, gathered while its entities are resolved and written in a few statements at the end."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import ARRAY, Connection, Dialect, Float, Insert, Table, Update, bindparam, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.core import names
from bot.core.models import Extracted
from bot.core.store import schema as s


class ArticleRows:
    """One article's rows for the alias, link, mention, role, quote and fact tables, written in one go."""

    def __init__(self, article_id: int, published: datetime) -> None:
        self.article_id, self.published = article_id, published
        self.links: dict[int, dict[str, Any]] = {}  # entity id -> its entity_articles row, not yet stored
        self.stored: set[int] = set()  # entities whose link to the article is already stored
        self.owned: dict[Table, list[dict[str, Any]]] = {s.mentions: [], s.roles: [], s.quotes: [], s.base_facts: []}
        self.aliases: dict[tuple[int, str], dict[str, Any]] = {}

    def new_aliases(self, entity_id: int, found: Extracted) -> list[str]:
        """Gather the entity's names; returns their keys."""
        keys = []
        # In sorted order: of two spellings with one key the same one is stored, and the rows go in in the same
        # order, whatever the set's (hash-seeded) order.
        for alias in sorted(found.aliases):
            if key := names.key(alias):
                row = {"entity_id": entity_id, "key": key, "alias": alias, "skeleton": names.skeleton(key),
                       "consonants": names.consonants(key)}  # fmt: skip
                self.aliases.setdefault((entity_id, key), row)
                keys.append(key)
        return keys

    def add(self, conn: Connection, entity_id: int, found: Extracted) -> bool:
        """Gather what was found about the entity; True when this is its first link to the article."""
        owned = {"entity_id": entity_id, "article_id": self.article_id}
        dated = {**owned, "published_at": self.published}
        self.owned[s.mentions] += [{**owned, **vars(m)} for m in found.mentions]
        self.owned[s.roles] += [{**dated, "title": r.title, "sentence": r.sentence} for r in found.roles]
        self.owned[s.quotes] += [{**dated, "text": q.text, "sentence": q.sentence} for q in found.quotes]
        self.owned[s.base_facts] += [{**dated, **vars(f)} for f in found.base_facts]
        return self._link(conn, entity_id, found)

    def _link(self, conn: Connection, entity_id: int, found: Extracted) -> bool:
        first, mentions = found.mentions[0], len(found.mentions)  # an entity is found by its mentions
        votes = {kind.value: weight for kind, weight in found.votes.items()}
        if entity_id in self.stored:  # only after a merge stored this article's rows early
            _add_to_stored_link(conn, entity_id, self.article_id, mentions, votes)
            return False
        if entity_id in self.links:  # two of the article's entities turned out to be one stored entity
            link = self.links[entity_id]
            link["mentions"] += mentions
            link["votes"] = _summed(link["votes"], votes)
            return False
        self.links[entity_id] = {
            "entity_id": entity_id,
            "article_id": self.article_id,
            "mentions": mentions,
            "sent_start": first.sent_start,
            "sent_end": first.sent_end,
            "votes": votes,
            "published_at": self.published,
        }
        return True

    def merged(self, source_id: int, target_id: int) -> None:
        """Entity `source_id` was folded into `target_id` (after a flush: nothing of it is pending)."""
        if source_id in self.stored:
            self.stored.discard(source_id)
            self.stored.add(target_id)

    def flush(self, conn: Connection) -> None:
        """Store everything gathered so far."""
        insert_ignore(conn, s.aliases, self.aliases.values(), ("entity_id", "key"))
        self.aliases.clear()
        insert_rows(conn, s.entity_articles, self.links.values())
        for table, rows in self.owned.items():
            if table is s.quotes:
                insert_ignore(conn, table, rows, ("entity_id", "article_id", "text"))
            else:
                insert_rows(conn, table, rows)
            rows.clear()
        self.stored.update(self.links)
        self.links.clear()


def _add_to_stored_link(
    conn: Connection, entity_id: int, article_id: int, mentions: int, votes: dict[str, float]
) -> None:
    link = s.entity_articles.c
    where = (link.entity_id == entity_id, link.article_id == article_id)
    known = conn.execute(select(link.mentions, link.votes).where(*where)).one()
    conn.execute(
        update(s.entity_articles)
        .where(*where)
        .values(mentions=known.mentions + mentions, votes=_summed(known.votes, votes))
    )


def _summed(a: dict[str, float], b: dict[str, float]) -> dict[str, float]:
    # keys in the order `a` then `b` gives them (not a set's, which changes with the hash seed): the same JSON text
    return {k: a.get(k, 0.0) + b.get(k, 0.0) for k in dict.fromkeys([*a, *b])}


def insert_rows(conn: Connection, table: Table, rows: Iterable[dict[str, Any]]) -> None:
    """Insert rows that all give the same columns, in one `executemany`."""
    _bulk_insert(conn, table, list(rows), ())


def update_rows(conn: Connection, table: Table, key: str, rows: Iterable[dict[str, Any]]) -> None:
    """Set columns of stored rows: each of `rows` gives the `key` column's value of the row it sets (unique among
    them) and the same columns' new values. On PostgreSQL in one statement, each column's values as one array
    (`UPDATE … FROM unnest(…)`), see `_bulk_insert`; on SQLite in one `executemany`."""
    rows = list(rows)
    if rows:
        columns = tuple(rows[0])
        _BulkUpdate.of(conn.dialect, table, key, tuple(c for c in columns if c != key)).run(conn, rows)


def insert_ignore(conn: Connection, table: Any, rows: Iterable[dict[str, Any]], keys: Sequence[str]) -> None:
    """Insert rows, skipping those whose key columns already exist (portable ON CONFLICT DO NOTHING)."""
    _bulk_insert(conn, table, list(rows), tuple(keys))


def upsert_rows(conn: Connection, table: Table, rows: Iterable[dict[str, Any]], key: str, column: str) -> None:
    """Insert rows, or set `column` of the stored row with the same `key` (ON CONFLICT DO UPDATE); no two of
    `rows` have the same key."""
    _bulk_insert(conn, table, list(rows), (key,), (column,))


def _bulk_insert(
    conn: Connection,
    table: Table,
    rows: list[dict[str, Any]],
    conflict_keys: tuple[str, ...],
    updated: tuple[str, ...] = (),
) -> None:
    """Run the insert `_BulkInsert` prepares for these rows' columns, as SQL the driver takes as it is.

    An article's rows (mentions, links, aliases …) are a hundred or more: SQLAlchemy would build a parameter set
    for each from the compiled statement and run every value through its column's type, a measurable share of
    storing an article. Here each row becomes a tuple of its values, and only the columns whose type converts its
    values (dates on SQLite, JSON) are converted, by the processors SQLAlchemy itself would use.

    On PostgreSQL the rows go in one statement, a column's values as one array (`SELECT * FROM unnest(…)`):
    psycopg's `executemany` sends the rows one by one, which cost the client more CPU than the rows' values, and
    a statement of many rows (`VALUES (…), (…)`) is text psycopg parses anew for every count of rows. SQLite's
    `executemany` steps one prepared statement through the rows. Either way the rows are inserted in order (their
    ids are the same), and with `conflict_keys` a row whose key an earlier row of the same statement took is
    skipped, as it was when that row was stored first (or, `updated`, sets those columns of the row stored)."""
    if rows:
        _BulkInsert.of(conn.dialect, table, tuple(rows[0]), conflict_keys, updated).run(conn, rows)


def _in_binary(sql: str) -> str:
    """A statement whose parameters (arrays) psycopg sends in binary (`%(name)b`): it writes a list as text by
    escaping every element with a regular expression."""
    return re.sub(r"%\((\w+)\)s", r"%(\1)b", sql)


class _BulkInsert:
    """An insert compiled once for one dialect, table and set of columns, with what converts each row's values."""

    def __init__(
        self,
        dialect: Dialect,
        table: Table,
        columns: tuple[str, ...],
        conflict_keys: tuple[str, ...],
        updated: tuple[str, ...] = (),
    ):
        missing = [c.key for c in table.columns if c.default is not None and c.key not in columns]
        if missing:  # a Python-side default is SQLAlchemy's to fill in, which this does not do
            raise ValueError(f"rows for {table.name} must give {', '.join(missing)}")
        self.arrays = dialect.name == "postgresql"  # a column's values in one array, the rows in one statement
        statement: Insert = insert(table)
        if conflict_keys:
            variant = postgresql if self.arrays else sqlite
            upsert = variant.insert(table)
            statement = (
                upsert.on_conflict_do_update(
                    index_elements=list(conflict_keys), set_={c: upsert.excluded[c] for c in updated}
                )
                if updated
                else upsert.on_conflict_do_nothing(index_elements=list(conflict_keys))
            )
        if self.arrays:
            arrays = [bindparam(c, type_=ARRAY(table.c[c].type)) for c in columns]
            given = select(func.unnest(*arrays).table_valued(*columns).render_derived())
            statement = statement.from_select(list(columns), given)
        else:
            statement = statement.values({c: bindparam(c) for c in columns})
        compiled = statement.compile(dialect=dialect)
        self.sql = _in_binary(compiled.string) if self.arrays else compiled.string
        self._order = tuple(compiled.positiontup) if compiled.positional and compiled.positiontup else columns
        self._convert = _converters(dialect, table, columns, self.arrays)
        self.row = _picker(self._order, self._convert)  # a row's values as the driver takes them, in order

    @staticmethod
    @lru_cache(maxsize=64)  # a few tables and column sets per engine's dialect
    def of(
        dialect: Dialect,
        table: Table,
        columns: tuple[str, ...],
        conflict_keys: tuple[str, ...],
        updated: tuple[str, ...] = (),
    ) -> _BulkInsert:
        """The prepared insert, built once (building one costs more than running it)."""
        return _BulkInsert(dialect, table, columns, conflict_keys, updated)

    def run(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        """Execute the statement for `rows`: once with a column's values as one array each, or once per row."""
        if self.arrays:
            conn.exec_driver_sql(self.sql, self.columns(rows))
        else:
            conn.exec_driver_sql(self.sql, [self.row(row) for row in rows])

    def columns(self, rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
        """The rows' values as one list per column, by name."""
        values = {c: [row[c] for row in rows] for c in self._order}
        for c, convert in self._convert.items():
            values[c] = [convert(v) for v in values[c]]
        return values


class _BulkUpdate(_BulkInsert):
    """An update of rows by a key column, compiled once for one dialect, table and set of columns."""

    def __init__(self, dialect: Dialect, table: Table, key: str, columns: tuple[str, ...]):
        self.arrays = dialect.name == "postgresql"
        given = (key, *columns)
        statement: Update
        if self.arrays:
            arrays = [bindparam(f"new_{c}", type_=ARRAY(table.c[c].type)) for c in given]
            rows = func.unnest(*arrays).table_valued(*given).render_derived(name="given")
            statement = update(table).where(table.c[key] == rows.c[key]).values({c: rows.c[c] for c in columns})
        else:
            statement = update(table).where(table.c[key] == bindparam(f"new_{key}"))
            statement = statement.values({c: bindparam(f"new_{c}") for c in columns})
        compiled = statement.compile(dialect=dialect)
        self.sql = _in_binary(compiled.string) if self.arrays else compiled.string
        bound = compiled.positiontup if compiled.positional and compiled.positiontup else [f"new_{c}" for c in given]
        self._order = tuple(b.removeprefix("new_") for b in bound)
        self._names = {c: f"new_{c}" for c in given}
        self._convert = _converters(dialect, table, given, self.arrays)
        self.row = _picker(self._order, self._convert)

    @staticmethod
    @lru_cache(maxsize=16)
    def of(dialect: Dialect, table: Table, key: str, columns: tuple[str, ...]) -> _BulkUpdate:
        """The prepared update, built once."""
        return _BulkUpdate(dialect, table, key, columns)

    def columns(self, rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
        """The rows' values as one list per column, by their parameters' names."""
        return {self._names[c]: values for c, values in super().columns(rows).items()}


def _picker(order: tuple[str, ...], convert: dict[str, Any]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """What gives a row's values as the driver takes them, in the statement's order: picked in one call (the
    rows of an article are many and most of their values are not converted), then those converted converted."""
    # of one key, `itemgetter` gives the value alone
    pick: Callable[[dict[str, Any]], Any] = (
        itemgetter(*order) if len(order) > 1 else lambda row: tuple([row[c] for c in order])
    )
    converted = [(i, convert[c]) for i, c in enumerate(order) if c in convert]
    if not converted:
        return pick

    def values(row: dict[str, Any]) -> tuple[Any, ...]:
        picked = list(pick(row))
        for i, process in converted:
            picked[i] = process(picked[i])
        return tuple(picked)

    return values


def _converters(dialect: Dialect, table: Table, columns: Sequence[str], arrays: bool) -> dict[str, Any]:
    """What converts the values of those columns whose type converts them (dates on SQLite, JSON), by the
    processors SQLAlchemy itself would use; in arrays, a float column's values are floats, as an array's elements
    are all of one type (a count of votes given as an int is a float too)."""
    convert = {
        c: process for c in columns if (process := table.c[c].type.dialect_impl(dialect).bind_processor(dialect))
    }
    if arrays:
        convert |= {c: _float for c in columns if isinstance(table.c[c].type, Float) and c not in convert}
    return convert | {c: _last_kept(process) for c, process in convert.items() if _is_date(table.c[c].type)}


def _is_date(kind: Any) -> bool:
    try:
        return bool(kind.python_type is datetime)
    except NotImplementedError:  # a type that does not say
        return False


def _last_kept(process: Any) -> Any:
    """`process`, which gives the date it was last given as it did then: an article's rows all carry its date
    (the same object), which SQLite's processor formats anew for each row."""
    last: list[Any] = [None, None]  # the date given last (held, so that it is still that object), and its value

    def convert(value: Any) -> Any:
        if value is not last[0] or value is None:
            last[:] = value, process(value)
        return last[1]

    return convert


def _float(value: Any) -> Any:
    return None if value is None else float(value)
