"""The store read back for an export: each article with its entities, in the shape extraction produced them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from bot.core.models import Article, BaseFact, EntityType, Extracted, Mention, Quote, Role
from bot.core.store import Store
from bot.core.store import schema as s
from bot.core.store.timestamps import utc


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored, when it was ingested, and what was extracted from it, entity by entity."""

    article: Article
    ingested: datetime
    extracted: list[Extracted]


def stored_article(row: Any, extracted: list[Extracted]) -> StoredArticle:
    """A row of the articles table, with its extracted entities, as a record."""
    article = Article(
        text=row.text,
        headline=row.headline,
        published=utc(row.published_at),
        source=row.source,
        content_hash=row.content_hash,
        url=row.url,
        dated=row.dated,
    )
    return StoredArticle(article, utc(row.ingested_at), extracted)


def every_article(store: Store) -> Iterator[StoredArticle]:
    """Every article with its entities, oldest first, read as the caller goes (one connection throughout)."""
    with store.engine.connect() as conn:
        for row in conn.execute(select(s.articles).order_by(s.articles.c.id)):
            yield stored_article(row, _extracted(conn, row.id))


def _extracted(conn: Connection, article_id: int) -> list[Extracted]:
    """What the store holds of one article, entity by entity, in the shape extraction produced it."""
    link, e = s.entity_articles.c, s.entities.c
    found: dict[int, Extracted] = {}
    for row in conn.execute(
        select(e.id, e.name, e.key, e.type, link.votes).join(s.entity_articles, link.entity_id == e.id)
        .where(link.article_id == article_id).order_by(e.id)
    ):  # fmt: skip
        votes = {EntityType(k): float(v) for k, v in (row.votes or {}).items()}
        found[row.id] = Extracted(name=row.name, key=row.key, type=EntityType(row.type), votes=votes)

    def rows(table: Any) -> Iterator[tuple[Extracted, Any]]:
        for r in conn.execute(select(table).where(table.c.article_id == article_id).order_by(table.c.id)):
            if r.entity_id in found:
                yield found[r.entity_id], r

    for item, r in rows(s.mentions):
        item.mentions.append(Mention(r.surface, r.start, r.end, r.sent_start, r.sent_end))
    for item, r in rows(s.roles):
        item.roles.append(Role(r.title, r.sentence))
    for item, r in rows(s.quotes):
        item.quotes.append(Quote(r.text, r.sentence))
    for item, r in rows(s.base_facts):
        item.base_facts.append(BaseFact(r.kind, r.operator, r.location, r.sentence))
    for item in found.values():
        item.aliases = {m.surface for m in item.mentions} | {item.name}
    return [item for item in found.values() if item.mentions]
