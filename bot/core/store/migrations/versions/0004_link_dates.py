"""Keep each article's publication date on the rows that link it to an entity, indexed per entity.

Revision ID: 0004
Revises: 0003

A profile lists an entity's newest articles, roles and quotes. With the date only in `articles`, a name in
thousands of articles meant joining and sorting all of them per answer; with (entity_id, published_at) indexed
on each link table, the newest few are read straight off the index. Articles never change their date, so the
copy cannot go stale.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Each dated table, the index that replaces its plain entity_id index, and the tie-break column after the date.
_TABLES = {
    "entity_articles": ("ix_entity_articles_entity_id_published_at", "article_id"),
    "roles": ("ix_roles_entity_id_published_at", "id"),
    "quotes": ("ix_quotes_entity_id_published_at", "id"),
    "base_facts": ("ix_base_facts_entity_id_published_at", "id"),
}
_REPLACED = ("ix_roles_entity_id", "ix_quotes_entity_id", "ix_base_facts_entity_id")


def upgrade() -> None:
    """Apply this revision."""
    for table in _TABLES:
        op.add_column(table, sa.Column("published_at", sa.DateTime(timezone=True), nullable=True))
        date = f"(SELECT published_at FROM articles WHERE articles.id = {table}.article_id)"
        op.execute(f"UPDATE {table} SET published_at = {date}")
        with op.batch_alter_table(table) as batch:
            batch.alter_column("published_at", existing_type=sa.DateTime(timezone=True), nullable=False)
    for name in _REPLACED:
        op.drop_index(name, table_name=name.removeprefix("ix_").removesuffix("_entity_id"))
    for table, (name, tie_break) in _TABLES.items():
        op.create_index(name, table, ["entity_id", "published_at", tie_break])


def downgrade() -> None:
    """Undo this revision."""
    for table, (name, _) in _TABLES.items():
        op.drop_index(name, table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("published_at")
    for name in _REPLACED:
        table = name.removeprefix("ix_").removesuffix("_entity_id")
        op.create_index(name, table, ["entity_id"])
