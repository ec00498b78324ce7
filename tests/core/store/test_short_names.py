"""Across articles, an entity's shorter names find it: initials, a news agency without "Agency", a person without
the middle name, in either order of the articles; different things stay apart."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.models import EntityType
from bot.core.store import Store
from tests.core.store.test_store import add


def kinds(store: Store, name: str) -> list[tuple[str, EntityType, int]]:
    return [(e.name, e.type, e.article_count) for e in store.entities_by_key(name)]


@pytest.mark.parametrize("long_first", [True, False])
def test_initials_in_one_article_and_the_full_name_in_another_are_one_organisation(
    store: Store, nlp: Any, long_first: bool
) -> None:
    full = "The United Nations called on both sides to stop the fighting near Aleppo on Monday."
    short = "The UN said that aid convoys reached Idlib after a week of delays, officials said."
    for day, text in enumerate([full, short] if long_first else [short, full], start=1):
        add(store, nlp, text, day=day)
    assert kinds(store, "UN") == kinds(store, "United Nations") == [("United Nations", EntityType.ORGANISATION, 2)]


@pytest.mark.parametrize("long_first", [True, False])
def test_a_news_agency_named_without_agency_is_the_agency(store: Store, nlp: Any, long_first: bool) -> None:
    full = "Turkish officials told the Anadolu Agency that talks with Damascus would resume in Ankara."
    short = "The minister told Anadolu that the border crossing would reopen next week, Anadolu reported."
    for day, text in enumerate([full, short] if long_first else [short, full], start=1):
        add(store, nlp, text, day=day)
    assert kinds(store, "Anadolu") == [("Anadolu Agency", EntityType.ORGANISATION, 2)]


@pytest.mark.parametrize("long_first", [True, False])
def test_a_person_named_without_the_middle_name_is_the_same_person(store: Store, nlp: Any, long_first: bool) -> None:
    full = "Syrian Foreign Minister Asaad Hassan al-Shaibani arrived in Ankara for talks on Tuesday."
    short = "Asaad al-Shaibani told reporters in Damascus that the talks had gone well."
    for day, text in enumerate([full, short] if long_first else [short, full], start=1):
        add(store, nlp, text, day=day)
    assert kinds(store, "Asaad al-Shaibani") == [("Asaad Hassan al-Shaibani", EntityType.PERSON, 2)]


def test_a_name_with_capitals_of_its_own_has_no_initials(store: Store, nlp: Any) -> None:
    add(store, nlp, "The AP reported that the convoy reached Aleppo on Monday, officials said.", day=1)
    add(store, nlp, "The ruling AK Party said it would back the new constitution in parliament.", day=2)
    assert {e.name for e in store.entities_by_key("AP")} == {"AP"}
    assert {e.name for e in store.entities_by_key("AK Party")} == {"AK Party"}


def test_a_kunya_is_not_a_given_name_before_a_middle_name(store: Store, nlp: Any) -> None:
    add(store, nlp, "Abu Mohammed al-Jolani led the group for a decade before the offensive began.", day=1)
    add(store, nlp, "Abu Hassan al-Jolani, a commander in Idlib, denied the reports on Monday.", day=2)
    assert len({e.id for e in store.entities_by_key("Abu Mohammed al-Jolani")}) == 1
    assert {e.name for e in store.entities_by_key("Abu Hassan al-Jolani")} == {"Abu Hassan al-Jolani"}


def test_an_article_naming_two_stored_entities_as_one_merges_them(store: Store, nlp: Any) -> None:
    add(store, nlp, "The Kurdistan Workers' Party said on Monday that it would hold a congress in the spring.", day=1)
    add(store, nlp, "Turkish drones struck PKK positions in the mountains, the ministry said on Tuesday.", day=2)
    add(store, nlp, "The Kurdistan Workers' Party (PKK) denied the reports in a statement on Wednesday.", day=3)
    assert [(e.name, e.article_count) for e in store.entities_by_key("PKK")] == [("Kurdistan Workers' Party", 3)]


@pytest.mark.parametrize("long_first", [True, False])
def test_a_body_of_an_organisation_goes_by_its_own_name(store: Store, nlp: Any, long_first: bool) -> None:
    full = "The UN Security Council met on Monday to discuss the fighting in the north of the country."
    short = "Diplomats said the Security Council would vote on the draft resolution next week."
    for day, text in enumerate([full, short] if long_first else [short, full], start=1):
        add(store, nlp, text, day=day)
    assert [(e.name, e.article_count) for e in store.entities_by_key("Security Council")] == [
        ("UN Security Council", 2)
    ]


def test_only_an_institution_loses_its_parents_acronym(store: Store, nlp: Any) -> None:
    add(store, nlp, "US Special Forces raided a house near the border on Monday, officials said.", day=1)
    add(store, nlp, "Turkish commandos and Special Forces units crossed the border on Tuesday.", day=2)
    assert all(e.article_count == 1 for e in store.entities_by_key("Special Forces"))


def test_two_organisations_sharing_initials_stay_apart(store: Store, nlp: Any) -> None:
    add(store, nlp, "The Free Homeland Party said on Monday that it would take part in the elections.", day=1)
    add(store, nlp, "The Future Hope Party said on Tuesday that it would boycott the elections.", day=2)
    add(store, nlp, "Leaders of the Future Hope Party met in the capital again on Wednesday.", day=3)
    assert [(e.name, e.article_count) for e in store.entities_by_key("Free Homeland Party")] == [
        ("Free Homeland Party", 1)
    ]


@pytest.mark.parametrize("long_first", [True, False])
def test_a_landform_named_without_its_kind_is_the_same_place(store: Store, nlp: Any, long_first: bool) -> None:
    full = "Israeli troops moved deeper into the Bekaa Valley on Monday, residents said."
    short = "Farmers in the Bekaa said the harvest had been lost to the drought this year."
    for day, text in enumerate([full, short] if long_first else [short, full], start=1):
        add(store, nlp, text, day=day)
    assert kinds(store, "Bekaa") == [("Bekaa Valley", EntityType.PLACE, 2)]


def test_a_landform_named_after_a_country_is_not_the_country(store: Store, nlp: Any) -> None:
    add(store, nlp, "Israeli troops moved deeper into the Jordan Valley on Monday, residents said.", day=1)
    add(store, nlp, "Officials in Jordan said the border crossing would reopen next week.", day=2)
    assert {e.name for e in store.entities_by_key("Jordan")} == {"Jordan"}


@pytest.mark.parametrize("long_first", [True, False])
def test_a_base_at_a_named_site_is_known_by_the_sites_name(store: Store, nlp: Any, long_first: bool) -> None:
    full = "A drone hit a former US base at the Holcim cement plant, which American troops left in 2019."
    short = "SDF fighters were seen leaving the Holcim base on Tuesday, a military source said."
    for day, text in enumerate([full, short] if long_first else [short, full], start=1):
        add(store, nlp, text, day=day)
    [base] = store.entities_by_key("Holcim")
    assert [(e.id, e.article_count) for e in store.entities_by_key("Holcim cement plant")] == [(base.id, 2)]


@pytest.mark.parametrize("long_first", [True, False])
def test_a_national_body_lends_no_initials_that_the_same_body_of_another_country_shares(
    store: Store, nlp: Any, long_first: bool
) -> None:
    full = "The Iraqi Air Force carried out strikes on militant hideouts near Mosul on Tuesday, the ministry said."
    short = "The IAF struck a weapons depot in southern Lebanon overnight, the military said in Jerusalem."
    for day, text in enumerate([full, short] if long_first else [short, full], start=1):
        add(store, nlp, text, day=day)
    assert kinds(store, "Iraqi Air Force") == [("Iraqi Air Force", EntityType.ORGANISATION, 1)]
    assert kinds(store, "IAF") == [("IAF", EntityType.ORGANISATION, 1)]


def test_a_national_body_that_writes_its_initials_beside_its_name_keeps_them(store: Store, nlp: Any) -> None:
    add(store, nlp, "The Syrian Democratic Forces (SDF) said on Monday that they had taken the village.", day=1)
    add(store, nlp, "The SDF said on Tuesday that talks with Damascus would resume next week.", day=2)
    assert kinds(store, "SDF") == [("Syrian Democratic Forces", EntityType.ORGANISATION, 2)]


def test_a_body_once_taken_for_a_person_lends_no_family_name_to_another_body(store: Store, nlp: Any) -> None:
    # The model reads "Kataib Velmor" as a person in the first article (its family name would be "Velmor"); the
    # second says it is a group; "Velmor" alone, a party of its own, is not it.
    add(store, nlp, "Kataib Velmor said on Thursday it would respond to the strike near Baghdad.", day=1)
    add(
        store,
        nlp,
        "The Iran-backed group Kataib Velmor claimed a drone attack. The group Kataib Velmor has fighters.",
        day=2,
    )
    add(store, nlp, "Velmor fighters exchanged fire with troops along the border. Velmor said two were killed.", day=3)
    assert [e.article_count for e in store.entities_by_key("Kataib Velmor")] == [2]
    assert all(e.name == "Velmor" for e in store.entities_by_key("Velmor"))


# Two stories, each set in one country (named three times), whose ministry is named without its country.
SET_IN_CHILE = (
    "Chile closed its northern border on Monday. Officials said Chile would reopen it within a week. Chile has faced "
    "protests over the crossing for months. The Foreign Ministry said the closure was temporary."
)
SET_IN_PERU = (
    "Peru closed its southern border on Tuesday. Officials said Peru would reopen it within a week. Peru has faced "
    "protests over the crossing for months. The Foreign Ministry said the closure was temporary."
)
ALSO_IN_CHILE = (
    "Chile reopened its northern border on Friday. Chile said traffic had resumed. Trucks entered Chile at dawn. "
    "The Foreign Ministry said the border would stay open."
)


def test_two_stories_ministries_named_alone_stay_apart_when_set_in_different_countries(store: Store, nlp: Any) -> None:
    add(store, nlp, SET_IN_CHILE, day=1)
    add(store, nlp, SET_IN_PERU, day=2)
    assert kinds(store, "Foreign Ministry") == [("Foreign Ministry", EntityType.ORGANISATION, 1)] * 2


def test_two_stories_ministries_named_alone_are_one_when_set_in_one_country(store: Store, nlp: Any) -> None:
    add(store, nlp, SET_IN_CHILE, day=1)
    add(store, nlp, ALSO_IN_CHILE, day=2)
    assert kinds(store, "Foreign Ministry") == [("Foreign Ministry", EntityType.ORGANISATION, 2)]


def test_a_ministry_named_alone_joins_no_countrys_ministry(store: Store, nlp: Any) -> None:
    add(store, nlp, "Chile's Foreign Ministry said the border with its neighbour would close on Monday.", day=1)
    add(store, nlp, SET_IN_PERU, day=2)
    assert kinds(store, "Foreign Ministry") == [("Foreign Ministry", EntityType.ORGANISATION, 1)]


def test_a_nom_de_guerre_joined_to_a_person_does_not_become_his_name(store: Store, nlp: Any) -> None:
    add(store, nlp, "Interim President Omar al-Hadidi met envoys in Damascus on Monday, officials said.", day=1)
    add(store, nlp, "Omar al-Hadidi, formerly known by his nom de guerre Abu Hamza al-Qasimi, spoke.", day=2)
    add(store, nlp, "Abu Hamza al-Qasimi led the group for a decade before the offensive began.", day=3)
    assert [(e.name, e.article_count) for e in store.entities_by_key("Abu Hamza al-Qasimi")] == [("Omar al-Hadidi", 3)]
