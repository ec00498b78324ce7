"""Ingestion: sources -> articles -> spaCy -> extraction -> store, one transaction per batch, one savepoint per article.

Each article is its own failure domain: whatever goes wrong while it is read, parsed, extracted or stored is one
line naming it and the reason, counted as failed, and the others go on. Only a store that cannot be reached
stops a run (every later article would fail the same way; its files are left for the next run).
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from bot.core.ingest.analyse import STOPPED, Outcome, analyse, store_articles
from bot.core.ingest.article import Unusable, to_article
from bot.core.ingest.files import describe, read_sources
from bot.core.models import Article, Document, Extracted, SourceError
from bot.core.store import Store

log = logging.getLogger(__name__)
T = TypeVar("T")

# Bump when extraction changes what it finds: `python -m bot index` then re-indexes the corpus.
EXTRACTOR_VERSION = "29"
# Articles handed to spaCy at once: large enough for nlp.pipe to batch well, small enough to show progress.
BATCH_SIZE = 32
# Batches queued per worker process: enough to keep it busy while the store is written, bounded in memory.
IN_FLIGHT_PER_WORKER = 2
# The longest one write transaction of an ingestion goes on taking articles: the write lock it holds keeps every
# other writer waiting (a Share button's few seconds, Slack's duplicate check's one), so a batch that takes longer
# to store is committed in parts.
LOCK_HOLD_SECONDS = 0.5
# How often a wait for a parsing process looks at the stop flag.
STOP_POLL_SECONDS = 0.1


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
    stopped: bool = False  # asked to stop (SIGTERM) before every input was read

    def __str__(self) -> str:
        return (
            f"{self.new} new, {self.duplicate} duplicate, {self.failed} failed, "
            f"{self.entities} entities, {self.seconds:.1f} s"
        )


@dataclass(frozen=True)
class _Pending:
    """An article on its way to the store, with the name its error line would give (file, record or line)."""

    where: str
    article: Article


Batch = list[Document | SourceError]


class _Run:
    """One ingestion's counts, error lines and stop flag, shared by the reading and the writing thread (see
    `_writer`)."""

    def __init__(self, report: Callable[[str], None], stop: threading.Event | None) -> None:
        self.summary = Summary()
        self.report = report
        self.stop = stop or threading.Event()
        self.lock = threading.Lock()

    def failed(self, where: str, reason: str) -> None:
        with self.lock:
            self.summary.failed += 1
            self.summary.errors.append(f"{where}: {reason}")
        self.report(f"error: {where}: {reason}")

    def stored(self, article_id: int | None, entities: int) -> None:
        with self.lock:
            if article_id is None:
                self.summary.duplicate += 1
                return
            self.summary.new += 1
            self.summary.entities += entities
            self.summary.new_ids.append(article_id)


def ingest(
    paths: Sequence[str | Path],
    store: Store,
    nlp: Any,
    report: Callable[[str], None] = lambda line: print(line, file=sys.stderr),
    progress: bool = False,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    workers: int = 1,
    stop: threading.Event | None = None,
    follow_links: bool = True,
) -> Summary:
    """Index every readable article under `paths`; each bad one is reported (one line) and skipped.

    With `workers` > 1, that many processes parse and extract while this one reads and writes the store. When
    `stop` is set, the run ends after the article being stored: every stored article is whole, and the summary
    says how many there are. With `follow_links` false, a link to a file is reported, never read.
    """
    run = _Run(report, stop)
    started = time.perf_counter()
    bar = _progress_bar(progress)
    batches = (
        (batch, _articles(batch, store, run, now()))
        for batch in _batches(_until(read_sources(paths, follow_links), run), BATCH_SIZE)
    )
    # One batch at most is being stored while the next is analysed, so a store that cannot be reached stops
    # the run before anything after it is tried.
    with _writer(overlapped=workers <= 1 and store.across_a_network) as write:
        for batch, pending, outcomes in _analysed(batches, nlp, workers, run):
            write(partial(_store, store, pending, outcomes, now, run))
            if bar is not None:
                bar.update(len(batch))
    if bar is not None:
        bar.close()
    run.summary.stopped = run.stop.is_set()
    run.summary.seconds = time.perf_counter() - started
    return run.summary


@contextmanager
def _writer(overlapped: bool) -> Iterator[Callable[[Callable[[], None]], None]]:
    """What stores each analysed batch: with `overlapped`, a thread of its own that stores one batch while the next
    is parsed, so that a store across a network (PostgreSQL's round trips and commits) waits beside spaCy's work
    instead of adding to it; else the calling thread. A local store (SQLite) has no waits to hide, and there the
    two threads' contention cost more CPU than the overlap saved time (news articles: 3-5 ms of CPU per article
    for 1-2 ms of wall time); with parsing processes (`workers`) the processes go on parsing the batches queued
    for them while one is stored, which measured faster than a writer thread on both stores."""
    if not overlapped:
        yield lambda job: job()
        return
    writing: list[Future[None]] = []
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-writer") as thread:

        def write(job: Callable[[], None]) -> None:
            if writing:
                writing.pop().result()
            writing.append(thread.submit(job))

        yield write
        if writing:
            writing.pop().result()


def _until(items: Iterable[Document | SourceError], run: _Run) -> Iterator[Document | SourceError]:
    """The inputs, until the run is asked to stop."""
    for item in items:
        if run.stop.is_set():
            return
        yield item


def _store(
    store: Store, pending: list[_Pending], outcomes: list[Outcome], now: Callable[[], datetime], run: _Run
) -> None:
    """Write a batch's articles in one transaction, each in a savepoint: one that fails is reported and the others
    go on. A transaction takes no more articles once it has held the write lock for LOCK_HOLD_SECONDS: the rest go in
    the next. Asked to stop, the articles stored so far are committed and the rest left out."""
    remaining = iter(zip(pending, outcomes, strict=True))
    while True:
        taken: list[tuple[_Pending, list[Extracted]]] = []
        results = store_articles(store, _one_transaction(remaining, taken, run), now)
        for (item, found), stored in zip(taken, results, strict=True):
            if isinstance(stored, str):
                run.failed(item.where, stored)
            else:
                run.stored(stored, len(found))
        if not taken:
            return


def _one_transaction(
    remaining: Iterator[tuple[_Pending, Outcome]], taken: list[tuple[_Pending, list[Extracted]]], run: _Run
) -> Iterator[tuple[Article, list[Extracted]]]:
    """The articles one write transaction stores, from `remaining` (each also put in `taken`): until the run is asked
    to stop, or the transaction has held the write lock for LOCK_HOLD_SECONDS. Failed analyses are reported on the
    way."""
    started = None
    for item, outcome in remaining:
        if run.stop.is_set():
            return
        if isinstance(outcome, str):
            run.failed(item.where, outcome)
            continue
        taken.append((item, outcome))
        started = started or time.monotonic()  # the lock is taken with the first article
        yield item.article, outcome
        if time.monotonic() - started >= LOCK_HOLD_SECONDS:
            return


def _analysed(
    batches: Iterator[tuple[Batch, list[_Pending]]], nlp: Any, workers: int, run: _Run
) -> Iterator[tuple[Batch, list[_Pending], list[Outcome]]]:
    """Each batch with what extraction found in each of its articles, in order; parsed here or by a pool of
    processes."""
    if workers <= 1:
        for batch, pending in batches:
            yield batch, pending, analyse(nlp, [p.article.text for p in pending], run.stop)
        return
    global _worker_nlp
    _worker_nlp = nlp  # forked workers inherit the loaded pipeline instead of loading their own
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_started) as pool:
        queued: deque[tuple[Batch, list[_Pending], Future[list[Outcome]]]] = deque()
        try:
            for batch, pending in batches:
                queued.append((batch, pending, pool.submit(_worker_extract, [p.article.text for p in pending])))
                if len(queued) > workers * IN_FLIGHT_PER_WORKER:
                    yield _collected(*queued.popleft(), run)
            while queued and not run.stop.is_set():
                yield _collected(*queued.popleft(), run)
        finally:
            if run.stop.is_set():
                _abandon(pool)


def _collected(
    batch: Batch, pending: list[_Pending], future: Future[list[Outcome]], run: _Run
) -> tuple[Batch, list[_Pending], list[Outcome]]:
    """A worker's results, waited for while the run is not asked to stop; a worker that died takes only its batch's
    articles with it."""
    while not future.done():
        if run.stop.wait(STOP_POLL_SECONDS):
            return batch, pending, [STOPPED] * len(pending)
    try:
        return batch, pending, future.result()
    except Exception as error:
        reason = f"not parsed: the parsing process failed ({describe(error)})"
        return batch, pending, [reason] * len(pending)


def _abandon(pool: ProcessPoolExecutor) -> None:
    """Stop the parsing processes now: what they are working on would be thrown away after a stop, and a batch
    of long articles could keep them busy for minutes."""
    processes = _processes(pool)  # shutdown forgets them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()


def _processes(pool: ProcessPoolExecutor) -> list[Any]:
    # ProcessPoolExecutor has no public way to end its workers early; its process table is the only handle.
    table = getattr(pool, "_processes", None)
    return list(table.values()) if isinstance(table, dict) else []


def _worker_started() -> None:
    """A parsing process dies on SIGTERM: it must not inherit the handler with which its parent stops gracefully
    (it would outlive a parent that is gone, holding its output open)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


