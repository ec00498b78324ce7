"""Across articles: a body's initials with its country join its full name, and only its; a town spelled like a
person's family name stays a town; a given name written alone, which several people bear, joins none of them nor
the same name alone in another story. Every name here is invented."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.core import names
from bot.core.extract import extract
from bot.core.models import Article, EntityType, Extracted, Mention, Role, decide_type
from bot.core.store import Store
from tests.core.store.test_store import _article, add


def kinds(store: Store, name: str) -> list[tuple[str, EntityType, int]]:
    return sorted((e.name, e.type, e.article_count) for e in store.entities_by_key(name))


FULL = "The Omani Border Guard Service said on Monday that its patrols had stopped two smuggling boats off Musandam."
SHORT = "A spokesman for the OBGS told reporters in Muscat that the patrols along the coast of Oman would continue."


@pytest.mark.parametrize("long_first", [True, False])
def test_initials_in_a_story_about_the_country_are_its_body_named_in_full_elsewhere(
    store: Store, nlp: Any, long_first: bool
) -> None:
    for day, text in enumerate([FULL, SHORT] if long_first else [SHORT, FULL], start=1):
        add(store, nlp, text, day=day)
    assert kinds(store, "OBGS") == [("Omani Border Guard Service", EntityType.ORGANISATION, 2)]


def test_initials_in_a_story_about_two_countries_they_fit_stay_apart(store: Store, nlp: Any) -> None:
    full = "The Iraqi Border Guard Service said on Monday that its patrols had stopped two smuggling boats off Fao."
    add(store, nlp, full, day=1)
    add(store, nlp, "A spokesman for the IBGS said the boats had sailed between Iraq and Iran at night.", day=2)
    assert kinds(store, "Iraqi Border Guard Service") == [("Iraqi Border Guard Service", EntityType.ORGANISATION, 1)]


def test_two_bodies_of_one_country_with_the_same_initials_stay_apart(store: Store, nlp: Any) -> None:
    add(store, nlp, FULL, day=1)
    other = "The Omani Building Grants Secretariat said on Tuesday it would fund two hundred new homes in Sohar."
    add(store, nlp, other, day=2)
    add(store, nlp, SHORT, day=3)
    assert kinds(store, "Omani Border Guard Service") == [("Omani Border Guard Service", EntityType.ORGANISATION, 1)]
    assert kinds(store, "Omani Building Grants Secretariat") == [
        ("Omani Building Grants Secretariat", EntityType.ORGANISATION, 1)
    ]


def test_a_town_spelled_like_a_persons_family_name_stays_a_town(store: Store, nlp: Any) -> None:
    commander = "Nasser al-Kafri, a local commander, said the road was open. Al-Kafri said his men held the bridge."
    add(store, nlp, commander, day=1)
    add(store, nlp, "Shelling hit the town of Kafriyah on Monday, and families fled from Kafriyah to the hills.", day=2)
    assert kinds(store, "Nasser al-Kafri") == [("Nasser al-Kafri", EntityType.PERSON, 1)]
    assert kinds(store, "Kafriyah") == [("Kafriyah", EntityType.PLACE, 1)]


def test_a_given_name_alone_that_two_people_bear_joins_neither_nor_the_other_story(store: Store, nlp: Any) -> None:
    add(store, nlp, "Governor Khaled Ourabi opened the new bridge over the river in Hama on Monday.", day=1)
    add(store, nlp, "Khaled Zeidan, a grain trader in Homs, said that prices had doubled since the summer.", day=2)
    add(store, nlp, "His son Khaled, who commands the brigade, visited Ankara in October.", day=3)
    add(store, nlp, "Khaled, a trader, told reporters in Homs that the grain had not arrived.", day=4)
    lone = [e for e in store.entities_by_key("Khaled") if e.name == "Khaled"]
    assert [e.article_count for e in lone] == [1, 1]
    assert kinds(store, "Khaled Ourabi") == [("Khaled Ourabi", EntityType.PERSON, 1)]


COMMAND = "Officers of the Littoral Command said on Monday that patrols off the coast of Velmora would continue."
CLIPPED = "LITCOM said on Tuesday that two of its patrol boats had returned to port after the storm."


@pytest.mark.parametrize("long_first", [True, False])
def test_an_acronym_of_clipped_words_is_the_body_whose_words_it_clips(store: Store, nlp: Any, long_first: bool) -> None:
    for day, text in enumerate([COMMAND, CLIPPED] if long_first else [CLIPPED, COMMAND], start=1):
        add(store, nlp, text, day=day)
    assert kinds(store, "LITCOM") == [("Littoral Command", EntityType.ORGANISATION, 2)]


def test_an_acronym_two_bodies_names_clip_to_stays_apart(store: Store, nlp: Any) -> None:
    add(store, nlp, COMMAND, day=1)
    add(store, nlp, "The Lithic Commission said on Wednesday that it had catalogued the quarry near Dorvan.", day=2)
    add(store, nlp, CLIPPED, day=3)
    assert kinds(store, "Littoral Command") == [("Littoral Command", EntityType.ORGANISATION, 1)]
    assert kinds(store, "Lithic Commission") == [("Lithic Commission", EntityType.ORGANISATION, 1)]


def test_an_acronym_in_a_story_naming_countries_is_no_bare_command_of_another_army(store: Store, nlp: Any) -> None:
    add(store, nlp, "The head of the Velmoran army's Littoral Command said the raid in Dorvan would go on.", day=1)
    add(store, nlp, "LITCOM said on Tuesday that its jets had struck three sites in Yemen and Iraq.", day=2)
    assert kinds(store, "LITCOM") == [("LITCOM", EntityType.ORGANISATION, 1)]


def test_an_acronym_in_a_story_naming_other_countries_is_no_command_of_another_country(store: Store, nlp: Any) -> None:
    add(store, nlp, "Officers of the British Littoral Command said on Monday that patrols would continue.", day=1)
    add(store, nlp, "LITCOM said on Tuesday that its jets had struck three sites in Yemen and Iraq.", day=2)
    assert kinds(store, "LITCOM") == [("LITCOM", EntityType.ORGANISATION, 1)]


def test_an_acronym_in_a_story_naming_the_country_is_its_command(store: Store, nlp: Any) -> None:
    add(store, nlp, "Officers of the British Littoral Command said on Monday that patrols would continue.", day=1)
    add(store, nlp, "LITCOM said on Wednesday that its boats had returned to Britain from Yemen.", day=2)
    assert kinds(store, "LITCOM") == [("British Littoral Command", EntityType.ORGANISATION, 2)]


@pytest.mark.parametrize("body_first", [True, False])
def test_a_body_named_alone_stays_apart_from_a_longer_name_read_as_a_person_that_ends_with_it(
    store: Store, nlp: Any, body_first: bool
) -> None:
    """ "Kataib X" read by the model as a man whose family name is "X" neither takes nor joins the body "X"."""
    body = "Harakat said on Monday that it had fired rockets at the border. Harakat has thousands of fighters."
    person = "A drone struck a convoy of Liwa Harakat near the border, officials said on Tuesday."
    for day, text in enumerate([body, person] if body_first else [person, body], start=1):
        add(store, nlp, text, day=day)
    assert [e.name for e in store.entities_by_key("Liwa Harakat")] == ["Liwa Harakat"]
    assert "Harakat" in [e.name for e in store.entities_by_key("Harakat")]


def test_a_countrys_body_joins_no_other_countrys_through_the_generic_name_both_go_by(store: Store, nlp: Any) -> None:
    first = "The Ostian Air Force flew two patrols over the coast on Monday. The Air Force said they were routine."
    second = "The Varnian Air Force said on Tuesday it had bought four jets. The Air Force will train pilots abroad."
    add(store, nlp, first, day=1)
    add(store, nlp, second, day=2)
    assert kinds(store, "Ostian Air Force") != kinds(store, "Varnian Air Force")


def test_the_outlet_an_article_comes_from_is_a_body_where_its_copy_names_it(store: Store, nlp: Any) -> None:
    text = "Local officials told Hevin Wire on Monday that the convoy left at dawn."
    article = Article(
        text=text, headline="Convoy leaves", published=datetime(2025, 11, 1, tzinfo=UTC), source="Hevin Wire",
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )  # fmt: skip
    store.add_article(article, extract(nlp(text)))
    assert [(name, kind) for name, kind, _ in kinds(store, "Hevin Wire")] == [("Hevin Wire", EntityType.ORGANISATION)]


@pytest.mark.parametrize("cedilla_first", [True, False])
def test_a_name_with_a_cedilla_is_the_same_name_written_with_sh(store: Store, nlp: Any, cedilla_first: bool) -> None:
    """Kurdish and Turkish "ş" is "sh" in one English spelling and "s" in another: "Şêrwan" is "Sherwan"."""
    cedilla = "Spokesman Berzan Şekakî said on Monday that the talks with the council would resume next week."
    digraph = "Berzan Shekaki, the spokesman, told reporters on Tuesday that the convoy had reached the town."
    for day, text in enumerate([cedilla, digraph] if cedilla_first else [digraph, cedilla], start=1):
        add(store, nlp, text, day=day)
    assert [(e.type, e.article_count) for e in store.entities_by_key("Berzan Shekaki")] == [(EntityType.PERSON, 2)]


def test_a_full_name_joins_its_shorter_name_stored_in_another_spelling(store: Store, nlp: Any) -> None:
    """ "Karim Nasser al-Dulaymi" goes by "Karim al-Dulaymi", which an earlier story spelled "Karim al-Dulaimi"."""
    add(store, nlp, "Foreign Minister Karim al-Dulaimi said on Monday that the talks would resume next week.", day=1)
    add(store, nlp, "Foreign Minister Karim Nasser al-Dulaymi met his counterpart in the capital on Tuesday.", day=2)
    assert [(e.type, e.article_count) for e in store.entities_by_key("Karim al-Dulaimi")] == [(EntityType.PERSON, 2)]


def _stories_of(store: Store, name: str) -> list[tuple[str, int]]:
    return sorted((e.name, e.article_count) for e in store.entities_by_key(name))


# Stories that name one country twice and another once, and a body by generic words alone.
CHILE = (
    "Chile began building a wall on the border with Peru with money from the Interior Ministry. "
    "Officials in Chile said it would be finished in May."
)
PERU = (
    "Peru has closed two crossings on the border with Chile, the Interior Ministry said on Monday. "
    "Traders in Peru said the queues were growing."
)


def test_a_bodys_generic_name_in_a_story_naming_its_country_twice_joins_no_other_countrys(
    store: Store, nlp: Any
) -> None:
    """A country named twice and another once is where a story is: its "Interior Ministry" is that country's."""
    add(store, nlp, CHILE, day=1)
    add(store, nlp, PERU, day=2)
    assert len(store.entities_by_key("Interior Ministry")) == 2


