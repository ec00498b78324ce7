"""Schema migrations: a new store starts at the newest revision; an index made before migrations upgrades
in place, keeping its articles and entities, without re-ingesting."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from bot.core.registry import Context
from bot.core.render.blockkit import plain
from bot.core.store import _engine, migrate, open_store, schema, state
from bot.core.store.schema import SCHEMA_LOCK_KEY, write_transaction
from handlers import build_registry
from tests.conftest import ROOT

_FIRST_RELEASE_ROWS = [
    "INSERT INTO articles (id, content_hash, source, headline, text, published_at, ingested_at, word_count) "
    "VALUES (1, 'h1', 'old.txt', 'Old news', 'Foreign Minister Sergey Lavrov spoke.', '2025-01-01 00:00:00', "
    "'2025-01-02 00:00:00', 5)",
    "INSERT INTO entities (id, name, key, type, surname, votes_person, votes_organisation, votes_place, "
    "votes_installation, article_count) "
    "VALUES (1, 'Sergey Lavrov', 'sergey lavrov', 'person', 'lavrov', 4, 0, 0, 0, 1)",
    "INSERT INTO aliases (entity_id, key, alias, skeleton) "
    "VALUES (1, 'sergey lavrov', 'Sergey Lavrov', 'sergei lavrov')",
    "INSERT INTO entity_articles (entity_id, article_id, mentions, sent_start, sent_end) VALUES (1, 1, 1, 0, 37)",
    'INSERT INTO mentions (entity_id, article_id, surface, start, "end", sent_start, sent_end) '
    "VALUES (1, 1, 'Sergey Lavrov', 17, 30, 0, 37)",
    "INSERT INTO roles (entity_id, article_id, title, sentence) "
    "VALUES (1, 1, 'Foreign Minister', 'Foreign Minister Sergey Lavrov spoke.')",
]


def test_a_new_store_is_at_the_newest_revision(database_url: str) -> None:
    store = open_store(database_url)
    assert migrate.current(store.engine) == migrate.head()


def test_an_index_made_before_migrations_upgrades_in_place(database_url: str) -> None:
    engine = _engine(database_url)
    with write_transaction(engine, SCHEMA_LOCK_KEY) as conn:
        command.upgrade(migrate.config(conn), "0001")  # the tables exactly as the first release made them
    with engine.begin() as conn:
        for statement in _FIRST_RELEASE_ROWS:
            conn.execute(text(statement))
        conn.execute(text("DROP TABLE alembic_version"))  # that release knew no migrations
    engine.dispose()

    store = open_store(database_url)

    assert migrate.current(store.engine) == migrate.head()
    assert store.article_count() == 1
    registry = build_registry()
    who = registry.get("who")
    assert who is not None
    reply = plain(who.answer("Lavrov", Context(store=store, registry=registry)))
    assert "Sergey Lavrov" in reply and "Foreign Minister" in reply and "1 article" in reply
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM entity_articles")).scalar_one() == 1
        # Revision 0004 dated the link rows with their article's date.
        dated = conn.execute(
            text("SELECT published_at FROM entity_articles UNION ALL SELECT published_at FROM roles")
        ).scalars()
        assert [str(d)[:19] for d in dated] == ["2025-01-01 00:00:00"] * 2


def test_migrate_command_reports_the_revision(database_url: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "migrate"], cwd=ROOT, env={"DATABASE_URL": database_url, "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"Schema at revision {migrate.head()}" in done.stdout


def test_the_migrations_build_exactly_the_tables_the_code_declares(database_url: str) -> None:
    store = open_store(database_url)
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": _ours})
        assert compare_metadata(context, schema.metadata) == []


def _ours(name: str | None, kind: str, _parents: object) -> bool:
    """Leave out what is not in the metadata on purpose: the search index (SQLite's FTS5 tables, PostgreSQL's
    tsvector column and its index, made by bot.core.store.search)."""
    search = (kind == "table" and (name or "").startswith("article_fts")) or name in SEARCH_OBJECTS
    return not search


SEARCH_OBJECTS = {"search_vector", "ix_articles_search_vector"}


def test_state_tables_made_before_their_migration_are_kept(database_url: str) -> None:
    engine = _engine(database_url)
    with write_transaction(engine, SCHEMA_LOCK_KEY) as conn:
        command.upgrade(migrate.config(conn), "0002")
        state.watches.create(conn)  # as the release that added watches created it, without a migration
        conn.execute(state.watches.insert().values(user_id="U1", name_key="k", name="K", created_at=datetime.now(UTC)))
    engine.dispose()
    store = open_store(database_url)
    assert migrate.current(store.engine) == migrate.head()
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM watches")).scalar_one() == 1


def test_the_scheduler_job_table_is_the_one_apscheduler_declares() -> None:
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore

    theirs = SQLAlchemyJobStore(url="sqlite://", tablename=state.SCHEDULER_JOBS).jobs_t
    ours = state.scheduler_jobs

    def layout(table: sa.Table) -> list[tuple[str, str, bool, bool, bool]]:
        return [(c.name, repr(c.type), c.primary_key, c.nullable or False, c.index or False) for c in table.columns]

    assert layout(ours) == layout(theirs)


def test_request_and_job_tables_made_at_start_up_by_an_older_release_are_kept(database_url: str) -> None:
    engine = _engine(database_url)
    with write_transaction(engine, SCHEMA_LOCK_KEY) as conn:
        command.upgrade(migrate.config(conn), "14a0digestdelivery")
        for table in (state.handled_events, state.scheduler_jobs):  # as that release's start-up created them
            table.create(conn)
        conn.execute(state.handled_events.insert().values(event_id="Ev1", handled_at=datetime.now(UTC)))
    engine.dispose()
    store = open_store(database_url)
    assert migrate.current(store.engine) == migrate.head()
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT event_id FROM slack_handled_events")).scalars().all() == ["Ev1"]
    store.engine.dispose()
