"""The store: articles and the entity index in SQLite (default) or PostgreSQL, through SQLAlchemy Core."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, create_engine, event, func, select, text
from sqlalchemy.exc import OperationalError

from bot.core.models import Article, Extracted
from bot.core.store import schema, search, writer
from bot.core.store.reader import Reader
from bot.core.store.schema import SCHEMA_LOCK_KEY

SCHEMA_VERSION = "1"


class Store(Reader):
    """Reads (from `Reader`) and the one write path: an article with its entities, in one transaction."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)

    def add_article(self, article: Article, extracted: Sequence[Extracted], now: datetime | None = None) -> int | None:
        """Index an article; None when the same content or URL is already stored."""
        with self.engine.begin() as conn:
            if writer.find_duplicate(conn, article) is not None:
                return None
            article_id = writer.add_article(conn, article, extracted, now or datetime.now(UTC))
        self.invalidate()
        return article_id

    def is_duplicate(self, article: Article) -> bool:
        """Whether the same content or URL is already stored."""
        with self.engine.connect() as conn:
            return writer.find_duplicate(conn, article) is not None

    def get_meta(self, key: str) -> str | None:
        """A value from the store's own key-value table."""
        with self.engine.connect() as conn:
            return conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == key)).scalar()

    def set_meta(self, key: str, value: str) -> None:
        """Set a value in the store's own key-value table."""
        with self.engine.begin() as conn:
            writer.insert_ignore(conn, schema.meta, [{"key": key, "value": value}], ("key",))
            conn.execute(schema.meta.update().where(schema.meta.c.key == key).values(value=value))

    def article_count(self) -> int:
        """How many articles are indexed."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(schema.articles)).scalar_one())

    def clear(self) -> None:
        """Delete every article and entity (before re-indexing with a new extractor)."""
        with self.engine.begin() as conn:
            for table in reversed(schema.metadata.sorted_tables):
                if table is not schema.meta:
                    conn.execute(table.delete())
            search.clear(conn)
        self.invalidate()


def ensure_tables(engine: Engine, metadata: MetaData) -> None:
    """Create missing tables; several processes starting at once (gunicorn workers, replicas) take turns."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
            metadata.create_all(conn)
        return
    try:
        metadata.create_all(engine)
    except OperationalError as error:  # another process created a table between the check and the CREATE
        if "already exists" not in str(error):
            raise
        metadata.create_all(engine)


def open_store(database_url: str) -> Store:
    """Connect to the store at `database_url`, creating its tables when they do not exist."""
    engine = _engine(database_url)
    ensure_tables(engine, schema.metadata)
    search.create(engine)
    store = Store(engine)
    if store.get_meta("schema_version") is None:
        store.set_meta("schema_version", SCHEMA_VERSION)
    return store


def _engine(database_url: str) -> Engine:
    if database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(database_url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the bot answer while an ingestion writes; foreign keys make deletes cascade as on PostgreSQL.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
