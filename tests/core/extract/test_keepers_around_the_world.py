"""Who keeps a base and where it is, in phrasings of news about bases far from Syria that the rules before did not
read: a definite apposition of a kind of site after a name ("Velmor, the Egyptian naval base where …"), "the army"
or "the air force" named once with its country, a name "at" right after a base, names summed up by "both", and "the
Jordanian air base at Velmor" beside another base, "the naval base of Bandar Velm", "Southern Command" after "U.S.
Southern Command", "Velmor, the South Korean-run air base", "Marine Corps Air Station Velmor", "used by the Soviet
and then the Russian Navy", "Polish and Romanian soldiers patrol". Every sentence is invented for the test."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.models import EntityType


def bases(nlp: Any, text: str) -> dict[str, tuple[str | None, str | None]]:
    """Each installation the text names, with its operator and location."""
    found = [e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]
    return {e.name: (e.base_facts[0].operator, e.base_facts[0].location) for e in found}


def test_a_definite_apposition_of_a_kind_of_site_names_the_base_before_it(nlp: Any) -> None:
    text = "Two frigates arrived on Wednesday at Velmor, the Egyptian naval base where the fleet keeps its corvettes."
    assert bases(nlp, text) == {"Velmor naval base": ("Egypt", "Velmor")}


def test_a_definite_apposition_places_the_base_it_names(nlp: Any) -> None:
    text = "Missiles were fired at Korvik, the air base south-west of Tanta that hosts American bombers."
    assert bases(nlp, text)["Korvik air base"][1] == "Tanta"


def test_a_definite_apposition_between_commas_after_the_subject_names_it(nlp: Any) -> None:
    text = "Velmor, the Egyptian naval base on the Red Sea coast, is run by the navy's southern command."
    assert list(bases(nlp, text)) == ["Velmor naval base"]


def test_a_name_in_a_phrase_a_sentence_opens_with_is_no_base(nlp: Any) -> None:
    assert bases(nlp, "For the Velmor government, the Syrian bases matter as symbols.") == {}
    assert bases(nlp, '"For Korvan, the radar is a symbol of the old alliance," he said.') == {}


def test_the_air_force_is_the_one_the_article_named_before(nlp: Any) -> None:
    text = (
        "The Egyptian Air Force and the Velmor Command held a drill. Jets flew from Korvik Air Base. Korvik, in the "
        "desert east of Tanta, is home to the air force's F-35 squadrons."
    )
    assert bases(nlp, text)["Korvik Air Base"][0] == "Egypt"


def test_the_army_is_the_one_the_article_named_before_however_far_back(nlp: Any) -> None:
    text = (
        "The Malian army took over the Velmor base in 2022. Rebels fired mortars at it on Friday. Three soldiers were "
        "hurt. The governor condemned the attack. The Korvik garrison, on the edge of the town of Tessal, has been "
        "held by the army since peacekeepers left it in 2023."
    )
    assert bases(nlp, text)["Korvik garrison"] == ("Mali", "Tessal")


def test_the_troops_are_only_those_named_a_sentence_or_two_before(nlp: Any) -> None:
    text = (
        "American soldiers left Mali in 2022. Rebels fired mortars at the Velmor base on Friday. Three soldiers were "
        "hurt. The governor condemned the attack. The Velmor base has been held by the troops since 2023."
    )
    assert bases(nlp, text)["Velmor base"][0] is None


def test_a_name_at_right_after_a_base_is_where_it_stands(nlp: Any) -> None:
    text = (
        "The Egyptian Air Force's 12th Tactical Air Base at Korvik, in the centre of the country, is home to its jets."
    )
    assert bases(nlp, text)["12th Tactical Air Base"] == ("Egypt", "Korvik")


def test_names_summed_up_by_both_are_placed_by_their_verb(nlp: Any) -> None:
    text = (
        "Jets took off from Korvik Air Base and Camp Velmor. Korvik and Camp Velmor, the largest overseas Egyptian "
        "Army garrison, both lie in Tessal, about 65 km south of Tanta."
    )
    assert bases(nlp, text)["Camp Velmor"][1] == "Tessal"


def test_a_kind_of_site_at_a_name_is_another_site_not_the_one_before(nlp: Any) -> None:
    text = (
        "Sirens sounded in Kuwait. Kuwait's Korvik air base, 37 km west of Kuwait City, went on alert, as did the "
        "Jordanian air base at Velmor, near the town of Tessal."
    )
    assert bases(nlp, text) == {"Korvik air base": ("Kuwait", "Kuwait City"), "Velmor air base": ("Jordan", "Tessal")}


def test_a_military_kind_of_site_of_a_places_name_is_that_places_base(nlp: Any) -> None:
    text = "Sailors load missiles at the naval base of Bandar Velm before the boats sail."
    assert bases(nlp, text) == {"Bandar Velm naval base": (None, "Bandar Velm")}


def test_a_base_of_something_else_is_no_base(nlp: Any) -> None:
    assert bases(nlp, "The town is a base of support for the Velmor rebels.") == {}
    assert bases(nlp, "Warships set sail from the naval base of the Velmor fleet.") == {}


def test_a_states_command_written_without_its_country_is_the_one_named_in_full_before(nlp: Any) -> None:
    text = (
        "A U.S. Southern Command spokesman declined to comment. Southern Command also has about 500 troops at "
        "Velmor air base near the town of Tessal."
    )
    assert bases(nlp, text)["Velmor air base"][0] == "United States"


def test_a_command_named_in_full_without_a_country_gives_none(nlp: Any) -> None:
    text = (
        "A Velmor Southern Command spokesman declined to comment. Southern Command also has about 500 troops at "
        "Korvik air base near the town of Tessal."
    )
    assert bases(nlp, text)["Korvik air base"][0] is None


def test_an_apposition_of_an_x_run_kind_of_site_names_the_base_before_it(nlp: Any) -> None:
    text = "Jets flew from Velmor, the South Korean-run air base in the centre of the country."
    assert bases(nlp, text) == {"Velmor air base": ("South Korea", "South Korea")}


def test_the_place_after_an_x_run_apposition_is_where_the_base_is_not_another_base(nlp: Any) -> None:
    assert bases(nlp, "Jets flew from Velmor, the Egyptian-run air base near Tanta.") == {
        "Velmor air base": ("Egypt", "Tanta")
    }


def test_a_site_named_after_a_forces_name_and_its_kind_is_named_whole(nlp: Any) -> None:
    text = "An Osprey takes off from Marine Corps Air Station Velmor, which sits in the middle of the city of Tessal."
    assert bases(nlp, text) == {"Marine Corps Air Station Velmor": (None, "Tessal")}


def test_the_doer_then_adds_after_the_first_is_who_keeps_it_now(nlp: Any) -> None:
    text = "The naval facility in Velmor has been used by the Soviet and then the Russian Navy since 1971."
    assert bases(nlp, text)["Velmor naval facility"][0] == "Russia"


def test_a_doer_alone_still_keeps_it(nlp: Any) -> None:
    assert bases(nlp, "The Velmor airfield is used by Egyptian troops.")["Velmor airfield"][0] == "Egypt"


def test_forces_of_several_countries_together_keep_no_base(nlp: Any) -> None:
    assert bases(nlp, "Polish and Romanian troops patrol Camp Velmor, north of Tessal.")["Camp Velmor"][0] is None


def test_forces_of_one_country_keep_the_base_they_patrol(nlp: Any) -> None:
    assert bases(nlp, "Polish troops patrol Camp Velmor, north of Tessal.")["Camp Velmor"][0] == "Poland"
