"""Who keeps a base, in phrasings state agencies and regional outlets use beyond those of the first corpus: a
regime's possession, a base "among the airfields of" a force, a model of aircraft kept there (no party), and more
below. Every sentence is invented for the test."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.models import EntityType


def operator(nlp: Any, text: str, name: str) -> str | None:
    """The operator the text gives the installation called `name`."""
    found = [e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION and e.name == name]
    assert len(found) == 1, [e.name for e in extract(nlp(text))]
    return found[0].base_facts[0].operator


def test_a_regimes_possession_is_its_countrys(nlp: Any) -> None:
    text = "The Guards said their missiles had hit the Israeli regime's Velmor airbase, south of the capital."
    assert operator(nlp, text, "Velmor airbase") == "Israel"


def test_a_base_among_the_airfields_of_a_force_is_that_forces(nlp: Any) -> None:
    text = "The Velmor airbase is among the oldest airfields of the Israeli air force."
    assert operator(nlp, text, "Velmor airbase") == "Israel"


def test_a_base_that_is_one_of_the_bases_of_a_force_is_that_forces(nlp: Any) -> None:
    text = "The Velmor airbase is one of the main bases of the Egyptian army."
    assert operator(nlp, text, "Velmor airbase") == "Egypt"


def test_a_model_of_aircraft_kept_at_a_base_is_no_party_its_keeper_is(nlp: Any) -> None:
    text = "Russia also keeps an air group of MiG-29 fighters at the Velmor airfield outside the capital."
    assert operator(nlp, text, "Velmor airfield") == "Russia"


def test_an_apposition_after_the_town_that_places_a_base_names_no_base_after_the_town(nlp: Any) -> None:
    text = "The wing flies from Al Velm Air Base south of Abu Dhabi, an Emirati base that also hosts French jets."
    found = {e.name: e.type for e in extract(nlp(text))}
    assert found.get("Abu Dhabi") is EntityType.PLACE
    assert [n for n, t in found.items() if t is EntityType.INSTALLATION] == ["Al Velm Air Base"]


def test_an_apposition_right_after_a_name_still_makes_it_a_base(nlp: Any) -> None:
    assert operator(nlp, "Korvik, a Turkish air base, was hit by drones on Sunday.", "Korvik air base") == "Turkey"


def test_a_camp_named_at_a_sentences_start_is_a_base(nlp: Any) -> None:
    text = "Camp Velmor, south of the capital, remains the main US Army logistics hub in the region."
    assert operator(nlp, text, "Camp Velmor") == "United States"


def test_a_capitalised_kind_opening_a_sentence_without_a_name_is_no_base(nlp: Any) -> None:
    found = extract(nlp("Camp residents said the water had run out on Sunday."))
    assert [e.name for e in found if e.type is EntityType.INSTALLATION] == []


def test_their_base_opening_a_sentence_is_the_base_of_the_subject_before(nlp: Any) -> None:
    text = "Turkish forces keep dozens of outposts in the province. Their best-known base is at Velmor, near Bashiqa."
    assert operator(nlp, text, "Velmor") == "Turkey"


def test_a_possessed_kind_of_site_said_to_be_a_named_base_gives_its_owner(nlp: Any) -> None:
    assert operator(nlp, "Russia's main base in the region is the Velmor airfield.", "Velmor airfield") == "Russia"


def test_forces_a_plan_would_station_at_a_base_do_not_keep_it(nlp: Any) -> None:
    text = "Officials discussed the long-discussed plan to station Turkish air defences at the Velmor air base."
    assert operator(nlp, text, "Velmor air base") is None


def test_a_plan_to_keep_forces_at_a_base_still_says_who_keeps_them(nlp: Any) -> None:
    text = "Officials said there was a plan to keep Russian warships at the Velmor naval base."
    assert operator(nlp, text, "Velmor naval base") == "Russia"


def test_a_name_set_beside_a_forces_base_is_that_forces_whatever_the_parser_hangs_it_on(nlp: Any) -> None:
    text = "The other main base of the Lebanese Air Force, Velmor air base in the valley, was hit in October."
    assert operator(nlp, text, "Velmor air base") == "Lebanon"


def test_the_bases_official_name_in_apposition_takes_what_its_sentence_says(nlp: Any) -> None:
    text = (
        "The base, officially Velmor Air Base, lies about 50 km north of the city of Hamedan, and it belongs to "
        "the Iranian air force."
    )
    found = [e for e in extract(nlp(text)) if e.name == "Velmor Air Base"]
    assert [(f.operator, f.location) for f in found[0].base_facts] == [("Iran", "Hamedan")]


def test_a_spelling_given_with_also_spelled_is_the_same_person(nlp: Any) -> None:
    text = "Yevgeny Kirov, also spelled Evgeniy Kirov in some reports, said the talks had failed."
    people = [e for e in extract(nlp(text)) if e.type is EntityType.PERSON]
    assert [e.name for e in people] == ["Yevgeny Kirov"]


def test_a_sites_three_lowercase_nouns_between_its_name_and_base_stay_in_the_name(nlp: Any) -> None:
    text = "Drones flew near the Israeli military's Velmor air traffic control base on Mount Velmor on Sunday."
    assert operator(nlp, text, "Velmor air traffic control base") == "Israel"
