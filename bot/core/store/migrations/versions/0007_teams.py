"""Rows a workspace owns carry its team id (and enterprise id on Enterprise Grid), so several workspaces share
one store without seeing or changing each other's channels and watches.

Revision ID: 15a0teams
Revises: 0006

- digest_subscriptions, watches: team_id joins the primary key (two workspaces may both subscribe a shared
  channel, a Grid user may watch in two workspaces); enterprise_id beside it.
- digests: team_id, enterprise_id; inflight_channel holds "TEAM/CHANNEL" (wider), still unique.
- feeds: the team that added the feed (NULL for the operator's), which alone may remove it.
- slack_handled_events (made by the Slack transport, if it exists yet): the team a request came from.

Existing rows get the legacy team "": the migration makes no network call (it runs in `python -m bot migrate`
and in tests without Slack). At start with SLACK_BOT_TOKEN, the bot asks Slack for its own team (auth.test) and
moves the legacy rows there (bot.core.store.teams.adopt_legacy); nothing is lost meanwhile, and nothing else
is ever written to the legacy team by Slack requests.
"""

from __future__ import annotations

import warnings

import sqlalchemy as sa
from alembic import op

revision = "15a0teams"
down_revision = "0006"
branch_labels = None
depends_on = None

SLACK_ID = 32
KEYED = {"digest_subscriptions": ["channel_id"], "watches": ["user_id", "name_key"]}


def _team(required: bool) -> list[sa.Column[str]]:
    return [
        sa.Column("team_id", sa.String(SLACK_ID), nullable=not required, server_default="" if required else None),
        sa.Column("enterprise_id", sa.String(SLACK_ID)),
    ]


def upgrade() -> None:
    """Apply this revision."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, key in KEYED.items():
        with op.batch_alter_table(table, recreate="always" if sqlite else "auto") as batch:
            for column in _team(required=True):
                batch.add_column(column)
        _rekey(table, ["team_id", *key], sqlite)
    with op.batch_alter_table("digests") as batch:
        for column in _team(required=True):
            batch.add_column(column)
        batch.alter_column("inflight_channel", type_=sa.String(2 * SLACK_ID + 1), existing_type=sa.String(SLACK_ID))
    with op.batch_alter_table("feeds") as batch:
        for column in _team(required=False):
            batch.add_column(column)
    if sa.inspect(op.get_bind()).has_table("slack_handled_events"):
        op.add_column("slack_handled_events", sa.Column("team_id", sa.String(SLACK_ID)))


def _rekey(table: str, key: list[str], sqlite: bool) -> None:
    """Make `key` the table's primary key (SQLite: by copying the table, its only way)."""
    if sqlite:
        with warnings.catch_warnings():  # SQLAlchemy notes the copy's key differs from the original's: it should
            warnings.simplefilter("ignore", sa.exc.SAWarning)
            with op.batch_alter_table(table, recreate="always") as batch:
                batch.create_primary_key(f"{table}_pkey", key)
    else:
        op.drop_constraint(f"{table}_pkey", table, type_="primary")
        op.create_primary_key(f"{table}_pkey", table, key)


def downgrade() -> None:
    """Undo this revision (rows of every workspace but one collide on the old keys: single-workspace stores only)."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sa.inspect(op.get_bind()).has_table("slack_handled_events"):
        op.drop_column("slack_handled_events", "team_id")
    # In place, not by copying the table: on SQLite the copy drops `feeds`, which (foreign keys on) deletes
    # every remembered feed item.
    op.drop_column("feeds", "enterprise_id")
    op.drop_column("feeds", "team_id")
    with op.batch_alter_table("digests") as batch:
        batch.alter_column("inflight_channel", type_=sa.String(SLACK_ID), existing_type=sa.String(2 * SLACK_ID + 1))
        batch.drop_column("enterprise_id")
        batch.drop_column("team_id")
    for table, key in KEYED.items():
        _rekey(table, key, sqlite)
        with op.batch_alter_table(table, recreate="always" if sqlite else "auto") as batch:
            batch.drop_column("enterprise_id")
            batch.drop_column("team_id")
