"""Where a base is when the text places it in a part of a larger place: "in the capital's Tarvik district" is in that
district, not in the capital the country has, and "in the Korvan district of Tarsk province" is nearer than the
province a headline names. Every sentence is invented for the test."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.models import EntityType


def locations(nlp: Any, text: str) -> dict[str, str | None]:
    """Each installation the text names, with its location."""
    found = [e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]
    return {e.name: e.base_facts[0].location for e in found}


def test_a_district_the_capital_owns_is_where_the_base_is(nlp: Any) -> None:
    text = "In Kuwait, officials met on Monday at Camp Velmor, the American base in the capital's Tarvik district."
    assert list(locations(nlp, text).values()) == ["Tarvik"]


def test_the_capital_alone_is_still_the_capital(nlp: Any) -> None:
    text = "In Kuwait, officials met on Monday at Camp Velmor, the American base in the south of the capital."
    assert list(locations(nlp, text).values()) == ["Kuwait City"]


_HEADLINE = "Drone attack targets Velmor air base in Tarsk province\n\n"


def test_a_district_written_as_part_of_a_province_places_the_base_nearer_than_the_province(nlp: Any) -> None:
    text = _HEADLINE + (
        "A drone was shot down on Friday as it approached the Velmor air base, northeast of Tarsk. The base, in the "
        "Korvan district of Tarsk province, is used by US forces."
    )
    assert locations(nlp, text)["Velmor air base"] == "Korvan"


def test_a_region_said_as_often_as_the_province_does_not_outrank_it(nlp: Any) -> None:
    text = _HEADLINE + (
        "A drone was shot down on Friday as it approached the Velmor air base, northeast of Tarsk. The base, in the "
        "Korvan region, is used by US forces."
    )
    assert locations(nlp, text)["Velmor air base"] == "Tarsk province"