def test_a_bodys_generic_name_in_a_story_of_no_country_merges_no_two_countries_bodies(store: Store, nlp: Any) -> None:
    """Two countries' bodies stored apart under one generic name stay apart when a story names it both ways."""
    add(store, nlp, CHILE, day=1)
    add(store, nlp, PERU, day=2)
    add(store, nlp, "The Ministry of Interior said on Monday that the Interior Ministry would publish the list.", day=3)
    assert len(store.entities_by_key("Interior Ministry")) == 2


def test_a_family_name_alone_that_two_of_the_storys_people_bear_joins_no_one_of_another_story(
    store: Store, nlp: Any
) -> None:
    """ "Samir Qaddour … Nabil al-Qaddour … Qaddour said": one of the two, not the Qaddour of another story."""
    add(
        store, nlp, "Walid Qaddour, a grain trader in Homs, said prices had doubled. Qaddour blamed the drought.", day=1
    )
    two = (
        "The elders were led by Samir Qaddour and by the sheikh Nabil al-Qaddour. "
        "Later, Qaddour told reporters that the wells were dry."
    )
    add(store, nlp, two, day=2)
    assert ("Walid Qaddour", 1) in _stories_of(store, "Walid Qaddour")


def test_a_lone_family_name_that_joins_a_person_leaves_him_his_family_name(store: Store, nlp: Any) -> None:
    """Joined by "Qaddour" alone, Walid Qaddour is still a Qaddour (whom a later lone "Qaddour" is asked against)."""
    add(store, nlp, "Walid Qaddour, a grain trader in Homs, said prices had doubled on Monday.", day=1)
    add(store, nlp, "Qaddour told reporters in Homs that the grain had not arrived.", day=2)
    assert [(e.name, e.article_count) for e in store.entities_by_surname("qaddour")] == [("Walid Qaddour", 2)]


