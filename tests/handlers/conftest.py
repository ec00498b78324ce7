"""What the handler tests read: empty stores made fast, a small indexed corpus long enough to page through
(`northland`), and the local web server /ingest and /feeds fetch from. Nothing here reaches the internet."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bot.core.ingest.pipeline import ingest
from bot.core.registry import Context
from bot.core.store import open_store
from handlers import build_registry
from tests.conftest import BACKENDS, ROOT, fresh_database
from tests.handlers.support import NORTHLAND_ARTICLES, northland_article
from tests.web_server import Page, WebServer, article_page, rss

FIXTURES = ROOT / "tests" / "fixtures" / "articles"
LATAKIA = (FIXTURES / "latakia_coast.txt").read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module")
def web() -> Iterator[WebServer]:
    """A web server on 127.0.0.1 with the pages the handler tests fetch, one per test module (stopping one takes
    half a second); it records every request, so tests compare counts rather than expect none."""
    server = WebServer()
    server.pages["/news/latakia.html"] = article_page("Russian jets fly from Khmeimim", LATAKIA)
    server.pages["/teaser.html"] = article_page("Read more", ["Subscribe to read the rest of this story."])
    item = {"guid": "latakia-1", "title": "Jets over Idlib", "link": server.url("/news/latakia.html"),
            "pubDate": "Tue, 04 Mar 2025 10:00:00 GMT", "description": "Sorties from Khmeimim."}  # fmt: skip
    server.pages["/rss.xml"] = Page(rss("Wire RSS", [item]), "application/rss+xml")
    server.pages["/empty.xml"] = Page(rss("Quiet Wire", []), "application/rss+xml")
    yield server
    server.stop()


@pytest.fixture(scope="session", params=BACKENDS)
def northland_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Iterator[str]:
    """The URL of a store of six indexed articles naming Ivan Petrov and twelve bases, on each backend."""
    folder = tmp_path_factory.mktemp("northland")
    for n in range(NORTHLAND_ARTICLES):
        (folder / f"{n:02d}.txt").write_text(northland_article(n), encoding="utf-8")
    with fresh_database(request.param, tmp_path_factory.mktemp("northland-db")) as url:
        store = open_store(url)
        summary = ingest([folder], store, nlp, report=lambda _line: None)
        assert (summary.new, summary.failed) == (NORTHLAND_ARTICLES, 0)
        store.engine.dispose()
        yield url


@pytest.fixture(scope="session")
def northland(northland_url: str) -> Iterator[Context]:
    """A context over the northland store (read only)."""
    store = open_store(northland_url)
    yield Context(store=store, registry=build_registry())
    store.engine.dispose()
