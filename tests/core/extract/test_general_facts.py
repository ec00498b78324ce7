"""Operators and locations read from the grammar of news in general rather than from the phrasings of the tuning
articles: possessives of whole names and of a state's forces, parties joined to a participle of control, kinds of
armed people, places "on" islands and coasts, points a distance is measured from, and datelines. Every sentence here
was written for these tests."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.models import EntityType


def base(nlp: Any, text: str, name: str) -> tuple[str | None, str | None]:
    """The operator and location the article gives the installation called `name`."""
    found = [e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION and e.name == name]
    assert len(found) == 1, [e.name for e in extract(nlp(text))]
    facts = found[0].base_facts
    return facts[0].operator, facts[0].location


def test_a_possessive_names_the_whole_country_or_the_state_whose_force_it_is(nlp: Any) -> None:
    assert base(nlp, "Saudi Arabia's Velmor air base was reopened to flights on Sunday.", "Velmor air base")[0] == (
        "Saudi Arabia"
    )
    text = "The Thai navy's Pelmar naval base in Chonburi province hosted visiting ships last week."
    assert base(nlp, text, "Pelmar naval base")[0] == "Thailand"


def test_a_possessive_of_no_party_names_no_operator(nlp: Any) -> None:
    text = "The governor's Velmor air base plan was discussed at length."
    assert all(e.base_facts[0].operator is None for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION)


def test_a_party_joined_to_a_participle_of_control_holds_the_base_and_is_not_its_name(nlp: Any) -> None:
    assert base(nlp, "The U.S.-run Velmor air base outside Olbek will get new hangars.", "Velmor air base") == (
        "United States",
        "Olbek",
    )
    assert base(nlp, "The Velmor air base outside Olbek will get new hangars.", "Velmor air base")[0] != (
        "United States"
    )


def test_a_name_the_model_labels_oddly_is_still_a_name(nlp: Any) -> None:
    text = "The Polish air force flies its jets from Lask air base in central Poland."
    assert base(nlp, text, "Lask air base")[0] == "Poland"


def test_warships_and_peacekeepers_are_armed_people_whose_base_it_is(nlp: Any) -> None:
    text = "Officials said American destroyers will keep using the Velmor naval base in southern Spain."
    assert base(nlp, text, "Velmor naval base")[0] == "United States"
    text = "Officials said American tourists will keep visiting the Velmor naval base in southern Spain."
    assert base(nlp, text, "Velmor naval base")[0] != "United States"


def test_a_demonym_of_two_words_is_read_whole(nlp: Any) -> None:
    text = "South Korean troops are stationed at the Velmor air base, officials said."
    assert base(nlp, text, "Velmor air base")[0] == "South Korea"


def test_a_base_on_an_island_or_a_coast_is_there_and_not_in_the_sea(nlp: Any) -> None:
    text = "Greek jets landed at the Velmor air base on the island of Crete on Tuesday."
    assert base(nlp, text, "Velmor air base")[1] == "Crete"
    text = "Greek jets landed at the Velmor air base on Syria's Mediterranean coast on Tuesday."
    assert base(nlp, text, "Velmor air base")[1] != "Mediterranean"


def test_a_base_placed_only_by_a_distance_is_at_the_point_measured_from(nlp: Any) -> None:
    text = "Indian engineers have rebuilt the runway of the Velmor air base, some 15 km west of Dushanbe."
    assert base(nlp, text, "Velmor air base")[1] == "Dushanbe"


def test_a_base_no_sentence_places_is_near_the_town_the_story_is_filed_from(nlp: Any) -> None:
    text = (
        "Jets over the harbour\n\nOLBEK, Egypt – Every evening the fishermen of Olbek watch transport planes climb "
        "out over the sea from the Zarqan air base a few kilometres to the north."
    )
    assert base(nlp, text, "Zarqan air base")[1] == "Olbek"


def test_a_story_filed_from_a_capital_does_not_place_a_base_there(nlp: Any) -> None:
    text = (
        "Jets over the harbour\n\nCAIRO, Egypt – Transport planes were seen climbing out over the sea from the "
        "Zarqan air base on Monday."
    )
    assert base(nlp, text, "Zarqan air base")[1] != "Cairo"


def test_two_clusters_starting_at_one_word_do_not_break_extraction(nlp: Any) -> None:
    text = "Ethiopian soldiers moved into the Baidoa base in Somalia after African Union troops vacated it."
    assert any(e.type is EntityType.INSTALLATION for e in extract(nlp(text)))


def test_the_capital_a_base_is_placed_by_is_the_capital_of_the_country_it_is_in(nlp: Any) -> None:
    text = "Rockets fell near the Velmor air base in Kenya. The base, some 10 km south of the capital, was closed."
    assert base(nlp, text, "Velmor air base")[1] == "Nairobi"


def test_the_capital_of_an_unknown_country_places_nothing(nlp: Any) -> None:
    text = "Rockets fell near the Velmor air base. The base, some 10 km south of the capital, was closed."
    assert base(nlp, text, "Velmor air base")[1] != "Nairobi"


def test_a_base_kept_by_the_country_it_stands_in_is_located_in_that_country(nlp: Any) -> None:
    text = "Egyptian troops guard the Velmor air base in Egypt, officials said."
    assert base(nlp, text, "Velmor air base") == ("Egypt", "Egypt")
    text = "Egyptian troops guard the Velmor air base in Libya, officials said."
    assert base(nlp, text, "Velmor air base") == ("Egypt", "Libya")


def test_a_base_is_kept_by_whose_forces_it_is_home_to(nlp: Any) -> None:
    assert base(nlp, "The Velmor air base is home to Israel's F-35 squadrons.", "Velmor air base")[0] == "Israel"
    assert base(nlp, "The Velmor air base is home to a famous bakery.", "Velmor air base")[0] is None


def test_who_recaptured_or_inaugurated_a_base_keeps_it(nlp: Any) -> None:
    text = "The Velmor airbase, which the Syrian army recaptured in 2016, lies east of Aleppo."
    assert base(nlp, text, "Velmor airbase") == ("Syria", "Aleppo")
    text = "Iran's navy inaugurated the Velmor naval base on the Gulf of Oman on Sunday."
    assert base(nlp, text, "Velmor naval base")[0] == "Iran"
    text = "Israeli jets struck the Velmor airbase east of Aleppo in 2016."
    assert base(nlp, text, "Velmor airbase")[0] != "Israel"


def test_a_named_valley_or_desert_is_land_a_base_stands_in_but_a_river_is_not(nlp: Any) -> None:
    text = "Israeli jets struck the Velmor air base in the Bekaa valley overnight."
    assert "Bekaa" in (base(nlp, text, "Velmor air base")[1] or "")
    text = "Israeli jets struck the Velmor air base on the banks of the Euphrates overnight."
    assert "Euphrates" not in (base(nlp, text, "Velmor air base")[1] or "")


def test_a_relative_clause_between_a_base_and_its_place_is_stepped_over(nlp: Any) -> None:
    text = "Rockets struck the Velmor base, which is used by Turkish troops, near the town of Olbek."
    assert base(nlp, text, "Velmor base") == ("Turkey", "Olbek")
    text = "Rockets struck the Velmor base, which is used by Turkish troops, and fighters in Olbek were hurt."
    assert base(nlp, text, "Velmor base")[1] != "Olbek"


def test_a_countrys_name_inside_its_forces_name_is_that_country(nlp: Any) -> None:
    assert base(nlp, "The Velmor air base belongs to the Qatar Emiri Air Force.", "Velmor air base")[0] == "Qatar"
    assert base(nlp, "The Velmor air base belongs to the Blue Lagoon Trust.", "Velmor air base")[0] != "Qatar"


def test_the_base_placed_in_apposition_is_the_base_again_and_a_foreign_one_is_not(nlp: Any) -> None:
    text = (
        "Missiles were fired toward the Velmor air base on Monday.\n\n"
        "The base, near the town of Olbek about 80 km south-east of Riyadh, is a Royal Saudi Air Force installation."
    )
    assert base(nlp, text, "Velmor air base") == ("Saudi Arabia", "Olbek")
    text = (
        "Missiles were fired toward the Velmor air base on Monday, officials said.\n\n"
        "The Turkish base in the capital has hosted Turkish troops since 2015."
    )
    assert base(nlp, text, "Velmor air base")[0] != "Turkey"


def test_once_operated_is_a_former_operator(nlp: Any) -> None:
    text = "Azerbaijan will turn the Velmor radar station, once operated by Russia, into a command centre."
    assert base(nlp, text, "Velmor radar station")[0] != "Russia"
    text = "Azerbaijan said the Velmor radar station, operated by Russia, would stay open."
    assert base(nlp, text, "Velmor radar station")[0] == "Russia"


def test_the_site_is_the_base_named_before_and_dismantling_it_is_leaving(nlp: Any) -> None:
    text = (
        "The United Arab Emirates dismantled its military base at Velmor in 2021. "
        "The site now belongs to the Eritrean army, which keeps a small garrison there."
    )
    assert base(nlp, text, "Velmor military base")[0] == "Eritrea"


def test_a_lower_case_particle_joins_the_words_of_a_base_name(nlp: Any) -> None:
    text = "About 3,000 Turkish troops are stationed at the Harun bin Yusuf base in the capital, officials said."
    names = [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]
    assert names == ["Harun bin Yusuf base"]
    text = "Turkish troops moved from the town of Olbek to the Yusuf base in the capital, officials said."
    assert [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION] == ["Yusuf base"]


def test_base_areas_are_no_base(nlp: Any) -> None:
    text = "British troops patrol the Sovereign Base Areas, officials said."
    assert [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION] == []


def test_both_airfields_are_the_two_named_just_before(nlp: Any) -> None:
    text = (
        "Cargo planes landed at the Velmor and Zarqan air bases in Libya this month. "
        "Russia has kept aircraft and several hundred personnel at both airfields since 2020."
    )
    assert base(nlp, text, "Velmor air base")[0] == "Russia"
    assert base(nlp, text, "Zarqan air base")[0] == "Russia"


def test_both_airfields_need_two_named_before(nlp: Any) -> None:
    text = (
        "Cargo planes landed at the Velmor air base in Libya this month. "
        "Nobody knows who owns it. Russia has kept aircraft at both airfields since 2020."
    )
    assert base(nlp, text, "Velmor air base")[0] != "Russia"


def test_the_bases_of_a_nationality_are_not_the_ones_just_named(nlp: Any) -> None:
    text = (
        "Cargo planes landed at the Velmor and Zarqan air bases in Libya this month. "
        "For the Kremlin, the Syrian bases matter as much as symbols as they do as military assets."
    )
    assert base(nlp, text, "Velmor air base")[0] != "Syria"


def test_a_state_force_known_by_its_initials_is_that_state(nlp: Any) -> None:
    text = "The Velmor air base is run by the RAF, officials said."
    assert base(nlp, text, "Velmor air base")[0] == "United Kingdom"


def test_a_base_measured_from_a_city_keeps_that_city_under_its_name_alone(nlp: Any) -> None:
    text = "US troops are stationed at Camp Velmor, about 60 km south of Kuwait City, their hub in the Gulf."
    assert base(nlp, text, "Camp Velmor")[1] == "Kuwait City"


def test_the_capital_is_the_capital_named_last_when_no_country_is_set(nlp: Any) -> None:
    text = (
        "US troops use the Velmor base about 60 km south of Kuwait City. The Zarqan air base, some 37 km west of "
        "the capital, is used by US forces."
    )
    assert base(nlp, text, "Zarqan air base")[1] == "Kuwait City"
    text = "The Zarqan air base, some 37 km west of the capital, is used by US forces."
    assert base(nlp, text, "Zarqan air base")[1] != "Kuwait City"


def test_a_country_set_after_a_comma_places_and_keeps_a_base_nobody_else_keeps(nlp: Any) -> None:
    text = "Fighter jets took part in drills at the Velmor air base in Hamedan province, western Iran, on Sunday."
    assert base(nlp, text, "Velmor air base") == ("Iran", "Hamedan province")
    text = "Fighter jets took part in drills at the Velmor air base in Hamedan province, officials said on Sunday."
    assert base(nlp, text, "Velmor air base")[0] is None


def test_a_numbered_base_after_a_possessive_is_named_and_a_numbered_unit_is_not(nlp: Any) -> None:
    text = "Russia's 102nd military base in Gyumri held drills on Tuesday."
    assert [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION] == ["102nd military base"]
    text = "The U.S. Air Force's 39th Air Base Wing flies from the airfield."
    assert [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION] == []


def test_a_base_only_a_long_past_keeper_is_named_for_is_its_countrys(nlp: Any) -> None:
    text = "In 1971 the Soviet navy began to use the Velmor naval base in Egypt, officials said."
    assert base(nlp, text, "Velmor naval base")[0] == "Egypt"
    text = "The Soviet navy uses the Velmor naval base in Egypt, officials said."
    assert base(nlp, text, "Velmor naval base")[0] == "Soviet Union"


def test_an_apposition_naming_the_owners_kind_of_site_keeps_it_however_it_is_parsed(nlp: Any) -> None:
    text = (
        "Turkey, Azerbaijan's closest ally, has trained Azerbaijani drone crews since the 2020 war with Armenia at "
        "the Velmor air base, an Azerbaijani Air Force installation in the west of the country."
    )
    assert base(nlp, text, "Velmor air base")[0] == "Azerbaijan"
    text = (
        "Turkey, Azerbaijan's closest ally, has trained Azerbaijani drone crews since the 2020 war with Armenia at "
        "the Velmor air base, a place of long winters in the west of the country."
    )
    assert base(nlp, text, "Velmor air base")[0] != "Azerbaijan"


def test_it_after_an_opening_adverb_is_the_base_named_just_before(nlp: Any) -> None:
    text = (
        "The Velmor airbase was built by the Soviets in the 1970s. "
        "Today it is home to the Syrian air force's 17th Brigade."
    )
    assert base(nlp, text, "Velmor airbase")[0] == "Syria"
    text = "The Velmor airbase was built by the Soviets in the 1970s. Today the town is home to the Syrian army."
    assert base(nlp, text, "Velmor airbase")[0] != "Syria"


def test_where_a_relative_clause_says_a_base_was_built_is_where_it_is(nlp: Any) -> None:
    text = "The Velmor military base, which Turkey set up in 2015 near the town of Olbek, houses about 500 troops."
    assert base(nlp, text, "Velmor military base")[1] == "Olbek"
    text = "The Velmor military base, which Turkey praised in 2015 near the town of Olbek, houses about 500 troops."
    assert base(nlp, text, "Velmor military base")[1] != "Olbek"