def _found(name: str, votes: dict[EntityType, float]) -> Extracted:
    return Extracted(name=name, key=names.key(name), type=decide_type(votes), votes=votes, aliases={name},
                     mentions=[Mention(name, 0, len(name), 0, 40)])  # fmt: skip


def test_a_body_most_stories_read_as_one_is_no_family_name_of_a_longer_name_read_as_a_person(store: Store) -> None:
    """ "Harakat", a body by most of its evidence though a story took it for a man once, is not the family name of
    "Liwa Harakat" read as a man's name: it stays the body it is."""
    body = {EntityType.ORGANISATION: 1.0}
    for day, votes in enumerate([body, body, body, {EntityType.PERSON: 1.0}], start=1):
        store.add_article(_article(f"Story {day} about Harakat.", day), [_found("Harakat", votes)])
    store.add_article(_article("Story about Liwa Harakat.", 5), [_found("Liwa Harakat", {EntityType.PERSON: 2.0})])
    assert sorted(e.name for e in store.entities_by_key("Harakat")) == ["Harakat"]


def test_a_name_read_once_as_a_person_with_nothing_else_is_what_the_corpus_knows_by_it(store: Store, nlp: Any) -> None:
    """ "Washington moved those operations to Al Zarqa in Velmora": the model's one reading of a person, with no
    title or quote, joins the base the corpus knows by that very name."""
    add(store, nlp, "Velmoran troops rotated through the Al Zarqa air base on Monday, officers said.", day=1)
    store.add_article(_article("Washington moved those operations to Al Zarqa.", 2),
                      [_found("Al Zarqa", {EntityType.PERSON: 1.0})])  # fmt: skip
    assert [(e.type, e.article_count) for e in store.entities_by_key("Al Zarqa")] == [(EntityType.INSTALLATION, 2)]


