"""Versioned schema migrations (Alembic), applied at start-up and by `python -m bot migrate`.

A store made before migrations existed (tables, no `alembic_version`) is stamped with the revision its
tables match, then upgraded: an existing index moves to the new schema without being re-ingested.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from bot.core.store.schema import SCHEMA_LOCK_KEY, write_transaction

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def config(conn: Connection | None = None) -> Config:
    """Alembic's configuration, running on `conn` (none is needed to read the scripts)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def head() -> str:
    """The newest revision."""
    script = ScriptDirectory.from_config(config())
    return str(script.get_current_head())


def current(engine: Engine) -> str | None:
    """The revision the store is at (None for an empty or unversioned store)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the store to the newest schema, one process at a time; returns (revision before, after)."""
    with write_transaction(engine, SCHEMA_LOCK_KEY) as conn:
        cfg = config(conn)
        before = MigrationContext.configure(conn).get_current_revision()
        if before is None and inspect(conn).has_table("articles"):
            before = _unversioned_revision(conn)
            command.stamp(cfg, before)
        command.upgrade(cfg, "head")
        return before, MigrationContext.configure(conn).get_current_revision() or ""


def _unversioned_revision(conn: Connection) -> str:
    """Which revision the tables of a store made before migrations match."""
    columns = {c["name"] for c in inspect(conn).get_columns("entity_articles")}
    return "0002" if "votes" in columns else "0001"
