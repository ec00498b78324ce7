"""Ingestion: sources -> articles -> spaCy -> extraction -> store, one transaction per article."""

from __future__ import annotations

import hashlib
import multiprocessing
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from bot.core.extract import extract
from bot.core.ingest.article import to_article
from bot.core.ingest.files import read_sources
from bot.core.models import Article, Document, Extracted, SourceError
from bot.core.store import Store

# Bump when extraction changes what it finds: `python -m bot index` then re-indexes the corpus.
EXTRACTOR_VERSION = "4"
# Articles handed to spaCy at once: large enough for nlp.pipe to batch well, small enough to show progress.
BATCH_SIZE = 32
# Batches queued per worker process: enough to keep it busy while the store is written, bounded in memory.
IN_FLIGHT_PER_WORKER = 2


@dataclass
class Summary:
    """What an ingestion run did."""

    new: int = 0
    duplicate: int = 0
    failed: int = 0
    entities: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    new_ids: list[int] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.new} new, {self.duplicate} duplicate, {self.failed} failed, "
            f"{self.entities} entities, {self.seconds:.1f} s"
        )


def ingest(
    paths: Sequence[str | Path],
    store: Store,
    nlp: Any,
    report: Callable[[str], None] = lambda line: print(line, file=sys.stderr),
    progress: bool = False,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    workers: int = 1,
) -> Summary:
    """Index every readable article under `paths`; bad inputs are reported and skipped.

    With `workers` > 1, that many processes parse and extract while this one reads and writes the store.
    """
    summary = Summary()
    started = time.perf_counter()
    bar = _progress_bar(progress)
    batches = (
        (batch, _articles(batch, store, summary, report, now())) for batch in _batches(read_sources(paths), BATCH_SIZE)
    )
    # One thread writes a batch while the next is parsed: the store's waits (PostgreSQL's round trips and
    # commits, SQLite's page writes) overlap spaCy's work instead of adding to it. One batch at most is in
    # the writer's hands, so a write that fails stops the run before anything after it is stored.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-writer") as writer:
        writing: Future[list[tuple[int | None, int]]] | None = None
        for batch, articles, extracted in _analysed(batches, nlp, workers):
            if writing is not None:
                _count(summary, writing.result())
            writing = writer.submit(_store, store, articles, extracted, now)
            if bar is not None:
                bar.update(len(batch))
        if writing is not None:
            _count(summary, writing.result())
    if bar is not None:
        bar.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _store(
    store: Store, articles: list[Article], extracted: list[list[Extracted]], now: Callable[[], datetime]
) -> list[tuple[int | None, int]]:
    """Write a batch's articles, one transaction each: each one's id (None for a duplicate) and entity count."""
    return [(store.add_article(a, found, now()), len(found)) for a, found in zip(articles, extracted, strict=True)]


def _count(summary: Summary, stored: list[tuple[int | None, int]]) -> None:
    for article_id, entities in stored:
        if article_id is None:
            summary.duplicate += 1
            continue
        summary.new += 1
        summary.entities += entities
        summary.new_ids.append(article_id)


Batch = list[Document | SourceError]


def _analysed(
    batches: Iterator[tuple[Batch, list[Article]]], nlp: Any, workers: int
) -> Iterator[tuple[Batch, list[Article], list[list[Extracted]]]]:
    """Each batch with the entities of its articles, in order; parsed here or by a pool of processes."""
    if workers <= 1:
        for batch, articles in batches:
            yield batch, articles, _extract_all(nlp, [a.text for a in articles])
        return
    global _worker_nlp
    _worker_nlp = nlp  # forked workers inherit the loaded pipeline instead of loading their own
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: deque[tuple[Batch, list[Article], Future[list[list[Extracted]]]]] = deque()
        for batch, articles in batches:
            pending.append((batch, articles, pool.submit(_worker_extract, [a.text for a in articles])))
            if len(pending) > workers * IN_FLIGHT_PER_WORKER:
                done_batch, done_articles, future = pending.popleft()
                yield done_batch, done_articles, future.result()
        while pending:
            done_batch, done_articles, future = pending.popleft()
            yield done_batch, done_articles, future.result()


_worker_nlp: Any = None


def _worker_extract(texts: list[str]) -> list[list[Extracted]]:
    return _extract_all(_worker_nlp, texts)


def _extract_all(nlp: Any, texts: list[str]) -> list[list[Extracted]]:
    return [extract(doc) for doc in nlp.pipe(texts)] if texts else []


def _articles(
    batch: list[Document | SourceError],
    store: Store,
    summary: Summary,
    report: Callable[[str], None],
    now: datetime,
) -> list[Article]:
    """The batch's new articles; errors and duplicates are counted (and errors reported) here."""
    fresh: list[Article] = []
    hashes: set[str] = set()
    for item in batch:
        if isinstance(item, SourceError):
            summary.failed += 1
            summary.errors.append(str(item))
            report(f"error: {item}")
            continue
        article = to_article(item, now)
        if article.content_hash in hashes or store.is_duplicate(article):
            summary.duplicate += 1
            continue
        hashes.add(article.content_hash)
        fresh.append(article)
    return fresh


def _batches(items: Iterable[Document | SourceError], size: int) -> Iterator[list[Document | SourceError]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _progress_bar(enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(unit=" docs", desc="Indexing", file=sys.stderr, leave=False)


def needs_indexing(store: Store, articles_dir: Path) -> str | None:
    """Why the shipped corpus must be (re)indexed, or None when the index is current."""
    if store.article_count() == 0:
        return "the index is empty"
    if store.get_meta("extractor_version") != EXTRACTOR_VERSION:
        return "the extractor changed since the index was built"
    if store.get_meta("corpus_fingerprint") != corpus_fingerprint(articles_dir):
        return "new or changed articles"
    return None


def corpus_fingerprint(articles_dir: Path) -> str:
    """A digest of every file's path, size and time: it changes when a file is added, even with an old time."""
    digest = hashlib.sha256()
    for path in sorted(p for p in articles_dir.rglob("*") if p.is_file()):
        info = path.stat()
        digest.update(f"{path.relative_to(articles_dir)}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def mark_indexed(store: Store, articles_dir: Path) -> None:
    """Record that the shipped corpus, as it is now, was indexed with this extractor version."""
    store.set_meta("extractor_version", EXTRACTOR_VERSION)
    store.set_meta("corpus_fingerprint", corpus_fingerprint(articles_dir))


def reindex(store: Store, nlp: Any) -> Summary:
    """Extract every stored article again (after the extractor changed); articles, ids and dates stay."""
    summary = Summary()
    started = time.perf_counter()
    stored = store.stored_articles()
    store.clear_entities()
    docs = nlp.pipe([text for _, text in stored], batch_size=BATCH_SIZE)
    for (article_id, _), doc in zip(stored, docs, strict=True):
        found = extract(doc)
        store.replace_entities(article_id, found)
        summary.entities += len(found)
    summary.seconds = time.perf_counter() - started
    return summary