def test_a_person_with_a_title_stays_apart_from_a_base_of_the_same_name(store: Store, nlp: Any) -> None:
    add(store, nlp, "Velmoran troops rotated through the Al Zarqa air base on Monday, officers said.", day=1)
    titled = replace(_found("Al Zarqa", {EntityType.PERSON: 1.0}), roles=[Role("General", "General Al Zarqa.")])
    store.add_article(_article("General Al Zarqa spoke.", 2), [titled])
    assert sorted(e.type for e in store.entities_by_key("Al Zarqa")) == [EntityType.INSTALLATION, EntityType.PERSON]


def test_a_town_spelled_like_a_country_by_a_transliteration_rule_stays_a_town(store: Store) -> None:
    place = {EntityType.PLACE: 2.0}
    store.add_article(_article("Story about Kenya.", 1), [_found("Kenya", place)])
    store.add_article(_article("Story about the town of Kenyah.", 2), [_found("Kenyah", place)])
    assert kinds(store, "Kenya") == [("Kenya", EntityType.PLACE, 1), ("Kenyah", EntityType.PLACE, 1)]


@pytest.mark.parametrize(("usual", "variant"), [("Bahrain", "Bahrein"), ("Iraq", "Irak"), ("Kuwait", "Kuweit")])
def test_a_country_in_an_older_or_foreign_spelling_is_the_country(store: Store, usual: str, variant: str) -> None:
    """Translated wires spell some countries as French or German do: no transliteration rule joins them to a
    country any more ("Giurgiu" is no "Georgia"), so the spelling itself says which country it is."""
    place = {EntityType.PLACE: 2.0}
    store.add_article(_article(f"Story about {usual}.", 1), [_found(usual, place)])
    store.add_article(_article(f"Story about {variant}.", 2), [_found(variant, place)])
    assert [(e.type, e.article_count) for e in store.entities_by_key(usual)] == [(EntityType.PLACE, 2)]


def test_a_person_given_an_age_stays_apart_from_a_base_named_after_someone(store: Store, nlp: Any) -> None:
    """ "Rashid Hallam, 34, was killed": named once, with no title or quote, but an age set off by commas says a
    person, not the base the corpus knows by a man's name."""
    add(store, nlp, "Kordanian jets took off from the Rashid Hallam air base on Monday, officers said.", day=1)
    add(store, nlp, "Rashid Hallam, 34, was killed when a shell hit his house in Tarvel on Sunday.", day=2)
    assert sorted(e.type for e in store.entities_by_key("Rashid Hallam")) == [
        EntityType.INSTALLATION,
        EntityType.PERSON,
    ]


