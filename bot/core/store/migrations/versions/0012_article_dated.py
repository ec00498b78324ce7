"""Whether each article's date was given by the article or its source.

Revision ID: 0012articledated
Revises: 0010entitychanges

- articles.dated: false when neither the text nor its source stated a date, so that `published_at` holds the
  file's time or the time of indexing; replies then say the date is when the article was indexed. Articles
  stored before this revision count as dated: which of them had no date of their own is no longer known.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012articledated"
down_revision = "0010entitychanges"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    # A plain ADD COLUMN with a constant default: no table rewrite on either backend, whatever the store's size.
    op.add_column("articles", sa.Column("dated", sa.Boolean, nullable=False, server_default=sa.true()))


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("dated")
