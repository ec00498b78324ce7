"""Which entities changed at which generation, so that each process brings its caches up to date in place.

Revision ID: 0010entitychanges
Revises: 15a1feeds

- entity_changes(entity_id, generation): every write that changes an entity records the generation it made
  (`meta.generation`, now a number). A process holding the typo-matching names and the installation summaries
  reads the entities changed since its own generation instead of rebuilding both after every article.
  Existing stores start empty here: their generation is still an old token, not a number, and the first write
  after this revision marks a reset, so every process rebuilds its caches once.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010entitychanges"
down_revision = "15a1feeds"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "entity_changes",
        sa.Column("entity_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("generation", sa.Integer, nullable=False),
    )
    op.create_index("ix_entity_changes_generation", "entity_changes", ["generation"])


def downgrade() -> None:
    """Undo this revision."""
    op.drop_index("ix_entity_changes_generation", table_name="entity_changes")
    op.drop_table("entity_changes")
