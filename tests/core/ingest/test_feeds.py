"""Feeds and pages against a real local web server: RSS, Atom, conditional GET, item ids, fallbacks, failures."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from ipaddress import ip_network
from typing import Any

import pytest

from bot.core.ingest import feeds
from bot.core.ingest.fetch import FetchError, fetch
from bot.core.ingest.policy import FetchPolicy
from bot.core.registry import Context
from bot.core.store import Store
from handlers import build_registry
from tests.conftest import ROOT
from tests.web_server import Page, WebServer, article_page, atom, local_policy, rss

NOW = datetime(2025, 10, 16, 12, 0, tzinfo=UTC)
# The fetch timeout in these tests: long enough for loopback, short enough that the dead page costs little.
TIMEOUT = 1.0
LOCAL = local_policy(TIMEOUT)
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
ANKARA = (FIXTURES / "ankara_talks.txt").read_text(encoding="utf-8").split("\n")
LATAKIA = (FIXTURES / "latakia_coast.txt").read_text(encoding="utf-8").split("\n")
SUMMARY = (
    "Aid convoys reached Aleppo on Thursday after the United Nations negotiated a pause in the fighting, "
    "officials in Damascus said, adding that more convoys would follow next week."
)


@pytest.fixture
def web() -> Iterator[WebServer]:
    """The local web server, with two article pages, an RSS feed, an Atom feed and a malformed feed."""
    server = WebServer()
    server.pages["/news/ankara.html"] = article_page("Erdogan meets UN envoy in Ankara", ANKARA)
    server.pages["/news/latakia.html"] = article_page("Russian jets fly from Khmeimim", LATAKIA)
    items = [
        {"guid": "ankara-1", "title": "Erdogan meets UN envoy", "link": server.url("/news/ankara.html"),
         "pubDate": "Mon, 03 Mar 2025 10:00:00 GMT", "description": "Talks in Ankara."},
        {"guid": "latakia-1", "title": "Jets over Idlib", "link": server.url("/news/latakia.html"),
         "pubDate": "Tue, 04 Mar 2025 10:00:00 GMT", "description": "Sorties from Khmeimim."},
    ]  # fmt: skip
    server.pages["/rss.xml"] = Page(rss("Wire RSS", items), "application/rss+xml", etag='"v1"')
    entries = [{"id": "urn:aleppo", "title": "Convoys reach Aleppo", "link": server.url("/gone.html"),
                "updated": "2025-10-16T09:00:00Z", "summary": SUMMARY}]  # fmt: skip
    server.pages["/atom.xml"] = Page(atom("Wire Atom", entries), "application/atom+xml")
    server.pages["/broken.xml"] = Page(b"<rss><channel><title>Oops</title><item><title>half", "application/rss+xml")
    yield server
    server.stop()


def _added(store: Store, url: str) -> feeds.Feed:
    feeds.add(store, url, "U0ADMIN", NOW)
    return next(f for f in feeds.all_feeds(store) if f.url == url)


def test_rss_items_are_fetched_extracted_and_indexed_then_not_again(store: Store, nlp: Any, web: WebServer) -> None:
    feed = _added(store, web.url("/rss.xml"))
    first = feeds.poll(store, feed, lambda: nlp, NOW, LOCAL)
    assert (len(first.new_ids), first.errors) == (2, [])
    headlines = [a.headline for a in store.latest_articles(5)]
    assert set(headlines) == {"Erdogan meets UN envoy", "Jets over Idlib"}
    fetched = feeds.get(store, feed.id)
    assert fetched is not None and fetched.title == "Wire RSS" and fetched.etag == '"v1"' and fetched.articles == 2
    again = feeds.poll(store, fetched, lambda: nlp, NOW, LOCAL)
    assert again.not_modified and again.new_ids == []
    assert web.hits("/rss.xml")[-1]["if-none-match"] == '"v1"'  # conditional GET


def test_an_item_re_dated_or_re_sent_is_not_ingested_twice(store: Store, nlp: Any, web: WebServer) -> None:
    feed = _added(store, web.url("/rss.xml"))
    assert len(feeds.poll(store, feed, lambda: nlp, NOW, LOCAL).new_ids) == 2
    redated = [{"guid": "ankara-1", "title": "Erdogan meets UN envoy (updated)", "link": web.url("/news/ankara.html"),
                "pubDate": "Wed, 05 Mar 2025 10:00:00 GMT", "description": "Talks in Ankara."}]  # fmt: skip
    web.pages["/rss.xml"] = Page(rss("Wire RSS", redated), "application/rss+xml", etag='"v2"')
    fetched_pages = len(web.hits("/news/ankara.html"))
    result = feeds.poll(store, feeds.get(store, feed.id), lambda: nlp, NOW, LOCAL)  # type: ignore[arg-type]
    assert (result.items, result.new_ids) == (1, [])
    assert len(web.hits("/news/ankara.html")) == fetched_pages  # a remembered item is not even fetched again
    assert store.article_count() == 2


def test_atom_with_a_missing_page_falls_back_to_the_summary(store: Store, nlp: Any, web: WebServer) -> None:
    feed = _added(store, web.url("/atom.xml"))
    result = feeds.poll(store, feed, lambda: nlp, NOW, LOCAL)
    assert len(result.new_ids) == 1
    assert "HTTP 404" in result.errors[0] and "used the feed's summary" in result.errors[0]
    [article] = store.latest_articles(1)
    assert article.headline == "Convoys reach Aleppo" and article.url == web.url("/gone.html")
    assert article.published.date().isoformat() == "2025-10-16"


def test_a_malformed_feed_is_reported_in_feeds_and_skipped(store: Store, nlp: Any, web: WebServer) -> None:
    feed = _added(store, web.url("/broken.xml"))
    result = feeds.poll(store, feed, lambda: nlp, NOW, LOCAL)
    assert result.new_ids == [] and "malformed feed" in result.errors[0]
    listing = build_registry().get("feeds").answer("", Context(store=store, registry=build_registry()))  # type: ignore[union-attr]
    assert "malformed feed" in str(listing.blocks) and "(failed)" in listing.text


def test_dead_pages_and_feeds_cost_at_most_the_timeout(store: Store, nlp: Any, web: WebServer) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="no answer within 1 s"):
        fetch(web.url("/hang"), LOCAL)
    feed = _added(store, web.url("/hang"))
    result = feeds.poll(store, feed, lambda: nlp, NOW, LOCAL)
    assert "no answer" in result.errors[0]
    assert time.monotonic() - started < 4 * TIMEOUT + 2  # two fetches, each bounded; never the server's 30 s
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(web.url("/nothing-here"), LOCAL)
    with pytest.raises(FetchError, match="unreachable"):
        fetch("http://127.0.0.1:9/", LOCAL)  # the discard port: nobody listens
    with pytest.raises(FetchError, match="not a web address"):
        fetch("file:///etc/passwd", LOCAL)


def test_a_feed_item_linking_inside_is_not_fetched(store: Store, nlp: Any, web: WebServer) -> None:
    # The feed's publisher is outside the team: its item links to an internal address (here 127.0.0.2, outside
    # the allow-list), which must not be fetched; the item falls back to the feed's summary.
    inside = WebServer(host="127.0.0.2")
    inside.pages["/admin.html"] = article_page("Internal admin page", ANKARA)
    entries = [{"id": "urn:inside", "title": "Convoys reach Aleppo", "link": inside.url("/admin.html"),
                "updated": "2025-10-16T09:00:00Z", "summary": SUMMARY}]  # fmt: skip
    web.pages["/inside.xml"] = Page(atom("Wire Atom", entries), "application/atom+xml")
    only_web = FetchPolicy(allow=(ip_network("127.0.0.1/32"),), timeout=TIMEOUT)
    try:
        result = feeds.poll(store, _added(store, web.url("/inside.xml")), lambda: nlp, NOW, only_web)
    finally:
        inside.stop()

    assert result.errors == [f"{inside.url('/admin.html')}: address not allowed; used the feed's summary"]
    assert inside.requests == []
    [article] = store.latest_articles(1)
    assert article.headline == "Convoys reach Aleppo" and store.article_count() == 1
