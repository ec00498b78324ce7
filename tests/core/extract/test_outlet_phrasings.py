"""Operator and location from the ways wire services, state agencies and regional outlets write who keeps a base
and where it is: participles with "by" ("used by the U.S.-led coalition"), "home to" a command, "under the control
of", leases, takeovers ("fell to", "overran"), withdrawals ("evacuated by", "pulled out of", "leaving it to") and a
border named beside a base. Every sentence is invented for the test."""

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


def test_a_participle_with_by_after_commas_names_who_uses_the_base(nlp: Any) -> None:
    text = "The Velmor air base, used by the U.S.-led coalition, lies in Hasakah province."
    assert base(nlp, text, "Velmor air base")[0] == "United States"


def test_a_participle_with_by_names_who_took_it_over_after_a_former_owner(nlp: Any) -> None:
    text = "Camp Velmor, a former French outpost taken over by the United States in 2002, sits beside the airport."
    assert base(nlp, text, "Camp Velmor outpost")[0] == "United States"


def test_a_striker_named_with_by_is_no_operator(nlp: Any) -> None:
    text = "The Velmor air base, struck by Israeli jets on Sunday, is used by Iranian forces."
    assert base(nlp, text, "Velmor air base")[0] == "Iran"


def test_home_to_a_command_gives_the_commands_country_over_the_host(nlp: Any) -> None:
    text = "Qatar's Velmor air base, home to the forward headquarters of U.S. Central Command, lies southwest of Doha."
    assert base(nlp, text, "Velmor air base")[0] == "United States"


def test_under_the_control_of_names_the_holder(nlp: Any) -> None:
    assert base(nlp, "The Velmor air base is under the control of the Syrian army.", "Velmor air base")[0] == "Syria"


def test_a_lessor_is_no_operator_the_lessee_is(nlp: Any) -> None:
    text = "The Velmor air base was leased by Djibouti to the United States in 2002."
    assert base(nlp, text, "Velmor air base")[0] == "United States"


def test_a_base_evacuated_by_forces_is_theirs_no_more(nlp: Any) -> None:
    assert base(nlp, "The Velmor air base was evacuated by Russian forces in December.", "Velmor air base")[0] is None


def test_forces_that_pulled_out_of_a_base_are_former_operators(nlp: Any) -> None:
    text = "Russian troops pulled out of the Velmor air base last month, a spokesman said."
    assert base(nlp, text, "Velmor air base")[0] is None


def test_leaving_a_base_to_someone_hands_it_to_them(nlp: Any) -> None:
    text = "U.S. forces pulled out of the Velmor air base in 2019, leaving it to the Kurdish-led SDF."
    assert base(nlp, text, "Velmor air base")[0] == "SDF"


def test_a_base_that_fell_to_a_group_is_the_groups(nlp: Any) -> None:
    text = "The Velmor air base fell to fighters of the Zarqan Front on Sunday."
    assert base(nlp, text, "Velmor air base")[0] == "Zarqan Front"


def test_a_group_that_overran_a_base_holds_it(nlp: Any) -> None:
    assert base(nlp, "The Zarqan Front overran the Velmor air base on Sunday.", "Velmor air base")[0] == "Zarqan Front"


def test_a_visitor_is_no_operator(nlp: Any) -> None:
    text = "The Zarqan Front overran the Velmor air base on Sunday. A U.S. envoy visited the base on Monday."
    assert base(nlp, text, "Velmor air base")[0] == "Zarqan Front"


def test_the_country_across_a_border_is_not_where_the_base_is(nlp: Any) -> None:
    text = "The Velmor air base lies near the border with Jordan, in the Homs desert."
    assert base(nlp, text, "Velmor air base") == (None, "Homs")


def test_ships_that_arrive_at_a_base_are_visitors(nlp: Any) -> None:
    text = "Two Russian warships arrived at the Velmor naval base on Monday for a port call."
    assert base(nlp, text, "Velmor naval base")[0] != "Russia"


def test_forces_of_a_country_kept_at_a_base_are_its_keepers(nlp: Any) -> None:
    text = "Russian warships remain at the Velmor naval base, officials said on Monday."
    assert base(nlp, text, "Velmor naval base")[0] == "Russia"


def test_a_joint_drill_of_two_navies_names_no_keeper(nlp: Any) -> None:
    text = "Iranian and Russian warships began a joint drill from the Velmor naval base on Tuesday."
    assert base(nlp, text, "Velmor naval base")[0] is None


