"""Every table by migration: the Slack request log and APScheduler's job table.

Revision ID: 0006
Revises: 14a0digestdelivery

Both used to be created when a serving process or the scheduler started, so a database re-created and filled by
`python -m bot import` while the bot ran answered every event with an error, and scheduled no digest, until a
restart. Stores where a start-up already created them keep them as they are.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "14a0digestdelivery"
branch_labels = None
depends_on = None


def _missing(name: str) -> bool:
    return not sa.inspect(op.get_bind()).has_table(name)


def upgrade() -> None:
    """Apply this revision."""
    if _missing("slack_handled_events"):
        op.create_table(
            "slack_handled_events",
            sa.Column("event_id", sa.String(64), primary_key=True),
            sa.Column("handled_at", sa.DateTime(timezone=True), nullable=False),
        )
        op.create_index("ix_slack_handled_events_handled_at", "slack_handled_events", ["handled_at"])
    if _missing("scheduler_jobs"):
        op.create_table(
            "scheduler_jobs",
            sa.Column("id", sa.Unicode(191), primary_key=True),
            sa.Column("next_run_time", sa.Float(25)),
            sa.Column("job_state", sa.LargeBinary, nullable=False),
        )
        op.create_index("ix_scheduler_jobs_next_run_time", "scheduler_jobs", ["next_run_time"])


def downgrade() -> None:
    """Undo this revision."""
    op.drop_table("scheduler_jobs")
    op.drop_table("slack_handled_events")
