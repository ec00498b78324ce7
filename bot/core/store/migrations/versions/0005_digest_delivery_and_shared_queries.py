"""Digest deliveries that can fail and say so, threaded digests, and the command lines Share buttons point at.

Revision ID: 14a0digestdelivery
Revises: 0004

- digest_subscriptions.threaded: post one short message with the full digest in its thread (on by default).
- digest_subscriptions.paused_reason / paused_at: Slack refused a scheduled post for a reason that will not
  pass by itself (the bot was removed from the channel, the channel was archived, ...): the subscription
  waits for `/digest subscribe` again instead of failing at every run.
- shared_queries: a Share button carries the id of the command line it shares, never a cut copy of it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "14a0digestdelivery"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("digest_subscriptions") as table:
        table.add_column(sa.Column("threaded", sa.Boolean, nullable=False, server_default=sa.true()))
        table.add_column(sa.Column("paused_reason", sa.String(64)))
        table.add_column(sa.Column("paused_at", sa.DateTime(timezone=True)))
    op.create_table(
        "shared_queries",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("line", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_table("shared_queries")
    with op.batch_alter_table("digest_subscriptions") as table:
        table.drop_column("paused_at")
        table.drop_column("paused_reason")
        table.drop_column("threaded")