def test_is_in_a_city_places_the_base(nlp: Any) -> None:
    text = "The Velmor naval base, Russia's only port abroad, is in the Syrian city of Olbek."
    assert base(nlp, text, "Velmor naval base") == ("Russia", "Olbek")


def test_in_someones_hands_is_whose_it_is_not_where_and_until_makes_it_former(nlp: Any) -> None:
    assert base(nlp, "The Velmor naval base is in Russian hands.", "Velmor naval base")[0] == "Russia"
    assert base(nlp, "The Velmor naval base was in Russian hands until 2025.", "Velmor naval base") == (None, "Velmor")


def test_the_headquarters_of_a_command_is_that_commands_countrys(nlp: Any) -> None:
    text = "The Velmor air base is the headquarters of the U.S. Air Forces Central Command."
    assert base(nlp, text, "Velmor air base")[0] == "United States"


def test_a_present_relative_clause_outweighs_a_builder_long_ago(nlp: Any) -> None:
    text = "In 1980 the Soviet Union built the Velmor air base, which the Syrian air force now uses."
    assert base(nlp, text, "Velmor air base")[0] == "Syria"


def test_a_past_relative_clause_in_a_history_sentence_stays_history(nlp: Any) -> None:
    text = "In 1980 the Soviet Union built the Velmor air base, which Soviet pilots used until 1991."
    assert base(nlp, text, "Velmor air base")[0] != "Soviet Union"


def test_a_base_that_accommodates_coalition_forces_is_the_coalition_leaders(nlp: Any) -> None:
    text = "A fire broke out at the Velmor air base, a base that accommodates the U.S.-led coalition forces."
    assert base(nlp, text, "Velmor air base")[0] == "United States"


def test_a_base_that_houses_a_coalition_is_the_coalition_leaders(nlp: Any) -> None:
    text = "The Velmor airbase houses the U.S.-led global coalition against the Islamic State."
    assert base(nlp, text, "Velmor airbase")[0] == "United States"


def test_at_the_disposal_of_forces_names_their_country(nlp: Any) -> None:
    text = "Turkey's Velmor air base, which is at the disposal of the Turkish Armed Forces, will be closed."
    assert base(nlp, text, "Velmor air base")[0] == "Turkey"


def test_a_base_closed_already_is_its_owners_no_more(nlp: Any) -> None:
    text = "Turkey's Velmor air base was closed in March, the ministry said."
    assert base(nlp, text, "Velmor air base")[0] is None


def test_a_strait_measured_from_is_no_place_of_the_base(nlp: Any) -> None:
    text = "The Velmor naval base, about 70 km north of the Bab el-Mandeb strait, belongs to the Eritrean navy."
    assert base(nlp, text, "Velmor naval base")[1] != "Bab el-Mandeb"


def test_where_the_attackers_are_is_not_where_the_base_is(nlp: Any) -> None:
    text = "Houthi fighters in Yemen fired missiles at the Velmor naval base in 2016, Emirati officials said."
    assert base(nlp, text, "Velmor naval base")[1] != "Yemen"


def test_a_base_set_in_a_country_by_its_own_sentence_is_there(nlp: Any) -> None:
    text = "Emirati forces kept warplanes at the Velmor naval base in Eritrea until 2021."
    assert base(nlp, text, "Velmor naval base")[1] == "Eritrea"


def test_the_city_speaks_again_of_the_town_named_before(nlp: Any) -> None:
    text = (
        "Drone strikes on Benghazi have closed the only working port in the region, a United Nations official said. "
        "She said the drones had struck the Velmor air base on the northern edge of the city on Monday."
    )
    assert base(nlp, text, "Velmor air base")[1] == "Benghazi"


def test_the_city_is_no_region_named_for_an_office(nlp: Any) -> None:
    text = (
        "The Assistant Secretary-General for Africa said the drones had struck the Velmor air base on the northern "
        "edge of the city on Monday."
    )
    assert base(nlp, text, "Velmor air base")[1] != "Africa"


def test_warplanes_flying_from_a_base_are_its_keepers_even_when_they_strike(nlp: Any) -> None:
    text = "Russian warplanes flying from the Velmor air base struck rebel positions."
    assert base(nlp, text, "Velmor air base")[0] == "Russia"


