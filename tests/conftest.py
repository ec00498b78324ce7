"""Shared fixtures: the real spaCy model, a real store indexed from the shipped corpus."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.core import nlp as nlp_module
from bot.core.commands import Context
from bot.core.ingest import ingest
from bot.core.store import Store, open_store
from handlers import build_registry

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The real English pipeline, loaded once."""
    return nlp_module.load()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An empty store in a real SQLite file."""
    return open_store(f"sqlite:///{tmp_path / 'test.db'}")


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> str:
    """The URL of a store holding the shipped corpus, indexed once per session."""
    url = f"sqlite:///{tmp_path_factory.mktemp('corpus') / 'corpus.db'}"
    summary = ingest([ARTICLES], open_store(url), nlp, report=lambda _line: None)
    assert summary.failed == 0 and summary.new >= 2
    return url


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
