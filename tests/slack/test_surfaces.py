"""Slack-only Block Kit builders, checked with plain asserts."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.core.render.answers import NAME_CHARS
from bot.core.render.blockkit import MAX_BLOCKS, Reply, clip, section
from bot.core.store import Store
from bot.slack.core import KEPT_PREFIX, keep_line, recall_line
from bot.slack.listeners import split_public
from bot.slack.surfaces import (
    MAX_BUTTON_VALUE,
    MAX_HOME_BLOCKS,
    SHARE_ACTION,
    ArticleLine,
    ephemeral,
    home_view,
    in_channel,
    personal_view,
    share_button,
)
from tests.core.render.test_budgets import checked, counted, texts, urls
from tests.slack.fake_core import registry


def test_ephemeral_adds_the_share_button_and_keeps_within_the_block_limit() -> None:
    reply = Reply("many", [section(f"line {i}") for i in range(MAX_BLOCKS + 10)])
    payload = ephemeral(reply, "kept:0123")
    assert len(payload["blocks"]) == MAX_BLOCKS
    assert payload["blocks"][-1]["elements"][0]["action_id"] == SHARE_ACTION
    assert payload["blocks"][-1]["elements"][0]["value"] == "kept:0123"
    assert payload["response_type"] == "ephemeral"


def test_a_share_button_never_carries_a_cut_value() -> None:
    with pytest.raises(ValueError, match="keep the line"):
        share_button("x" * (MAX_BUTTON_VALUE + 1))


def test_a_text_only_reply_still_shows_its_text() -> None:
    payload = in_channel(Reply("just text"), shared_by="U1")
    assert payload["blocks"][0] == section("just text")
    assert "<@U1>" in payload["blocks"][-1]["elements"][0]["text"]


def test_home_view_escapes_corpus_text_and_lists_every_command() -> None:
    article = ArticleLine("<!channel> & more", "Agency <x>", "01 Jan 2025", "https://e.x/a|b")
    view = home_view({"articles": 1200}, [article], registry())
    shown = json.dumps(view)
    assert "<!channel>" not in shown and "&lt;!channel&gt; &amp; more" in shown
    assert "*1,200* articles" in shown
    assert "<https://e.x/a%7Cb|" in shown
    assert all(f"/{name} TEXT" in shown for name in ("who", "bases", "search", "articles", "help"))
    assert len(view["blocks"]) <= MAX_HOME_BLOCKS


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(texts, texts, urls), min_size=1, max_size=10))
@example([("Talks & <more> " * 40, "Agency & co", "https://wire.example/" + "a/" * 450)] * 10)
def test_home_shows_or_counts_every_latest_article_and_the_button_lists_exactly_the_rest(
    drawn: list[tuple[str, str, str | None]],
) -> None:
    articles = [ArticleLine(f"[{n}] {headline}", source, "01 Jan 2025", url) for n, (headline, source, url) in
                enumerate(drawn)]  # fmt: skip
    view = home_view({"articles": len(articles)}, articles, registry())
    latest = Reply("home", view["blocks"][4 : view["blocks"].index({"type": "divider"}, 4)])
    shown = [int(n) for n in re.findall(r"^• (?:<[^|]*\|)?\*?\[(\d+)\]", "\n".join(checked(latest)), re.M)]
    assert shown == list(range(len(shown))) and shown, "shown in order from the newest, none skipped"
    assert len(shown) + counted(latest) == len(articles)
    buttons = [e["value"] for b in latest.blocks if b["type"] == "actions" for e in b["elements"]]
    assert buttons == ([f"/articles {len(articles)} --from {len(shown) + 1}"] if counted(latest) else [])


def test_home_lists_every_watched_name_and_digest_whole() -> None:
    names = [f"[{n}] " + "Name & <co> " * 60 for n in range(50)]  # the most a person may watch, each very long
    digests = [(f"C{n:08d}", "daily at 08:00 (UTC)") for n in range(60)]
    shown = "\n".join(checked(Reply("home", personal_view(digests, names))))
    assert all(f"• {clip(name, NAME_CHARS)}" in shown for name in names)
    assert all(f"<#{channel}> — daily" in shown for channel, _when in digests)


def test_public_is_only_recognised_as_the_last_word() -> None:
    assert split_public("Peskov public") == ("Peskov", True)
    assert split_public("public transport") == ("public transport", False)
    assert split_public("  ") == ("", False)


def test_a_kept_line_is_recalled_whole_and_an_old_button_value_is_its_own_line(store: Store) -> None:
    line = "/news search " + "word " * 1_000
    value = keep_line(store, line)
    assert len(value) <= MAX_BUTTON_VALUE and value == keep_line(store, line)  # kept once, same id
    assert recall_line(store, value) == line
    assert recall_line(store, "/bases Russia") == "/bases Russia"
    assert recall_line(store, KEPT_PREFIX + "0" * 24) is None
