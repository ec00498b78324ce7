"""A continent's or a polar region's adjective before a kind, a country before "training base" in a headline, the
body "by" which a passive says a site is run, and a kind that owns the noun after it ("the airfield's commander")
name no base; a word whose particle is elided ("d'Ostel") stays in a name that opens with its kind; a body's
initials before the kind say whose the base is; the initials of a base's opening words are the same base; and a
base written only as "the base in" a town is the one base named otherwise and placed at that town."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.models import EntityType, Extracted
from bot.evaluation.score import _bare


def found(nlp: Any, text: str) -> list[Extracted]:
    return extract(nlp(text))


def bases(nlp: Any, text: str) -> dict[str, Extracted]:
    return {e.name: e for e in found(nlp, text) if e.type is EntityType.INSTALLATION}


def test_a_polar_regions_garrison_is_troops_not_a_named_base(nlp: Any) -> None:
    text = "Velmoria will send 40 more radar crews, the first increase in the Arctic garrison in a decade."
    assert bases(nlp, text) == {}


def test_a_continents_adjective_before_a_base_says_where_it_is(nlp: Any) -> None:
    text = "Velmoria keeps a base in Olbek, Camp Durant in Tarsk, and its largest African base, in Ostrava."
    assert list(bases(nlp, text)) == ["Camp Durant"]


def test_a_polar_regions_adjective_before_a_common_noun_is_no_place(nlp: Any) -> None:
    names = {e.name for e in found(nlp, "Velmoria spends more on Arctic surveillance, the ministry said.")}
    assert "Arctic" not in names


def test_a_continent_named_as_a_noun_stays_a_place(nlp: Any) -> None:
    places = {e.name for e in found(nlp, "Troops patrol the coast of Africa, the ministry said.")}
    assert "Africa" in places


def test_a_name_that_only_opens_with_a_polar_regions_word_is_a_base(nlp: Any) -> None:
    text = "Admiral Orlov said the Arctic Velmar military base, next to the airfield, could host a squadron."
    assert "Arctic Velmar military base" in bases(nlp, text)


def test_a_country_before_a_training_base_in_a_headline_is_where_not_a_name(nlp: Any) -> None:
    assert bases(nlp, "Turkey to double troops at Somalia training base as mission shrinks") == {}


def test_a_town_before_a_base_is_still_its_name(nlp: Any) -> None:
    assert "Velmor base" in bases(nlp, "Drones struck the Velmor base on Tuesday, the army said.")


def test_the_body_a_passive_says_runs_a_site_is_no_site(nlp: Any) -> None:
    text = "Camp Velard was established in 2022. It is run by U.S. Army Garrison Velmoria and houses 200 soldiers."
    assert list(bases(nlp, text)) == ["Camp Velard"]


def test_a_site_named_inside_the_agent_stays_a_base(nlp: Any) -> None:
    text = "The convoy was escorted by soldiers from Camp Velard, the army said."
    assert "Camp Velard" in bases(nlp, text)


def test_a_word_with_an_elided_particle_stays_in_a_camps_name(nlp: Any) -> None:
    text = (
        "The camp of the 43rd Marine Infantry Battalion has been renamed Camp Velard d'Ostel Marnier, after a general."
    )
    assert "Camp Velard d'Ostel Marnier" in bases(nlp, text)


def test_a_lower_case_word_after_a_camps_name_is_left_out(nlp: Any) -> None:
    text = "Soldiers at Camp Velard trained recruits in 2024."
    assert "Camp Velard" in bases(nlp, text)


def test_the_commander_of_the_airfield_is_no_airfield(nlp: Any) -> None:
    text = '"We will hold this runway," said Colonel Rafael Ostan Dirk, the airfield\'s commander.'
    assert bases(nlp, text) == {}


def test_an_apposed_airfield_still_names_the_one_before(nlp: Any) -> None:
    text = "Drones flew from Velmor, a desert airfield in the south, the army said."
    assert "Velmor" in bases(nlp, text)


def test_a_bodys_initials_before_the_kind_say_whose_the_base_is(nlp: Any) -> None:
    text = "Peacekeepers deployed at the UNVEM temporary operating base in Velmor reached the village at dawn."
    base = bases(nlp, text)["Velmor operating base"]
    assert {f.operator for f in base.base_facts} == {"UNVEM"}


def test_a_countrys_initials_are_left_to_the_rules_for_countries(nlp: Any) -> None:
    text = "Soldiers deployed at the UAE temporary operating base in Velmor reached the village at dawn."
    base = bases(nlp, text)["Velmor operating base"]
    assert "UAE" not in {f.operator for f in base.base_facts}


def test_initials_of_a_bases_opening_words_are_the_same_base(nlp: Any) -> None:
    text = (
        "The Velmar Defence Force Support Base, near the port of Olbek, opened in 2017. "
        "Velmaria calls it the VDF Support Base in Ostrava."
    )
    assert len(bases(nlp, text)) == 1


def test_different_words_after_the_initials_are_another_base(nlp: Any) -> None:
    text = "The Velmar Defence Force Support Base opened in 2017. The VDF Naval Base opened in 2019."
    assert len(bases(nlp, text)) == 2


def test_the_base_in_a_town_is_the_one_named_and_placed_there(nlp: Any) -> None:
    text = (
        "The junta ordered French troops out of Air Base 301 in Olbek and American forces out of Air Base 401 near "
        "Velmor. The drone base in Velmor, built by the United States, is now run by the army."
    )
    assert len(bases(nlp, text)) == 2


def test_the_base_in_a_town_no_named_base_is_placed_at_stays_its_own(nlp: Any) -> None:
    text = (
        "The junta ordered French troops out of Air Base 301 in Olbek. "
        "The drone base in Velmor, built by the United States, is now run by the army."
    )
    assert len(bases(nlp, text)) == 2


def test_the_scorer_reads_a_base_named_after_its_kind_and_place_word_by_its_bare_name() -> None:
    assert _bare("drone base in velmor") == _bare("velmor drone base") == "velmor"
    assert _bare("in velmor base") == "in velmor"  # a name that opens with the word keeps it


def test_the_scorer_drops_every_kind_word_the_extraction_reads() -> None:
    assert _bare("velmor test site") == _bare("velmor testing ground") == "velmor"
    assert _bare("velmor training area") == "velmor"
