"""Benchmark databases: generated corpora cached as SQLite files, copied into PostgreSQL databases on demand."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.exc import DBAPIError

from bench import bulk, corpus
from bot import settings
from bot.core.store import open_store
from bot.settings import database_url as normalise_url

CACHE = Path(__file__).resolve().parent / ".cache"
# The server the PostgreSQL figures use; benchmark databases are created on it and dropped afterwards.
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
PREFIX = "bench_newsbot_"
# Set in a benchmark database's meta table once it is complete: a half-built one is rebuilt.
COMPLETE = "bench_complete"


def log(line: str) -> None:
    """Progress on stderr, so that stdout is the table alone."""
    print(line, file=sys.stderr, flush=True)


def sqlite_corpus(n: int) -> str:
    """The URL of a SQLite store holding the generated corpus of `n` articles (built once, then cached)."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"corpus-{n}-g{corpus.GENERATOR_VERSION}.db"
    if not path.exists():
        building = path.with_suffix(".building")
        for leftover in CACHE.glob(f"{building.name}*"):
            leftover.unlink()
        started = time.perf_counter()
        store = open_store(f"sqlite:///{building}")
        with bulk.deferred_indexes(store.engine, bulk.COPIED_TABLES):
            new = bulk.BulkLoader(store).load(corpus.records(n))
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        store.engine.dispose()
        building.rename(path)
        log(f"generated {new} articles into {path.name} in {time.perf_counter() - started:.0f} s")
    return f"sqlite:///{path}"


def search_index(n: int) -> Path:
    """The search index of the generated corpus of `n` articles, built on first use and cached beside it, where
    `python -m bot` on that file would keep it. Both backends use it: the PostgreSQL copy has the same ids and
    content hashes, which is what the index checks it against."""
    path = Path(sqlite_corpus(n).removeprefix("sqlite:///") + "-search")
    store = open_store(sqlite_corpus(n), path)
    assert store.search_index is not None
    started = time.perf_counter()
    store.search_index.catch_up()
    store.search_index.close()
    store.engine.dispose()
    log(f"search index of {n} articles: up to date in {time.perf_counter() - started:.0f} s ({path.name})")
    return path


def _admin() -> Engine:
    return create_engine(normalise_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")


def _url(name: str) -> str:
    return make_url(normalise_url(POSTGRES_URL)).set(database=name).render_as_string(hide_password=False)


def postgres_corpus(n: int) -> str:
    """The URL of a PostgreSQL database holding the same rows as `sqlite_corpus(n)` (reused when complete)."""
    name = f"{PREFIX}{n}_g{corpus.GENERATOR_VERSION}"
    admin = _admin()
    try:
        with admin.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar()
        if exists and _complete(_url(name)):
            return _url(name)
        source = open_store(sqlite_corpus(n)).engine  # opened as a store: migrated to the current schema
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        started = time.perf_counter()
        store = open_store(_url(name))
        bulk.copy_to_postgres(source, store)
        store.set_meta(COMPLETE, "1")
        store.engine.dispose()
        source.dispose()
        log(f"copied {n} articles into PostgreSQL {name} in {time.perf_counter() - started:.0f} s")
    finally:
        admin.dispose()
    return _url(name)


def _complete(url: str) -> bool:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return bool(conn.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": COMPLETE}).scalar())
    except DBAPIError:  # a half-created database has no meta table: it is simply not complete
        return False
    finally:
        engine.dispose()


def drop_postgres_corpora() -> None:
    """Drop every cached benchmark database on the server."""
    admin = _admin()
    with admin.connect() as conn:
        found = conn.execute(text("SELECT datname FROM pg_database WHERE datname LIKE :p"), {"p": f"{PREFIX}%"})
        for name in found.scalars().all():
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            forget_search_index(_url(name))
    admin.dispose()


def corpus_url(backend: str, n: int) -> str:
    """The store of `n` generated articles on a backend."""
    return sqlite_corpus(n) if backend == "sqlite" else postgres_corpus(n)


@contextmanager
def scratch_copy(backend: str, n: int, directory: Path) -> Iterator[str]:
    """The URL of a copy of the corpus of `n` articles, to write to; removed afterwards (the cached corpus stays
    as generated)."""
    source = corpus_url(backend, n)
    if backend == "sqlite":
        copy = directory / f"scratch-{uuid.uuid4().hex[:8]}.db"
        with sqlite3.connect(source.removeprefix("sqlite:///")) as origin, sqlite3.connect(copy) as target:
            origin.backup(target)
        try:
            yield f"sqlite:///{copy}"
        finally:
            for path in (copy, *(copy.with_name(copy.name + end) for end in ("-wal", "-shm", "-journal"))):
                path.unlink(missing_ok=True)  # with the WAL files a connection left open keeps
        return
    with _temporary_postgres(f' TEMPLATE "{make_url(source).database}"') as url:
        yield url


@contextmanager
def empty_database(backend: str, directory: Path) -> Iterator[str]:
    """The URL of a new, empty database, removed afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{directory / f'empty-{uuid.uuid4().hex[:8]}.db'}"
        return
    with _temporary_postgres() as url:
        yield url


@contextmanager
def _temporary_postgres(options: str = "") -> Iterator[str]:
    """The URL of a PostgreSQL database made with `options` (such as a TEMPLATE), dropped afterwards."""
    name = f"{PREFIX}tmp_{uuid.uuid4().hex[:8]}"
    admin = _admin()
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"{options}')
    try:
        yield _url(name)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()
        forget_search_index(_url(name))


def forget_search_index(url: str) -> None:
    """Remove the search index a bot process run on the (dropped) database at `url` keeps under data/ by default."""
    default = settings.search_index_dir("", url)
    if default is not None:
        shutil.rmtree(default, ignore_errors=True)
