"""An index that serves a look-up of the entities whose key opens with some words, on PostgreSQL.

Revision ID: 0013keyprefix
Revises: 0012articledated

- ix_entities_key_prefix (PostgreSQL only): the entities' keys in byte order (`text_pattern_ops`), so that
  `key LIKE 'saddam %'` reads the index whatever the database's collation, instead of every entity (the ordinary
  index on the key follows the collation, which LIKE cannot use unless it is "C"). SQLite needs no index of its own:
  the same look-up is a GLOB there, which its ordinary index on the key serves (`bot.core.store.patterns.opening_with`).
"""

from __future__ import annotations

from alembic import op

revision = "0013keyprefix"
down_revision = "0012articledated"
branch_labels = None
depends_on = None

INDEX = "ix_entities_key_prefix"


def upgrade() -> None:
    """Apply this revision."""
    if op.get_bind().dialect.name == "postgresql":
        op.create_index(INDEX, "entities", ["key"], postgresql_ops={"key": "text_pattern_ops"})


def downgrade() -> None:
    """Undo this revision."""
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index(INDEX, table_name="entities")
