"""Digest content on the real model: only the range asked for, near-duplicates grouped, items and header, limits."""

from __future__ import annotations

import json
import math
import random
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from rapidfuzz import fuzz

from bot.core.digest import pairs as digest_pairs
from bot.core.digest import stories as digest
from bot.core.digest.render import STORIES_PER_MESSAGE, render
from bot.core.ingest.pipeline import ingest
from bot.core.models import EntityType
from bot.core.render.blockkit import MAX_BLOCKS, MAX_SECTION_TEXT
from bot.core.store import Store
from bot.core.store.records import ArticleRow, EntityRow
from bot.core.store.team import LEGACY
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
    from bot.core.digest import subscriptions
    from bot.core.registry import Context
    from handlers import build_registry

    registry = build_registry()
    command = registry.get("digest")
    assert command is not None
    ctx = Context(store=store, registry=registry, user_id="U0ADMIN", channel_id="C0NEWS")
    assert "works in a Slack channel" in command.answer("status", Context(store=store, registry=registry)).text
    assert "no digest subscription" in command.answer("status", ctx).text
    assert "not a timezone" in command.answer("subscribe daily 08:00 Mars/Olympus", ctx).text
    assert command.answer("subscribe weekly mon 09:00 Europe/Paris", ctx).text.startswith("Subscribed: this channel")
    assert command.answer("subscribe every 6 hours", ctx).text.startswith("Rescheduled")
    assert "every 6 hours" in command.answer("status", ctx).text
    assert "Nothing new" in command.answer("now", ctx).text
    assert subscriptions.take_requests(store) == [(LEGACY, "C0NEWS")] and subscriptions.take_requests(store) == []
    assert command.answer("unsubscribe", ctx).text.startswith("Unsubscribed")
    assert "I don't know “weekly”" in command.answer("weekly", ctx).text


