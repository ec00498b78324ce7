"""What a link unfurl shows: the indexed article at a URL, with the entities it names, most mentioned first."""

from __future__ import annotations

from sqlalchemy import desc, select

from bot.core.store import Store
from bot.core.store import schema as s
from bot.core.store.records import ARTICLE_COLUMNS, ENTITY_COLUMNS, ArticleRow, EntityRow, article_row, entity_row


def article_at(store: Store, url: str) -> tuple[ArticleRow, list[EntityRow]] | None:
    """The article stored with this exact URL and its entities, or None when no article has it."""
    a, e, ea = s.articles.c, s.entities.c, s.entity_articles.c
    with store.engine.connect() as conn:
        row = conn.execute(select(*ARTICLE_COLUMNS).where(a.url == url)).first()
        if row is None:
            return None
        named = conn.execute(
            select(*ENTITY_COLUMNS)
            .join(s.entity_articles, ea.entity_id == e.id)
            .where(ea.article_id == row.id)
            .order_by(desc(ea.mentions), e.name)
        ).all()
    return article_row(row), [entity_row(r) for r in named]