def test_warplanes_flying_over_a_base_are_not_its_keepers(nlp: Any) -> None:
    text = "Israeli warplanes flying over the Velmor air base struck a convoy, the Syrian army said."
    assert base(nlp, text, "Velmor air base")[0] != "Israel"


def test_forces_that_moved_into_a_base_keep_it_and_those_who_vacated_it_left(nlp: Any) -> None:
    text = "Russian instructors have moved into the Velmor base vacated by U.S. forces."
    assert base(nlp, text, "Velmor base")[0] == "Russia"


def test_a_country_written_as_owner_is_the_host_when_another_keeps_forces_there(nlp: Any) -> None:
    text = "Syria's Velmor air base, where Russian forces are stationed, was put on alert."
    assert base(nlp, text, "Velmor air base")[0] == "Russia"


def test_a_country_written_as_owner_keeps_its_own_base(nlp: Any) -> None:
    assert base(nlp, "Syria's Velmor air base was put on alert.", "Velmor air base")[0] == "Syria"


def test_a_nationality_before_province_of_is_no_place(nlp: Any) -> None:
    text = "Drones targeted the Velmor base in the Syrian province of Hasakah on Monday."
    assert base(nlp, text, "Velmor base")[1] == "Hasakah"


def test_a_relative_clause_of_lying_goes_on_locating(nlp: Any) -> None:
    text = "The Velmor air base, which lies on the outskirts of Raqqa, was put on alert."
    assert base(nlp, text, "Velmor air base")[1] == "Raqqa"


def test_a_relative_clause_of_another_verb_does_not_locate(nlp: Any) -> None:
    text = "The Velmor air base, which Russian jets left for Raqqa, was put on alert."
    assert base(nlp, text, "Velmor air base")[1] != "Raqqa"


def test_situated_between_two_towns_places_it_at_the_first(nlp: Any) -> None:
    text = "The Velmor air base, situated between Homs and Palmyra, was put on alert."
    assert base(nlp, text, "Velmor air base")[1] == "Homs"


def test_is_based_in_a_town_places_the_base(nlp: Any) -> None:
    text = "The Velmor air base is based in Jableh, a coastal town south of Latakia."
    assert base(nlp, text, "Velmor air base")[1] == "Jableh"


def test_an_opening_participle_of_placing_places_the_base_its_sentence_names(nlp: Any) -> None:
    text = "Located in Hama province, the Velmor air base was put on alert."
    assert base(nlp, text, "Velmor air base")[1] == "Hama province"


def test_a_builder_in_a_past_decade_is_history(nlp: Any) -> None:
    assert base(nlp, "The Velmor air base was built by the British in the 1930s.", "Velmor air base")[0] is None


def test_a_user_in_past_decades_is_history(nlp: Any) -> None:
    text = "The Soviet navy used the Velmor naval base in the 1970s and 1980s."
    assert base(nlp, text, "Velmor naval base")[0] is None


def test_a_user_since_a_decade_is_no_history(nlp: Any) -> None:
    text = "The Russian navy has used the Velmor naval base since the 1970s."
    assert base(nlp, text, "Velmor naval base")[0] == "Russia"


def test_warplanes_that_pounded_a_base_are_strikers(nlp: Any) -> None:
    text = "Israeli warplanes pounded the Velmor air base overnight, a war monitor said."
    assert base(nlp, text, "Velmor air base")[0] != "Israel"


def test_a_country_that_launched_missiles_at_a_base_is_a_striker(nlp: Any) -> None:
    text = "Israel launched missiles at the Velmor air base from Lebanese airspace."
    assert base(nlp, text, "Velmor air base")[0] != "Israel"


def test_a_base_housing_troops_in_an_attack_headline_is_the_troops_countrys(nlp: Any) -> None:
    text = "Iran-backed militias fired rockets at the Velmor air base housing U.S. troops in western Iraq."
    assert base(nlp, text, "Velmor air base")[0] == "United States"


def test_a_province_written_as_owner_is_where_the_base_is(nlp: Any) -> None:
    assert base(nlp, "Drones struck Erbil governorate's Velmor air base on Friday.", "Velmor air base") == (
        None,
        "Erbil governorate",
    )


def test_a_country_written_as_owner_is_no_province(nlp: Any) -> None:
    assert base(nlp, "Drones struck Syria's Velmor air base on Friday.", "Velmor air base")[1] != "Syria province"


