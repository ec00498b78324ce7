"""The index as the first release created it: articles, entities and what was extracted, and search.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.core.store import search

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _owned(name: str, *columns: sa.Column[object] | sa.UniqueConstraint) -> None:
    """A table of rows that belong to an entity in an article."""
    op.create_table(
        name,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        *columns,
    )
    op.create_index(f"ix_{name}_entity_id", name, ["entity_id"])


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "meta", sa.Column("key", sa.String(64), primary_key=True), sa.Column("value", sa.Text, nullable=False)
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("url", sa.Text, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("headline", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("word_count", sa.Integer, nullable=False),
    )
    op.create_index("ix_articles_published_at", "articles", ["published_at"])
    op.create_index("ix_articles_ingested_at", "articles", ["ingested_at"])
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("surname", sa.Text),
        *(sa.Column(f"votes_{kind}", sa.Float, nullable=False) for kind in ("person", "organisation", "place")),
        sa.Column("votes_installation", sa.Float, nullable=False),
        sa.Column("article_count", sa.Integer, nullable=False),
    )
    for column in ("key", "type", "surname"):
        op.create_index(f"ix_entities_{column}", "entities", [column])
    op.create_table(
        "aliases",
        sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("alias", sa.Text, nullable=False),
        sa.Column("skeleton", sa.Text, nullable=False),
    )
    op.create_index("ix_aliases_key", "aliases", ["key"])
    op.create_index("ix_aliases_skeleton", "aliases", ["skeleton"])
    op.create_table(
        "entity_articles",
        sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("mentions", sa.Integer, nullable=False),
        sa.Column("sent_start", sa.Integer, nullable=False),
        sa.Column("sent_end", sa.Integer, nullable=False),
    )
    op.create_index("ix_entity_articles_article_id", "entity_articles", ["article_id"])
    _owned(
        "mentions",
        sa.Column("surface", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("sent_start", sa.Integer, nullable=False),
        sa.Column("sent_end", sa.Integer, nullable=False),
    )
    op.create_index("ix_mentions_article_id", "mentions", ["article_id"])
    _owned("roles", sa.Column("title", sa.Text, nullable=False), sa.Column("sentence", sa.Text, nullable=False))
    _owned(
        "quotes",
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.UniqueConstraint("entity_id", "article_id", "text"),
    )
    _owned(
        "base_facts",
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("operator", sa.Text),
        sa.Column("location", sa.Text),
        sa.Column("sentence", sa.Text, nullable=False),
    )
    for statement in search.ddl(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    """Undo this revision."""
    raise NotImplementedError("the baseline is not undone; drop the database instead")
