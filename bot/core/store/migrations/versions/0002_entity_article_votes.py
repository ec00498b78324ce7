"""Keep each article's type evidence per entity, so an export can be re-imported without the NLP.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("entity_articles") as batch:
        batch.add_column(sa.Column("votes", sa.JSON, nullable=False, server_default="{}"))
    # Articles indexed before kept no per-article evidence: count each mention as a vote for the entity's type.
    build = "json_object" if op.get_bind().dialect.name == "sqlite" else "json_build_object"
    op.execute(
        f"UPDATE entity_articles SET votes = {build}("
        "(SELECT type FROM entities WHERE entities.id = entity_articles.entity_id), mentions * 1.0)"
    )


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("entity_articles") as batch:
        batch.drop_column("votes")
