"""Channel digest subscriptions in the store: who gets digests, when, and from which article on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from bot.core.digest.schedule import Schedule, parse
from bot.core.store import Store
from bot.core.store import schema as s
from bot.core.store import state as t
from bot.core.store.reader import utc

SLACK = "slack"
ENV = "env"


@dataclass(frozen=True)
class Subscription:
    """A channel's digest subscription."""

    channel_id: str
    schedule: Schedule
    cursor_article_id: int
    origin: str
    created_by: str | None
    created_at: datetime
    run_requested_at: datetime | None


def _subscription(r: Any) -> Subscription:
    return Subscription(
        channel_id=r.channel_id,
        schedule=parse(f"{r.schedule} {r.timezone}", allow_short=True),
        cursor_article_id=int(r.cursor_article_id),
        origin=r.origin,
        created_by=r.created_by,
        created_at=utc(r.created_at),
        run_requested_at=utc(r.run_requested_at) if r.run_requested_at else None,
    )


def newest_article_id(conn: Connection) -> int:
    """The highest article id stored (0 when empty): a new subscription starts after it."""
    return int(conn.execute(select(func.coalesce(func.max(s.articles.c.id), 0))).scalar_one())


def get(store: Store, channel_id: str) -> Subscription | None:
    """The channel's subscription, if it has one."""
    with store.engine.connect() as conn:
        row = conn.execute(select(t.digest_subscriptions).where(t.digest_subscriptions.c.channel_id == channel_id))
        found = row.first()
    return _subscription(found) if found else None


def all_subscriptions(store: Store) -> list[Subscription]:
    """Every subscription, by channel."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.digest_subscriptions).order_by(t.digest_subscriptions.c.channel_id)).all()
    return [_subscription(r) for r in rows]


def subscribe(store: Store, channel_id: str, schedule: Schedule, user_id: str | None, now: datetime) -> bool:
    """Subscribe a channel (or change its schedule, keeping its cursor); True when it is new.

    A new subscription's first digest holds the articles ingested from now on, not the whole corpus.
    """
    c = t.digest_subscriptions.c
    with store.writing() as conn:
        exists = conn.execute(select(c.channel_id).where(c.channel_id == channel_id)).first() is not None
        values = {"schedule": schedule.spec, "timezone": schedule.timezone}
        if exists:
            conn.execute(update(t.digest_subscriptions).where(c.channel_id == channel_id).values(**values))
        else:
            conn.execute(
                insert(t.digest_subscriptions).values(
                    channel_id=channel_id,
                    cursor_article_id=newest_article_id(conn),
                    origin=SLACK if user_id else ENV,
                    created_by=user_id,
                    created_at=now,
                    **values,
                )
            )
    return not exists


def unsubscribe(store: Store, channel_id: str) -> bool:
    """Stop a channel's digests; True when it had a subscription."""
    with store.writing() as conn:
        gone = conn.execute(delete(t.digest_subscriptions).where(t.digest_subscriptions.c.channel_id == channel_id))
    return bool(gone.rowcount)


def request_run(store: Store, channel_id: str, now: datetime) -> bool:
    """Ask the scheduler for a digest now; False when the channel has no subscription."""
    c = t.digest_subscriptions.c
    with store.writing() as conn:
        done = conn.execute(
            update(t.digest_subscriptions).where(c.channel_id == channel_id).values(run_requested_at=now)
        )
    return bool(done.rowcount)


def take_requests(store: Store) -> list[str]:
    """The channels whose digest was asked for with /digest now, clearing the requests."""
    c = t.digest_subscriptions.c
    with store.writing() as conn:
        channels = [r.channel_id for r in conn.execute(select(c.channel_id).where(c.run_requested_at.is_not(None)))]
        if channels:
            conn.execute(update(t.digest_subscriptions).where(c.channel_id.in_(channels)).values(run_requested_at=None))
    return channels


def sync_environment(store: Store, channels: Sequence[str], schedule: Schedule | None, now: datetime) -> None:
    """Make the environment's channels (DIGEST_CHANNELS) subscribed on its schedule, and only those."""
    c = t.digest_subscriptions.c
    for channel in channels:
        current = get(store, channel)
        if schedule is not None and (current is None or current.schedule != schedule):
            subscribe(store, channel, schedule, None, now)
    with store.writing() as conn:
        conn.execute(delete(t.digest_subscriptions).where(c.origin == ENV, c.channel_id.not_in(list(channels))))


def waiting_articles(store: Store, channel_id: str) -> int:
    """How many articles the channel's next digest would hold."""
    sub = get(store, channel_id)
    if sub is None:
        return 0
    with store.engine.connect() as conn:
        return int(
            conn.execute(
                select(func.count()).select_from(s.articles).where(s.articles.c.id > sub.cursor_article_id)
            ).scalar_one()
        )
