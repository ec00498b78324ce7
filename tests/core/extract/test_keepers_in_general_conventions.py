"""Who keeps a base and where it is, in conventions of English news that hold whatever the story: a unit a base is
home to written with its force's possessive, installations named by a service's designation ("RAF …", "Naval
Support Activity …"), and a force named by its country beside a base nobody is said to keep. Every sentence is
invented for the test (other names, other countries than the corpus's)."""

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


def test_a_base_home_to_a_forces_unit_written_with_its_possessive_is_that_forces(nlp: Any) -> None:
    text = "The Velmor airbase is home to the Egyptian Air Force's flight school."
    assert base(nlp, text, "Velmor airbase")[0] == "Egypt"


def test_the_base_home_to_a_countrys_academy_in_the_next_sentence_is_that_countrys(nlp: Any) -> None:
    text = "Cadets march at Velmor Airbase, west of Tanta. The base is home to the Egyptian Air Force's flight academy."
    assert base(nlp, text, "Velmor Airbase") == ("Egypt", "Tanta")


def test_an_air_force_station_named_by_its_designation_is_a_base_of_that_force(nlp: Any) -> None:
    text = "Protesters gathered outside RAF Velbury on Sunday, a day after the government said tankers would use it."
    assert base(nlp, text, "RAF Velbury")[0] == "United Kingdom"


def test_a_navys_designation_before_a_name_makes_it_a_base_placed_by_the_words_after_it(nlp: Any) -> None:
    text = "The fleet's headquarters at Naval Support Activity Korvel in Velmora was hit by a drone on Monday."
    assert base(nlp, text, "Naval Support Activity Korvel") == ("United States", "Velmora")


def test_a_designation_with_its_acronym_in_brackets_still_names_the_station(nlp: Any) -> None:
    text = "No one was hurt at Naval Support Activity (NSA) Korvel, the Pentagon said on Friday."
    assert base(nlp, text, "Naval Support Activity Korvel")[0] == "United States"


def test_a_designation_before_an_aircraft_or_a_unit_names_no_station(nlp: Any) -> None:
    for text in (
        "RAF Typhoon jets intercepted two drones over the sea on Sunday.",
        "An RAF Voyager tanker refuelled the jets, the ministry said.",
        "The RAF Regiment guards the airfield perimeter.",
    ):
        assert [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION] == []


def test_the_station_written_by_its_designation_is_the_base_its_bare_name_names(nlp: Any) -> None:
    text = (
        "Egyptian jets fly from the Velbury air base, south of Tanta. It was built by the British in the 1940s as "
        "RAF Velbury, before Egypt took it over in 1952."
    )
    assert [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION] == ["Velbury air base"]
    assert base(nlp, text, "Velbury air base")[0] == "Egypt"


def test_a_forces_aircraft_at_a_base_nobody_is_said_to_keep_suggest_that_forces_country(nlp: Any) -> None:
    text = (
        "A fighter jet of the Egyptian Air Force lands at the 4th Main Jet Base in Velmora on Wednesday, the first "
        "since its runway was closed for repairs."
    )
    assert base(nlp, text, "4th Main Jet Base")[0] == "Egypt"


def test_a_force_that_strikes_a_base_suggests_nothing_of_who_keeps_it(nlp: Any) -> None:
    text = "A fighter jet of the Egyptian Air Force struck the 4th Main Jet Base near Velmora overnight."
    assert base(nlp, text, "4th Main Jet Base")[0] != "Egypt"


def test_a_camp_is_called_by_its_bare_name_later_and_that_mention_places_it(nlp: Any) -> None:
    text = (
        "The last foreign instructors left Camp Velmor on Tuesday, Egyptian officials said. Velmor, some 30 "
        "kilometers up the highway from Tanta, was for years a training hub of the Egyptian army."
    )
    found = [e for e in extract(nlp(text)) if e.name in {"Camp Velmor", "Velmor"}]
    assert [(e.name, e.type) for e in found] == [("Camp Velmor", EntityType.INSTALLATION)]
    assert {m.surface for m in found[0].mentions} == {"Camp Velmor", "Velmor"}
    assert base(nlp, text, "Camp Velmor") == ("Egypt", "Tanta")


def test_a_name_a_copula_says_is_someones_base_is_that_base_placed_by_the_words_after_it(nlp: Any) -> None:
    text = "The tanker planes, whose home base is Velmorhafen in Germany, are flown by the alliance's crews."
    assert base(nlp, text, "Velmorhafen")[1] == "Germany"
    text = "The squadron's main airfield is Korvik, near the border with Sudan."
    assert [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION] == ["Korvik"]


def test_a_town_a_copula_says_is_where_a_base_is_names_no_base(nlp: Any) -> None:
    text = "The base is near Korvik. The nearest town is Velmora, where most of the soldiers' families live."
    assert [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION] == []


def test_a_unit_of_a_force_named_without_its_country_is_no_party_of_its_own(nlp: Any) -> None:
    text = (
        "Egypt is rebuilding the Velmor naval base. Few places in Egypt carry memories as raw as the base, and "
        "officials in Egypt say the work will take two years. It sits on the coast west of Tanta, and it remains "
        "the main base of the National Guard's Naval Command."
    )
    assert base(nlp, text, "Velmor naval base")[0] == "Egypt"


def test_a_base_that_hosts_several_countries_forces_together_is_kept_by_none_of_them(nlp: Any) -> None:
    text = "The Velmor air base near Tanta has hosted Italian and Spanish aircraft for exercises since 2015."
    assert base(nlp, text, "Velmor air base")[0] not in {"Italy", "Spain"}
    text = "The Velmor air base near Tanta has hosted Italian aircraft for exercises since 2015."
    assert base(nlp, text, "Velmor air base")[0] == "Italy"


def test_a_base_on_an_island_is_named_after_the_island(nlp: Any) -> None:
    text = "The deal covers Korvik, an Egyptian air base in the south, and the air base on Velmor Island off the coast."
    found = {e.name: e.type for e in extract(nlp(text))}
    assert found.get("Velmor air base") is EntityType.INSTALLATION
    assert found.get("Velmor Island") is EntityType.PLACE
    assert base(nlp, text, "Velmor air base")[1] == "Velmor Island"
    text = "Troops landed on Velmor Island, where the navy keeps a small base."
    assert [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION] == []


def test_a_person_who_flew_in_from_a_name_arrived_from_a_town_not_a_base(nlp: Any) -> None:
    # "flying from X" is said of aircraft and their base; "flew in from X" of anyone arriving (a tune article's
    # adviser "who flew in from Erbil" made a false base)
    for town in ("Tarkesh", "Korvash Dalen"):
        adviser = "Mirela Voss, an adviser to the governor of the Velmor Region"
        text = f"The talks were attended by {adviser}, who flew in from {town}."
        assert [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION] == []
    jets = extract(nlp("Russian jets flying from Velmor struck the depot."))
    assert [e.name for e in jets if e.type is EntityType.INSTALLATION] == ["Velmor"]  # aircraft still fly from bases
