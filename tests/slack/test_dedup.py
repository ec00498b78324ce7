"""The handled-events record: first claim wins, across engines (processes) on one database, on each backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from bot.settings import database_url as normalise_url
from bot.slack.dedup import KEEP, PRUNE_EVERY, EventLog, handled_events


def _engine(database_url: str) -> sa.Engine:
    return sa.create_engine(normalise_url(database_url))


def test_only_the_first_claim_of_an_event_id_succeeds(database_url: str) -> None:
    log = EventLog(_engine(database_url))
    assert log.claim("Ev1")
    assert not log.claim("Ev1")
    assert log.claim("Ev2")


def test_claims_hold_across_engines_like_across_processes_and_restarts(database_url: str) -> None:
    first, second = EventLog(_engine(database_url)), EventLog(_engine(database_url))
    assert first.claim("Ev1")
    assert not second.claim("Ev1")


def test_old_ids_are_pruned(database_url: str) -> None:
    engine = _engine(database_url)
    clock = [datetime(2025, 1, 1, tzinfo=UTC)]
    log = EventLog(engine, now=lambda: clock[0])
    log.claim("old")
    clock[0] += KEEP + PRUNE_EVERY + timedelta(minutes=1)
    log.claim("new")
    with engine.connect() as connection:
        remaining = connection.execute(sa.select(handled_events.c.event_id)).scalars().all()
    assert remaining == ["new"]
