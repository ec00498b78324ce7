"""Feeds per workspace: each workspace lists and removes the feeds it reads, however many others read the same
address, and an address is still fetched once per poll.

Revision ID: 15a1feeds
Revises: 0006search

- feeds: one row per address as before (its fetch state and remembered items); `everyone` marks the operator's
  (added from the command line: listed in every workspace). Its team_id, enterprise_id and added_by go to:
- feed_readers: the workspaces that read a feed (team, enterprise, who added it there, when).

Existing rows: a feed with a team is read by that team; one added from Slack before workspaces were told apart
(no team, someone added it) is read by the legacy team "", which the bot moves to its own team at start
(bot.core.store.teams.adopt_legacy) like legacy subscriptions and watches; one with neither is the operator's.

Columns are added and dropped in place, never by copying the table: on SQLite, copying `feeds` drops the
original, and with foreign keys on that deletes every remembered item (feed_items cascade).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "15a1feeds"
down_revision = "0006search"
branch_labels = None
depends_on = None

SLACK_ID = 32
LEGACY_TEAM = ""

_feeds = sa.table(
    "feeds",
    sa.column("id", sa.Integer),
    sa.column("team_id", sa.String),
    sa.column("enterprise_id", sa.String),
    sa.column("added_by", sa.String),
    sa.column("created_at", sa.DateTime),
    sa.column("everyone", sa.Boolean),
)
_readers = sa.table(
    "feed_readers",
    sa.column("feed_id", sa.Integer),
    sa.column("team_id", sa.String),
    sa.column("enterprise_id", sa.String),
    sa.column("added_by", sa.String),
    sa.column("created_at", sa.DateTime),
)


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "feed_readers",
        sa.Column("feed_id", sa.Integer, sa.ForeignKey("feeds.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("team_id", sa.String(SLACK_ID), primary_key=True, server_default=LEGACY_TEAM),
        sa.Column("enterprise_id", sa.String(SLACK_ID)),
        sa.Column("added_by", sa.String(SLACK_ID)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.add_column("feeds", sa.Column("everyone", sa.Boolean, nullable=False, server_default=sa.false()))
    f = _feeds.c
    team = sa.func.coalesce(f.team_id, LEGACY_TEAM)
    read = sa.select(f.id, team, f.enterprise_id, f.added_by, f.created_at).where(
        sa.or_(f.team_id.is_not(None), f.added_by.is_not(None))
    )
    op.execute(sa.insert(_readers).from_select(["feed_id", "team_id", "enterprise_id", "added_by", "created_at"], read))
    op.execute(sa.update(_feeds).where(f.team_id.is_(None), f.added_by.is_(None)).values(everyone=True))
    for column in ("added_by", "enterprise_id", "team_id"):
        op.drop_column("feeds", column)


def downgrade() -> None:
    """Undo this revision: each feed goes back to one reader (the operator when it is everyone's, else the first
    workspace that reads it): single-workspace stores only, as for revision 15a0teams."""
    op.add_column("feeds", sa.Column("added_by", sa.String(SLACK_ID)))
    op.add_column("feeds", sa.Column("team_id", sa.String(SLACK_ID)))
    op.add_column("feeds", sa.Column("enterprise_id", sa.String(SLACK_ID)))
    f, r = _feeds.c, _readers.c
    conn = op.get_bind()
    shared = set(conn.execute(sa.select(f.id).where(f.everyone == sa.true())).scalars())
    first: dict[int, dict[str, Any]] = {}
    order = sa.select(r.feed_id, r.team_id, r.enterprise_id, r.added_by).order_by(r.created_at.desc(), r.team_id.desc())
    for row in conn.execute(order):  # the earliest reader of each feed comes last, and stays
        # The legacy team was no team before this revision: NULL, with who added it (bot.core.store.teams).
        team = row.team_id if row.team_id != LEGACY_TEAM else None
        first[row.feed_id] = {"team_id": team, "enterprise_id": row.enterprise_id, "added_by": row.added_by}
    for feed_id, values in first.items():
        if feed_id not in shared:  # the operator's stays no one's, as it was
            conn.execute(sa.update(_feeds).where(f.id == feed_id).values(**values))
    op.drop_table("feed_readers")
    op.drop_column("feeds", "everyone")
