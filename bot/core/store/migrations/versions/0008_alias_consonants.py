"""Aliases keep their consonants, so that a vowel variant stored under another article is proposed for a merge.

Revision ID: 0006aliasconsonants
Revises: 15a0teams

- aliases.consonants: `names.consonants(key)` ("ahmad sharaa" and "ahmed sharaa" both give "ahmd shr"), indexed;
  the writer proposes stored names with the same consonants and `names.same_name` decides, as within an article.
  Existing rows are filled in here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.core import names

revision = "0006aliasconsonants"
down_revision = "15a0teams"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("aliases") as table:
        table.add_column(sa.Column("consonants", sa.Text, nullable=False, server_default=""))
        table.create_index("ix_aliases_consonants", ["consonants"])
    aliases = sa.table("aliases", sa.column("key", sa.Text), sa.column("consonants", sa.Text))
    conn = op.get_bind()
    keys = [row.key for row in conn.execute(sa.select(aliases.c.key).distinct())]
    for key in keys:
        conn.execute(aliases.update().where(aliases.c.key == key).values(consonants=names.consonants(key)))


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("aliases") as table:
        table.drop_index("ix_aliases_consonants")
        table.drop_column("consonants")