def test_two_bodies_named_in_full_by_other_words_with_the_same_initials_stay_apart(store: Store, nlp: Any) -> None:
    """ "Velmora's Self-Defense Forces" of one story and "the Sudanese Democratic Forces (SDF)" of another both give
    "SDF": one body's initials, which the other writes, do not make them one."""
    add(store, nlp, "Velmora's Self-Defense Forces also keep a base in the country, near the airport.", day=1)
    add(store, nlp, "The Sudanese Democratic Forces (SDF) said on Monday that the SDF would hold the town.", day=2)
    assert sorted(e.name for e in store.entities_by_key("SDF")) == ["Self-Defense Forces", "Sudanese Democratic Forces"]


def test_a_town_the_model_once_read_as_a_man_is_still_a_town_beside_a_base_of_its_name(store: Store, nlp: Any) -> None:
    """ "near the town of Tal Qarn": four readings of a place against the model's one of a man's name make the town
    a town, which joins no base stored under its name."""
    add(store, nlp, "Velmoran troops rotated through the Tal Qarn air base on Monday, officers said.", day=1)
    town = _found("Tal Qarn", {EntityType.PLACE: 4.0, EntityType.PERSON: 1.0})
    store.add_article(_article("Drones hit a site near the town of Tal Qarn.", 2), [town])
    assert sorted(e.type for e in store.entities_by_key("Tal Qarn")) == [EntityType.INSTALLATION, EntityType.PLACE]


def test_two_towns_one_vowel_apart_that_transliteration_does_not_swap_stay_two_towns(store: Store) -> None:
    """ "Tombara" and "Tambara": an "o" where the other has an "a" is another vowel, not another way to write it."""
    place = {EntityType.PLACE: 2.0}
    store.add_article(_article("Story about Tombara.", 1), [_found("Tombara", place)])
    store.add_article(_article("Story about Tambara.", 2), [_found("Tambara", place)])
    assert kinds(store, "Tombara") == [("Tombara", EntityType.PLACE, 1)]
    assert kinds(store, "Tambara") == [("Tambara", EntityType.PLACE, 1)]


@pytest.mark.parametrize(
    ("one", "other"),
    [("Mezzara", "Mazzara"), ("Khweirin", "Hweirin"), ("Qardishli", "Kardishly"), ("Sherwali", "Sherwalo")],
)
def test_a_town_spelled_the_ways_transliteration_writes_it_is_one_town(store: Store, one: str, other: str) -> None:
    """An "e" for an "a", "kh" for "h", "q" for "k", "y" for "i", or another final vowel (the Kurdish name of a
    town beside the Arabic one) are ways to write one town's name."""
    place = {EntityType.PLACE: 2.0}
    store.add_article(_article(f"Story about {one}.", 1), [_found(one, place)])
    store.add_article(_article(f"Story about {other}.", 2), [_found(other, place)])
    assert [(e.type, e.article_count) for e in store.entities_by_key(one)] == [(EntityType.PLACE, 2)]


CHILEAN_MINISTRY = (
    "The Chilean Interior Ministry said on Monday that the wall on the border would be finished in May. "
    "The Interior Ministry added that two crossings would stay open."
)


def test_a_bodys_generic_name_in_a_story_set_in_another_country_joins_no_body_named_after_its_country(
    store: Store, nlp: Any
) -> None:
    """ "Interior Ministry" in a story set in Peru is not the "Chilean Interior Ministry" stored before."""
    add(store, nlp, CHILEAN_MINISTRY, day=1)
    add(store, nlp, PERU, day=2)
    assert _stories_of(store, "Chilean Interior Ministry") == [("Chilean Interior Ministry", 1)]


def test_a_bodys_generic_name_in_a_story_of_no_country_joins_no_body_named_after_a_country(
    store: Store, nlp: Any
) -> None:
    """A story that names no country leaves a bare "Interior Ministry" no one country's."""
    add(store, nlp, CHILEAN_MINISTRY, day=1)
    add(store, nlp, "The Interior Ministry said on Monday that the list of candidates would be published.", day=2)
    assert _stories_of(store, "Chilean Interior Ministry") == [("Chilean Interior Ministry", 1)]


def test_a_bodys_generic_name_in_a_story_set_in_its_country_joins_the_body_named_after_it(
    store: Store, nlp: Any
) -> None:
    add(store, nlp, CHILEAN_MINISTRY, day=1)
    add(store, nlp, CHILE, day=2)
    assert _stories_of(store, "Chilean Interior Ministry") == [("Chilean Interior Ministry", 2)]
