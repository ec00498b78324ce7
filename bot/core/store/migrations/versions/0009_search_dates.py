"""Index each article's id with its date and source, for ranking search matches by recency.

Revision ID: 0006search
Revises: 0006aliasconsonants

Search scores every recent match by its date (`bot.core.store.search`). On SQLite, reading an article's date
from its row means reading past its text, often across overflow pages: three quarters of the scoring time.
This narrow index holds what scoring and the filters read (id, date, source), so SQLite looks it up instead.
"""

from __future__ import annotations

from alembic import op

revision = "0006search"
down_revision = "0006aliasconsonants"
branch_labels = None
depends_on = None

INDEX = "ix_articles_id_published_at_source"


def upgrade() -> None:
    """Apply this revision."""
    op.create_index(INDEX, "articles", ["id", "published_at", "source"])


def downgrade() -> None:
    """Undo this revision."""
    op.drop_index(INDEX, table_name="articles")