def test_key_sentences_are_the_same_however_few_sentences_are_read_first(
    store: Store, nlp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _ingest(store, nlp, tmp_path, {"a": ANKARA, "b": LATAKIA, "c": ANKARA_COPY, "d": PINGING})
    usual = digest.load(store, 0, ids[-1])
    monkeypatch.setattr(digest, "SENTENCES_READ", 1)  # two key sentences now always need the rest read
    sparing = digest.load(store, 0, ids[-1])
    assert [a.key_sentences for a in sparing] == [a.key_sentences for a in usual]
    assert any(len(a.key_sentences) == 2 and a.entities for a in sparing)


# --- grouping: the fast search finds exactly the stories that trying every pair finds ---------------------

_WORDS = re.compile(r"\w+")
_STOCK = [
    "officials said the situation remained calm but tense",
    "the ministry did not respond to a request for comment",
    "according to a statement released on Monday",
    "residents told reporters they had heard explosions overnight",
]


def _words(rng: random.Random, count: int) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = ("".join(rng.choices(letters, k=rng.randint(3, 9))) for _ in range(count))
    return [w.capitalize() if rng.random() < 0.2 else w for w in words]


def _edited(rng: random.Random, text: str, share: float) -> str:
    """The text with about `share` of its words replaced: agency copy lightly or heavily rewritten."""
    return " ".join(_words(rng, 1)[0] if rng.random() < share else w for w in text.split())


def _generated(seed: int) -> tuple[list[digest.DigestArticle], list[str]]:
    """Articles on both sides of every rule: copies edited a little or a lot, one event retold under a reworded
    headline with most or few of its entities, stock phrases in many texts, empty and tiny texts, no entities."""
    rng = random.Random(seed)
    drafts: list[tuple[str, str, set[int]]] = []
    for _story in range(70):
        body = " ".join(_words(rng, rng.randint(40, 90)) + rng.sample(_STOCK, 2))
        headline = " ".join(_words(rng, 7))
        names = set(rng.sample(range(150), rng.randint(3, 7)))
        drafts.append((headline, body, names))
        for share in rng.sample([0.0, 0.05, 0.15, 0.22, 0.26, 0.3, 0.4, 0.6], 3):
            # Half the copies name other entities: their wording alone decides.
            copied = names if rng.random() < 0.5 else set(rng.sample(range(150), 4))
            drafts.append((headline, _edited(rng, body, share), copied))
        retold = _edited(rng, headline, rng.choice([0.15, 0.3, 0.45]))
        kept = set(rng.sample(sorted(names), max(0, len(names) - rng.randint(0, 2)))) | {rng.randrange(150)}
        drafts.append((retold, " ".join(_words(rng, 60) + _STOCK), kept))
    drafts += [("Empty", "", set()), ("Tiny", "Two words", {1, 2, 3}), ("Alone", " ".join(_STOCK), set())]
    rng.shuffle(drafts)
    when = datetime(2024, 5, 1, tzinfo=UTC)
    articles = [
        digest.DigestArticle(
            article=ArticleRow(number, headline, when, f"source{number % 7}", None),
            key_sentences=[],
            entities=[EntityRow(e, f"Entity {e}", EntityType.PERSON, 1) for e in sorted(names)],
            shingles=digest.shingles(body),
        )
        for number, (headline, body, names) in enumerate(drafts, start=1)
    ]
    return articles, [body for _headline, body, _names in drafts]


def _jaccard(one: set[Any], other: set[Any]) -> float:
    return len(one & other) / len(one | other) if one and other else 0.0


def _every_pair(articles: list[digest.DigestArticle], texts: list[str]) -> tuple[list[list[int]], list[float]]:
    """The stories by the rules tried on every pair, word 3-grams kept as words; and every pair's Jaccard."""
    grams = []
    for text in texts:
        w = _WORDS.findall(text.casefold())
        grams.append({tuple(w[i : i + 3]) for i in range(len(w) - 2)})
    named = [{e.id for e in a.entities} for a in articles]
    parent = list(range(len(articles)))

    def root(i: int) -> int:
        return i if parent[i] == i else root(parent[i])

    def fold(text: str) -> str:
        return " ".join(_WORDS.findall(text.casefold()))

    overlaps = []
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            overlaps.append(_jaccard(grams[i], grams[j]))
            same = overlaps[-1] >= digest.SAME_WORDING or (
                len(named[i] & named[j]) >= digest.SHARED_ENTITIES
                and _jaccard(named[i], named[j]) >= digest.SAME_ENTITIES
                and fuzz.token_set_ratio(
                    articles[i].article.headline, articles[j].article.headline,
                    processor=fold, score_cutoff=digest.SIMILAR_HEADLINES,
                )
            )  # fmt: skip
            if same:
                parent[root(j)] = root(i)
    stories: dict[int, list[int]] = {}
    for i, item in enumerate(articles):
        stories.setdefault(root(i), []).append(item.article.id)
    return list(stories.values()), overlaps


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_grouping_finds_the_stories_that_trying_every_pair_finds(seed: int) -> None:
    articles, texts = _generated(seed)
    expected, overlaps = _every_pair(articles, texts)
    stories = digest.group(articles)
    assert [[a.article.id for a in s.articles] for s in stories] == expected
    # The batch tests the edges: pairs just either side of the wording threshold, stories joined by entities alone.
    assert any(0.40 <= o < digest.SAME_WORDING for o in overlaps)
    assert any(digest.SAME_WORDING <= o < 0.5 for o in overlaps)
    by_wording, _ = _every_pair([digest.DigestArticle(a.article, [], []) for a in articles], texts)
    by_entities, _ = _every_pair(articles, [""] * len(texts))
    assert len(by_wording) > len(expected) and len(by_entities) > len(expected)
    assert sum(len(story) > 1 for story in expected) >= 40


def test_shared_counts_are_exact_for_stock_and_rare_items() -> None:
    rng = random.Random(5)
    pool = list(range(500))
    weights = [50.0 if item < 10 else 1.0 for item in pool]  # a few items in most sets, the rest in few
    sets = [np.unique(np.array(rng.choices(pool, weights, k=rng.randint(0, 40)), dtype=np.uint64)) for _ in range(150)]
    held = np.bincount(np.concatenate(sets).astype(np.int64))
    cutoff = math.ceil(digest_pairs.COMMON_SHARE * len(sets))
    assert (held >= cutoff).any() and ((held >= 2) & (held < cutoff)).any()  # both ways of counting are used
    shared = digest_pairs.shared_counts(sets)
    as_sets = [set(s.tolist()) for s in sets]
    for i in range(len(sets)):
        for j in range(i + 1, len(sets)):
            assert shared[i, j] == len(as_sets[i] & as_sets[j])


def test_candidate_pairs_hold_every_pair_that_shares_enough() -> None:
    rng = random.Random(9)
    sets = [set(rng.sample(range(40), rng.randint(0, 9))) for _ in range(200)]

    def needed(count: int) -> int:
        return max(3, math.ceil(0.5 * count) - 1)

    found = digest_pairs.candidate_pairs(sets, needed)
    enough = {
        (i, j)
        for i in range(len(sets))
        for j in range(i + 1, len(sets))
        if len(sets[i] & sets[j]) >= max(needed(len(sets[i])), needed(len(sets[j])))
    }
    assert enough and enough <= found
    assert len(found) < len(sets) * (len(sets) - 1) / 4  # and most pairs are never proposed
