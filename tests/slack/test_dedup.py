"""The handled-events record: first claim wins, across engines (processes) on one database, on each backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from bot.core.store import Store
from bot.core.store.state import handled_events
from bot.slack.dedup import KEEP, PRUNE_EVERY, EventLog


def _engine(store: Store) -> sa.Engine:
    """Another engine on the store's (migrated) database, as another process would have."""
    return sa.create_engine(store.engine.url)


def test_only_the_first_claim_of_an_event_id_succeeds(store: Store) -> None:
    log = EventLog(_engine(store))
    assert log.claim("Ev1")
    assert not log.claim("Ev1")
    assert log.claim("Ev2")


def test_claims_hold_across_engines_like_across_processes_and_restarts(store: Store) -> None:
    first, second = EventLog(_engine(store)), EventLog(_engine(store))
    assert first.claim("Ev1")
    assert not second.claim("Ev1")


def test_old_ids_are_pruned(store: Store) -> None:
    engine = _engine(store)
    clock = [datetime(2025, 1, 1, tzinfo=UTC)]
    log = EventLog(engine, now=lambda: clock[0])
    log.claim("old")
    clock[0] += KEEP + PRUNE_EVERY + timedelta(minutes=1)
    log.claim("new")
    with engine.connect() as connection:
        remaining = connection.execute(sa.select(handled_events.c.event_id)).scalars().all()
    assert remaining == ["new"]
