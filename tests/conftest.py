"""Shared fixtures: the real spaCy model, real stores (SQLite always, PostgreSQL with TEST_DATABASE_URL), and
`python -m bot` run in this process."""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import sys
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, make_url

from bench.databases import forget_search_index
from bot import cli
from bot.core.ingest import nlp as nlp_module
from bot.core.ingest.pipeline import ingest
from bot.core.registry import Context
from bot.core.store import Store, open_store
from bot.settings import database_url as normalise_url
from handlers import build_registry

# In CI (which sets CI=true) every property test draws the same examples on every run: a run that lands is
# reproducible, and a failure there is one anybody can replay. Runs elsewhere draw new examples each time, and
# FUZZ_EXAMPLES lengthens some of them; what they find becomes an @example.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The real English pipeline, loaded once."""
    return nlp_module.load()


TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
# Every test that touches the store runs on SQLite, and on PostgreSQL too when TEST_DATABASE_URL is set.
BACKENDS = ["sqlite", *(["postgresql"] if TEST_DATABASE_URL else [])]


@contextmanager
def fresh_database(backend: str, directory: Path) -> Iterator[str]:
    """The URL of a new, empty database: a SQLite file, or a PostgreSQL database created and dropped here."""
    if backend == "sqlite":
        yield f"sqlite:///{directory / 'test.db'}"
        return
    with _postgres_database() as url:
        yield url


@contextmanager
def copied_database(source: str, directory: Path) -> Iterator[str]:
    """The URL of a copy of the database at `source` (made by `fresh_database`), to write to without changing it:
    SQLite's backup API (the index may still sit partly in its write-ahead log), or a PostgreSQL database made from
    it as a template (nothing may be connected to `source` meanwhile)."""
    if source.startswith("sqlite:///"):
        copy = directory / f"copy-{uuid.uuid4().hex[:8]}.db"
        with sqlite3.connect(source.removeprefix("sqlite:///")) as origin, sqlite3.connect(copy) as target:
            origin.backup(target)
        yield f"sqlite:///{copy}"
        return
    with _postgres_database(template=make_url(source).database) as url:
        yield url


@contextmanager
def _postgres_database(template: str | None = None) -> Iterator[str]:
    """A PostgreSQL database on TEST_DATABASE_URL's server (a copy of `template` when given), dropped afterwards."""
    assert TEST_DATABASE_URL is not None
    server = make_url(normalise_url(TEST_DATABASE_URL))
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    name = f"newsbot_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    url = server.set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()
        forget_search_index(url)


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each backend under test."""
    with fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty SQLite store file, migrated once for the session."""
    path = tmp_path_factory.mktemp("migrated") / "empty.db"
    open_store(f"sqlite:///{path}").engine.dispose()
    return path


@pytest.fixture
def store(database_url: str, migrated_sqlite: Path) -> Iterator[Store]:
    """An empty store in a real database. On SQLite it starts as a copy of a migrated empty file: migrating
    takes about 0.15 s and copying a hundredth of that (`open_store` still checks the revision); PostgreSQL
    gains nothing from a template database, whose copy costs as much as the migration."""
    if database_url.startswith("sqlite:///"):
        shutil.copyfile(migrated_sqlite, database_url.removeprefix("sqlite:///"))
    store = open_store(database_url)
    yield store
    store.engine.dispose()


# Searches with words go through the search index when the store has one, else through the store's own
# full-text search; the search tests run both ways (`searched_store`, `search_index`).
SEARCH_PATHS = ["store-search", "search-index"]


@pytest.fixture(params=SEARCH_PATHS)
def search_index(request: pytest.FixtureRequest, tmp_path: Path) -> Path | None:
    """The directory of a search index for a store to keep, or None for a store searched by its own SQL."""
    return tmp_path / "search-index" if request.param == "search-index" else None


@pytest.fixture
def searched_store(database_url: str, migrated_sqlite: Path, search_index: Path | None) -> Iterator[Store]:
    """`store`, searched through the search index and (another instance of the test) without it."""
    if database_url.startswith("sqlite:///"):
        shutil.copyfile(migrated_sqlite, database_url.removeprefix("sqlite:///"))
    store = open_store(database_url, search_index)
    yield store
    if store.search_index is not None:
        store.search_index.close()
    store.engine.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def corpus_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Iterator[str]:
    """The URL of a store holding the shipped corpus, indexed once per session and backend."""
    with fresh_database(request.param, tmp_path_factory.mktemp("corpus")) as url:
        store = open_store(url)
        summary = ingest([ARTICLES], store, nlp, report=lambda _line: None)
        assert summary.failed == 0 and summary.new >= 2
        store.engine.dispose()
        yield url


@pytest.fixture
def corpus(corpus_db: str) -> Context:
    """A context over the indexed shipped corpus."""
    return Context(store=open_store(corpus_db), registry=build_registry())


@pytest.fixture
def cli_env(corpus_db: str) -> Iterator[dict[str, str]]:
    """Environment for running `python -m bot` against the indexed corpus, without Slack credentials."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env["DATABASE_URL"] = corpus_db
    yield env


@dataclass(frozen=True)
class Ran:
    """What a run of `python -m bot` did: its exit status and what it printed."""

    returncode: int
    stdout: str
    stderr: str


RunBot = Callable[..., Ran]


@pytest.fixture
def run_bot(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], nlp: Any) -> RunBot:
    """`python -m bot ARGS` in this process (`cli.main`), with exactly `env` as the environment and `stdin` as
    its input; the spaCy model is the session's, loaded once (`nlp.load` is cached)."""

    def run(env: Mapping[str, str], *args: str, stdin: str = "") -> Ran:
        with monkeypatch.context() as patch:
            for name in set(os.environ) - set(env):
                patch.delenv(name)
            for name, value in env.items():
                patch.setenv(name, value)
            patch.setattr(sys, "stdin", io.StringIO(stdin))
            capsys.readouterr()
            returncode = cli.main(list(args))
            out, err = capsys.readouterr()
        return Ran(returncode, out, err)

    return run
