"""Channel digest subscriptions in the store: who gets digests, when, and from which article on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.core.digest.schedule import Schedule, parse
from bot.core.store import Store
from bot.core.store import subscriptions as stored

# Imported "as" itself: re-exported, callers import it from here (it was defined here).
from bot.core.store.reader import newest_article_id as newest_article_id
from bot.core.store.team import LEGACY, Team

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
    threaded: bool = True
    paused_reason: str | None = None
    paused_at: datetime | None = None
    team: Team = LEGACY


def _subscription(row: stored.SubscriptionRow) -> Subscription:
    """The stored subscription with its schedule understood."""
    return Subscription(
        channel_id=row.channel_id,
        schedule=parse(f"{row.schedule} {row.timezone}", allow_short=True),
        cursor_article_id=row.cursor_article_id,
        origin=row.origin,
        created_by=row.created_by,
        created_at=row.created_at,
        run_requested_at=row.run_requested_at,
        threaded=row.threaded,
        paused_reason=row.paused_reason,
        paused_at=row.paused_at,
        team=row.team,
    )


def get(store: Store, channel_id: str) -> Subscription | None:
    """The channel's subscription, if it has one."""
    found = stored.get(store, channel_id)
    return _subscription(found) if found else None


def all_subscriptions(store: Store) -> list[Subscription]:
    """Every subscription, by channel."""
    return [_subscription(row) for row in stored.all_subscriptions(store)]


def subscribe(
    store: Store, channel_id: str, schedule: Schedule, user_id: str | None, now: datetime, threaded: bool = True
) -> bool:
    """Subscribe a channel (or change its schedule and threading, keeping its cursor, and lift a pause); True
    when it is new.

    A new subscription's first digest holds the articles ingested from now on, not the whole corpus.
    """
    origin = SLACK if user_id else ENV
    return stored.subscribe(store, channel_id, schedule.spec, schedule.timezone, origin, user_id, now, threaded)


def pause(store: Store, channel_id: str, reason: str, now: datetime) -> bool:
    """Stop the channel's digests until it is subscribed again (Slack refused one); True when this paused it."""
    return stored.pause(store, channel_id, reason, now)


def unsubscribe(store: Store, channel_id: str) -> bool:
    """Stop a channel's digests; True when it had a subscription."""
    return stored.unsubscribe(store, channel_id)


def request_run(store: Store, channel_id: str, now: datetime) -> bool:
    """Ask the scheduler for a digest now; False when the channel has no subscription."""
    return stored.request_run(store, channel_id, now)


def take_requests(store: Store) -> list[tuple[Team, str]]:
    """The teams and channels whose digest was asked for with /digest now, clearing the requests."""
    return stored.take_requests(store)


def sync_environment(store: Store, channels: Sequence[str], schedule: Schedule | None, now: datetime) -> None:
    """Make the environment's channels (DIGEST_CHANNELS) subscribed on its schedule, and only those."""
    for channel in channels:
        current = get(store, channel)
        if schedule is not None and (current is None or current.schedule != schedule):
            subscribe(store, channel, schedule, None, now)
    stored.keep_only(store, ENV, channels)


def waiting_articles(store: Store, channel_id: str) -> int:
    """How many articles the channel's next digest would hold."""
    sub = stored.get(store, channel_id)
    return 0 if sub is None else stored.articles_after(store, sub.cursor_article_id)
