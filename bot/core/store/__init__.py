"""The store: articles and the entity index in SQLite (default) or PostgreSQL, through SQLAlchemy Core."""

from __future__ import annotations

import copy
import itertools
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, MetaData, create_engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError

from bot.core.models import Article, Extracted
from bot.core.store import changes, deadline, migrate, rows, schema, state, writer  # noqa: F401  (state: its tables join schema.metadata)
from bot.core.store.availability import UNAVAILABLE, StoreUnavailable, is_outage, outage, ping_when_idle
from bot.core.store.reader import Reader
from bot.core.store.schema import SCHEMA_LOCK_KEY, WRITE_LOCK_KEY, write_transaction
from bot.core.store.search_index import SearchIndex
from bot.core.store.team import Team

__all__ = ["UNAVAILABLE", "Store", "StoreUnavailable", "Team", "ensure_tables", "is_outage", "open_store", "outage"]


class Store(Reader):
    """Reads (from `Reader`) and the one write path: an article with its entities, in one transaction.

    The corpus (articles, entities) is shared by every workspace; the rows a workspace owns are read and written
    for `team`: one workspace's when the store is scoped (`for_team`), every workspace's when it is None (the
    scheduler, the command line), new rows then going to the legacy team.
    """

    def __init__(self, engine: Engine, team: Team | None = None, search_index: SearchIndex | None = None) -> None:
        super().__init__(engine, search_index)
        self.team = team

    def for_team(self, team: Team) -> Store:
        """The same store (connections and caches shared) reading and writing only `team`'s own rows."""
        scoped = copy.copy(self)
        scoped.team = team
        return scoped

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction, one at a time across processes: entity resolution reads, then writes, and two
        ingestions interleaving could otherwise both create the same entity or article."""
        with write_transaction(self.engine, WRITE_LOCK_KEY) as conn:
            yield conn

    def add_article(self, article: Article, extracted: Sequence[Extracted], now: datetime | None = None) -> int | None:
        """Index an article; None when the same content or URL is already stored. Raises what storing it raised."""
        [stored] = self.add_articles([(article, extracted)], lambda: now or datetime.now(UTC))
        if isinstance(stored, Exception):
            raise stored
        return stored

    def add_articles(
        self,
        found: Iterable[tuple[Article, Sequence[Extracted]]],
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> list[int | Exception | None]:
        """Index articles in one write transaction, each in a savepoint of its own: for each, its id, None when the
        same content or URL is already stored, or the error that kept it out (nothing of it is stored; the others
        are). One commit, one write lock and one generation for all of them, rather than one each. The articles are
        taken from `found` one at a time and the lock is held until the last is stored, so a caller ends `found`
        early to stop, or to let other writers in (`pipeline._store`). An error that says the store cannot be
        reached (`is_outage`) is raised, and nothing of this transaction is stored."""
        results: list[int | Exception | None] = []
        touched = changes.Touched()
        taken = iter(found)
        first = next(taken, None)
        if first is None:
            return results  # nothing to store (a stopped ingestion, a batch of duplicates): no lock to wait for
        with self.writing() as conn:
            for article, extracted in itertools.chain([first], taken):
                savepoint = conn.begin_nested()
                try:
                    if writer.find_duplicate(conn, article) is not None:
                        savepoint.commit()
                        results.append(None)
                        continue
                    article_id, article_touched = writer.add_article(conn, article, extracted, now())
                except Exception as error:
                    # An outage is raised as it is: the whole transaction is rolled back, and rolling back to the
                    # savepoint first would answer with its own error instead (SQLite has already rolled back
                    # everything after some errors, a full disk among them: "no such savepoint").
                    if is_outage(error):
                        raise
                    savepoint.rollback()
                    results.append(error)
                    continue
                savepoint.commit()
                touched.add(article_touched)
                results.append(article_id)
            if any(isinstance(result, int) for result in results):
                touched.record(conn)
        return results

    def replace_entities(self, article_id: int, extracted: Sequence[Extracted]) -> None:
        """Index an already stored article's entities again (after the extractor changed)."""
        with self.writing() as conn:
            published = conn.execute(
                select(schema.articles.c.published_at).where(schema.articles.c.id == article_id)
            ).scalar_one()
            writer.add_entities(conn, article_id, published, extracted).record(conn)

    def clear_entities(self) -> None:
        """Forget every entity and everything extracted, keeping the articles (before re-extracting them)."""
        with self.writing() as conn:
            for table in reversed(schema.EXTRACTED_TABLES):
                conn.execute(table.delete())
            changes.record(conn, None)  # every entity is gone: every cache is rebuilt

    @property
    def across_a_network(self) -> bool:
        """Whether every statement is a round trip to a server (PostgreSQL), not a call into a local file (SQLite):
        then a writer waits, and its waits are worth overlapping with other work."""
        return self.engine.dialect.name != "sqlite"

    def is_duplicate(self, article: Article) -> bool:
        """Whether the same content or URL is already stored."""
        return self.duplicates([article])[0]

    def duplicates(self, articles: Sequence[Article]) -> list[bool]:
        """For each article, whether the same content or URL is already stored, all asked on one connection (an
        ingestion asks it of every article read; a connection taken from the pool and given back
        per article costs a transaction's begin and end each, and on PostgreSQL their round trips)."""
        if not articles:
            return []
        with self.engine.connect() as conn:
            return [writer.find_duplicate(conn, article) is not None for article in articles]

    def get_meta(self, key: str) -> str | None:
        """A value from the store's own key-value table."""
        with self.engine.connect() as conn:
            return conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == key)).scalar()

    def set_meta(self, key: str, value: str) -> None:
        """Set a value in the store's own key-value table."""
        with self.writing() as conn:
            rows.insert_ignore(conn, schema.meta, [{"key": key, "value": value}], ("key",))
            conn.execute(schema.meta.update().where(schema.meta.c.key == key).values(value=value))

    def article_count(self) -> int:
        """How many articles are indexed."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(schema.articles)).scalar_one())


def ensure_tables(engine: Engine, metadata: MetaData) -> None:
    """Create missing tables of a library's own (slack-sdk's OAuth stores); several processes starting at once
    (gunicorn workers, replicas) take turns. The bot's own tables are made by the migrations."""
    with write_transaction(engine, SCHEMA_LOCK_KEY) as conn:
        metadata.create_all(conn)


