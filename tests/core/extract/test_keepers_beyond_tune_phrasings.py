"""Who keeps a base, as reporting on bases far from the tune corpus's usual places writes it: a station named by a
designation that the kind-of-site reader would cut short, capitalised words after "a" or read as an event that
describe a site rather than name it, a country's own name that ends as a people's plural would, a handover still to
come, and a builder a relative clause sets in a past year. Every sentence is invented for the test (other names than
the corpus's)."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.models import EntityType


def bases(nlp: Any, text: str) -> dict[str, tuple[str | None, str | None]]:
    """The operator and location of every installation the text names, by name."""
    found = [e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]
    return {e.name: (e.base_facts[0].operator, e.base_facts[0].location) for e in found}


def test_a_designation_with_a_capitalised_kind_is_read_whole_with_the_name_after_it(nlp: Any) -> None:
    text = "Four bombers have arrived at RAAF Base Korrinup for a deployment with the Royal Australian Air Force."
    assert bases(nlp, text) == {"RAAF Base Korrinup": ("Australia", None)}


def test_capitalised_words_after_an_indefinite_article_describe_a_site_and_name_none(nlp: Any) -> None:
    text = "Velmor airfield, a former Khmer Rouge airstrip in the central province, will train pilots."
    assert "Khmer Rouge airstrip" not in bases(nlp, text)
    text = "The newest site is Camp Arvel in Korvia, a Philippine Navy station on the northern coast."
    assert list(bases(nlp, text)) == ["Camp Arvel"]


def test_words_read_as_an_event_say_when_a_site_was_used_not_what_it_is_called(nlp: Any) -> None:
    text = "Contractors will repave the World War II airfield on the island, the U.S. Air Force said."
    assert bases(nlp, text) == {}


def test_a_countrys_name_that_ends_like_a_peoples_plural_stays_a_place(nlp: Any) -> None:
    text = "Further west, the Philippines has opened nine of its camps to rotating US forces."
    found = {e.name: e.type for e in extract(nlp(text))}
    assert found.get("Philippines") is EntityType.PLACE


def test_a_handover_still_to_come_leaves_the_base_with_the_one_who_holds_it(nlp: Any) -> None:
    text = "The Egyptian army will hand over the Velmor air base to the Sudanese army next month."
    assert bases(nlp, text)["Velmor air base"][0] == "Egypt"
    done = "The Egyptian army handed over the Velmor air base to the Sudanese army last month."
    assert bases(nlp, done)["Velmor air base"][0] == "Sudan"


def test_a_builder_a_relative_clause_sets_in_a_past_year_yields_to_who_is_housed_now(nlp: Any) -> None:
    text = "The Velmor air base, which the Soviet air force built in the 1950s, now houses the NATO jets on patrol."
    assert bases(nlp, text)["Velmor air base"][0] == "NATO"


def test_an_air_force_running_something_at_an_airport_makes_it_military(nlp: Any) -> None:
    text = "The German air force ran a transport hub at Velmor airport until 2015."
    assert list(bases(nlp, text)) == ["Velmor airport"]


def test_the_base_speaks_again_of_an_airport_that_forces_keep(nlp: Any) -> None:
    text = (
        "The German air force ran a transport hub at Velmor airport until 2015. Then it handed the base over to Egypt."
    )
    assert bases(nlp, text)["Velmor airport"][0] == "Egypt"


def test_a_country_the_model_calls_a_people_is_still_the_country_a_base_is_handed_to(nlp: Any) -> None:
    text = (
        "The German air force ran a transport hub at Velmor airport until 2015, when it handed the base over to"
        " Uzbekistan."
    )
    assert bases(nlp, text)["Velmor airport"][0] == "Uzbekistan"


def test_a_camp_that_foreign_instructors_run_is_a_base_of_theirs(nlp: Any) -> None:
    text = "Russian instructors have run a training camp at Korvel since 2018."
    assert bases(nlp, text) == {"Korvel camp": ("Russia", "Korvel")}
    assert bases(nlp, "Refugees have lived in a camp at Korvel since 2018.") == {}


def test_air_force_before_a_capitalised_base_is_the_kind_and_the_bare_name_is_the_same_base(nlp: Any) -> None:
    text = "Korrin is the largest US Air Force base in the region. The bombers deployed from Korrin Air Force Base."
    assert list(bases(nlp, text)) == ["Korrin Air Force Base"]


def test_a_force_whose_name_opens_with_a_two_word_demonym_is_that_countrys(nlp: Any) -> None:
    text = "The Velmor air base was handed over to the Central African Armed Forces on Thursday."
    assert bases(nlp, text)["Velmor air base"][0] == "Central African Republic"


def test_officers_a_general_greets_at_a_camp_are_visitors_not_its_keepers(nlp: Any) -> None:
    text = "General Tomas Arvel, the army chief, greets Rwandan officers at Camp Korvel."
    assert bases(nlp, text)["Camp Korvel"][0] != "Rwanda"


def test_a_handover_in_a_recent_year_is_not_history_because_the_building_beside_it_is(nlp: Any) -> None:
    text = "France built Camp Korvel in the 1960s and handed the base over to the Gabonese army in December 2022."
    assert bases(nlp, text)["Camp Korvel"][0] == "Gabon"


def test_the_coalition_bare_is_the_one_the_article_named_with_its_leader(nlp: Any) -> None:
    text = (
        "The Saudi-led coalition says three missiles struck the Velmor air base overnight. The coalition has used the"
        " base as its main air hub since 2015."
    )
    assert bases(nlp, text)["Velmor air base"][0] == "Saudi Arabia"


def test_a_base_named_by_its_number_is_not_spoken_of_again_as_the_other_base_of_its_sentence(nlp: Any) -> None:
    text = (
        "The 7th military base has been run by Russia since 2009, and Russian troops are stationed at the 4th"
        " military base near Korvel."
    )
    assert bases(nlp, text)["7th military base"][1] != "Korvel"


def test_a_states_forces_written_again_without_their_demonym_are_still_that_countrys(nlp: Any) -> None:
    text = "The Georgian Defence Forces held a parade on Wednesday. The Defence Forces also use the Velmor air base."
    assert bases(nlp, text)["Velmor air base"][0] == "Georgia"


def test_a_radar_named_by_the_place_after_it_is_an_installation_kept_by_whose_command_it_is_under(nlp: Any) -> None:
    text = "Asked about the early-warning radar at Korvel, the minister said it remained under Turkish command."
    assert bases(nlp, text) == {"Korvel radar": ("Turkey", "Korvel")}


def test_a_models_name_before_the_kind_names_no_site(nlp: Any) -> None:
    text = "The Velmor-type radar near the town of Korvel was built in 1985 to watch for missile launches."
    assert bases(nlp, text) == {}


def test_the_bombers_deployed_from_a_base_are_those_named_with_their_country_before(nlp: Any) -> None:
    text = (
        "Four United States Air Force B-52 bombers have arrived at the Korrin air base for a training deployment."
        "\n\nThe base is home to a squadron of trainers.\n\nThe bombers deployed from the Velmor air base on Tarsk."
    )
    assert bases(nlp, text)["Velmor air base"][0] == "United States"


def test_a_town_set_off_by_commas_after_the_base_is_where_it_is_whatever_the_model_took_it_for(nlp: Any) -> None:
    text = "The Velmor air base, in Ostrada, has been run by Russia since 2009."
    assert bases(nlp, text) == {"Velmor air base": ("Russia", "Ostrada")}


def test_the_town_of_the_headquarters_a_camp_houses_is_where_the_camp_is(nlp: Any) -> None:
    text = "The UN-run Camp Korrin houses the mission's headquarters in Lusaka."
    assert bases(nlp, text)["Camp Korrin"][1] == "Lusaka"


def test_an_untagged_capitalised_word_before_a_province_is_the_first_word_of_its_name(nlp: Any) -> None:
    text = "Korvia opened a new pier at the Velmor naval base in Banteay Meanchey province."
    assert bases(nlp, text)["Velmor naval base"][1] == "Banteay Meanchey province"


def test_a_base_numbered_as_a_unit_with_a_demonym_after_the_number_is_that_countrys(nlp: Any) -> None:
    text = "The 58th Russian military base, stationed in Gyumri since the 1990s, is part of the Southern District."
    assert bases(nlp, text) == {"58th Russian military base": ("Russia", "Gyumri")}
    text = "The 12th Turkish base is stationed near Bashiqa."
    assert bases(nlp, text) == {"12th Turkish base": ("Turkey", "Bashiqa")}
