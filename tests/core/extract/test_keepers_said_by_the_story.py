"""Who keeps a base when the sentence that names it does not say so outright: "Its aviation group flies from …"
after a sentence whose subject is another country's base; a base in a story about one nation's forces that names that
nation by its adjective far more than any other ("the Turkish Air Force", "Turkish pilots"); forces that withdraw
"most of" their aircraft from a base, who stay; "the Northern Fleet" after "the Russian Northern Fleet"; "… are kept
at Lorsk, the naval base on …", whose clause says who keeps it. Every sentence is invented for the test."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.models import EntityType


def operators(nlp: Any, text: str) -> dict[str, str | None]:
    """Each installation the text names, with its operator."""
    found = [e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]
    return {e.name: e.base_facts[0].operator for e in found}


def test_its_unit_after_a_sentence_about_a_countrys_base_is_that_countrys(nlp: Any) -> None:
    text = (
        "The 45th Russian military base, stationed in Korvan since 1996, is part of the Western District. Its "
        "aviation group flies from Lorsk airfield on the edge of Dalmora."
    )
    assert operators(nlp, text)["Lorsk airfield"] == "Russia"


def test_its_unit_after_a_sentence_about_a_base_nobody_owns_says_nothing(nlp: Any) -> None:
    text = (
        "The old air base near Korvan is part of the Western District. Its aviation group flies from Lorsk "
        "airfield on the edge of Dalmora."
    )
    assert operators(nlp, text)["Lorsk airfield"] != "Russia"


def test_a_base_in_a_story_about_one_nations_forces_is_that_nations(nlp: Any) -> None:
    text = (
        "An F-16 fighter jet of the Turkish Air Force lands at the 9th Main Jet Base in Korvan on Wednesday. The base "
        "is home to the 191st and 192nd squadrons. The ministry said the squadrons had flown from Velbor, where they "
        "were kept at the 12th Tanker Base while the work went on. Turkish engineers finished the repairs. Turkish "
        "pilots flew again on Friday."
    )
    assert operators(nlp, text)["12th Tanker Base"] == "Turkey"


def test_a_nation_named_no_more_than_another_makes_no_base_its_own(nlp: Any) -> None:
    text = (
        "An F-16 fighter jet lands at the 9th Main Jet Base in Korvan on Wednesday. The base is home to the 191st and "
        "192nd squadrons. The ministry said the squadrons had flown from Velbor, where they were kept at the 12th "
        "Tanker Base while the work went on. Turkish and Greek engineers finished the repairs. Greek pilots flew "
        "again on Friday."
    )
    assert operators(nlp, text)["12th Tanker Base"] is None


def test_the_nation_a_story_names_most_is_not_the_keeper_of_a_base_it_strikes(nlp: Any) -> None:
    strikes = ("Israeli jets struck the Velmor air base overnight", "The Velmor air base was struck by Israeli jets")
    for strike in strikes:
        text = (
            f"{strike}, the Israeli military said. Israeli officials said the strike hit weapons depots. An Israeli "
            "spokesman said more strikes would follow."
        )
        assert operators(nlp, text)["Velmor air base"] is None


def test_who_withdraws_part_of_their_forces_from_a_base_stays(nlp: Any) -> None:
    text = "Russian troops have withdrawn most of their helicopters from the Korvik air base, residents said."
    assert operators(nlp, text)["Korvik air base"] == "Russia"


def test_who_withdraws_their_forces_from_a_base_has_left_it(nlp: Any) -> None:
    text = "Russian troops have withdrawn their helicopters from the Korvik air base, residents said."
    assert operators(nlp, text)["Korvik air base"] != "Russia"


def test_a_fleet_named_again_without_its_country_is_that_countrys(nlp: Any) -> None:
    text = (
        "Ships of the Russian Northern Fleet sailed from Korvan on Monday. The Northern Fleet keeps its submarines at "
        "the Lorsk naval base, officials said."
    )
    assert operators(nlp, text)["Lorsk naval base"] == "Russia"


def test_a_definite_apposition_that_says_no_keeper_leaves_the_clause_to_say_it(nlp: Any) -> None:
    text = (
        "The Russian Navy's surface ships are based in Korvan. Its submarines are kept at Lorsk, the naval base on "
        "the Tellik Peninsula across the bay from Dalmora."
    )
    assert operators(nlp, text)["Lorsk naval base"] == "Russia"
