"""Bulk loading of generated records: the rows `Store.add_article` would write, thousands per transaction.

Valid for corpora whose entities never merge (see `bench.corpus`): each entity key then names one stored
entity, and the writer's resolution reduces to "same key, same entity". `tests/test_bench_smoke.py` checks
that a bulk-loaded store equals one written article by article through the real write path.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Engine, Table, bindparam, func, select, text, update

from bench.corpus import Record
from bot.core import names
from bot.core.models import EntityType, Extracted, decide_type
from bot.core.store import Store, changes
from bot.core.store import schema as s
from bot.core.store.shortnames import with_short_names
from bot.core.store.writer import MANY_ARTICLES, article_values

# Articles per transaction: large enough that executemany dominates, small enough to bound memory.
CHUNK = 2000
# Rows per PostgreSQL COPY read from SQLite at a time.
COPY_CHUNK = 20_000


@dataclass
class _Entity:
    id: int
    name: str
    key: str
    votes: dict[str, float] = field(default_factory=dict)
    articles: int = 0
    aliases: set[str] = field(default_factory=set)


@dataclass
class _Rows:
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, table: Table, row: dict[str, Any]) -> None:
        self.tables.setdefault(table.name, []).append(row)


class BulkLoader:
    """Writes records as the real writer would, for stores holding only records loaded by this loader."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.entities: dict[str, _Entity] = {}
        self.hashes: set[str] = set()
        self.keys: dict[str, str] = {}  # alias -> names.key(alias): the same few surfaces recur in every article
        with store.engine.connect() as conn:
            self.next_article = int(conn.execute(select(func.coalesce(func.max(s.articles.c.id), 0))).scalar_one()) + 1
            self.next_entity = int(conn.execute(select(func.coalesce(func.max(s.entities.c.id), 0))).scalar_one()) + 1

    def load(self, records: Iterable[Record]) -> int:
        """Store every record not already stored; returns how many were new."""
        new = 0
        for chunk in _chunks(iter(records), CHUNK):
            rows = _Rows()
            for article, ingested, extracted in chunk:
                if article.content_hash in self.hashes:
                    continue
                self.hashes.add(article.content_hash)
                self._article(rows, article, ingested, extracted)
                new += 1
            with self.store.writing() as conn:
                if conn.dialect.name == "sqlite":
                    conn.exec_driver_sql(f"PRAGMA cache_size = -{LOAD_CACHE_KIB:d}")
                self._write(conn, rows)
        with self.store.writing() as conn:
            self._finish(conn)
        return new

    def _article(self, rows: _Rows, article: Any, ingested: datetime, extracted: list[Extracted]) -> None:
        article_id, self.next_article = self.next_article, self.next_article + 1
        rows.add(
            s.articles,
            {"id": article_id, **article_values(article, ingested)},
        )
        for found in extracted:
            self._entity(rows, article_id, article.published, found)

    def _entity(self, rows: _Rows, article_id: int, published: datetime, found: Extracted) -> None:
        found = with_short_names(found)  # the writer keeps an entity's shorter names ("UN") among its aliases
        entity = self.entities.get(found.key)
        if entity is None:
            entity = self.entities[found.key] = _Entity(self.next_entity, found.name, found.key)
            self.next_entity += 1
            rows.add(s.entities, {"id": entity.id, "name": found.name, "key": found.key, "type": found.type.value})
        for alias in found.aliases:
            alias_key = self.keys.get(alias)
            if alias_key is None:
                alias_key = self.keys[alias] = names.key(alias)
            if alias_key and alias_key not in entity.aliases:
                entity.aliases.add(alias_key)
                row = {"entity_id": entity.id, "key": alias_key, "alias": alias, "skeleton": names.skeleton(alias_key),
                       "consonants": names.consonants(alias_key)}  # fmt: skip
                rows.add(s.aliases, row)
        votes = {kind.value: weight for kind, weight in found.votes.items()}
        first, owned = found.mentions[0], {"entity_id": entity.id, "article_id": article_id}
        dated = {**owned, "published_at": published}
        rows.add(
            s.entity_articles,
            {
                **dated,
                "mentions": len(found.mentions),
                "sent_start": first.sent_start,
                "sent_end": first.sent_end,
                "votes": votes,
            },
        )
        for m in found.mentions:
            rows.add(s.mentions, {**owned, **vars(m)})
        for r in found.roles:
            rows.add(s.roles, {**dated, "title": r.title, "sentence": r.sentence})
        first_quotes: dict[str, Any] = {}
        for q in found.quotes:  # the writer ignores a repeated quote: the first one stays
            first_quotes.setdefault(q.text, q)
        for q in first_quotes.values():
            rows.add(s.quotes, {**dated, "text": q.text, "sentence": q.sentence})
        for f in found.base_facts:
            rows.add(s.base_facts, {**dated, **vars(f)})
        for kind, weight in votes.items():
            entity.votes[kind] = entity.votes.get(kind, 0.0) + weight
        entity.articles += 1
        if _decided(entity) is not EntityType.INSTALLATION and len(found.name.split()) > len(entity.name.split()):
            entity.name, entity.key = found.name, names.key(found.name)

    def _write(self, conn: Connection, rows: _Rows) -> None:
        for table in (
            s.articles,
            s.entities,
            s.aliases,
            s.entity_articles,
            s.mentions,
            s.roles,
            s.quotes,
            s.base_facts,
        ):
            batch = rows.tables.get(table.name)
            if not batch:
                continue
            if table is s.entities:
                batch = [{**r, "article_count": 0, **dict.fromkeys(s.VOTE_COLUMNS.values(), 0.0)} for r in batch]
            _insert_many(conn, table, batch)
        if conn.dialect.name == "sqlite":
            fts = [{"id": r["id"], "headline": r["headline"], "body": r["text"]} for r in rows.tables[s.articles.name]]
            conn.execute(text("INSERT INTO article_fts(rowid, headline, text) VALUES (:id, :headline, :body)"), fts)

    def _finish(self, conn: Connection) -> None:
        """Set every entity's final votes, type, name and article count (the writer updates them as it goes)."""
        rows = []
        for entity in self.entities.values():
            kind = _decided(entity)
            family = names.surname(names.key(entity.name)) if kind is EntityType.PERSON else None
            row: dict[str, Any] = {column: entity.votes.get(k, 0.0) for k, column in s.VOTE_COLUMNS.items()}
            row |= {
                "eid": entity.id,
                "type": kind.value,
                "name": entity.name,
                "key": entity.key,
                "surname": names.skeleton(family) if family else None,
                "article_count": entity.articles,
            }
            rows.append(row)
        if rows:
            values: dict[str, Any] = {
                c: bindparam(c) for c in [*s.VOTE_COLUMNS.values(), "type", "name", "key", "surname", "article_count"]
            }
            conn.execute(update(s.entities).where(s.entities.c.id == bindparam("eid")).values(**values), rows)
        changes.record(conn, None)  # written around the writer: every process rebuilds its caches


