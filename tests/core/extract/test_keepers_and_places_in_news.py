"""Who keeps a base and where it is, in phrasings wire copy, state agencies and regional outlets use that the rules
before did not read: a force's name as the kind of site in an apposition, a state army's unit as the keeper, "the
headquarters of" a force set beside a camp, a part kept "in the town of", a pronoun that "lies" somewhere, a town
a base is named after. Every sentence is invented for the test."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.extract.placecues import dateline
from bot.core.models import EntityType


def bases(nlp: Any, text: str) -> dict[str, tuple[str | None, str | None]]:
    """Each installation the text names, with its operator and location."""
    found = [e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]
    return {e.name: (e.base_facts[0].operator, e.base_facts[0].location) for e in found}


def test_a_forces_name_before_the_kind_in_an_apposition_says_whose_the_named_base_is(nlp: Any) -> None:
    text = "Missiles struck inside Velmor, the Egyptian Air Force base east of Tanta, the army said."
    assert bases(nlp, text) == {"Velmor base": ("Egypt", "Tanta")}


def test_a_forces_name_that_ends_with_its_country_gives_that_country(nlp: Any) -> None:
    text = "The deal covers Velmor, a Royal Air Force of Oman base in the southern Kashan governorate."
    assert bases(nlp, text)["Velmor base"][0] == "Oman"


def test_the_royal_air_force_alone_is_still_britains(nlp: Any) -> None:
    text = "British jets of the Royal Air Force flew from the Korvik air base on Sunday."
    assert bases(nlp, text)["Korvik air base"][0] == "United Kingdom"


def test_a_forces_name_before_a_kind_in_lower_case_names_no_base(nlp: Any) -> None:
    text = "Korvik Air Base, some 37 km west of the capital, is a Kuwait Air Force base where US troops are stationed."
    assert list(bases(nlp, text)) == ["Korvik Air Base"]


def test_a_base_whose_name_holds_a_force_keeps_its_name(nlp: Any) -> None:
    text = "The bombers flew from Andersen Air Force Base on Guam, where US aircraft are kept."
    assert "Andersen Air Force Base" in bases(nlp, text)


def test_a_place_a_sentence_opens_with_is_not_the_name_of_the_base_after_it(nlp: Any) -> None:
    text = "In Olbek, the Turkish air base at Korvik was hit by rockets."
    assert list(bases(nlp, text)) == ["Korvik air base"]


def test_a_unit_of_a_states_army_keeps_a_base_for_that_state(nlp: Any) -> None:
    text = (
        "The last instructors left Camp Velmor on Tuesday. The camp is now garrisoned by the Egyptian army's 4th "
        "Armored Division, whose crews use the old ranges."
    )
    assert bases(nlp, text)["Camp Velmor"][0] == "Egypt"


def test_a_unit_of_a_named_group_is_still_the_units_own(nlp: Any) -> None:
    assert bases(nlp, "Camp Velmor is held by Hezbollah's Radwan Force.")["Camp Velmor"][0] == "Radwan Force"


def test_a_camp_set_beside_the_headquarters_of_a_force_is_that_forces(nlp: Any) -> None:
    text = "Troops guard Camp Velmor, the headquarters of the Egyptian army's 2nd Field Army, day and night."
    assert bases(nlp, text)["Camp Velmor"][0] == "Egypt"


def test_a_camp_named_after_near_is_no_town(nlp: Any) -> None:
    text = "The council condemned the attack near Camp Velmor, during which shells landed near the camp."
    assert bases(nlp, text)["Camp Velmor"][1] is None


def test_a_part_of_a_base_stationed_in_a_town_places_the_base_there(nlp: Any) -> None:
    text = "The 9th military base, whose headquarters is stationed in the town of Olbek on the coast, was inspected."
    assert bases(nlp, text)["9th military base"][1] == "Olbek"


def test_a_whose_clause_of_something_else_places_nothing(nlp: Any) -> None:
    text = "The 9th military base, whose commander visited Olbek last week, was shelled."
    assert bases(nlp, text)["9th military base"][1] is None


def test_a_pronoun_that_lies_somewhere_places_the_base_named_before(nlp: Any) -> None:
    text = "The minister inspected the Velmor airbase. It lies on the edge of the Kashan plateau, near the road."
    assert bases(nlp, text)["Velmor airbase"][1] == "Kashan"


def test_a_name_after_a_preposition_of_purpose_is_not_where_a_base_is(nlp: Any) -> None:
    text = "Fighter jets from Germany landed at the Velmor air base on Sunday for the Blue Flag exercise."
    assert bases(nlp, text)["Velmor air base"][1] != "Blue Flag"


def test_the_airstrip_speaks_again_of_an_airstrip_named_before(nlp: Any) -> None:
    text = (
        "The coalition handed the Velmor airstrip to the local council on Friday. The airstrip, which lies south "
        "of Olbek, was built in 2016."
    )
    assert bases(nlp, text)["Velmor airstrip"][1] == "Olbek"


def test_a_base_named_after_a_village_the_article_places_is_at_that_village(nlp: Any) -> None:
    text = (
        "Residents of Olbek, a village in the hills of Kashan province, say Turkish soldiers have enlarged the Olbek "
        "outpost on the ridge above their homes."
    )
    assert bases(nlp, text)["Olbek outpost"][1] == "Olbek"


def test_a_town_written_as_one_is_nearer_than_a_region_said_more_often(nlp: Any) -> None:
    text = (
        "Soldiers of the 9th military base in Kashan held drills. The 9th military base in Kashan has 3,000 "
        "troops. The 9th military base, whose headquarters is stationed in the town of Olbek, was set up in 2010."
    )
    assert bases(nlp, text)["9th military base"][1] == "Olbek"


def test_a_town_flown_from_where_a_named_base_keeps_the_aircraft_is_no_base(nlp: Any) -> None:
    text = "The squadrons had flown from Olbek, where they were kept at the 10th Tanker Base while the work went on."
    assert list(bases(nlp, text)) == ["10th Tanker Base"]


def test_a_name_flown_from_with_a_where_clause_of_no_named_site_is_still_a_base(nlp: Any) -> None:
    text = "Russian jets flying from Velmor, where the runway was extended, struck the town."
    assert list(bases(nlp, text)) == ["Velmor"]


def test_a_base_nobody_keeps_placed_by_the_capital_is_the_capitals_countrys(nlp: Any) -> None:
    text = "Cairo, 21 November – The minister toured the Velmor military base south of the capital on Saturday."
    assert bases(nlp, text)["Velmor military base"] == ("Egypt", "Cairo")


def test_a_name_before_a_noun_of_land_is_where_a_base_is(nlp: Any) -> None:
    text = "The Velmor air base, in the Kashan desert some 60 kilometers north of Tanta, doubles as an airport."
    assert bases(nlp, text)["Velmor air base"][1] == "Kashan"


def test_of_two_places_said_as_often_the_one_a_distance_is_measured_from_wins(nlp: Any) -> None:
    text = (
        "Egypt will send drones to the Velmor airfield in the Republic of Kashan next year. The airfield, in the "
        "Olbek district, has been used since 2019. Velmor, a former airport some 20 kilometers northwest of Olbek, "
        "is run by Egyptian forces."
    )
    assert bases(nlp, text)["Velmor airfield"][1] == "Olbek"


def test_a_base_that_hosts_a_named_unit_of_a_states_force_is_kept_by_that_state(nlp: Any) -> None:
    text = "Korvik Air Base, west of the capital, hosts the US Air Force's 386th Air Expeditionary Wing."
    assert bases(nlp, text)["Korvik Air Base"][0] == "United States"


def test_an_owner_in_an_apposition_after_the_place_beats_a_guest_wing(nlp: Any) -> None:
    text = (
        "In Egypt, the British 9th Wing operates from Velmor Air Base south of Tanta, an Egyptian base that also "
        "hosts French jets."
    )
    assert bases(nlp, text)["Velmor Air Base"] == ("Egypt", "Tanta")


def test_a_state_agencys_dateline_in_ordinary_capitals_is_where_the_story_is_filed(nlp: Any) -> None:
    assert dateline(nlp("Minister tours the south\n\nCairo, MENA – The minister toured units.")) == ("Cairo", None)
    assert dateline(nlp("Minister tours the south\n\nTanta, MENA- The minister toured units.")) == ("Tanta", None)
    assert dateline(nlp("Egypt, France discuss drills\n\nThe ministers met on Sunday.")) is None


def test_a_base_nobody_keeps_in_a_story_filed_from_a_capital_is_that_countrys(nlp: Any) -> None:
    text = (
        "Minister inspects air units\n\nCairo, MENA – The minister inspected the Velmor airbase, 40 kilometres "
        "north of Tanta, on Saturday. The airbase has been under the authority of the ministry since 2024."
    )
    assert bases(nlp, text)["Velmor airbase"][0] == "Egypt"


def test_control_of_a_base_that_passed_to_a_force_gives_it_to_that_force(nlp: Any) -> None:
    assert bases(nlp, "Control of the Velmor air base passed to the Egyptian army last year.")["Velmor air base"][
        0
    ] == ("Egypt")
    assert bases(nlp, "The Velmor air base reverted to the Jordanian army in 2020.")["Velmor air base"][0] == "Jordan"


def test_the_force_named_in_full_before_owns_what_the_force_is_said_to_own(nlp: Any) -> None:
    text = (
        "The council backed the United Nations Observer Force (UNOF) in the Kashan hills. The Force's Camp Velmor, "
        "on the Bravo side, was reopened in 2023."
    )
    assert bases(nlp, text)["Camp Velmor"][0] == "UNOF"


def test_a_written_owner_is_not_history_for_a_past_year_in_its_sentence(nlp: Any) -> None:
    text = "Egypt's Velmor air base was repaved in 2019 after floods."
    assert bases(nlp, text)["Velmor air base"][0] == "Egypt"


def test_a_coalition_a_country_leads_keeps_for_that_country(nlp: Any) -> None:
    text = "The Saudi-led coalition uses the Velmor air base on the outskirts of Olbek."
    assert bases(nlp, text)["Velmor air base"] == ("Saudi Arabia", "Olbek")


def test_a_garrison_at_a_named_base_is_no_base_of_its_own(nlp: Any) -> None:
    text = "The US military has kept a small garrison at the Velmor air base in Olbek since 2014."
    assert list(bases(nlp, text)) == ["Velmor air base"]


def test_a_distance_from_a_town_measures_from_it(nlp: Any) -> None:
    assert bases(nlp, "The Velmor air base, some 30 km from Olbek, was hit.")["Velmor air base"][1] == "Olbek"
    text = "Velmor air base, 30 kilometers (20 miles) up the highway from Olbek, was hit."
    assert bases(nlp, text)["Velmor air base"][1] == "Olbek"


def test_a_country_that_shares_a_base_keeps_it(nlp: Any) -> None:
    text = "The Velmor air base, which Egypt shares with Saudi Arabia, was hit."
    assert bases(nlp, text)["Velmor air base"][0] == "Egypt"


def test_places_in_other_words_of_lying(nlp: Any) -> None:
    assert bases(nlp, "The Velmor air base is situated in the hills above Olbek.")["Velmor air base"][1] == "Olbek"
    assert bases(nlp, "The Velmor air base (in Olbek) was hit overnight.")["Velmor air base"][1] == "Olbek"
    assert bases(nlp, "The Velmor air base, in the Olbek area, was hit overnight.")["Velmor air base"][1] == "Olbek"
    text = "The Velmor air base, which overlooks the town of Olbek, was hit."
    assert bases(nlp, text)["Velmor air base"][1] == "Olbek"


def test_a_name_a_copula_says_is_a_kind_of_site_is_that_site(nlp: Any) -> None:
    assert bases(nlp, "Velmor is an Egyptian air base near Tanta.") == {"Velmor air base": ("Egypt", "Tanta")}
    text = "Velmor, in the Kashan desert north of Tanta, is an Egyptian air base."
    assert bases(nlp, text) == {"Velmor air base": ("Egypt", "Kashan")}


def test_a_country_a_copula_calls_a_base_for_something_is_no_site(nlp: Any) -> None:
    assert bases(nlp, "Egypt is a base for smugglers, officials said.") == {}


def test_a_past_copula_names_no_keeper_of_today(nlp: Any) -> None:
    text = "Velmor was a British air base until 1956. Egyptian jets now fly from the Velmor air base."
    assert bases(nlp, text)["Velmor air base"][0] == "Egypt"


def test_a_towns_possessive_places_a_base_and_keeps_nothing(nlp: Any) -> None:
    assert bases(nlp, "Aswan's Velmor air base was hit.") == {"Velmor air base": (None, "Aswan")}
    assert bases(nlp, "Syria's Velmor air base was hit.")["Velmor air base"][0] == "Syria"


def test_a_bare_army_as_owner_names_no_party(nlp: Any) -> None:
    text = "The Army's 2nd Tactical Air Base in Olbek received new jets on Monday."
    assert bases(nlp, text)["2nd Tactical Air Base"][0] != "Army"


def test_a_base_turned_over_to_a_force_is_handed_to_it(nlp: Any) -> None:
    text = "The Velmor air base was turned over to the Egyptian army on Monday."
    assert bases(nlp, text)["Velmor air base"][0] == "Egypt"
    assert bases(nlp, "Egypt will turn the Velmor air base into a museum.")["Velmor air base"][0] == "Egypt"


def test_a_district_a_province_owns_is_nearer_than_the_province(nlp: Any) -> None:
    assert bases(nlp, "The Velmor air base in Kashan's Olbek district was hit.")["Velmor air base"][1] == "Olbek"
    text = "The Velmor air base in Egypt's Kashan province was hit."
    assert bases(nlp, text)["Velmor air base"] == ("Egypt", "Kashan province")
