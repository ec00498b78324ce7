"""Military units named by a number: the number the model leaves out is part of the name, a numbered unit it files as
a building or leaves untagged is a body, and "the 4th Brigade" is the article's "4th Mechanised Infantry Brigade".
Names invented for these tests."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.models import EntityType


def kinds(nlp: Any, text: str) -> dict[str, EntityType]:
    return {e.name: e.type for e in extract(nlp(text))}


def test_the_ordinal_before_a_unit_name_is_part_of_it(nlp: Any) -> None:
    found = kinds(nlp, "The 5th Armoured Brigade moved its tanks to Velmora on Monday, officials said.")
    assert found.get("5th Armoured Brigade") is EntityType.ORGANISATION
    assert "Armoured Brigade" not in found


def test_a_numbered_wing_read_as_a_building_is_a_body(nlp: Any) -> None:
    found = kinds(nlp, "Jets of the 35th Fighter Wing flew from the airfield at Korvash during the drill.")
    assert found.get("35th Fighter Wing") is EntityType.ORGANISATION


def test_a_numbered_unit_the_model_left_untagged_is_found(nlp: Any) -> None:
    found = kinds(nlp, "The base is home to the 18th Wing of the Tarvian Air Force, a spokesman said.")
    assert found.get("18th Wing") is EntityType.ORGANISATION


def test_a_squadron_numbered_after_no_keeps_its_number(nlp: Any) -> None:
    found = kinds(nlp, "No. 41 Squadron will deploy six jets to the Korvash range next month.")
    assert found.get("No. 41 Squadron") is EntityType.ORGANISATION


def test_a_short_numbered_unit_is_the_longer_one_of_the_article(nlp: Any) -> None:
    text = (
        "The 4th Mechanised Infantry Brigade left its barracks in Velmora on Friday. "
        "The 4th Brigade had trained there for ten years, its commander said."
    )
    brigades = [e for e in extract(nlp(text)) if "Brigade" in e.name]
    assert [e.name for e in brigades] == ["4th Mechanised Infantry Brigade"]
    assert "4th Brigade" in brigades[0].aliases


def test_a_numbered_city_district_stays_a_place(nlp: Any) -> None:
    # a district without a word of arms is a part of a city, not a military command's area
    found = kinds(nlp, "Voters in the 5th District of Velmora elected a new council on Sunday.")
    assert found.get("5th District") is not EntityType.ORGANISATION


def test_a_numbered_base_command_is_not_made_a_unit(nlp: Any) -> None:
    # "Command" also ends an air base's own designation: no unit's number is read into it
    found = kinds(nlp, "AWACS planes of the alliance are based at the 3rd Main Jet Base Command in Korvash.")
    assert found.get("3rd Main Jet Base Command") is not EntityType.ORGANISATION


def test_an_ordinal_before_lower_case_words_names_no_unit(nlp: Any) -> None:
    found = kinds(nlp, "He finished 3rd in the race in Velmora, ahead of the 2nd placed Tarvian Army runner.")
    assert not any(name.startswith(("3rd", "2nd")) for name in found)
