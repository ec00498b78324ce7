"""Channel digest subscriptions in the store: which channel gets digests, when, and from which article on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from bot.core.store import Store
from bot.core.store import schema as s
from bot.core.store import state as t
from bot.core.store.reader import newest_article_id
from bot.core.store.team import LEGACY, Team
from bot.core.store.teams import mine, owner
from bot.core.store.timestamps import utc

_SUBS = t.digest_subscriptions
_C = _SUBS.c


@dataclass(frozen=True)
class SubscriptionRow:
    """A channel's subscription as stored, its schedule still as text."""

    channel_id: str
    schedule: str  # canonical schedule text ("daily 08:00"), without the timezone
    timezone: str
    cursor_article_id: int
    origin: str
    created_by: str | None
    created_at: datetime
    run_requested_at: datetime | None
    threaded: bool = True
    paused_reason: str | None = None
    paused_at: datetime | None = None
    team: Team = LEGACY


def subscription_row(r: Any) -> SubscriptionRow:
    """A row of the subscriptions table as a record."""
    return SubscriptionRow(
        channel_id=r.channel_id,
        schedule=r.schedule,
        timezone=r.timezone,
        cursor_article_id=int(r.cursor_article_id),
        origin=r.origin,
        created_by=r.created_by,
        created_at=utc(r.created_at),
        run_requested_at=utc(r.run_requested_at) if r.run_requested_at else None,
        threaded=bool(r.threaded),
        paused_reason=r.paused_reason,
        paused_at=utc(r.paused_at) if r.paused_at else None,
        team=Team(r.team_id, r.enterprise_id),
    )


def get(store: Store, channel_id: str) -> SubscriptionRow | None:
    """The channel's subscription, if it has one."""
    with store.engine.connect() as conn:
        found = conn.execute(select(_SUBS).where(_C.channel_id == channel_id, mine(store, _SUBS))).first()
    return subscription_row(found) if found else None


def all_subscriptions(store: Store) -> list[SubscriptionRow]:
    """Every subscription (of the store's team), by channel."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(_SUBS).where(mine(store, _SUBS)).order_by(_C.channel_id, _C.team_id)).all()
    return [subscription_row(r) for r in rows]


def subscribe(
    store: Store,
    channel_id: str,
    schedule: str,
    timezone: str,
    origin: str,
    user_id: str | None,
    now: datetime,
    threaded: bool = True,
) -> bool:
    """Subscribe a channel, its cursor after the newest article (or change its schedule and threading, keeping
    its cursor and origin, and lift a pause); True when it is new."""
    values = {"schedule": schedule, "timezone": timezone, "threaded": threaded, "paused_reason": None,
              "paused_at": None}  # fmt: skip
    with store.writing() as conn:
        here = (_C.channel_id == channel_id, _C.team_id == owner(store)["team_id"])
        exists = conn.execute(select(_C.channel_id).where(*here)).first() is not None
        if exists:
            conn.execute(update(_SUBS).where(*here).values(**values))
        else:
            new = {"channel_id": channel_id, "origin": origin, "created_by": user_id, "created_at": now, **owner(store)}
            conn.execute(insert(_SUBS).values(cursor_article_id=newest_article_id(conn), **new, **values))
    return not exists


def unsubscribe(store: Store, channel_id: str) -> bool:
    """Delete a channel's subscription; True when it had one."""
    with store.writing() as conn:
        gone = conn.execute(delete(_SUBS).where(_C.channel_id == channel_id, mine(store, _SUBS)))
    return bool(gone.rowcount)


def request_run(store: Store, channel_id: str, now: datetime) -> bool:
    """Mark the channel's digest as asked for; False when the channel has no subscription."""
    with store.writing() as conn:
        done = conn.execute(
            update(_SUBS).where(_C.channel_id == channel_id, mine(store, _SUBS)).values(run_requested_at=now)
        )
    return bool(done.rowcount)


def take_requests(store: Store) -> list[tuple[Team, str]]:
    """The teams and channels whose digest was asked for, clearing the requests."""
    asked = (_C.run_requested_at.is_not(None), mine(store, _SUBS))
    with store.writing() as conn:
        found = conn.execute(select(_C.team_id, _C.enterprise_id, _C.channel_id).where(*asked)).all()
        if found:
            conn.execute(update(_SUBS).where(*asked).values(run_requested_at=None))
    return [(Team(r.team_id, r.enterprise_id), r.channel_id) for r in found]


def keep_only(store: Store, origin: str, channels: Sequence[str]) -> None:
    """Delete the subscriptions of this origin whose channel is not one of `channels`."""
    with store.writing() as conn:
        conn.execute(delete(_SUBS).where(_C.origin == origin, mine(store, _SUBS), _C.channel_id.not_in(list(channels))))


def articles_after(store: Store, article_id: int) -> int:
    """How many articles have ids above `article_id` (what a digest from that cursor would hold)."""
    with store.engine.connect() as conn:
        query = select(func.count()).select_from(s.articles).where(s.articles.c.id > article_id)
        return int(conn.execute(query).scalar_one())


def pause(store: Store, channel_id: str, reason: str, now: datetime) -> bool:
    """Stop the channel's digests until it is subscribed again; True when this paused it (it was running)."""
    with store.writing() as conn:
        done = conn.execute(
            update(_SUBS)
            .where(_C.channel_id == channel_id, mine(store, _SUBS), _C.paused_reason.is_(None))
            .values(paused_reason=reason, paused_at=now)
        )
    return bool(done.rowcount)
