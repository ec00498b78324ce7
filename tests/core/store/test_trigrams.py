"""The trigram index proposes the keys a typed name is likely a typo of, and typo matching through it finds what
scoring every key finds."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz, process

from bot.core.models import EntityType
from bot.core.query.resolve import FUZZY_PROPOSE, lookup
from bot.core.store import Store, caches
from bot.core.store.trigrams import TrigramIndex, trigrams
from tests.core.store.test_caches import _article, _entity, assert_caches_equal_fresh_ones

SYLLABLES = "ka ve lor mir tan sha dov rin zel bar nak qo tal mar os ul ev dra gor hal pen sur tor bel".split()


def _made_up(rng: random.Random, count: int) -> list[str]:
    words = sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(count)})
    return sorted({*words, *(f"amir {w}" for w in words[::2])})


def _typo(rng: random.Random, word: str) -> str:
    at = rng.randrange(len(word))
    return word[:at] + word[at + 1 :] if rng.random() < 0.5 else word[:at] + rng.choice("aeiouklmn") + word[at + 1 :]


def _best(typed: str, keys: list[str]) -> tuple[str, float] | None:
    found = process.extractOne(typed, keys, scorer=fuzz.ratio, processor=None, score_cutoff=FUZZY_PROPOSE)
    return (found[0], found[1]) if found else None


def test_trigrams_are_padded_so_that_first_letters_and_short_keys_count() -> None:
    assert trigrams("ab") == {"  a", " ab", "ab "}
    assert trigrams("") == {"   "[:3]}


def test_the_key_meant_is_always_proposed_and_the_best_score_almost_always_found() -> None:
    """Over 20,000 names from 24 syllables (far more alike than real names), a typo's key is always among the
    proposed ones, and the best score among them is the full scan's but for a rare near-tie."""
    rng = random.Random(16)
    keys = _made_up(rng, 20_000)
    index = TrigramIndex(keys)
    typos, missed = 200, 0
    for _ in range(typos):
        meant = rng.choice(keys)
        typed = _typo(rng, meant)
        proposed = index.likely(typed, 300)
        assert len(proposed) <= 300 and meant in proposed, typed
        best, full = _best(typed, sorted(proposed)), _best(typed, keys)
        missed += (best and best[1]) != (full and full[1])
    assert missed <= typos // 100


def test_keys_added_after_the_build_are_proposed_and_the_proposal_is_bounded() -> None:
    index = TrigramIndex(["sergey lavrov", "lavrov", "dmitry peskov"])
    assert index.likely("peskof", 10) >= {"dmitry peskov"}
    assert index.likely("lavrov", 1) == {"lavrov"}  # the closest on trigrams
    assert "maria zakharova" not in index.likely("zakharova", 10)
    index.add("maria zakharova")
    assert "maria zakharova" in index.likely("zaharova", 10)
    assert TrigramIndex([]).likely("anything", 5) == set()


def test_typo_matching_through_the_trigram_index_follows_new_names_without_a_rebuild(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(caches, "FULL_SCAN_KEYS", 0)  # the index at once, however few the names
    monkeypatch.setattr(caches, "TRIGRAMS_REBUILT_AFTER", 10.0)  # and kept, however many are added
    store.add_article(_article(1), [_entity("Sergey Lavrov", EntityType.PERSON, 2.0, [])])
    assert lookup(store, "Lavrof").entity is not None  # the first lookup scans every key
    found = lookup(store, "Lavrof").entity  # the second builds the trigram index
    assert found is not None and found.name == "Sergey Lavrov"
    built = store._names._trigrams
    assert built is not None
    store.add_article(_article(2), [_entity("Dmitry Peskov", EntityType.PERSON, 2.0, [])])
    found = lookup(store, "Peskof").entity
    assert found is not None and found.name == "Dmitry Peskov"
    assert store._names._trigrams is built  # brought up to date, not built again
    assert_caches_equal_fresh_ones(store)  # a fresh reader's full scan finds the same