def test_a_base_said_to_remain_of_a_nationality_is_that_countrys(nlp: Any) -> None:
    text = "The Velmor naval base will remain Russian, the Kremlin said."
    assert base(nlp, text, "Velmor naval base")[0] == "Russia"


def test_a_base_of_a_nationality_until_a_year_is_that_countrys_no_more(nlp: Any) -> None:
    assert base(nlp, "The Velmor naval base was Russian until 2025.", "Velmor naval base")[0] is None


def test_a_country_forming_a_grouping_of_forces_at_a_base_keeps_it(nlp: Any) -> None:
    text = "Russia has started forming a permanent grouping of forces at the Velmor naval facility, the minister said."
    assert base(nlp, text, "Velmor naval facility")[0] == "Russia"


def test_a_takeover_generations_before_the_story_is_history(nlp: Any) -> None:
    text = (
        "German paratroopers seized the Velmor air base in 1941. "
        "The base was in the news again in 2025 after a drone struck it."
    )
    assert base(nlp, text, "Velmor air base")[0] != "Germany"


def test_a_recent_handover_still_holds(nlp: Any) -> None:
    text = (
        "The Velmor air base was handed to the Iraqi army in 2020. "
        "The base was in the news again in 2025 after a drone struck it."
    )
    assert base(nlp, text, "Velmor air base")[0] == "Iraq"


def test_operated_by_reads_only_the_phrase_after_by(nlp: Any) -> None:
    text = "The Velmor air base, operated by the coalition, lies in Hasakah province."
    assert base(nlp, text, "Velmor air base")[0] != "Hasakah"


def test_an_apposition_said_of_a_time_gone_names_a_former_operator(nlp: Any) -> None:
    text = "The Velmor air base, once a U.S. outpost, is now run by the Iraqi army."
    assert base(nlp, text, "Velmor air base")[0] == "Iraq"
    assert base(nlp, "The Velmor air base, formerly a Soviet facility, was put on alert.", "Velmor air base")[0] is None


def test_an_apposition_in_the_present_names_the_operator(nlp: Any) -> None:
    text = "The Velmor air base, a U.S. outpost, was put on alert."
    assert base(nlp, text, "Velmor air base")[0] == "United States"


def test_guests_hosted_until_a_year_are_former(nlp: Any) -> None:
    text = "The Velmor air base, which hosted U.S. troops until 2021, was put on alert."
    assert base(nlp, text, "Velmor air base")[0] != "United States"


def test_aircraft_operating_out_of_a_base_are_its_keepers(nlp: Any) -> None:
    text = "British Typhoons flying out of the Velmor air base intercepted the drones."
    assert base(nlp, text, "Velmor air base")[0] == "United Kingdom"


def test_a_base_is_where_a_country_keeps_forces(nlp: Any) -> None:
    assert base(nlp, "The Velmor air base is where the U.S. keeps its drones.", "Velmor air base")[0] == "United States"


def test_a_base_that_serves_as_a_hub_for_a_countrys_operations_is_that_countrys(nlp: Any) -> None:
    text = "The Velmor air base serves as the main hub for U.S. air operations in the region."
    assert base(nlp, text, "Velmor air base")[0] == "United States"


def test_a_base_that_previously_served_a_coalition_is_its_no_more(nlp: Any) -> None:
    text = "The Velmor air base had previously served as a base for the U.S.-led coalition."
    assert base(nlp, text, "Velmor air base")[0] is None


def test_close_to_and_not_far_from_locate_like_near(nlp: Any) -> None:
    text = "The Velmor air base, close to the town of Olbek, was put on alert."
    assert base(nlp, text, "Velmor air base")[1] == "Olbek"
    text = "The Velmor air base, not far from Benghazi, was put on alert."
    assert base(nlp, text, "Velmor air base")[1] == "Benghazi"


def test_a_distance_given_again_in_brackets_still_measures(nlp: Any) -> None:
    text = "The Velmor air base, 30 km (19 miles) south of Benghazi, was put on alert."
    assert base(nlp, text, "Velmor air base")[1] == "Benghazi"


def test_where_forces_go_to_is_not_where_the_base_is(nlp: Any) -> None:
    text = "Russia moved jets from the Velmor air base to Benghazi on Monday."
    assert base(nlp, text, "Velmor air base")[1] != "Benghazi"


