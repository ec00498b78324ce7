"""Digest content on the real model: only the range asked for, near-duplicates grouped, items and header, limits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.core import digest
from bot.core.digest_render import STORIES_PER_MESSAGE, render
from bot.core.ingest import ingest
from bot.core.reply import MAX_BLOCKS, MAX_SECTION_TEXT
from bot.core.store import Store
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "articles"
ANKARA = (FIXTURES / "ankara_talks.txt").read_text(encoding="utf-8")
LATAKIA = (FIXTURES / "latakia_coast.txt").read_text(encoding="utf-8")
# The Ankara story as another outlet ran it: the same agency copy with a new first line and light edits.
ANKARA_COPY = "Erdogan and the UN envoy meet in Ankara. " + ANKARA.replace("on Monday", "this week").replace(
    "Analysts said", "Observers noted"
)
PINGING = "Officials in <!channel> Aleppo said on Friday that the market reopened after repairs, <@U123> said."


def _ingest(store: Store, nlp: Any, tmp_path: Path, texts: dict[str, str]) -> list[int]:
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    ids = []
    for name in texts:  # one at a time, so ids follow the given order
        ids += ingest([tmp_path / f"{name}.txt"], store, nlp, report=lambda _line: None).new_ids
    return ids


def test_a_digest_holds_exactly_its_range_and_groups_one_story_from_two_sources(
    store: Store, nlp: Any, tmp_path: Path
) -> None:
    ids = _ingest(store, nlp, tmp_path, {"a": ANKARA, "b": LATAKIA, "c": ANKARA_COPY, "d": PINGING})
    assert len(ids) == 4
    articles = digest.load(store, ids[0], ids[-1])  # after the first: b, c, d
    assert [a.article.id for a in articles] == ids[1:]
    everything = digest.load(store, 0, ids[-1])
    stories = digest.group(everything)
    assert [[a.article.id for a in s.articles] for s in stories] == [[ids[0], ids[2]], [ids[1]], [ids[3]]]


def test_items_carry_key_sentences_and_entities(store: Store, nlp: Any, tmp_path: Path) -> None:
    ids = _ingest(store, nlp, tmp_path, {"b": LATAKIA})
    [item] = digest.load(store, 0, ids[0])
    assert 1 <= len(item.key_sentences) <= 2
    assert all(s in " ".join(LATAKIA.split()) for s in item.key_sentences)
    names = {e.name for e in item.entities}
    assert "Maria Zakharova" in names and "Idlib" in names
    assert any("Khmeimim" in name for name in names)


def test_the_digest_header_counts_and_names_the_most_present(store: Store, nlp: Any, tmp_path: Path) -> None:
    ids = _ingest(store, nlp, tmp_path, {"a": ANKARA, "b": LATAKIA, "c": ANKARA_COPY})
    articles = digest.load(store, 0, ids[-1])
    [message] = render(digest.group(articles), articles)
    shown = json.dumps(message.blocks, ensure_ascii=False)
    assert "3 new articles* in 2 stories" in shown
    assert "Most present:" in shown and "Also reported by" in shown
    assert message.text.startswith("News digest: 3 new articles.")


def test_corpus_text_in_a_digest_pings_no_one(store: Store, nlp: Any, tmp_path: Path) -> None:
    ids = _ingest(store, nlp, tmp_path, {"d": PINGING})
    articles = digest.load(store, 0, ids[0])
    shown = json.dumps([render(digest.group(articles), articles)[0].blocks])
    assert "<!channel>" not in shown and "<@U123>" not in shown
    assert "&lt;!channel&gt;" in shown


def test_a_long_digest_is_split_within_slack_limits(store: Store, nlp: Any, tmp_path: Path) -> None:
    towns = ["Aleppo", "Hama", "Homs", "Idlib", "Latakia", "Tartus", "Daraa", "Raqqa", "Palmyra", "Kobani"]
    texts = {
        f"n{i:02d}": f"Story {i}: in {towns[i % 10]}, officials number {i} reported " + f"event {i} details. " * 40
        for i in range(2 * STORIES_PER_MESSAGE + 3)
    }
    ids = _ingest(store, nlp, tmp_path, texts)
    articles = digest.load(store, 0, ids[-1])
    stories = digest.group(articles)
    assert len(stories) == len(texts)  # different stories stay apart, however alike their wording's shape
    messages = render(stories, articles)
    assert len(messages) == 3
    for message in messages:
        payload = message.payload()
        assert len(payload["blocks"]) <= MAX_BLOCKS and payload["text"]
        assert all(len(b["text"]["text"]) <= MAX_SECTION_TEXT for b in payload["blocks"] if b["type"] == "section")
    headlines = [h for m in messages for h in [s.lead.article.headline for s in stories] if h in m.text]
    assert headlines == [s.lead.article.headline for s in stories]  # every story once, in order


def test_the_digest_command_subscribes_reports_requests_and_unsubscribes(store: Store) -> None:
    from bot.core import subscriptions
    from bot.core.commands import Context
    from handlers import build_registry

    registry = build_registry()
    command = registry.get("digest")
    assert command is not None
    ctx = Context(store=store, registry=registry, user_id="U0ADMIN", channel_id="C0NEWS")
    assert "works in a Slack channel" in command.answer("status", Context(store=store, registry=registry)).text
    assert "no digest subscription" in command.answer("status", ctx).text
    assert "not a timezone" in command.answer("subscribe daily 08:00 Mars/Olympus", ctx).text
    assert command.answer("subscribe weekly mon 09:00 Europe/Paris", ctx).text.startswith("Subscribed: <#C0NEWS>")
    assert command.answer("subscribe every 6 hours", ctx).text.startswith("Rescheduled")
    assert "every 6 hours" in command.answer("status", ctx).text
    assert "Nothing new" in command.answer("now", ctx).text
    assert subscriptions.take_requests(store) == ["C0NEWS"] and subscriptions.take_requests(store) == []
    assert command.answer("unsubscribe", ctx).text.startswith("Unsubscribed")
    assert "I don't know “weekly”" in command.answer("weekly", ctx).text