_worker_nlp: Any = None


def _worker_extract(texts: list[str]) -> list[Outcome]:
    return analyse(_worker_nlp, texts)


def _articles(batch: Batch, store: Store, run: _Run, now: datetime) -> list[_Pending]:
    """The batch's new articles; errors and duplicates are counted (and errors reported) here."""
    read = _readable(batch, run, now)
    stored = store.duplicates([item.article for item in read])  # asked of all at once: one connection
    fresh: list[_Pending] = []
    hashes: set[str] = set()
    for item, duplicate in zip(read, stored, strict=True):
        if item.article.content_hash in hashes or duplicate:
            run.stored(None, 0)
            continue
        hashes.add(item.article.content_hash)
        fresh.append(item)
    return fresh


def _readable(batch: Batch, run: _Run, now: datetime) -> list[_Pending]:
    """The batch's articles that could be read; the others are reported and counted as failed."""
    read: list[_Pending] = []
    for item in batch:
        if isinstance(item, SourceError):
            run.failed(item.source, item.reason)
            continue
        where = item.origin or item.source
        try:
            article = to_article(item, now)
        except Unusable as error:
            run.failed(where, str(error))
            continue
        except Exception as error:
            log.debug("reading %s failed", where, exc_info=True)
            run.failed(where, describe(error))
            continue
        read.append(_Pending(where, article))
    return read


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
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


def reindex(
    store: Store, nlp: Any, report: Callable[[str], None] = lambda line: print(line, file=sys.stderr)
) -> Summary:
    """Extract every stored article again (after the extractor changed); articles, ids and dates stay. An article
    whose extraction fails keeps no entities, is reported (one line) and counted, and the others go on."""
    summary = Summary()
    started = time.perf_counter()
    stored = store.stored_articles()
    store.clear_entities()
    for batch in _batches(stored, BATCH_SIZE):
        for (article_id, _), found in zip(batch, analyse(nlp, [text for _, text in batch]), strict=True):
            if isinstance(found, str):
                summary.failed += 1
                summary.errors.append(f"article {article_id}: {found}")
                report(f"error: article {article_id}: {found}")
                continue
            store.replace_entities(article_id, found)
            summary.entities += len(found)
    summary.seconds = time.perf_counter() - started
    return summary
