"""/feeds [add URL | remove URL]: the feeds as stored, how their last fetch went, adding and removing, usage, and
who may change them. Fetches go to the local web server only."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from bot.core.ingest import feeds as stored
from bot.core.registry import Context
from bot.core.render.blockkit import MAX_SECTION_TEXT, escape
from bot.core.store import Store
from bot.core.store.feeds import record_success
from bot.core.store.team import Team
from handlers import feeds
from tests.handlers.support import ADMIN, CHANNEL, NOW, buttons, context_over, kinds, texts
from tests.web_server import WebServer, local_policy

# Long enough for loopback, short enough that a failure costs little.
LOCAL = local_policy(1.0)


@pytest.fixture
def ctx(store: Store) -> Context:
    """A user in a channel of an empty store; no administrators set, so everyone may manage feeds."""
    return context_over(store, user_id=ADMIN, channel_id=CHANNEL)


def _urls(store: Store) -> list[str]:
    return [f.url for f in stored.all_feeds(store)]


def test_feeds_command_adds_lists_and_removes(ctx: Context) -> None:
    # Moved from tests/core/ingest/test_feeds.py.
    assert "Added" in feeds.answer("add <https://example.com/rss.xml>", ctx).text
    assert "already" in feeds.answer("add https://example.com/rss.xml", ctx).text
    assert "not a web address" in feeds.answer("add ftp://example.com/rss", ctx).text
    assert "https://example.com/rss.xml (not fetched yet)" in feeds.answer("", ctx).text
    assert "Removed" in feeds.answer("remove https://example.com/rss.xml", ctx).text
    assert "No feeds yet" in feeds.answer("", ctx).text


def test_adding_stores_the_feed_once_with_who_added_it(ctx: Context) -> None:
    reply = feeds.answer("add <https://example.com/rss.xml|Example news>", ctx)

    assert texts(reply) == [
        "Added https://example.com/rss.xml. I fetch it within a minute, then regularly.",
        "/feeds shows how it went.",
    ]
    assert _urls(ctx.store) == ["https://example.com/rss.xml"]
    again = feeds.answer("ADD https://example.com/rss.xml", ctx)
    assert texts(again) == ["I already read https://example.com/rss.xml.", "/feeds shows how its last fetch went."]
    assert _urls(ctx.store) == ["https://example.com/rss.xml"]


@pytest.mark.parametrize("address", ["ftp://example.com/rss", "example.com/rss", "https://"])
def test_an_address_that_is_not_http_is_not_added(address: str, ctx: Context) -> None:
    reply = feeds.answer(f"add {address}", ctx)

    assert reply.text == f"Not added: not a web address: {address!r} (expected http:// or https://)."
    assert _urls(ctx.store) == []


def test_the_list_is_empty_at_first_and_says_how_to_add(ctx: Context) -> None:
    for text in ("", "list", "LIST"):
        reply = feeds.answer(text, ctx)
        assert texts(reply) == ["No feeds yet. `/feeds add URL` adds an RSS or Atom feed."], text


def test_the_list_shows_title_articles_and_last_fetch_or_its_failure(ctx: Context, web: WebServer, nlp: Any) -> None:
    for path in ("/empty.xml", "/gone.xml", "/never.xml"):
        feeds.answer(f"add {web.url(path)}", ctx)
    for feed in stored.all_feeds(ctx.store)[:2]:
        stored.poll(ctx.store, feed, lambda: nlp, NOW + timedelta(minutes=5), LOCAL)

    reply = feeds.answer("", ctx)

    assert kinds(reply) == ["header", "context", "section", "section", "section"]
    assert texts(reply)[:2] == ["Feeds", "3 feeds"]
    assert texts(reply)[2] == f"*Quiet Wire* — {web.url('/empty.xml')}\n0 articles · last fetched 16 Oct 12:05 UTC"
    assert texts(reply)[3].startswith(
        f"*{web.url('/gone.xml')}*\n0 articles · last fetched 16 Oct 12:05 UTC (failed)\n:warning: HTTP 404"
    )
    assert texts(reply)[4] == f"*{web.url('/never.xml')}*\n0 articles · not fetched yet"
    assert f"{web.url('/gone.xml')} (last fetched 16 Oct 12:05 UTC (failed))" in reply.text


def test_a_long_list_stops_at_forty_counts_the_rest_and_a_button_lists_exactly_them(ctx: Context) -> None:
    for n in range(45):
        stored.add(ctx.store, f"https://example.com/feed-{n:02d}.xml", ADMIN, NOW)

    reply = feeds.answer("", ctx)

    assert texts(reply)[1] == "45 feeds"
    assert kinds(reply).count("section") == feeds.MAX_LISTED == 40
    assert "feed-39.xml" in reply.text and "feed-40.xml" not in reply.text
    assert texts(reply)[-2] == "…and 5 more feeds" and reply.text.endswith("…and 5 more feeds")
    assert buttons(reply) == [("More feeds", "/feeds list --from 41")]
    rest = feeds.answer("list --from 41", ctx)
    assert [t for t in texts(rest) if t.startswith("*https")] == [
        f"*https://example.com/feed-{n}.xml*\n0 articles · not fetched yet" for n in range(40, 45)
    ]
    assert buttons(rest) == [] and "more feeds" not in rest.text
    assert "end before number 51" in feeds.answer("list --from 51", ctx).text


def test_a_feed_with_a_long_title_address_and_error_is_one_whole_section(ctx: Context) -> None:
    address = "https://example.com/feed?" + "&".join(f"k{n}=v" for n in range(250))  # under 2,000 characters
    stored.add(ctx.store, address, ADMIN, NOW)
    [feed] = stored.all_feeds(ctx.store)
    record_success(ctx.store, feed.id, NOW, "refused & <closed> " * 100, 0, {"title": "Wire & <co> " * 200})
    [line] = [t for t in texts(feeds.answer("", ctx)) if "k0=v" in t]
    title, status, problem = line.split("\n")
    assert len(line) <= MAX_SECTION_TEXT and title.startswith("*Wire &amp; &lt;co&gt;")
    assert status == "0 articles · last fetched 16 Oct 12:00 UTC" and problem.startswith(":warning: refused &amp;")
    assert escape(address) in line, "the address is shown whole: /feeds remove needs it"


def test_removing_a_feed_keeps_the_articles_it_brought(ctx: Context, web: WebServer, nlp: Any) -> None:
    feeds.answer(f"add {web.url('/rss.xml')}", ctx)
    [feed] = stored.all_feeds(ctx.store)
    assert len(stored.poll(ctx.store, feed, lambda: nlp, NOW, LOCAL).new_ids) == 1

    reply = feeds.answer(f"remove <{web.url('/rss.xml')}>", ctx)

    assert reply.text == f"Removed {web.url('/rss.xml')}. Its articles stay in the corpus."
    assert _urls(ctx.store) == []
    assert ctx.store.article_count() == 1


def test_removing_a_feed_not_read_says_so(ctx: Context) -> None:
    stored.add(ctx.store, "https://example.com/rss.xml", ADMIN, NOW)

    reply = feeds.answer("remove https://example.com/other.xml", ctx)

    assert texts(reply) == ["I don't read https://example.com/other.xml.", "/feeds lists the feeds I read."]
    assert _urls(ctx.store) == ["https://example.com/rss.xml"]


@pytest.mark.parametrize("action", ["add", "remove"])
def test_add_or_remove_without_an_address_asks_which(action: str, ctx: Context) -> None:
    assert texts(feeds.answer(f"{action}  ", ctx)) == [f"Which feed? Usage: /feeds {action} URL"]


def test_an_unknown_action_gets_the_usage(ctx: Context) -> None:
    reply = feeds.answer("https://example.com/rss.xml", ctx)

    assert texts(reply) == [
        "I don't know “https://example.com/rss.xml”. Usage: /feeds [add URL | remove URL]",
        "For example: /feeds add https://example.com/rss",
    ]
    assert _urls(ctx.store) == []


@pytest.mark.parametrize(
    ("text", "refusal"),
    [
        ("add https://example.com/new.xml", "Sorry, only the bot's administrators can add feeds."),
        ("remove https://example.com/rss.xml", "Sorry, only the bot's administrators can remove feeds."),
    ],
)
def test_when_admins_are_set_only_they_change_the_feeds(text: str, refusal: str, store: Store) -> None:
    stored.add(store, "https://example.com/rss.xml", ADMIN, NOW)
    someone = context_over(store, user_id="U0SOMEONE", channel_id=CHANNEL, admins=frozenset({ADMIN}))

    assert texts(feeds.answer(text, someone)) == [
        refusal,
        "Ask one of them, or an admin can add you to ADMIN_USER_IDS.",
    ]
    assert _urls(store) == ["https://example.com/rss.xml"]
    assert feeds.answer("", someone).text == "Feeds: https://example.com/rss.xml (not fetched yet)"


def test_only_admins_manage_feeds_when_admins_are_set(store: Store) -> None:
    # Moved from tests/core/ingest/test_feeds.py (test_only_admins_manage_feeds_and_ingest_when_admins_are_set).
    ctx = context_over(store, user_id="U0SOMEONE", channel_id=CHANNEL, admins=frozenset({ADMIN}))
    reply = feeds.answer("add https://example.com/rss.xml", ctx)
    assert reply.text.startswith("Sorry, only the bot's administrators can")
    assert stored.all_feeds(store) == []
    assert "Added" in feeds.answer("add https://example.com/rss.xml", replace(ctx, user_id=ADMIN)).text


def test_words_after_the_address_are_not_part_of_it(ctx: Context) -> None:
    feeds.answer("add https://example.com/rss.xml please", ctx)

    assert _urls(ctx.store) in ([], ["https://example.com/rss.xml"])


def test_an_address_too_long_to_be_a_feed_is_refused_clearly(ctx: Context) -> None:
    # Hashes, not a repeated letter: PostgreSQL compresses index entries, and a repetitive address would fit.
    address = "https://example.com/" + "".join(hashlib.sha256(str(n).encode()).hexdigest() for n in range(125))

    reply = feeds.answer(f"add {address}", ctx)

    assert reply.text.startswith("Not added")
    assert _urls(ctx.store) == []


def test_a_feed_another_workspace_added_is_listed_where_it_is_said_to_be_read(store: Store) -> None:
    url = "https://one.example/rss.xml"
    one = context_over(store.for_team(Team("T1")), user_id=ADMIN, channel_id=CHANNEL)
    two = context_over(store.for_team(Team("T2")), user_id=ADMIN, channel_id=CHANNEL)
    assert "Added" in feeds.answer(f"add {url}", one).text
    feeds.answer(f"add {url}", two)
    assert url in feeds.answer("", two).text  # what the answer to the add points to
    assert "Removed" in feeds.answer(f"remove {url}", one).text
    assert url in feeds.answer("", two).text  # the other workspace's removal is not this one's


def _in(store: Store, team: str) -> Context:
    return context_over(store.for_team(Team(team)), user_id=ADMIN, channel_id=CHANNEL)


def test_two_workspaces_reading_one_address_list_and_remove_it_each_for_itself(store: Store) -> None:
    url = "https://shared.example/rss.xml"
    one, two, three = _in(store, "T1"), _in(store, "T2"), _in(store, "T3")
    for ctx in (one, two):
        assert feeds.answer(f"add {url}", ctx).text.startswith(f"Added {url}.")
        assert feeds.answer(f"add {url}", ctx).text == f"I already read {url}."  # its own, the second time
    assert _urls(one.store) == _urls(two.store) == [url] and _urls(three.store) == []
    assert len(stored.all_feeds(store)) == 1  # one address, fetched once

    assert feeds.answer(f"remove {url}", two).text.startswith(f"Removed {url}.")
    assert feeds.answer(f"remove {url}", two).text == f"I don't read {url}."
    assert _urls(two.store) == [] and _urls(one.store) == [url]
    assert feeds.answer(f"remove {url}", three).text == f"I don't read {url}."
    assert _urls(one.store) == [url]

    assert feeds.answer(f"remove {url}", one).text.startswith(f"Removed {url}.")
    assert stored.all_feeds(store) == []  # nobody reads it any more: gone, with what it remembered


def test_the_operators_feeds_are_listed_in_every_workspace_and_removed_only_by_the_operator(store: Store) -> None:
    url = "https://operator.example/rss.xml"
    one = _in(store, "T1")
    assert feeds.answer(f"add {url}", one).text.startswith("Added")
    assert stored.add(store, url, None, NOW)  # the command line's now too: everyone reads it
    assert _urls(_in(store, "T2").store) == [url]
    assert feeds.answer(f"add {url}", _in(store, "T2")).text == f"I already read {url}."
    assert feeds.answer(f"remove {url}", one).text.startswith(f"Removed {url}.")  # its own reading of it
    assert feeds.answer(f"remove {url}", one).text == (
        f"{url} was added from the command line for every workspace: only there can it be removed."
    )
    assert _urls(one.store) == [url]  # still the operator's
    assert stored.remove(store, url) and _urls(one.store) == [] and stored.all_feeds(store) == []


def test_the_answers_never_tell_one_workspace_what_another_reads(store: Store, web: WebServer, nlp: Any) -> None:
    theirs, fresh = web.url("/rss.xml"), web.url("/never.xml")  # one read by T1 for a while, one by nobody
    one, two = _in(store, "T1"), _in(store, "T2")
    feeds.answer(f"add {theirs}", one)
    [feed] = stored.all_feeds(store)
    assert len(stored.poll(store, feed, lambda: nlp, NOW + timedelta(minutes=1), LOCAL).new_ids) == 1
    assert texts(feeds.answer("", one))[2] == f"*Wire RSS* — {theirs}\n1 article · last fetched 16 Oct 12:01 UTC"

    def told(text: str, ctx: Context = two) -> list[str]:
        return [line.replace(fresh, "URL").replace(theirs, "URL") for line in texts(feeds.answer(text, ctx))]

    assert told("") == ["No feeds yet. `/feeds add URL` adds an RSS or Atom feed."]
    assert told(f"remove {theirs}") == told(f"remove {fresh}")
    later = replace(two, now=NOW + timedelta(minutes=2))
    assert told(f"add {theirs}", later) == told(f"add {fresh}", _in(store, "T3"))
    # What T1's fetches found (title, articles, how the last went) is not shown to T2 as its own...
    assert texts(feeds.answer("", later))[2] == f"*{theirs}*\n0 articles · not fetched yet"
    [feed] = [f for f in stored.all_feeds(store) if f.url == theirs]
    stored.poll(store, feed, lambda: nlp, NOW + timedelta(minutes=3), LOCAL)
    # ...only what the fetches since it added the feed did: nothing new, here.
    assert texts(feeds.answer("", later))[2] == f"*Wire RSS* — {theirs}\n0 articles · last fetched 16 Oct 12:03 UTC"
    assert texts(feeds.answer("", one))[2] == f"*Wire RSS* — {theirs}\n1 article · last fetched 16 Oct 12:03 UTC"
