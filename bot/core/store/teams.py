"""Which rows are a workspace's: the filter and the values a team-scoped store reads and writes with, the move of
a single-workspace store's rows to its team, and what an uninstall deletes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Table, delete, literal, select, text, true, update

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
        f = t.feeds.c  # feeds added from Slack (by someone) were the workspace's; others stay the operator's
        conn.execute(update(t.feeds).where(f.team_id.is_(None), f.added_by.is_not(None)).values(**_of(team)))
    return moved


def _of(team: Team) -> dict[str, Any]:
    return {"team_id": team.team_id, "enterprise_id": team.enterprise_id}


@dataclass(frozen=True)
class Forgotten:
    """What an uninstall removed and paused."""

    watches: int
    paused: int


def forget(store: Store, team: Team, reason: str, now: datetime, org_wide: bool = False) -> Forgotten:
    """A workspace removed the app (`org_wide`: every workspace of its organisation): delete its people's data
    (watches) and its handled requests, pause its channels' digests (kept, so that after a reinstall
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
        if store.engine.dialect.has_table(conn, HANDLED_EVENTS):
            conn.execute(text(f"DELETE FROM {HANDLED_EVENTS} WHERE team_id = :team"), {"team": team.team_id})
    return Forgotten(watches, paused)
