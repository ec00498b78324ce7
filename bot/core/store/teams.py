"""Which rows are a workspace's: the filter and the values a team-scoped store reads and writes with, the move of
a single-workspace store's rows to its team, and what an uninstall deletes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, delete, false, literal, select, text, true, update

from bot.core.store import Store
from bot.core.store import state as t
from bot.core.store.team import LEGACY_TEAM, Team

# Handled Slack requests, made by the Slack transport (bot.slack.dedup) in the same database.
HANDLED_EVENTS = "slack_handled_events"


def mine(store: Store, table: Table) -> ColumnElement[bool]:
    """The rows of `table` the store may see: its team's when scoped, every team's otherwise."""
    return true() if store.team is None else table.c.team_id == store.team.team_id


def owner(store: Store) -> dict[str, Any]:
    """The team columns of a row the store writes: its team's, or the legacy team when unscoped."""
    team = store.team or Team(LEGACY_TEAM)
    return {"team_id": team.team_id, "enterprise_id": team.enterprise_id}


def inflight_key(team_id: str, channel: str) -> str:
    """What marks a channel's digest in flight: team and channel (a shared channel has one id in two teams)."""
    return f"{team_id}/{channel}"


def adopt_legacy(store: Store, team: Team) -> int:
    """Move the rows made before workspaces were told apart (the legacy team) to `team`, the bot's own
    workspace; how many subscriptions and watches moved. A row `team` already has wins over its legacy twin."""
    moved = 0
    with store.writing() as conn:
        for table, key in ((t.digest_subscriptions, ("channel_id",)), (t.watches, ("user_id", "name_key"))):
            twin = table.alias("twin")
            clash = (
                select(twin.c.team_id)
                .where(twin.c.team_id == team.team_id, *(twin.c[k] == table.c[k] for k in key))
                .exists()
            )
            legacy = table.c.team_id == LEGACY_TEAM
            conn.execute(delete(table).where(legacy, clash))
            moved += conn.execute(update(table).where(legacy).values(**_of(team))).rowcount
        d = t.digests.c
        conn.execute(
            update(t.digests)
            .where(d.team_id == LEGACY_TEAM)
            .values(**_of(team), inflight_channel=literal(team.team_id + "/") + d.inflight_channel)
        )
        _adopt_feeds(conn, team)
    return moved


def _adopt_feeds(conn: Connection, team: Team) -> None:
    """The feeds the legacy team read (added from Slack before workspaces were told apart) become `team`'s."""
    r = t.feed_readers.c
    twin = t.feed_readers.alias("twin")
    clash = select(twin.c.feed_id).where(twin.c.team_id == team.team_id, twin.c.feed_id == r.feed_id).exists()
    legacy = r.team_id == LEGACY_TEAM
    conn.execute(delete(t.feed_readers).where(legacy, clash))
    conn.execute(update(t.feed_readers).where(legacy).values(**_of(team)))


def unread_feeds() -> ColumnElement[bool]:
    """The feeds nobody reads any more: not the operator's, and no workspace's (they are deleted)."""
    read = select(t.feed_readers.c.feed_id).where(t.feed_readers.c.feed_id == t.feeds.c.id).exists()
    return (t.feeds.c.everyone == false()) & ~read


def drop_unread_feeds(conn: Connection) -> int:
    """Delete the feeds nobody reads, with the items they remembered (their articles stay); how many."""
    unread = select(t.feeds.c.id).where(unread_feeds())
    conn.execute(delete(t.feed_items).where(t.feed_items.c.feed_id.in_(unread)))
    return conn.execute(delete(t.feeds).where(unread_feeds())).rowcount


def _of(team: Team) -> dict[str, Any]:
    return {"team_id": team.team_id, "enterprise_id": team.enterprise_id}


@dataclass(frozen=True)
class Forgotten:
    """What an uninstall removed and paused."""

    watches: int
    paused: int
    feeds: int  # feeds it no longer reads (those nobody else reads are deleted)


def forget(store: Store, team: Team, reason: str, now: datetime, org_wide: bool = False) -> Forgotten:
    """A workspace removed the app (`org_wide`: every workspace of its organisation): delete its people's data
    (watches), the feeds it read (a feed nobody else reads is deleted; the articles feeds brought stay in the
    shared index) and its handled requests, pause its channels' digests (kept, so that after a reinstall
    `/digest subscribe` resumes them where they were)."""

    def theirs(table: Table) -> ColumnElement[bool]:
        if org_wide and team.enterprise_id:
            return table.c.enterprise_id == team.enterprise_id
        return table.c.team_id == team.team_id

    s = t.digest_subscriptions.c
    with store.writing() as conn:
        watches = conn.execute(delete(t.watches).where(theirs(t.watches))).rowcount
        paused = conn.execute(
            update(t.digest_subscriptions)
            .where(theirs(t.digest_subscriptions), s.paused_reason.is_(None))
            .values(paused_reason=reason, paused_at=now, run_requested_at=None)
        ).rowcount
        feeds = conn.execute(delete(t.feed_readers).where(theirs(t.feed_readers))).rowcount
        drop_unread_feeds(conn)
        if store.engine.dialect.has_table(conn, HANDLED_EVENTS):
            conn.execute(text(f"DELETE FROM {HANDLED_EVENTS} WHERE team_id = :team"), {"team": team.team_id})
    return Forgotten(watches, paused, feeds)
