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

from bot.core.ingest.analyse import store_article
from bot.core.ingest.files import describe
from bot.core.models import Article, BaseFact, EntityType, Extracted, Mention, Quote, Role
from bot.core.store import Store
from bot.core.store import transfer as stored

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
    for item in stored.every_article(store):
        record = {
            "format": FORMAT_VERSION,
            "article": _article_record(item),
            "entities": [asdict(e) | {"type": e.type.value} for e in item.extracted],
        }
        out.write(json.dumps(record, ensure_ascii=False, default=_json_default) + "\n")
        count += 1
    return count


def _article_record(item: stored.StoredArticle) -> dict[str, Any]:
    a = item.article
    return {
        "text": a.text,
        "headline": a.headline,
        "published": a.published.isoformat(),
        "dated": a.dated,
        "ingested": item.ingested.isoformat(),
        "source": a.source,
        "url": a.url,
        "content_hash": a.content_hash,
    }


def _json_default(value: object) -> object:
    if isinstance(value, set):
        return sorted(value)
    if isinstance(value, EntityType):
        return value.value
    raise TypeError(f"cannot export {type(value).__name__}")


def import_lines(store: Store, lines: Iterable[str], report: Callable[[str], object] = print) -> ImportSummary:
    """Add every exported article that the store does not hold yet; a bad line (unreadable, or refused by the
    store) is reported and skipped, and the lines after it are read."""
    summary = ImportSummary()
    for number, (article, ingested, extracted) in _records(lines, summary, report):
        stored = store_article(store, article, extracted, ingested)
        if isinstance(stored, str):
            summary.failed += 1
            report(f"error: line {number}: {stored}")
        elif stored is None:
            summary.duplicate += 1
        else:
            summary.new += 1
    return summary


def _records(
    lines: Iterable[str], summary: ImportSummary, report: Callable[[str], object]
) -> Iterator[tuple[int, tuple[Article, datetime, list[Extracted]]]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise TypeError("not a JSON object")
            yield number, _parse(record)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
            summary.failed += 1
            report(f"error: line {number}: {describe(error)}")


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
        dated=_flag(a.get("dated", True)),  # exports made before the flag existed: dated, as the migration says
    )
    return article, datetime.fromisoformat(a["ingested"]), [_entity(e) for e in record["entities"]]


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"dated must be true or false, not {value!r}")
    return value


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
