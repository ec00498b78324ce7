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
from sqlalchemy import Column, DateTime, MetaData, String, Table, Text, text

from bot.core.alerts import watches
from bot.core.digest import run as digest_run
from bot.core.digest import subscriptions
from bot.core.digest.schedule import parse
from bot.core.ingest import feeds
from bot.core.models import EntityType
from bot.core.registry import Context
from bot.core.render.blockkit import plain
from bot.core.store import _engine, migrate, open_store, schema, state, teams
from bot.core.store import feeds as stored_feeds
from bot.core.store.records import EntityRow
from bot.core.store.schema import SCHEMA_LOCK_KEY, write_transaction
from bot.core.store.team import Team
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
    # Revision 0012 cannot tell which stored articles gave no date of their own: each keeps its date as stated.
    assert [a.dated for a in store.latest_articles(5)] == [True]
    listing = registry.get("articles")
    assert listing is not None and "Old news* · 1 Jan 2025 · " in plain(listing.answer("", Context(store, registry)))


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
    tsvector column and its index, made by bot.core.store.search) and PostgreSQL's own index of the keys in byte
    order (migration 0013: SQLite has no such index)."""
    search = (kind == "table" and (name or "").startswith("article_fts")) or name in SEARCH_OBJECTS
    return not search and name not in POSTGRESQL_ONLY


SEARCH_OBJECTS = {"search_vector", "ix_articles_search_vector"}
POSTGRESQL_ONLY = {"ix_entities_key_prefix"}


# The watches table as the release before migration 0003 made it (no workspace columns yet).
old_watches = Table(
    "watches",
    MetaData(),
    Column("user_id", String(32), primary_key=True),
    Column("name_key", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


def test_state_tables_made_before_their_migration_are_kept(database_url: str) -> None:
    engine = _engine(database_url)
    with write_transaction(engine, SCHEMA_LOCK_KEY) as conn:
        command.upgrade(migrate.config(conn), "0002")
        old_watches.create(conn)  # as the release that added watches created it, without a migration
        conn.execute(old_watches.insert().values(user_id="U1", name_key="k", name="K", created_at=datetime.now(UTC)))
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
        # As that release's start-up created them: the request record had no team yet.
        older = MetaData()
        handled = Table("slack_handled_events", older, Column("event_id", String(64), primary_key=True),
                        Column("handled_at", DateTime(timezone=True), nullable=False, index=True))  # fmt: skip
        state.scheduler_jobs.to_metadata(older)
        older.create_all(conn)
        conn.execute(handled.insert().values(event_id="Ev1", handled_at=datetime.now(UTC)))
    engine.dispose()
    store = open_store(database_url)
    assert migrate.current(store.engine) == migrate.head()
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT event_id FROM slack_handled_events")).scalars().all() == ["Ev1"]
    store.engine.dispose()


_SINGLE_WORKSPACE_ROWS = [
    "INSERT INTO digest_subscriptions (channel_id, schedule, timezone, cursor_article_id, origin, created_by, "
    "created_at, threaded) VALUES ('C1', 'daily 08:00', 'UTC', 0, 'slack', 'U1', '2025-01-01 00:00:00', true)",
    "INSERT INTO watches (user_id, name_key, name, created_at) "
    "VALUES ('U1', 'sergey lavrov', 'Sergey Lavrov', '2025-01-01 00:00:00')",
    "INSERT INTO digests (id, channel_id, after_article_id, upto_article_id, article_count, state, "
    "inflight_channel, claim_token, lease_until, created_at) "
    "VALUES ('d1', 'C1', 0, 3, 3, 'posting', 'C1', 'tok', '2025-01-01 00:00:00', '2025-01-01 00:00:00')",
    "INSERT INTO feeds (url, added_by, created_at, articles, active) "
    "VALUES ('https://example.com/rss.xml', 'U1', '2025-01-01 00:00:00', 0, true)",
]


def test_a_single_workspace_store_upgrades_and_moves_to_the_bot_tokens_team(database_url: str) -> None:
    engine = _engine(database_url)
    with write_transaction(engine, SCHEMA_LOCK_KEY) as conn:
        command.upgrade(migrate.config(conn), "14a0digestdelivery")  # the store as the release before teams
    with engine.begin() as conn:
        for statement in _SINGLE_WORKSPACE_ROWS:
            conn.execute(text(statement))
    engine.dispose()

    store = open_store(database_url)
    assert migrate.current(store.engine) == migrate.head()
    # Kept, in the legacy team, until the bot learns its own team at start.
    assert [s.channel_id for s in subscriptions.all_subscriptions(store)] == ["C1"]
    assert subscriptions.all_subscriptions(store.for_team(Team("T1"))) == []

    assert teams.adopt_legacy(store, Team("T1", "E1")) == 2
    assert teams.adopt_legacy(store, Team("T1", "E1")) == 0  # once done, nothing more to move

    mine, theirs = store.for_team(Team("T1", "E1")), store.for_team(Team("T2"))
    sub = subscriptions.get(mine, "C1")
    assert sub is not None and sub.schedule.spec == "daily 08:00" and sub.created_by == "U1"
    assert sub.team == Team("T1", "E1")
    assert [w.name for w in watches.of(mine, "U1")] == ["Sergey Lavrov"]
    assert subscriptions.get(theirs, "C1") is None and watches.of(theirs, "U1") == []
    assert [f.url for f in feeds.all_feeds(mine)] == ["https://example.com/rss.xml"] and feeds.all_feeds(theirs) == []
    # The digest that was being posted is still the channel's one in flight, now in its team.
    assert digest_run.history(mine, "C1").in_flight_since is not None
    assert digest_run.history(theirs, "C1").in_flight_since is None


# Feeds as the release before feeds per workspace (revision 0006search) kept them: one row per address, with the
# team that added it (T1), no team but who added it from Slack (legacy, not yet moved), or neither (the operator's).
_FEEDS_AT_0006SEARCH = [
    "INSERT INTO feeds (id, url, added_by, created_at, articles, active, team_id, enterprise_id) "
    "VALUES (1, 'https://one.example/rss.xml', 'U1', '2025-01-01 00:00:00', 4, true, 'T1', 'E1')",
    "INSERT INTO feeds (id, url, added_by, created_at, articles, active) "
    "VALUES (2, 'https://legacy.example/rss.xml', 'U2', '2025-01-01 00:00:00', 0, true)",
    "INSERT INTO feeds (id, url, created_at, articles, active) "
    "VALUES (3, 'https://operator.example/rss.xml', '2025-01-01 00:00:00', 0, true)",
    "INSERT INTO feed_items (feed_id, item_key, article_id, seen_at) VALUES (1, 'k1', 7, '2025-01-02 00:00:00')",
]


def test_feeds_made_before_feeds_per_workspace_keep_their_readers_and_items(database_url: str) -> None:
    engine = _engine(database_url)
    with write_transaction(engine, SCHEMA_LOCK_KEY) as conn:
        command.upgrade(migrate.config(conn), "0006search")
    with engine.begin() as conn:
        for statement in _FEEDS_AT_0006SEARCH:
            conn.execute(text(statement))
    engine.dispose()

    store = open_store(database_url)
    assert migrate.current(store.engine) == migrate.head()
    one, two = store.for_team(Team("T1", "E1")), store.for_team(Team("T2"))
    operator, legacy = "https://operator.example/rss.xml", "https://legacy.example/rss.xml"
    assert [f.url for f in feeds.all_feeds(one)] == ["https://one.example/rss.xml", operator]
    assert [f.url for f in feeds.all_feeds(two)] == [operator]
    assert len(feeds.all_feeds(store)) == 3
    kept = feeds.get(store, 1)
    assert kept is not None and kept.articles == 4
    assert stored_feeds.seen(store, 1, ["k1", "k2"]) == {"k1"}

    teams.adopt_legacy(store, Team("T1", "E1"))  # the legacy feed is the bot token's workspace's, as before
    assert [f.url for f in feeds.all_feeds(one)] == ["https://one.example/rss.xml", legacy, operator]
    assert feeds.remove(one, legacy) and feeds.remove(two, operator) is False
    assert [f.url for f in feeds.all_feeds(store)] == ["https://one.example/rss.xml", operator]


def test_a_single_workspace_store_goes_back_to_the_release_before_teams_and_up_again(database_url: str) -> None:
    store = open_store(database_url)
    now = datetime(2026, 1, 5, tzinfo=UTC)
    team = store.for_team(Team("T1", "E1"))
    subscriptions.subscribe(team, "C1", parse("daily 08:00"), "U1", now)
    watches.add(team, "U1", EntityRow(id=1, name="Sergey Lavrov", type=EntityType.PERSON, article_count=1), now)
    assert feeds.add(team, "https://one.example/rss.xml", "U1", now)
    assert feeds.add(store, "https://operator.example/rss.xml", None, now)
    [mine, _] = feeds.all_feeds(store)
    stored_feeds.remember(store, mine.id, "k1", None, now)
    store.engine.dispose()

    engine = _engine(database_url)
    with write_transaction(engine, SCHEMA_LOCK_KEY) as conn:
        command.downgrade(migrate.config(conn), "14a0digestdelivery")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT channel_id FROM digest_subscriptions")).scalars().all() == ["C1"]
        assert conn.execute(text("SELECT name FROM watches")).scalars().all() == ["Sergey Lavrov"]
        rows = conn.execute(text("SELECT url, added_by FROM feeds ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [
            ("https://one.example/rss.xml", "U1"),
            ("https://operator.example/rss.xml", None),
        ]
        assert conn.execute(text("SELECT item_key FROM feed_items")).scalars().all() == ["k1"]
    engine.dispose()

    again = open_store(database_url)  # up again: the rows wait in the legacy team for the bot's own
    assert migrate.current(again.engine) == migrate.head()
    teams.adopt_legacy(again, Team("T1", "E1"))
    team = again.for_team(Team("T1", "E1"))
    assert [s.channel_id for s in subscriptions.all_subscriptions(team)] == ["C1"]
    assert [w.name for w in watches.of(team, "U1")] == ["Sergey Lavrov"]
    assert [f.url for f in feeds.all_feeds(team)] == ["https://one.example/rss.xml", "https://operator.example/rss.xml"]
    assert feeds.all_feeds(again.for_team(Team("T2"))) == [feeds.all_feeds(team)[1]]
    assert stored_feeds.seen(again, mine.id, ["k1"]) == {"k1"}
    again.engine.dispose()
