"""Installations found however the article names them: kind first, by number, by a relative clause, by a list after
"at", by the site they stand at, only by where forces are kept, or by a name a town shares."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.extract import extract
from bot.core.models import EntityType, Extracted


def installations(nlp: Any, text: str) -> dict[str, Extracted]:
    """The installations the text names, by name."""
    return {e.name: e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION}


def facts(found: Extracted) -> tuple[str | None, str | None]:
    """The one operator and location the article gives an installation."""
    return found.base_facts[0].operator, found.base_facts[0].location


def test_a_name_that_starts_with_its_kind_is_found_but_not_a_units_name(nlp: Any) -> None:
    text = (
        "In neighbouring Chad, Air Base 305 near the town of Olbek was handed over to the Chadian army in May. "
        "The U.S. Air Force's 52nd Air Base Wing operates there as a tenant."
    )
    found = installations(nlp, text)
    assert list(found) == ["Air Base 305"]
    assert facts(found["Air Base 305"]) == ("Chad", "Olbek")


def test_an_ordinal_names_a_base(nlp: Any) -> None:
    text = (
        "Korin will travel to Dushanbe, where he will inspect the 204th military base, Russia's largest military "
        "facility abroad."
    )
    assert facts(installations(nlp, text)["204th military base"]) == ("Russia", "Dushanbe")


def test_a_base_named_only_by_where_a_relative_clause_puts_it(nlp: Any) -> None:
    text = (
        "Three years after the last French soldiers left, the military base they built in Velmor has a new tenant. "
        "The base, which the French army left in 2022, is now run by Malian troops."
    )
    assert facts(installations(nlp, text)["Velmor military base"]) == ("Mali", "Velmor")


def test_a_name_with_its_kind_is_military_wherever_the_article_repeats_it(nlp: Any) -> None:
    text = (
        "Rockets target Darvin base; officials say no one hurt\n\n"
        "Several rockets were fired overnight at Darvin air base, where US forces are deployed, officials said."
    )
    found = installations(nlp, text)
    assert list(found) == ["Darvin air base"] and len(found["Darvin air base"].base_facts) == 2


def test_an_airport_a_later_sentence_keeps_forces_at_is_an_installation_of_its_town(nlp: Any) -> None:
    text = (
        "A spokesman said Kelmar International Airport had not been affected by the unrest. US-led coalition "
        "troops are based at a military section of the airport, which also handles passenger flights."
    )
    assert facts(installations(nlp, text)["Kelmar International Airport"]) == ("United States", "Kelmar")


def test_every_name_listed_after_a_plural_kind_and_at_is_a_base(nlp: Any) -> None:
    text = "U.S. forces still hold bases at Vorna, Talbek and Marzin in eastern Syria, officials said."
    assert sorted(installations(nlp, text)) == ["Marzin base", "Talbek base", "Vorna base"]


def test_bases_in_provinces_are_no_list_of_names(nlp: Any) -> None:
    assert installations(nlp, "Moscow keeps military bases in the Latakia and Tartus provinces.") == {}


def test_a_site_named_before_its_nouns_keeps_its_whole_name(nlp: Any) -> None:
    text = "U.S. soldiers guard the Varno gas field base in Deir ez-Zor province, officials said."
    found = installations(nlp, text)
    assert list(found) == ["Varno gas field base"]
    assert facts(found["Varno gas field base"])[0] == "United States"


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces stationed at Kharab al-Darin have been told to prepare for a move, officials said.",
        "U.S. troops at Kharab al-Darin were put on alert after the attack, officials said.",
    ],
)
def test_a_name_where_forces_are_kept_is_an_installation(nlp: Any, text: str) -> None:
    assert list(installations(nlp, text)) == ["Kharab al-Darin"]


@pytest.mark.parametrize(
    "text",
    [
        "Asked about Russia's naval presence at Tartus, the minister said it was a matter for Damascus.",
        "The Syrian Democratic Forces said their fighters had withdrawn from Manbij on Sunday.",
    ],
)
def test_a_presence_or_a_town_is_no_installation(nlp: Any, text: str) -> None:
    assert installations(nlp, text) == {}


def test_a_town_that_shares_its_name_with_its_installation_is_both(nlp: Any) -> None:
    text = (
        "Life is slow in Tartous this winter. Two Russian vessels are moored at the naval facility in Tartous. "
        "Shops in Tartous close early, and schools in Tartous have reopened. Families in the city of Tartous say "
        "prices have doubled, and farmers near Tartous agree."
    )
    found = {e.type: e for e in extract(nlp(text)) if e.key == "tartous"}
    assert set(found) == {EntityType.INSTALLATION, EntityType.PLACE}
    assert found[EntityType.INSTALLATION].name == "Tartous naval facility"
    assert len(found[EntityType.PLACE].mentions) == 5 and not found[EntityType.PLACE].base_facts


def test_an_outpost_on_a_height_is_named_by_it_and_one_on_a_road_is_not(nlp: Any) -> None:
    found = installations(nlp, "Israeli troops have set up an outpost on the summit of Mount Korash, the army said.")
    assert list(found) == ["Mount Korash outpost"]
    assert installations(nlp, "Israeli troops set up an outpost on the road to Quneitra, the army said.") == {}


def test_names_set_beside_a_plural_kind_are_bases_but_a_lone_speaker_is_not(nlp: Any) -> None:
    text = "Russia hopes to keep its two military bases, Vorna and Talbek, under a new deal."
    assert sorted(installations(nlp, text)) == ["Talbek military base", "Vorna military base"]
    assert installations(nlp, "Russia will keep the bases, Putin said on Monday.") == {}


def test_a_base_named_after_a_town_said_to_hold_people_is_a_town_too(nlp: Any) -> None:
    text = (
        "Russian warships use two berths at the Varna naval base under a deal signed in 2017, and the Varna naval "
        "base will be enlarged. Fishermen in Varna say the harbour is quieter."
    )
    found = {e.type: e for e in extract(nlp(text)) if e.key == "varna"}
    assert set(found) == {EntityType.INSTALLATION, EntityType.PLACE}
    assert found[EntityType.INSTALLATION].name == "Varna naval base"
    assert [m.surface for m in found[EntityType.PLACE].mentions] == ["Varna"]


def test_a_base_spoken_of_by_its_bare_name_where_forces_are_is_no_town(nlp: Any) -> None:
    text = (
        "Russian warships use two berths at the Varna naval base under a deal signed in 2017, and the Varna naval "
        "base will be enlarged. More aircraft landed at Varna on Monday."
    )
    found = [e for e in extract(nlp(text)) if e.key == "varna"]
    assert [e.type for e in found] == [EntityType.INSTALLATION]


def test_a_name_given_as_another_name_of_the_base_spoken_of_again_is_the_bases(nlp: Any) -> None:
    text = (
        "Israeli jets struck the Zarqan air base overnight. Two sources said missiles hit a hangar at the base, also "
        "known as Velmor, which lies in the desert."
    )
    found = [e for e in extract(nlp(text)) if "Velmor" in {m.surface for m in e.mentions}]
    assert [(e.name, e.type) for e in found] == [("Zarqan air base", EntityType.INSTALLATION)]
    apart = (
        "Israeli jets struck the Zarqan air base overnight. Two sources said missiles hit a hangar at the base, and "
        "Velmor, a town nearby, lost power."
    )
    assert "Velmor" not in {m.surface for e in installations(nlp, apart).values() for m in e.mentions}


def test_a_name_an_apposition_calls_a_kind_of_base_is_that_base_of_the_country_it_names(nlp: Any) -> None:
    text = "A drone killed three soldiers at Post 41, a small U.S. outpost just across the border in northern Jordan."
    assert [facts(e) for e in installations(nlp, text).values()] == [("United States", "Jordan")]
    assert list(installations(nlp, "Drones hit Korvik, a Turkish air base near the town of Olbek.")) == [
        "Korvik air base"
    ]
    assert installations(nlp, "Drones hit Olbek, a town near the air base.") == {}


def test_a_forces_name_before_base_and_a_stations_name_is_one_whole_name(nlp: Any) -> None:
    """ "the Self-Defense Forces Base Velmor", "Marine Corps Base Kessa": a force's stations are named so; the force's
    name and "Base" alone are no base, nor is "the Air Force Base commander"."""
    text = (
        "Velmora opened the Self-Defense Forces Base Orvan in 2011 to support its patrols. "
        "Marine Corps Base Kessa hosts 3,000 marines, the Coast Guard Base commander said."
    )
    bases = sorted(e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION)
    assert bases == ["Marine Corps Base Kessa", "Self-Defense Forces Base Orvan"]


def test_a_ground_where_forces_train_is_an_installation_and_its_sort_named_again_by_a_name_alone(nlp: Any) -> None:
    text = (
        "Staff officers of the Velmorian army held a three-day drill at the Korvatsk training range in the Dalny "
        "region, the district's press service said. The Velmorian Aerospace Forces test missiles at the Sarnik "
        "proving ground on the shore of Lake Ostrova. The two staffs will meet again in the spring at the "
        "Lesnaya range near Brodsk."
    )
    found = installations(nlp, text)
    assert {"Korvatsk training range", "Sarnik proving ground", "Lesnaya range"} <= set(found)
    assert found["Korvatsk training range"].base_facts[0].kind == "training range"


@pytest.mark.parametrize(
    "text",
    [
        "The talks covered a range of issues, from the Korvatsk dam to grain exports through the port of Brodsk.",
        "Troops from both countries will train at a training ground in the Dalny region in September.",
        "Hikers reached the Ostrova range after two days; the Velmorian army keeps no troops in the mountains.",
        "The two sides found common ground on the Korvatsk talks, and a play area was opened in Brodsk.",
        "Troops trained at the Dalny firing range. The Ostrova range runs along the border with the Velmor plain.",
    ],
)
def test_ranges_grounds_and_areas_that_no_word_calls_a_training_ground_are_not_installations(
    nlp: Any, text: str
) -> None:
    assert set(installations(nlp, text)) <= {"Dalny firing range"}


def test_a_town_opening_a_sentence_of_talk_is_where_they_talked_not_where_the_base_is(nlp: Any) -> None:
    text = "In Brodsk, officials said drones had struck the Korvatsk air base overnight, damaging two hangars."
    _, location = facts(installations(nlp, text)["Korvatsk air base"])
    assert location != "Brodsk"


def test_a_base_whose_name_is_written_with_base_in_capitals_needs_no_military_word(nlp: Any) -> None:
    text = (
        "The mission rotated reserve companies through the former Falcon Base near Brodsk, which lies in the "
        "Ostrova canton, officials said."
    )
    assert "Falcon Base" in installations(nlp, text)


def test_a_title_case_headline_makes_no_base_of_its_capitalised_words(nlp: Any) -> None:
    text = "Velmoria Weighs Its Korvatsk Base Future As Talks Stall\n\nOfficials in Brodsk said talks would resume."
    assert installations(nlp, text) == {}


def test_air_defences_at_a_base_say_it_is_military(nlp: Any) -> None:
    text = (
        "Lt. Col. Dana Orrin, commander of the task force at the Cedar Hill base, told reporters the base's air "
        "defences had been active all night."
    )
    assert "Cedar Hill base" in installations(nlp, text)


def test_the_peoples_of_a_forces_name_is_part_of_its_bases_name(nlp: Any) -> None:
    """ "The Velmoran People's Army Support Base": "People's" is a word of the name, not whose the base is."""
    text = "The Velmoran People's Army Support Base near Qarth opened in 2017."
    bases = [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]
    assert bases == ["Velmoran People's Army Support Base"]
