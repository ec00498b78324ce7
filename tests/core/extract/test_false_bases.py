"""Words that look like an installation's name but are none: an airport that only places another site, a town whose
name opens with "Port", an apposition that says more of a base just named, a town that forces are based at; and the
town a base is named "in", which is a place as well."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.models import EntityType


def kinds(nlp: Any, text: str) -> dict[str, EntityType]:
    return {e.name: e.type for e in extract(nlp(text))}


def test_an_airport_that_places_another_site_is_no_military_site(nlp: Any) -> None:
    text = "The air base, which the Sudanese army uses for drones, is located next to Zarqan International Airport."
    assert kinds(nlp, text).get("Zarqan International Airport") is not EntityType.INSTALLATION


def test_an_airport_where_troops_are_stationed_is_one(nlp: Any) -> None:
    text = "Sudanese army troops are stationed at Zarqan International Airport, she said."
    assert kinds(nlp, text)["Zarqan International Airport"] is EntityType.INSTALLATION


def test_a_town_whose_name_opens_with_port_is_a_town(nlp: Any) -> None:
    text = "Soldiers guard the docks of Port Velmor, where the navy keeps two frigates at the naval base."
    assert kinds(nlp, text).get("Port Velmor") is not EntityType.INSTALLATION


def test_a_name_that_opens_with_camp_is_still_a_base(nlp: Any) -> None:
    text = "About 4,000 Sudanese troops are stationed at Camp Velmor, the army said."
    assert kinds(nlp, text)["Camp Velmor"] is EntityType.INSTALLATION


def test_an_apposition_after_a_base_says_where_it_is(nlp: Any) -> None:
    found = kinds(nlp, "Drones struck the Velmor naval base, the fleet's main base in Olbek, in 2023.")
    assert [name for name, kind in found.items() if kind is EntityType.INSTALLATION] == ["Velmor naval base"]


def test_a_second_base_named_by_its_town_is_another_base(nlp: Any) -> None:
    found = kinds(nlp, "Drones struck the Velmor naval base and the naval base in Olbek in 2023.")
    assert found.get("Olbek naval base") is EntityType.INSTALLATION


def test_a_town_forces_are_based_at_is_a_town_when_the_article_says_so(nlp: Any) -> None:
    text = (
        "Part of the fleet has since been based at Kardova, on the coast. "
        "Local officials in Kardova said the breakwater would be extended."
    )
    assert kinds(nlp, text) == {"Kardova": EntityType.PLACE}


def test_a_name_forces_are_based_at_is_a_base_otherwise(nlp: Any) -> None:
    text = "Part of the fleet has since been based at Kardova, on the coast. Local officials said it would grow."
    assert kinds(nlp, text)["Kardova"] is EntityType.INSTALLATION


def test_a_base_named_by_the_town_it_is_in_names_the_town_too(nlp: Any) -> None:
    found = {(e.name, e.type): e for e in extract(nlp("Egyptian forces remain at the naval base in Ismailia."))}
    assert ("Ismailia naval base", EntityType.INSTALLATION) in found
    town = found[("Ismailia", EntityType.PLACE)]
    assert town.votes[EntityType.PLACE] >= 2.0  # clearly a place: kept apart from the base in the store


def test_a_base_at_a_name_may_be_called_by_it_so_the_town_is_a_weak_reading(nlp: Any) -> None:
    found = {(e.name, e.type): e for e in extract(nlp("Egyptian forces remain at the naval base at Velmor."))}
    assert ("Velmor naval base", EntityType.INSTALLATION) in found
    town = found.get(("Velmor", EntityType.PLACE))
    assert town is None or town.votes[EntityType.PLACE] < 2.0


def test_a_base_whose_name_comes_first_names_no_town(nlp: Any) -> None:
    found = {(e.name, e.type) for e in extract(nlp("Egyptian forces remain at the Ismailia naval base."))}
    assert ("Ismailia", EntityType.PLACE) not in found


def test_the_next_base_of_a_list_is_another_base(nlp: Any) -> None:
    found = kinds(nlp, "Russia keeps the Velmor air base, the naval base in Ismailia and a radar station near Kardova.")
    assert found.get("Ismailia naval base") is EntityType.INSTALLATION


def test_a_lone_name_before_a_plural_kind_names_no_base(nlp: Any) -> None:
    """ "Velmora's Kestral bases": the bases of a region, none named so; a list before the plural names each."""
    text = "Troops left Velmora's Kestral bases on Monday, and the Orvan and Tesk bases were handed to the army."
    bases = sorted(e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION)
    assert bases == ["Orvan base", "Tesk base"]


def test_a_sea_after_only_says_which_base_it_is_not_what_it_is_called(nlp: Any) -> None:
    text = (
        "Kessa, home to Velmora's only Mediterranean naval facility, lies on the coast. "
        "Velmora's only Orvan air base was closed."
    )
    bases = [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]
    assert bases == ["Orvan air base"]


def test_a_joint_sites_countries_are_whose_it_is_not_its_name(nlp: Any) -> None:
    text = "Officials let the joint U.S.-British military base on Velmor Island operate for 99 more years."
    assert [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION] == []


def test_the_place_a_superlative_compares_a_base_in_names_no_base(nlp: Any) -> None:
    """ "Velmora's largest base in Africa, the Velmoran Forces in Qarth": where the base is compared with the others,
    not a base called "Africa base"."""
    text = "Velmora's largest base in Africa, the Velmoran Forces in Qarth, is home to about 1,500 troops."
    assert [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION] == []


def test_an_apposition_after_a_named_camps_town_describes_the_camp_not_the_town(nlp: Any) -> None:
    text = (
        "Two drones targeted Camp Velm III in central Olbek, a base housing US-led coalition advisers, officials said."
    )
    found = [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]
    assert found == ["Camp Velm III"]