def open_store(database_url: str, search_index: Path | None = None) -> Store:
    """Connect to the store at `database_url`, creating or upgrading its tables by migration; searches use a
    search index in the directory `search_index` when given (made, or brought up to date, on the first search)."""
    engine = _engine(database_url)
    try:
        migrate.upgrade(engine)
    except DatabaseError as error:
        if type(error.orig) is not sqlite3.DatabaseError:  # exactly: "file is not a database" (or encrypted)
            raise
        raise StoreUnavailable(f"{database_url.removeprefix('sqlite:///')}: {outage(error)}") from None
    return Store(engine, search_index=None if search_index is None else SearchIndex(search_index, engine))


# A PostgreSQL server that never answers (packets dropped, a frozen host) is an outage within seconds, not after
# libpq's default of 130 s to connect or TCP's hours to give up on a query: the console says so, and a SIGTERM'd
# `scheduler` or `serve` starting up is not held past its 10 s. Keep-alives and the user timeout only end a
# connection whose peer stopped acknowledging, never a slow query.
POSTGRES_TIMEOUTS = {
    "connect_timeout": 5, "keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 2, "keepalives_count": 3,
    "tcp_user_timeout": 15_000,
}  # fmt: skip


def _timeouts(database_url: str) -> dict[str, int]:
    """POSTGRES_TIMEOUTS, but what the URL itself sets (`?connect_timeout=30`) wins."""
    given = make_url(database_url).query
    return {key: value for key, value in POSTGRES_TIMEOUTS.items() if key not in given}


