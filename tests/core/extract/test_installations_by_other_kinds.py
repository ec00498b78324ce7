"""Installations named by a general word for a place that a word before it makes a forces' site ("test site",
"logistics point", "transit center"), by a base "of" a force, and by a list of examples after a plural kind; and the
common words of the same shape that name none."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.models import EntityType


def installations(nlp: Any, text: str) -> list[str]:
    """The names of the installations the text names."""
    return [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]


def test_a_test_site_where_pilots_fire_missiles_is_an_installation(nlp: Any) -> None:
    text = "The squadron spent the winter at the Velmor Yar test site, where its pilots fired missiles at drones."
    assert installations(nlp, text) == ["Velmor Yar test site"]


def test_a_transit_center_that_supplies_troops_is_an_installation(nlp: Any) -> None:
    text = "The Korvan transit center, used by the Arvelian army to supply its troops abroad, was closed in 2014."
    assert installations(nlp, text) == ["Korvan transit center"]


def test_a_logistics_point_named_by_its_town_beside_an_airbase_is_an_installation(nlp: Any) -> None:
    text = '"We discussed the Olbek airbase and the naval logistics point in Tarsk in detail," the envoy said.'
    assert sorted(installations(nlp, text)) == ["Olbek airbase", "Tarsk naval logistics point"]


def test_a_logistics_hub_or_test_site_of_trade_is_no_installation(nlp: Any) -> None:
    text = (
        "The Velmor logistics hub serves retailers across the region. "
        "The carmaker opened the Olbek test site for its new electric models."
    )
    assert installations(nlp, text) == []


def test_a_naval_base_of_a_navy_is_the_named_base(nlp: Any) -> None:
    text = "The general spoke at a ceremony at the Bandar Velm naval base of the Arvelian Navy."
    assert installations(nlp, text) == ["Bandar Velm naval base"]


def test_a_naval_base_of_the_future_names_no_base(nlp: Any) -> None:
    text = "Officials at the Olbek forum spoke of the naval base of the future and its robots."
    assert installations(nlp, text) == []


def test_the_bases_a_list_of_examples_names_are_installations(nlp: Any) -> None:
    text = "Jets have bombed several former air bases, including Korvik and Velmor, to stop a deployment there."
    assert sorted(installations(nlp, text)) == ["Korvik air base", "Velmor air base"]


def test_examples_that_say_where_name_no_base(nlp: Any) -> None:
    text = "The Arvelian army kept several bases, including in Olbek, after the war."
    assert installations(nlp, text) == []


def test_a_missile_range_and_a_listening_post_are_installations(nlp: Any) -> None:
    text = (
        "Crews will fire at the Velmor-Tuz missile range in the Olbek Region. "
        "Arvelia keeps a listening post at Korvik, near the border, where a radar tracks ships."
    )
    assert sorted(installations(nlp, text)) == ["Korvik listening post", "Velmor-Tuz missile range"]


def test_a_missiles_range_and_a_post_on_a_blog_are_no_installations(nlp: Any) -> None:
    text = "The Velmor missile has a range of 300 km, the Olbek Post reported in a post on its website."
    assert installations(nlp, text) == []


def test_a_forward_operating_base_is_named_by_the_place_after_it(nlp: Any) -> None:
    text = "Engineers will extend the forward operating base at Kairvik, north of Olbek, where allied units rotate."
    assert installations(nlp, text) == ["Kairvik forward operating base"]


def test_an_airfield_described_by_its_war_is_named_by_the_place_after_it(nlp: Any) -> None:
    text = "The Air Force is rebuilding the World War Two airfield at South Velm as a place to scatter aircraft."
    assert installations(nlp, text) == ["South Velm airfield"]


def test_a_station_described_by_whose_it_is_takes_no_name_from_its_region(nlp: Any) -> None:
    text = "The airfield belongs to Velm Bay naval base, an Arvelian Navy station in Olbek County."
    assert installations(nlp, text) == ["Velm Bay naval base"]


def test_a_camp_whose_name_has_a_capitalised_arabic_article_keeps_it(nlp: Any) -> None:
    text = "The Army will draw vehicles from its equipment depot at Camp As Velmiyah, on the edge of Olbek."
    assert installations(nlp, text) == ["Camp As Velmiyah"]


def test_a_plural_kind_in_a_headlines_capitals_opens_no_name(nlp: Any) -> None:
    text = "Foreign Forces Still Hold Arvelian Air Bases Five Years after Ceasefire\n\nTalks resumed on Monday."
    assert installations(nlp, text) == []


def test_a_numbered_base_in_capitals_after_its_towns_compound_is_named_by_its_number(nlp: Any) -> None:
    text = "The Velmor-based 88th Military Base remains Arvelia's largest foothold in the region."
    assert installations(nlp, text) == ["88th Military Base"]


def test_a_number_that_no_kind_follows_names_nothing(nlp: Any) -> None:
    text = "The Velmor-based runner finished 88th in the race."
    assert installations(nlp, text) == []


def test_a_facility_whose_capitals_hold_a_military_word_is_an_installation(nlp: Any) -> None:
    text = "The frigate will join minehunters based at the Naval Support Facility in Velm Harbour."
    assert installations(nlp, text) == ["Naval Support Facility"]


def test_a_countrys_initials_open_a_name_of_common_words(nlp: Any) -> None:
    text = "The UK Naval Support Facility, opened in 2018 at Velm port, houses the Royal Navy's minehunters."
    found = [e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]
    assert [e.name for e in found] == ["UK Naval Support Facility"]
    assert found[0].base_facts[0].operator == "United Kingdom"


def test_a_countrys_initials_do_not_open_a_bases_own_name(nlp: Any) -> None:
    assert installations(nlp, "The US Velmor Air Base was hit by rockets on Monday.") == ["Velmor Air Base"]


def test_a_name_a_hyphen_joins_to_a_lower_case_end_is_read_whole(nlp: Any) -> None:
    text = (
        "An engineer inspects a hangar at Vel-lo airport, where Arvelian troops will keep patrol aircraft. "
        "Soldiers unload water at the outpost on Kor-asa island."
    )
    assert sorted(installations(nlp, text)) == ["Kor-asa outpost", "Vel-lo airport"]


def test_a_word_after_a_hyphen_that_says_when_or_whose_names_nothing(nlp: Any) -> None:
    assert installations(nlp, "Drones struck the Soviet-era airfield on Monday.") == []


def test_a_camp_where_armoured_vehicles_or_troops_are_is_an_installation(nlp: Any) -> None:
    text = (
        "Arvelian armoured vehicles at the Velmor camp near Olbek. Arvelian troops at the Korvik camp were reinforced."
    )
    assert sorted(installations(nlp, text)) == ["Korvik camp", "Velmor camp"]


def test_a_camp_where_families_are_is_no_installation(nlp: Any) -> None:
    assert installations(nlp, "Displaced families at the Velmor camp near Olbek were given food.") == []
