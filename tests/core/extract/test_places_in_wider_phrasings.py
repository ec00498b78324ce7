"""Where a base is in phrasings wire copy, agencies and regional outlets use beyond the common ones: the town before
"-based", a clause of building with no "which", a district after a name, the town that owns an area with no name
of its own ("in Olbek's airport district"), never a place it is compared with ("larger
than the city of …"), a size ("a city of about 150,000 people"), nor the village its name comes from; and a town a
base is "based at" is no second base. Every sentence is invented for the test."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.models import EntityType


def locations(nlp: Any, text: str) -> dict[str, str | None]:
    """Each installation the text names, with its location."""
    found = [e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]
    return {e.name: e.base_facts[0].location for e in found}


def test_a_place_the_base_is_compared_with_is_not_where_it_is(nlp: Any) -> None:
    text = "Varnia's Korvik Air Base, southwest of Olbek and larger than the city of Tarsk, hosts 5,000 troops."
    assert list(locations(nlp, text).values()) == ["Olbek"]


def test_a_size_is_no_place(nlp: Any) -> None:
    text = (
        "The drones are based at Velmor, in the region of Kashan, and fly over the sea. Velmor, a city of about "
        "150,000 people, also hosts an army corps."
    )
    assert not any(place and any(ch.isdigit() for ch in place) for place in locations(nlp, text).values())


def test_a_district_after_a_name_with_the_is_land_not_water(nlp: Any) -> None:
    text = "The army also holds Korvat air base, which lies in the Al Tarvosa district east of Olbek, officials said."
    assert locations(nlp, text)["Korvat air base"] == "Al Tarvosa"


def test_the_village_a_name_comes_from_does_not_place_the_base(nlp: Any) -> None:
    text = (
        "Pilots walk past a jet at the Velmor air base near Tarsk on Monday. The airbase takes its name from the "
        "village of Velmor, itself named after a general of the last century."
    )
    assert locations(nlp, text)["Velmor air base"] == "Tarsk"


def test_the_town_before_based_places_the_base(nlp: Any) -> None:
    text = "In Varnia, the Tarsk-based Naval Support Activity Velmor, in the capital's Korvi district, hosts the fleet."
    assert list(locations(nlp, text).values()) == ["Tarsk"]


def test_a_clause_of_building_without_which_goes_on_placing_the_base(nlp: Any) -> None:
    text = "The army now controls Air Base 305, the drone base the Varnian government built on the outskirts of Olbek."
    assert list(locations(nlp, text).values()) == ["Olbek"]


def test_the_town_a_base_is_based_at_is_no_second_base(nlp: Any) -> None:
    text = "In the breakaway region, the 9th Military Base is based at Olbek near Tarsk, officials said."
    assert "Olbek" not in locations(nlp, text)


def test_an_area_a_town_owns_with_no_name_of_its_own_is_in_that_town(nlp: Any) -> None:
    text = "The Korvik air base, in Olbek's old airport district, was handed back by the army in July."
    assert locations(nlp, text)["Korvik air base"] == "Olbek"


def test_an_area_a_town_owns_that_is_named_after_of_is_still_the_area(nlp: Any) -> None:
    text = "The Korvik naval base, in Olbek's western district of Velmo, was handed back by the army in July."
    assert locations(nlp, text)["Korvik naval base"] == "Velmo"