def _insert_many(conn: Connection, table: Table, batch: list[dict[str, Any]]) -> None:
    """`INSERT` the rows (dicts with the same keys) with the driver's executemany: SQLAlchemy's `insert(table)`
    builds a parameter dict per row through its compiler, which took half the time of a bulk load. Values go
    through each column type's own bind processor, so the rows stored are the same."""
    columns = list(batch[0])
    convert = [table.c[c].type.bind_processor(conn.dialect) for c in columns]
    marker = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    quoted = ", ".join(f'"{c}"' for c in columns)
    sql = f"INSERT INTO {table.name} ({quoted}) VALUES ({', '.join([marker] * len(columns))})"
    rows = [tuple(row[c] if f is None else f(row[c]) for c, f in zip(columns, convert, strict=True)) for row in batch]
    conn.exec_driver_sql(sql, rows)


def _decided(entity: _Entity) -> EntityType:
    votes = {EntityType(k): v for k, v in entity.votes.items()}
    return decide_type(votes, entity.key if entity.articles >= MANY_ARTICLES else None)


def _chunks(items: Iterator[Record], size: int) -> Iterator[list[Record]]:
    while chunk := list(islice(items, size)):
        yield chunk


# Secondary indexes are dropped while a corpus is loaded and built once at the end: inserting a million articles'
# rows into a dozen B-trees in random key order is most of the load (issue 16). Their definitions are read back
# from the database itself, so the rebuilt indexes are the ones the schema and migrations made.
_SQLITE_INDEXES = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({})"
_POSTGRES_INDEXES = (
    "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.tablename IN ({}) "
    "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = to_regclass(quote_ident(i.indexname)))"
)
# SQLite's page cache while loading (negative: KiB), so that the FTS and primary-key B-trees stay in memory.
LOAD_CACHE_KIB = 512 * 1024


@contextmanager
def deferred_indexes(engine: Engine, tables: Iterable[Table]) -> Iterator[None]:
    """Drop the secondary indexes of `tables` (not those of primary keys or unique constraints), and create them
    again, as they were defined, on leaving."""
    names_ = ", ".join(f"'{t.name}'" for t in tables)
    query = (_SQLITE_INDEXES if engine.dialect.name == "sqlite" else _POSTGRES_INDEXES).format(names_)
    with engine.begin() as conn:
        found = [(str(name), str(sql)) for name, sql in conn.exec_driver_sql(query)]
        for name, _sql in found:
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":  # sorting in memory rather than in temporary files
            conn.exec_driver_sql(f"SET LOCAL maintenance_work_mem = '{LOAD_CACHE_KIB // 1024:d}MB'")
        for _name, sql in found:
            conn.exec_driver_sql(sql)


COPIED_TABLES = (s.articles, s.entities, s.aliases, s.entity_articles, s.mentions, s.roles, s.quotes, s.base_facts)
SERIAL_TABLES = (s.articles, s.entities, s.mentions, s.roles, s.quotes, s.base_facts)


def copy_to_postgres(source: Engine, target: Store) -> None:
    """Copy every row of a (SQLite) store into an empty PostgreSQL store with COPY, ids included."""
    with deferred_indexes(target.engine, COPIED_TABLES):
        _copy_rows(source, target)
    with target.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))  # a live database would have been analysed by autovacuum


def _copy_rows(source: Engine, target: Store) -> None:
    raw = target.engine.raw_connection()
    try:
        pg = raw.driver_connection
        assert pg is not None
        with pg.cursor() as cursor:
            cursor.execute("SET TIME ZONE 'UTC'")
            for table in COPIED_TABLES:
                columns = [c.name for c in table.columns if c.name != "search_vector"]
                quoted = ", ".join(f'"{c}"' for c in columns)
                with source.connect() as conn, cursor.copy(f"COPY {table.name} ({quoted}) FROM STDIN") as copy:
                    result = conn.execution_options(yield_per=COPY_CHUNK).execute(select(*table.columns))
                    for row in result:
                        copy.write_row([_pg_value(v) for v in row])
            for table in SERIAL_TABLES:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"(SELECT coalesce(max(id), 0) + 1 FROM {table.name}), false)"
                )
        pg.commit()
    finally:
        raw.close()


def _pg_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value
    if isinstance(value, dict):
        return json.dumps(value)
    return value
