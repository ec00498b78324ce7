"""Export the index as JSON Lines and import it elsewhere, without running the NLP again.

One line per article: the article and, for each entity it names, what this article said about it (names,
mentions, type evidence, roles, quotes, installation facts). Importing re-resolves the entities against the
target store exactly as ingestion does, so SQLite -> PostgreSQL (or two stores merged) gives the same index.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, TextIO

from sqlalchemy import Connection, select

from bot.core.models import Article, BaseFact, EntityType, Extracted, Mention, Quote, Role
from bot.core.store import Store
from bot.core.store import schema as s
from bot.core.store.reader import utc

FORMAT_VERSION = 1


@dataclass
class ImportSummary:
    """What an import did."""

    new: int = 0
    duplicate: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return f"{self.new} new, {self.duplicate} duplicate, {self.failed} failed"


def export(store: Store, out: TextIO) -> int:
    """Write every article with its extracted entities, one JSON object per line; returns the count."""
    count = 0
    with store.engine.connect() as conn:
        for row in conn.execute(select(s.articles).order_by(s.articles.c.id)):
            record = {
                "format": FORMAT_VERSION,
                "article": _article_record(row),
                "entities": [asdict(e) | {"type": e.type.value} for e in _extracted(conn, row.id)],
            }
            out.write(json.dumps(record, ensure_ascii=False, default=_json_default) + "\n")
            count += 1
    return count


def _article_record(row: Any) -> dict[str, Any]:
    return {
        "text": row.text,
        "headline": row.headline,
        "published": utc(row.published_at).isoformat(),
        "ingested": utc(row.ingested_at).isoformat(),
        "source": row.source,
        "url": row.url,
        "content_hash": row.content_hash,
    }


def _json_default(value: object) -> object:
    if isinstance(value, set):
        return sorted(value)
    if isinstance(value, EntityType):
        return value.value
    raise TypeError(f"cannot export {type(value).__name__}")


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


def import_lines(store: Store, lines: Iterable[str], report: Callable[[str], object] = print) -> ImportSummary:
    """Add every exported article that the store does not hold yet; a bad line is reported and skipped."""
    summary = ImportSummary()
    for article, ingested, extracted in _records(lines, summary, report):
        if store.add_article(article, extracted, ingested) is None:
            summary.duplicate += 1
        else:
            summary.new += 1
    return summary


def _records(
    lines: Iterable[str], summary: ImportSummary, report: Callable[[str], object]
) -> Iterator[tuple[Article, datetime, list[Extracted]]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield _parse(json.loads(line))
        except (ValueError, KeyError, TypeError) as error:
            summary.failed += 1
            report(f"error: line {number}: {type(error).__name__}: {error}")


def _parse(record: dict[str, Any]) -> tuple[Article, datetime, list[Extracted]]:
    if record.get("format") != FORMAT_VERSION:
        raise ValueError(f"unknown export format {record.get('format')!r}")
    a = record["article"]
    article = Article(
        text=a["text"],
        headline=a["headline"],
        published=datetime.fromisoformat(a["published"]),
        source=a["source"],
        content_hash=a["content_hash"],
        url=a.get("url"),
    )
    return article, datetime.fromisoformat(a["ingested"]), [_entity(e) for e in record["entities"]]


def _entity(e: dict[str, Any]) -> Extracted:
    return Extracted(
        name=e["name"],
        key=e["key"],
        type=EntityType(e["type"]),
        votes={EntityType(k): float(v) for k, v in e["votes"].items()},
        aliases=set(e["aliases"]),
        mentions=[Mention(**m) for m in e["mentions"]],
        roles=[Role(**r) for r in e["roles"]],
        quotes=[Quote(**q) for q in e["quotes"]],
        base_facts=[BaseFact(**f) for f in e["base_facts"]],
    )