def test_a_base_named_after_a_town_the_article_puts_things_in_is_in_that_town(nlp: Any) -> None:
    text = (
        "Warships began a drill from Bandar Velmor naval base on Tuesday. "
        "The admiral spoke to reporters at the naval headquarters in Bandar Velmor."
    )
    assert base(nlp, text, "Bandar Velmor naval base")[1] == "Bandar Velmor"


def test_a_name_that_opens_a_longer_name_after_in_is_no_town(nlp: Any) -> None:
    text = (
        "Warships began a drill from Bandar Velmor naval base on Tuesday. Protesters gathered in Bandar Velmor Square."
    )
    assert base(nlp, text, "Bandar Velmor naval base")[1] is None


def test_a_base_nobody_keeps_is_the_country_the_story_is_filed_in(nlp: Any) -> None:
    text = (
        "Navy drill begins\n\nTEHRAN, Oct. 27 (IRNA) -- Warships set sail on Tuesday from the Velmor naval base "
        "for a three-day exercise."
    )
    assert base(nlp, text, "Velmor naval base")[0] == "Iran"


def test_a_bureau_dateline_gives_no_country_to_a_story_about_another(nlp: Any) -> None:
    text = (
        "Strikes hit air base\n\nBEIRUT, March 18 (AP) — Israeli warplanes struck targets in Syria overnight. The "
        "army said it hit the Velmor air base. Israel's defence minister said Israel would strike again."
    )
    assert base(nlp, text, "Velmor air base")[0] != "Lebanon"


def test_a_base_someone_keeps_is_not_the_dateline_country(nlp: Any) -> None:
    text = (
        "Navy drill begins\n\nTEHRAN, Oct. 27 (IRNA) -- Russian warships are stationed at the Velmor naval base, "
        "officials said."
    )
    assert base(nlp, text, "Velmor naval base")[0] == "Russia"


def test_under_a_groups_control_beside_the_name_names_the_group(nlp: Any) -> None:
    text = "The Velmor air base, under SDF control since 2017, was shelled on Monday."
    assert base(nlp, text, "Velmor air base")[0] == "SDF"


def test_in_the_hands_of_a_countrys_authorities_names_the_country(nlp: Any) -> None:
    text = "The Velmor air base is now in the hands of the new Syrian authorities."
    assert base(nlp, text, "Velmor air base")[0] == "Syria"


def test_fighters_of_a_named_group_who_use_a_base_are_the_groups(nlp: Any) -> None:
    text = "Hezbollah fighters have used the Velmor air base as a logistics hub."
    assert base(nlp, text, "Velmor air base")[0] == "Hezbollah"


def test_fighters_of_a_named_group_who_strike_a_base_are_not_its_keepers(nlp: Any) -> None:
    text = "Hezbollah fighters fired rockets at the Velmor air base on Monday."
    assert base(nlp, text, "Velmor air base")[0] != "Hezbollah"


def test_a_leased_compound_names_the_lessee_even_in_an_attack(nlp: Any) -> None:
    text = "Ukrainian drones hit the Russian-leased Velmor naval base on Monday."
    assert base(nlp, text, "Velmor naval base")[0] == "Russia"


def test_a_built_compound_names_no_operator(nlp: Any) -> None:
    assert base(nlp, "The Soviet-built Velmor air base was put on alert.", "Velmor air base")[0] is None


def test_forces_deployed_to_a_base_keep_it(nlp: Any) -> None:
    text = "Airmen of the U.S. Air Force deployed to the Velmor air base last year."
    assert base(nlp, text, "Velmor air base")[0] == "United States"


def test_a_closed_base_is_kept_by_none_of_those_it_was_leased_to(nlp: Any) -> None:
    text = "The Korvin air base, leased by Niger to the United States in 2016, was closed in 2024."
    assert base(nlp, text, "Korvin air base")[0] is None


def test_a_base_departed_by_some_is_still_kept_by_those_it_was_handed_to(nlp: Any) -> None:
    text = "The last French soldiers departed the Velmor base, which was handed over to the Nigerien army."
    assert base(nlp, text, "Velmor base")[0] == "Niger"


def test_a_describing_word_between_in_and_the_place_still_places(nlp: Any) -> None:
    text = "Satellite images show Russian helicopters at the Korvin airfield in occupied Crimea."
    assert base(nlp, text, "Korvin airfield") == ("Russia", "Crimea")
