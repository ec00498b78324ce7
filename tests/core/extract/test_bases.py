"""/bases over a real store: votes, filters and the newest context come out of the SQL summary as they should."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from bot.core import names, query
from bot.core.models import Article, BaseFact, EntityType, Extracted, Mention
from bot.core.store import Store

KORVIK = "Korvik naval base"
TARVAN = "Tarvan air base"


def add(store: Store, day: int, name: str, facts: list[BaseFact]) -> None:
    """Store an article published on `day` of January 2025 whose sentences state `facts` about `name`."""
    text = " ".join(f.sentence for f in facts)
    article = Article(
        text=text,
        headline=f"{name}, day {day}",
        published=datetime(2025, 1, day, 12, tzinfo=UTC),
        source="test",
        content_hash=hashlib.sha256(f"{day} {text}".encode()).hexdigest(),
    )
    found = Extracted(
        name=name,
        key=names.key(name),
        type=EntityType.INSTALLATION,
        votes={EntityType.INSTALLATION: 5.0},
        aliases={name},
        mentions=[Mention(name, 0, len(name), 0, len(text))],
        base_facts=facts,
    )
    assert store.add_article(article, [found]) is not None


def fact(operator: str | None, location: str | None = "Latakia", kind: str = "naval base", n: int = 0) -> BaseFact:
    """A fact with a sentence of its own (`n` tells apart sentences stating the same)."""
    return BaseFact(kind, operator, location, f"{operator} forces use the base near {location} ({kind}, {n}).")


def summary(store: Store, name: str) -> query.InstallationSummary:
    """The listed summary of the installation called `name`."""
    [found] = [s for s in query.installations(store) if s.entity.name == name]
    return found


def test_the_most_stated_operator_location_and_kind_win(store: Store) -> None:
    for day in (1, 2, 3):
        add(store, day, KORVIK, [fact("Russia", "Tartus", n=day)])
    add(store, 4, KORVIK, [fact("Iran", "Latakia", kind="naval port"), fact("Iran", None, kind="naval port", n=1)])
    found = summary(store, KORVIK)
    assert (found.operator, found.location, found.kind) == ("Russia", "Tartus", "naval base")


def test_a_tie_goes_to_the_value_stated_in_the_newest_article(store: Store) -> None:
    add(store, 1, KORVIK, [fact("Russia")])
    add(store, 2, KORVIK, [fact("Iran")])
    assert summary(store, KORVIK).operator == "Iran"
    add(store, 4, KORVIK, [fact("Russia", n=1)])
    assert summary(store, KORVIK).operator == "Russia"
    add(store, 3, KORVIK, [fact("Iran", n=1)])  # two each: Russia was stated last, on day 4
    assert summary(store, KORVIK).operator == "Russia"


def test_a_filter_finds_a_minority_operator_and_a_variant_spelling(store: Store) -> None:
    for day in (1, 2, 3):
        add(store, day, KORVIK, [fact("Russia", "Tartus", n=day)])
    add(store, 4, KORVIK, [fact("Iran", "Tartus")])
    add(store, 5, TARVAN, [fact("Turkey", "Idlib", kind="air base")])
    assert [s.entity.name for s in query.installations(store, "Iran")] == [KORVIK]
    assert [s.entity.name for s in query.installations(store, "Tartous")] == [KORVIK]
    assert [s.entity.name for s in query.installations(store, "air base")] == [TARVAN]
    assert [s.entity.name for s in query.installations(store, "tarvan")] == [TARVAN]
    assert query.installations(store, "Greece") == []


@pytest.mark.parametrize("wanted", ["US", "U.S.", "USA", "American", "United States", "americans"])
def test_a_country_filter_matches_every_name_of_the_country_and_no_piece_of_a_word(store: Store, wanted: str) -> None:
    add(store, 1, KORVIK, [fact("Russia", "Tartus")])
    add(store, 2, TARVAN, [fact("United States", "Hasakah", kind="air base")])
    assert [s.entity.name for s in query.installations(store, wanted)] == [TARVAN]


@pytest.mark.parametrize("wanted", ["Turkish", "Turkey", "Türkiye"])
def test_a_demonym_and_the_variants_of_a_country_match_its_operator(store: Store, wanted: str) -> None:
    add(store, 1, KORVIK, [fact("Turkey", "Adana")])
    add(store, 2, TARVAN, [fact("Russia", "Hasakah", kind="air base")])
    assert [s.entity.name for s in query.installations(store, wanted)] == [KORVIK]
    assert [s.entity.name for s in query.installations(store, "Russian")] == [TARVAN]
    assert query.installations(store, "naval bas") == []  # whole words only


def test_a_countrys_own_bases_come_before_the_ones_in_it_or_once_said_to_be_its(store: Store) -> None:
    for day in (1, 2, 3):  # the most written about: in Turkey, operated by the United States
        add(store, day, KORVIK, [fact("United States", "Turkey", n=day)])
    add(store, 4, "Zarvan garrison", [fact("Syria", "Hama"), fact("Syria", "Hama", n=1), fact("Turkey", "Hama")])
    add(store, 5, TARVAN, [fact("Turkey", "Idlib", kind="air base")])
    assert [s.entity.name for s in query.installations(store, "Turkish")] == [TARVAN, KORVIK, "Zarvan garrison"]


def test_the_context_is_the_first_sentence_of_the_newest_article_not_the_last_stored(store: Store) -> None:
    newest = [fact("Russia", n=1), fact("Russia", n=2)]
    add(store, 5, KORVIK, newest)
    add(store, 2, KORVIK, [fact("Russia", n=3)])
    found = summary(store, KORVIK)
    assert found.context == newest[0].sentence
    assert found.article.published == datetime(2025, 1, 5, 12, tzinfo=UTC)


def test_the_most_written_about_comes_first_and_an_installation_without_facts_is_left_out(store: Store) -> None:
    add(store, 1, KORVIK, [fact("Russia")])
    add(store, 2, TARVAN, [fact("Turkey", n=1)])
    add(store, 3, TARVAN, [fact("Turkey", n=2)])
    add(store, 4, "Zarvan garrison", [])
    assert [s.entity.name for s in query.installations(store)] == [TARVAN, KORVIK]


def test_a_profile_summarises_its_own_facts_as_the_list_does(store: Store) -> None:
    add(store, 1, KORVIK, [fact("Russia"), fact("Iran", n=1)])
    add(store, 2, TARVAN, [fact("Turkey")])
    listed = summary(store, KORVIK)
    uncached = Store(store.engine)  # no cached list: the profile reads the installation's own rows
    alone = query.profile(uncached, listed.entity, articles=5).installation
    assert alone == listed
    uncached.installations()  # fills the cached list
    assert query.profile(uncached, listed.entity, articles=5).installation == listed  # from the cached list


def test_the_cached_list_survives_writes_that_do_not_change_the_index(store: Store) -> None:
    add(store, 1, KORVIK, [fact("Russia")])
    cached = store.installations()
    store.set_meta("something", "else")  # as the scheduler's bookkeeping does every few seconds
    assert store.installations() is cached
    add(store, 2, TARVAN, [fact("Turkey")])
    assert store.installations() is not cached


def test_a_new_article_changes_the_summary_at_once(store: Store) -> None:
    add(store, 1, KORVIK, [fact("Russia")])
    assert summary(store, KORVIK).operator == "Russia"
    add(store, 2, KORVIK, [fact("Iran", n=1), fact("Iran", n=2)])
    found = summary(store, KORVIK)
    assert (found.operator, found.entity.article_count) == ("Iran", 2)
