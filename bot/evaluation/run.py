"""Ingest the evaluation corpus into a scratch store and score it against the gold file."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.core.ingest.article import to_article
from bot.core.ingest.files import read_sources
from bot.core.ingest.pipeline import ingest
from bot.core.models import Document, EntityType, Extracted
from bot.core.store import open_store
from bot.core.store.transfer import StoredArticle, every_article
from bot.evaluation import gold as gold_file
from bot.evaluation.gold import GoldArticle
from bot.evaluation.score import Predicted, PredictedEntity, Scores, score


@dataclass(frozen=True)
class Evaluation:
    """The scores of each split of the corpus, and of the whole."""

    by_split: dict[str, Scores]
    articles: int
    unread: list[str]


def evaluate(articles_dir: Path, gold_path: Path, nlp: Any, report: Callable[[str], None] = print) -> Evaluation:
    """Index `articles_dir` into a new SQLite store and score every article the gold file describes."""
    golds = gold_file.load(gold_path)
    with tempfile.TemporaryDirectory(prefix="newsbot-eval-") as scratch:
        store = open_store(f"sqlite:///{Path(scratch) / 'eval.db'}")
        ingest([articles_dir], store, nlp, report=report)
        stored = {item.article.content_hash: item for item in every_article(store)}
        store.engine.dispose()
    pairs: list[tuple[GoldArticle, Predicted]] = []
    unread = []
    for name, doc in _documents(articles_dir):
        item = stored.get(to_article(doc, datetime.now(UTC)).content_hash)
        if name in golds and item is not None:
            pairs.append((golds[name], _predicted(item, doc.file_time)))
        elif name in golds:
            unread.append(name)
    splits = {s: [p for p in pairs if p[0].split == s] for s in (gold_file.TUNE, gold_file.HOLDOUT)}
    # a split with no article is left out: it has no measures to show or to miss
    by_split = {name: score(chosen) for name, chosen in splits.items() if chosen} | {"all": score(pairs)}
    return Evaluation(by_split=by_split, articles=len(pairs), unread=unread)


def _documents(folder: Path) -> Iterable[tuple[str, Document]]:
    """Each file's document, by file name (a JSON record may name its outlet as its source instead)."""
    for path in sorted(folder.iterdir()):
        for found in read_sources([path]):
            if isinstance(found, Document):
                yield path.name, found


def _predicted(item: StoredArticle, file_time: datetime | None) -> Predicted:
    return Predicted(
        headline=item.article.headline,
        published=item.article.published,
        dated=item.article.dated,
        file_time=file_time,
        entities=tuple(_entity(e) for e in item.extracted),
    )


def _entity(e: Extracted) -> PredictedEntity:
    return PredictedEntity(
        identity=(e.type.value, e.key, e.name),
        name=e.name,
        type=EntityType(e.type),
        surfaces=tuple(m.surface for m in e.mentions),
        roles=tuple(r.title for r in e.roles),
        quotes=tuple(q.text for q in e.quotes),
        operators=tuple(f.operator for f in e.base_facts if f.operator),
        locations=tuple(f.location for f in e.base_facts if f.location),
    )
