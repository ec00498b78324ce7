"""The record of handled Slack requests, in the bot's database so it holds across restarts and processes.

Slack retries an event it thinks was not delivered (`X-Slack-Retry-Num`) and may deliver one twice; the first
process to insert the `event_id` answers it, every other attempt is acknowledged and dropped. Slash commands
and interactions carry no such id, but a signed request stays valid for Slack's five-minute window, so anyone
who saw one could send it again (`/feeds add` three times): each is recorded by a hash of its signed
timestamp and body, and a replay inside the window is acknowledged and dropped the same way. (A real second
click or a retyped command is a new request: Slack gives it a new trigger_id and timestamp.)
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from slack_bolt.request import BoltRequest
from slack_bolt.request.internals import extract_team_id
from slack_bolt.response import BoltResponse
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from bot.core.store import UNAVAILABLE, outage
from bot.core.store.deadline import ACKNOWLEDGEMENT_DATABASE_SECONDS, database_deadline
from bot.core.store.state import handled_events

log = logging.getLogger(__name__)

# Slack retries for about an hour (immediately, after a minute, after five minutes); a day is ample, and far
# longer than the five minutes a replayed command or click stays validly signed.
KEEP = timedelta(days=1)
# Requests that change nothing and are sent again on purpose (Slack checking the URL) are never dropped.
NOT_DEDUPLICATED = frozenset({"url_verification", "ssl_check"})
# Pruning on every event would be wasted work; once in a while per process is enough.
PRUNE_EVERY = timedelta(hours=1)


class EventLog:
    """Claims event ids: only the first claim of an id succeeds, whichever process makes it."""

    def __init__(self, engine: Engine, now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._engine = engine
        self._now = now
        self._pruned_at: datetime | None = None

    def claim(self, event_id: str, team_id: str | None = None) -> bool:
        """Record `event_id` (from workspace `team_id`); True when this is its first delivery."""
        now = self._now()
        with self._engine.begin() as connection:
            # RETURNING, not rowcount: drivers disagree on rowcount for INSERT … ON CONFLICT DO NOTHING.
            inserted = len(connection.execute(_insert_or_ignore(self._engine, event_id, now, team_id)).all())
            if self._pruned_at is None or now - self._pruned_at > PRUNE_EVERY:
                connection.execute(handled_events.delete().where(handled_events.c.handled_at < now - KEEP))
                self._pruned_at = now
        return inserted == 1


def _insert_or_ignore(engine: Engine, event_id: str, now: datetime, team_id: str | None) -> sa.Executable:
    values = {"event_id": event_id, "handled_at": now, "team_id": team_id}
    if engine.dialect.name == "postgresql":
        return (
            postgresql.insert(handled_events)
            .values(values)
            .on_conflict_do_nothing()
            .returning(handled_events.c.event_id)
        )
    if engine.dialect.name == "sqlite":
        return (
            sqlite.insert(handled_events).values(values).on_conflict_do_nothing().returning(handled_events.c.event_id)
        )
    raise NotImplementedError(f"no insert-or-ignore for {engine.dialect.name}; the bot supports SQLite and PostgreSQL")


def request_key(request: BoltRequest, body: dict[str, Any]) -> str | None:
    """What identifies a request across deliveries: an event's id, else a hash of the signed timestamp and body
    (None when there is nothing to go by: Socket Mode has no signature, URL checks are not deduplicated)."""
    if body.get("type") == "event_callback":
        event_id = body.get("event_id")
        return event_id if isinstance(event_id, str) and len(event_id) <= 64 else None
    if body.get("type") in NOT_DEDUPLICATED or request.mode != "http":
        return None
    timestamps = request.headers.get("x-slack-request-timestamp") or []
    if not timestamps:
        return None
    timestamp = timestamps[0]
    return hashlib.sha256(f"{timestamp}:".encode() + request.raw_body.encode()).hexdigest()


def middleware(events: EventLog) -> Callable[..., BoltResponse | None]:
    """Bolt middleware acknowledging repeated events and replayed requests without running any listener."""

    def drop_repeats(req: BoltRequest, body: dict[str, Any], next: Callable[[], BoltResponse]) -> BoltResponse | None:
        key = request_key(req, body)
        try:
            with database_deadline(ACKNOWLEDGEMENT_DATABASE_SECONDS):  # Slack waits 3 s for the acknowledgement
                repeated = key is not None and not events.claim(key, extract_team_id(body))
        except UNAVAILABLE as error:  # answered rather than refused: the answer itself says the index is away
            log.warning("could not record %s, the database is unavailable: %s", key, outage(error))
            repeated = False
        if repeated:
            what = f"event {key}" if body.get("type") == "event_callback" else "a replayed request"
            log.info("%s was already handled; acknowledged without a reply", what)
            return BoltResponse(status=200, body="")
        return next()

    return drop_repeats
