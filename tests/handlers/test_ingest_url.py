"""/ingest URL: fetch one page from the local web server, index it, and show what was found; pages that are no
article, addresses that are no web address, a second time, and who may do it."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from bot.core.ingest.policy import FetchPolicy
from bot.core.registry import Context
from bot.core.store import Store, open_store
from bot.core.store.deadline import ANSWER_DATABASE_SECONDS
from bot.slack.core import build_core
from handlers import build_registry, ingest_url, message
from tests.conftest import TEST_DATABASE_URL, fresh_database
from tests.handlers.conftest import LATAKIA
from tests.handlers.support import ADMIN, NOW, kinds, texts
from tests.web_server import WebServer, article_page, local_policy


@pytest.fixture
def ctx(store: Store, nlp: Any) -> Context:
    """An administrator with the session's spaCy model, over an empty store."""
    return Context(
        store=store, registry=build_registry(), now=NOW, user_id=ADMIN, nlp=lambda: nlp, fetch=local_policy(5.0)
    )


def test_ingest_url_shows_the_headline_and_what_was_found(ctx: Context, web: WebServer) -> None:
    # Moved from tests/core/ingest/test_feeds.py.
    reply = ingest_url.answer(f"<{web.url('/news/latakia.html')}>", ctx)
    assert reply.text.startswith("Indexed: Russian jets fly from Khmeimim")
    shown = str(reply.blocks)
    assert "Maria Zakharova" in shown and "Bases:" in shown and "Idlib" in shown
    assert "Footer" not in shown and "Copyright" not in shown
    assert ingest_url.answer(web.url("/news/latakia.html"), ctx).text.startswith("Already in the corpus")
    assert "HTTP 404" in ingest_url.answer(web.url("/missing.html"), ctx).text
    assert "Usage: /ingest URL" in ingest_url.answer("", ctx).text


def test_the_article_is_stored_with_its_address_and_the_reply_says_where_it_came_from(
    ctx: Context, web: WebServer
) -> None:
    url = web.url("/news/latakia.html")

    reply = ingest_url.answer(url, ctx)

    assert kinds(reply) == ["header", "context", "section", "context"]
    assert texts(reply)[0] == "Russian jets fly from Khmeimim"
    assert texts(reply)[1] == f"undated (indexed 16 Oct 2025) · {url}", "a page stating no date says so"
    found = texts(reply)[2].split("\n")
    assert [line.split(":*")[0] for line in found] == ["*People", "*Places", "*Organisations", "*Bases"]
    assert "Maria Zakharova" in found[0]
    assert texts(reply)[3].startswith("Roles: ") and "Maria Zakharova: spokeswoman" in texts(reply)[3]
    assert texts(reply)[4] == "1 quote"
    [article] = ctx.store.latest_articles(5)
    assert (article.headline, article.url) == ("Russian jets fly from Khmeimim", url)


def test_the_same_page_again_is_not_stored_twice(ctx: Context, web: WebServer) -> None:
    url = web.url("/news/latakia.html")
    ingest_url.answer(url, ctx)

    again = ingest_url.answer(f"<{url}|the Latakia story>", ctx)

    assert texts(again) == ["Already in the corpus: Russian jets fly from Khmeimim", "Same text or same address."]
    assert ctx.store.article_count() == 1


def test_a_page_without_an_article_is_not_indexed(ctx: Context, web: WebServer) -> None:
    url = web.url("/teaser.html")

    reply = ingest_url.answer(url, ctx)

    assert texts(reply) == ["Not indexed: no article text found on the page.", url]
    assert ctx.store.article_count() == 0


def test_a_missing_page_says_what_the_server_answered(ctx: Context, web: WebServer) -> None:
    reply = ingest_url.answer(web.url("/missing.html"), ctx)

    assert reply.text == "Not indexed: HTTP 404 Not Found."
    assert ctx.store.article_count() == 0


@pytest.mark.parametrize("address", ["ftp://example.com/story", "example.com/story", "just some words"])
def test_an_address_that_is_not_http_is_not_fetched(address: str, ctx: Context, web: WebServer) -> None:
    before = len(web.requests)

    reply = ingest_url.answer(address, ctx)

    assert reply.text == f"Not indexed: not a web address: {address!r} (expected http:// or https://)."
    assert len(web.requests) == before


@pytest.mark.parametrize("text", ["", "   "])
def test_no_address_gets_the_usage(text: str, ctx: Context) -> None:
    reply = ingest_url.answer(text, ctx)

    assert texts(reply) == ["Which page? Usage: /ingest URL", "For example: /ingest https://example.com/story"]


def test_when_admins_are_set_others_are_refused_and_nothing_is_fetched(ctx: Context, web: WebServer) -> None:
    # From tests/core/ingest/test_feeds.py (test_only_admins_manage_feeds_and_ingest_when_admins_are_set), plus
    # what the refusal must not do: fetch or store.
    someone = replace(ctx, user_id="U0SOMEONE", admins=frozenset({ADMIN}))
    before = len(web.requests)

    reply = ingest_url.answer(web.url("/news/latakia.html"), someone)

    assert reply.text.startswith("Sorry, only the bot's administrators can")
    assert texts(reply) == [
        "Sorry, only the bot's administrators can add articles to the corpus.",
        "Ask one of them, or an admin can add you to ADMIN_USER_IDS.",
    ]
    assert len(web.requests) == before and ctx.store.article_count() == 0
    admin = replace(someone, user_id=ADMIN)
    assert ingest_url.answer(web.url("/news/latakia.html"), admin).text.startswith("Indexed: ")


@pytest.mark.parametrize("host", ["127.0.0.1", "2130706433", "0x7f.1", "localhost"])
def test_by_default_an_internal_address_is_refused_without_saying_more(host: str, ctx: Context, web: WebServer) -> None:
    # The default policy: no allow-list. The page exists and would be indexed if the address were public.
    url = web.url("/news/latakia.html").replace("127.0.0.1", host)
    before = len(web.requests)

    reply = ingest_url.answer(url, replace(ctx, fetch=FetchPolicy()))

    assert texts(reply) == ["Not indexed: address not allowed.", url]
    assert len(web.requests) == before and ctx.store.article_count() == 0


class _SlowPage(BaseHTTPRequestHandler):
    """An article page from a server that is slow but alive: it answers after SLOW_PAGE_SECONDS."""

    def do_GET(self) -> None:
        time.sleep(SLOW_PAGE_SECONDS)
        body = article_page("Russian jets fly from Khmeimim", LATAKIA).body
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass


# Longer than an answer's database deadline (ANSWER_DATABASE_SECONDS), well inside the fetch timeout.
SLOW_PAGE_SECONDS = ANSWER_DATABASE_SECONDS + 1


@pytest.mark.skipif(TEST_DATABASE_URL is None, reason="the answers' database deadline holds on PostgreSQL")
def test_ingest_typed_in_a_direct_message_is_not_cut_off_by_the_answers_database_deadline(
    tmp_path: Path, nlp: Any
) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowPage)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/slow.html"
    with fresh_database("postgresql", tmp_path) as database:
        store, registry = open_store(database), build_registry()
        context = Context(store=store, registry=registry, now=NOW, nlp=lambda: nlp, fetch=local_policy(30.0))
        core = build_core(store, registry, lambda: context, message.answer, ["news"])
        try:
            reply = core.answer(f"/ingest {url}", ADMIN, "D0ADMIN")
            assert reply.text.startswith("Indexed: Russian jets fly from Khmeimim")
        finally:
            server.shutdown()
            server.server_close()
            store.engine.dispose()
