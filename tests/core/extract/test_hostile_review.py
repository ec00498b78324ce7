"""Readings a hostile review of the rules for leaders and agencies found wrong on invented sentences: "led by" or
"chaired by" after a gathering or a party "of"/"from" a body describes that gathering, not the body; a day or a month
before "news agency" dates the report and is no part of the agency's name. Every sentence is invented."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.extract import extract
from bot.core.models import EntityType


def _roles(nlp: Any, text: str) -> dict[str, list[str]]:
    return {e.name: [r.title for r in e.roles] for e in extract(nlp(text)) if e.type is EntityType.PERSON}


@pytest.mark.parametrize(
    ("sentence", "person"),
    [
        ("Officials from the Foreign Ministry led by Deputy Minister Arno Velesk met the envoys.", "Arno Velesk"),
        ("A meeting of the Security Council, chaired by Ambassador Lena Toral, ended without a vote.", "Lena Toral"),
    ],
)
def test_a_gathering_of_a_body_led_by_someone_makes_him_no_leader_of_the_body(
    nlp: Any, sentence: str, person: str
) -> None:
    roles = _roles(nlp, sentence)[person]
    assert not any(r.startswith(("leader of", "chair of")) for r in roles)


def test_a_body_led_by_someone_still_makes_him_its_leader(nlp: Any) -> None:
    roles = _roles(nlp, "Fighters of the Northern Brigade, commanded by Colonel Imad Farouk, held the bridge.")
    assert "commander of the Northern Brigade" in roles["Imad Farouk"]


@pytest.mark.parametrize("when", ["On Monday", "In March"])
def test_a_day_before_news_agency_is_no_part_of_its_name(nlp: Any, when: str) -> None:
    found = {e.name for e in extract(nlp(f"{when} Tasnim news agency reported that Dariusz Kemal had resigned."))}
    assert "Tasnim" in found
    assert not any(name.startswith(("Monday", "March")) for name in found)


@pytest.mark.parametrize(
    "text",
    [
        "The operation, whose code name is Northern Shield, began at dawn, the army said.",
        "The ship, whose name was Santa Velora, sank off the coast.",
        "The militia's full name is Sons of the Valley, the ministry said.",
    ],
)
def test_the_name_of_a_thing_a_copula_gives_is_no_persons(nlp: Any, text: str) -> None:
    assert not any(e.type is EntityType.PERSON for e in extract(nlp(text)))


def test_the_name_of_a_person_a_copula_gives_is_still_a_persons(nlp: Any) -> None:
    found = {e.name: e.type for e in extract(nlp("The suspect's real name was Arlo Venk Dastan, police said."))}
    assert found["Arlo Venk Dastan"] is EntityType.PERSON


def test_an_agencys_credit_after_a_dateline_at_a_bodys_seat_is_no_alias_of_the_body(nlp: Any) -> None:
    text = "UNITED NATIONS (AP) — The UN mission said its peacekeepers at Camp Orvel were unharmed on Tuesday."
    aliases = {e.name: e.aliases for e in extract(nlp(text))}
    assert "AP" in aliases
    assert not any("AP" in names for name, names in aliases.items() if name != "AP")


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Qatar news agency reported that the emir met the envoy on Sunday.", "Qatar"),
        ("The official Kuwait news agency KUNA said the ship had docked.", "Kuwait"),
    ],
)
def test_a_country_before_news_agency_stays_a_place(nlp: Any, text: str, country: str) -> None:
    found = {e.name: e for e in extract(nlp(text))}
    assert found[country].type is EntityType.PLACE
    assert not found[country].roles


@pytest.mark.parametrize("section", ["Middle East", "Defence | Security"])
def test_a_section_opening_a_mastheads_line_of_fields_is_no_outlet(nlp: Any, section: str) -> None:
    text = (
        f"Strikes hit Velmor air base\n\n{section} | Dara Vesk | 3 March 2026\n\n"
        "Drones struck the Velmor air base overnight, officials said."
    )
    found = {e.name: e.type for e in extract(nlp(text))}
    assert not any(name in section and kind is EntityType.ORGANISATION for name, kind in found.items())


def test_an_outlet_opening_a_mastheads_line_of_fields_is_still_one(nlp: Any) -> None:
    text = (
        "Strikes hit Velmor air base\n\nVelmor Observer | Dara Vesk | 3 March 2026\n\n"
        "Drones struck the Velmor air base overnight, officials said."
    )
    assert {e.name: e.type for e in extract(nlp(text))}["Velmor Observer"] is EntityType.ORGANISATION


def test_a_title_in_the_singular_before_two_names_is_the_first_ones_alone(nlp: Any) -> None:
    roles = _roles(nlp, "Defence Minister Tomas Relk and Dara Quill, the army chief, met on Monday.")
    assert roles["Tomas Relk"] == ["Defence Minister"]
    assert "Defence Minister" not in roles["Dara Quill"]


def test_a_title_in_the_plural_before_two_names_is_both_ones(nlp: Any) -> None:
    roles = _roles(nlp, "Foreign Ministers Arlo Vence and Tomas Relk met in Geneva on Monday.")
    assert roles["Arlo Vence"] == roles["Tomas Relk"] == ["Foreign Minister"]


def test_a_body_that_was_led_by_someone_makes_him_no_leader_now(nlp: Any) -> None:
    text = "The Velmor Brigade, which was led by Colonel Arlo Vence until his death in 2019, now answers to the army."
    assert not any(r.startswith("leader of") for r in _roles(nlp, text)["Arlo Vence"])


def test_a_body_that_was_founded_by_someone_makes_him_its_founder(nlp: Any) -> None:
    roles = _roles(nlp, "The Velmor Party, which was founded by Tomas Relk in 1998, won the vote.")
    assert "founder of the Velmor Party" in roles["Tomas Relk"]


def test_a_body_led_by_someone_past_its_initials_makes_him_its_commander(nlp: Any) -> None:
    text = "The Northern Protection Force (NPF), which is commanded by Colonel Arlo Vence, held the bridge."
    assert "commander of the Northern Protection Force" in _roles(nlp, text)["Arlo Vence"]


def test_a_rank_before_a_street_named_after_someone_makes_it_no_person(nlp: Any) -> None:
    found = {e.name: e for e in extract(nlp("Colonel Yusuf Street was closed after the blast, police said."))}
    assert found["Yusuf Street"].type is not EntityType.PERSON
    assert not found["Yusuf Street"].roles


def test_who_then_used_a_base_after_a_comma_keeps_it_now(nlp: Any) -> None:
    base = next(
        e for e in extract(nlp("The Velmor air base was used by the Soviet Union, then by Russia.")) if e.base_facts
    )
    assert {f.operator for f in base.base_facts} == {"Russia"}
