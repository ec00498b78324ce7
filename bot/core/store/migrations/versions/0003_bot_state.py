"""The bot's own state: digest subscriptions and digests, watches, feeds and their items.

Revision ID: 0003
Revises: 0002

Stores opened by the release that introduced these tables created them without a migration, so each table is
created only where it is missing.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SLACK_ID = 32
_TABLES = ("digest_subscriptions", "digests", "watches", "feeds", "feed_items")


def _table(name: str, *columns: sa.Column[object] | sa.Constraint) -> bool:
    """Create a table unless it exists; True when it was created."""
    if sa.inspect(op.get_bind()).has_table(name):
        return False
    op.create_table(name, *columns)
    return True


def upgrade() -> None:
    """Apply this revision."""
    _table(
        "digest_subscriptions",
        sa.Column("channel_id", sa.String(SLACK_ID), primary_key=True),
        sa.Column("schedule", sa.Text, nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("cursor_article_id", sa.Integer, nullable=False),
        sa.Column("origin", sa.String(8), nullable=False),
        sa.Column("created_by", sa.String(SLACK_ID)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("run_requested_at", sa.DateTime(timezone=True)),
    )
    if _table(
        "digests",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("channel_id", sa.String(SLACK_ID), nullable=False),
        sa.Column("after_article_id", sa.Integer, nullable=False),
        sa.Column("upto_article_id", sa.Integer, nullable=False),
        sa.Column("article_count", sa.Integer, nullable=False),
        sa.Column("state", sa.String(8), nullable=False),
        sa.Column("inflight_channel", sa.String(SLACK_ID), unique=True),
        sa.Column("claim_token", sa.String(36), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("posted_at", sa.DateTime(timezone=True)),
        sa.Column("parts", sa.Integer),
        sa.Column("message_ts", sa.Text),
    ):
        op.create_index("ix_digests_channel_id", "digests", ["channel_id"])
    _table(
        "watches",
        sa.Column("user_id", sa.String(SLACK_ID), primary_key=True),
        sa.Column("name_key", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    _table(
        "feeds",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("title", sa.Text),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("last_fetch_at", sa.DateTime(timezone=True)),
        sa.Column("last_ok_at", sa.DateTime(timezone=True)),
        sa.Column("last_error", sa.Text),
        sa.Column("articles", sa.Integer, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("added_by", sa.String(SLACK_ID)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    _table(
        "feed_items",
        sa.Column("feed_id", sa.Integer, sa.ForeignKey("feeds.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("item_key", sa.String(64), primary_key=True),
        sa.Column("article_id", sa.Integer),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Undo this revision."""
    for name in reversed(_TABLES):
        op.drop_table(name)