def _engine(database_url: str) -> Engine:
    if database_url.startswith("sqlite:///"):
        folder = Path(database_url.removeprefix("sqlite:///")).parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreUnavailable(f"cannot make the folder {folder}: {error.strerror}") from None
    # An error's message never shows the statement's parameters: they hold articles' text and what people typed,
    # and errors are logged.
    postgres = database_url.startswith("postgresql")
    engine = create_engine(database_url, hide_parameters=True, connect_args=_timeouts(database_url) if postgres else {})
    _savepoints_as_text(engine)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        bound_by_deadlines(engine)
        ping_when_idle(engine)  # a pooled connection idle for a while is checked before use
    return engine


# The dialect's method for each statement on a savepoint, and the statement's opening words.
SAVEPOINT_VERBS = {
    "do_savepoint": "SAVEPOINT",
    "do_release_savepoint": "RELEASE SAVEPOINT",
    "do_rollback_to_savepoint": "ROLLBACK TO SAVEPOINT",
}


def _savepoints_as_text(engine: Engine) -> None:
    """Make `engine` set, release and roll back to a savepoint (one per article stored) by the statement's text, the
    very text SQLAlchemy compiles for it: it compiles those statements anew every time (they are not cached), which
    took about 3 % of storing an article on SQLite."""
    dialect = engine.dialect
    name_of: Callable[[Any, str], str] = dialect.identifier_preparer.format_savepoint  # as it quotes one

    def run(verb: str) -> Callable[[Connection, str], None]:
        def execute(conn: Connection, name: str) -> None:
            conn.exec_driver_sql(f"{verb} {name_of(None, name)}")

        return execute

    for method, verb in SAVEPOINT_VERBS.items():
        setattr(dialect, method, run(verb))  # the engine's own dialect, made for it alone


def bound_by_deadlines(engine: Engine) -> None:
    """Make `engine`'s PostgreSQL connections keep `database_deadline` (bot.core.store.deadline)."""
    event.listen(engine, "do_connect", lambda _dialect, _record, args, params: deadline.connect(*args, **params))


def _sqlite_begin(conn: Connection) -> None:
    # Another writer's lock is waited for as long as the database deadline allows (bot.core.store.deadline).
    busy = deadline.sqlite_busy_ms()
    if conn.info.get("busy_ms", deadline.SQLITE_BUSY_MS) != busy:
        conn.exec_driver_sql(f"PRAGMA busy_timeout={busy:d}")
        conn.info["busy_ms"] = busy
    # Writers take the write lock up front: a deferred transaction that reads, then writes, fails with
    # "database is locked" when another writer got in between, instead of waiting its turn.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("writer") else "BEGIN")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # transactions begin in `_sqlite_begin`, not in the driver
    cursor = dbapi_connection.cursor()
    # First: without it, even switching to WAL fails at once while another process writes.
    cursor.execute(f"PRAGMA busy_timeout={deadline.SQLITE_BUSY_MS:d}")
    # WAL lets the bot answer while an ingestion writes; foreign keys make deletes cascade as on PostgreSQL.
    _switch_to_wal(cursor)
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


WAL_ATTEMPTS, WAL_RETRY_SECONDS = 100, 0.1


def _switch_to_wal(cursor: Any) -> None:
    """Put the database in WAL mode. When processes open a new file at once, SQLite answers the one that loses
    the race "database is locked" at once, without waiting for the busy timeout: it tries again."""
    # Bounded in time, not only in attempts: each attempt may wait out the busy timeout, and a file another process
    # keeps locked must fail within seconds (the answer says the index is unavailable), not after 100 of them.
    deadline = time.monotonic() + WAL_ATTEMPTS * WAL_RETRY_SECONDS
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            time.sleep(WAL_RETRY_SECONDS)
