"""The search index on local disk (Tantivy), kept in step with the store by catching up from it.

The store is the truth; the index is a copy any process can rebuild. Articles are only ever added, with rising ids
committed in id order (every write holds the write lock), and each commit of the index holds a whole run of ids:
so the highest id in the index says everything up to it is there. Before a search, the newest id in the store is
read (one statement on the primary key): when the index is behind by a few articles they are added and committed
first; by more, or when the index is missing, unreadable or made from another store (the article at its highest
id has another content hash, or the store has fewer articles), a thread rebuilds it in batches and searches use
the store's own full-text search until it is done. Every process keeps an index directory of its own (replicas
each catch up from the one database); processes sharing a directory share it, one of them writing (Tantivy's
writer lock) and the others reading what it commits.
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
from pathlib import Path
from typing import Any

import tantivy
from sqlalchemy import Connection, Engine, Row, func, select

from bot.core.store import schema as s
from bot.core.store import search_tantivy as engine
from bot.core.store.timestamps import utc

log = logging.getLogger(__name__)

# Written beside Tantivy's files; an index without it, or of another version, is rebuilt.
SIDECAR = "newsbot-search.json"
VERSION = 1
# Behind by at most this many articles, a search adds them before answering (a second or less); by more, a
# thread catches up and searches use the store's own search meanwhile.
INLINE_ARTICLES = 2_000
# Articles read and committed at a time while building: each commit is a consistent index to search.
BATCH = 5_000
# Progress is logged, and a connection to the store held, this many articles at a time while building.
BUILD_LOG_EVERY = 50_000
# The writer's memory: Tantivy's minimum is 15 MB per thread; one thread leaves the other core to answers.
WRITER_HEAP_BYTES = 64_000_000

_A = s.articles.c


class SearchIndex:
    """A Tantivy index of the store's articles in `directory`, brought up to date from `engine`'s store."""

    def __init__(self, directory: Path, store_engine: Engine) -> None:
        self.directory, self.store_engine = directory, store_engine
        self.schema = engine.schema()
        self._lock = threading.Lock()
        self._index: tantivy.Index | None = None
        self._writer: tantivy.IndexWriter | None = None
        self._indexed = -1  # the highest article id this process has seen in the index; -1: not opened yet
        self._edges: tuple[int, int] | None = None  # the oldest and newest publication date in it (microseconds)
        self._building: threading.Thread | None = None

    def searcher(self, conn: Connection) -> engine.Snapshot | None:
        """A searcher holding every article the store has (on `conn`), or None while the index is being built or
        another process is bringing it up to date: the caller then searches the store."""
        newest = int(conn.execute(select(func.coalesce(func.max(_A.id), 0))).scalar_one())
        index = self._index
        if index is not None and self._indexed >= newest:
            return engine.Snapshot(index.searcher(), self._edges)
        if self.building:
            return None
        with self._lock:
            try:
                return self._catch_up(conn, newest)
            except (ValueError, OSError):  # Tantivy's errors (a full disk, a damaged segment): the store answers
                log.exception("search index %s could not be brought up to date", self.directory)
                return None

    @property
    def indexed(self) -> int:
        """The highest article id this process has seen committed to the index (-1 before it is opened)."""
        return self._indexed

    @property
    def building(self) -> bool:
        """Whether a thread is (re)building the index."""
        return self._building is not None and self._building.is_alive()

    def close(self) -> None:
        """Let go of the writer (and its lock on the directory), waiting for a build to stop first."""
        if self._building is not None:
            self._building.join()
        with self._lock:
            self._release()

    def _catch_up(self, conn: Connection, newest: int) -> engine.Snapshot | None:
        index = self._checked()
        if index is None:
            return None
        if self._indexed >= newest:
            return engine.Snapshot(index.searcher(), self._edges)
        if newest - self._indexed > INLINE_ARTICLES:
            self._build_in_background()
            return None
        if not self._take_writer():
            return None  # another process writes this directory: it will catch up; the store answers meanwhile
        self._add(conn, self._indexed, newest)
        return engine.Snapshot(index.searcher(), self._edges) if self._indexed >= newest else None

    def _checked(self) -> tantivy.Index | None:
        """The index as committed now (by this process or another), emptied if it is another store's (None when
        another process holds the writer: it will find the same and empty it)."""
        index = self._open()
        index.reload()
        self._seen(index.searcher(), max(0, self._indexed))
        if self._same_store(index):
            return index
        log.warning("search index %s was made from another store: rebuilding it", self.directory)
        if not self._take_writer():
            return None
        assert self._writer is not None
        self._writer.delete_all_documents()  # its segments go at the commit (a directory in use is not deleted)
        self._writer.commit()
        index.reload()
        self._indexed, self._edges = 0, None
        return index

    def _seen(self, searcher: tantivy.Searcher, before: int) -> None:
        """Take in what the index holds above id `before`: its highest id and the oldest and newest dates. Each is
        a top-1 over those articles only, which are few but at the first opening (scanning every document's
        value costs milliseconds per 100,000 articles: done once, not per search)."""
        self._indexed = max(0, self._indexed)
        newer = tantivy.Query.range_query(self.schema, "id", tantivy.FieldType.Unsigned, before + 1, None)
        top = searcher.search(newer, 1, order_by_field="id").hits
        if not top:
            return
        self._indexed = max(self._indexed, int(top[0][0]))
        first = int(searcher.search(newer, 1, order_by_field="published", order=tantivy.Order.Asc).hits[0][0])
        last = int(searcher.search(newer, 1, order_by_field="published").hits[0][0])
        old = self._edges or (first, last)
        self._edges = (min(old[0], first), max(old[1], last))

    def _open(self) -> tantivy.Index:
        """The index, opened (or made anew when missing, of another version or unreadable)."""
        if self._index is not None:
            return self._index
        if self._readable():
            try:
                self._index = tantivy.Index.open(str(self.directory))
            except (ValueError, OSError) as error:
                log.warning("search index %s cannot be read (%s): rebuilding it", self.directory, error)
        if self._index is None:
            shutil.rmtree(self.directory, ignore_errors=True)
            self.directory.mkdir(parents=True)
            self._index = tantivy.Index(self.schema, path=str(self.directory), reuse=False)
            (self.directory / SIDECAR).write_text(json.dumps({"version": VERSION}), encoding="utf-8")
        for name, analyzer in engine.analyzers().items():
            self._index.register_tokenizer(name, analyzer)
        return self._index

    def _readable(self) -> bool:
        try:
            sidecar = json.loads((self.directory / SIDECAR).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return (
            isinstance(sidecar, dict)
            and sidecar.get("version") == VERSION
            and tantivy.Index.exists(str(self.directory))
        )

    def _same_store(self, index: tantivy.Index) -> bool:
        """Whether the index's newest article is the store's article of that id (same content hash), read on a
        connection of its own: the caller's may be a snapshot older than what another process indexed."""
        if self._indexed == 0:
            return True
        with self.store_engine.connect() as conn:
            found = conn.execute(select(_A.content_hash).where(_A.id == self._indexed)).scalar()
        if found is None:
            return False
        same = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "id", self._indexed)),
                (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "fingerprint", engine.fingerprint(found))),
            ]
        )
        return engine.matches(index.searcher().search(same, 1, count=True)) > 0

    def _take_writer(self) -> bool:
        if self._writer is None:
            try:
                self._writer = self._open().writer(heap_size=WRITER_HEAP_BYTES, num_threads=1)
            except ValueError:  # Tantivy's "LockBusy": another process writes the directory
                return False
        return True

    def _release(self) -> None:
        if self._writer is not None:
            self._writer.wait_merging_threads()  # consumes the writer: its lock is let go
            self._writer = None

    def _add(self, conn: Connection, after: int, newest: int) -> None:
        """Index the store's articles with ids in (after, newest], a commit per batch."""
        assert self._writer is not None and self._index is not None
        while after < newest:
            rows = conn.execute(
                select(_A.id, _A.headline, _A.text, _A.published_at, _A.source, _A.content_hash)
                .where(_A.id > after, _A.id <= newest)
                .order_by(_A.id)
                .limit(BATCH)
            ).all()
            if not rows:
                break
            for row in rows:
                self._writer.add_document(_document(row))
            self._writer.commit()
            self._index.reload()
            self._seen(self._index.searcher(), after)
            after = int(rows[-1].id)

    def _build_in_background(self) -> None:
        if not self._take_writer():
            return
        self._building = threading.Thread(target=self.catch_up, name="search-index", daemon=True)
        self._building.start()

    def catch_up(self) -> None:
        """Bring the index up to date with the whole store now, in this thread, logging progress (a thread does
        this when a search finds it far behind; the benchmarks call it to build an index before measuring)."""
        with self._lock:
            with self.store_engine.connect() as conn:
                newest = int(conn.execute(select(func.coalesce(func.max(_A.id), 0))).scalar_one())
            if self._checked() is None or not self._take_writer():
                return
            done = self._indexed
            if done < newest:
                log.info("search index %s: indexing articles %d to %d", self.directory, done + 1, newest)
            while done < newest:  # by ranges of ids, not counts: ids can have gaps
                with self.store_engine.connect() as conn:  # a connection per range: no read lasts minutes
                    self._add(conn, done, min(newest, done + BUILD_LOG_EVERY))
                done = min(newest, done + BUILD_LOG_EVERY)
                log.info("search index %s: up to article %d of %d", self.directory, done, newest)


def _document(row: Row[Any, Any, Any, Any, Any, Any]) -> tantivy.Document:
    doc = tantivy.Document()
    doc.add_unsigned("id", int(row.id))
    doc.add_text("headline", row.headline)
    doc.add_text("body", row.text)
    doc.add_integer("published", engine.microseconds(utc(row.published_at)))
    doc.add_text("source", row.source)
    doc.add_unsigned("fingerprint", engine.fingerprint(row.content_hash))
    return doc
