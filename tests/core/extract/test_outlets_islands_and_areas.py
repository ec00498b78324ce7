"""Names the words around them type or place: an outlet's last word ("Agency", "Wire", "Live") makes a body of what
the model read as a person or a place; an island's noun after a name makes it the place a base is on; a name the
model left untagged before "countryside" or "province" is a place and where a base is. Names invented for these
tests."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.models import EntityType


def kinds(nlp: Any, text: str) -> dict[str, EntityType]:
    return {e.name: e.type for e in extract(nlp(text))}


def located(nlp: Any, text: str, base: str) -> list[str | None]:
    return [f.location for e in extract(nlp(text)) if e.name == base for f in e.base_facts]


def test_an_outlet_in_a_byline_is_a_body(nlp: Any) -> None:
    text = (
        "In pictures: the army rebuilds its airfields\n\n"
        "Photographs by Idris Warsame | Korvash Lens Agency | 12 November 2025\n\n"
        "Soldiers march past a hangar in Velmora."
    )
    assert kinds(nlp, text).get("Korvash Lens Agency") is EntityType.ORGANISATION


def test_a_wire_read_as_a_person_is_a_body(nlp: Any) -> None:
    text = "Sirens sounded in Velmora overnight. A reporter of Caucasus Wire said the ship had left the port."
    assert kinds(nlp, text).get("Caucasus Wire") is EntityType.ORGANISATION


def test_a_one_word_name_like_an_outlet_word_is_left_alone(nlp: Any) -> None:
    # "Watch" alone ends no outlet's name of two words: the rule reads only names of two words or more
    found = kinds(nlp, "Colonel Arvid Monitor inspected the troops in Velmora on Friday.")
    assert found.get("Arvid Monitor") is not EntityType.ORGANISATION


def test_a_base_on_a_named_island_is_on_that_island(nlp: Any) -> None:
    text = "The interceptors moved to the Korvik airfield on Tarsa Land island for an exercise."
    assert located(nlp, text, "Korvik airfield") == ["Tarsa Land"]


def test_an_untagged_name_before_countryside_is_a_place_and_locates_a_base(nlp: Any) -> None:
    text = "The coalition keeps a larger garrison at the Green Meadow base in the Deir ez-Velmor countryside."
    assert kinds(nlp, text).get("Deir ez-Velmor") is EntityType.PLACE
    assert located(nlp, text, "Green Meadow base") == ["Deir ez-Velmor"]


def test_a_name_cut_at_its_glued_article_before_countryside_locates_a_base(nlp: Any) -> None:
    text = "The coalition keeps a larger garrison at the Green Meadow base in the Kafr ez-Velmor countryside."
    assert located(nlp, text, "Green Meadow base") == ["Kafr ez-Velmor"]


def test_a_name_cut_at_its_glued_article_with_no_area_after_it_is_not_read_so(nlp: Any) -> None:
    # no noun of an area after the name: the rule for names cut before "countryside" does not apply
    text = "The coalition keeps a garrison at the Green Meadow base, which Kafr ez-Velmor visited on Monday."
    assert located(nlp, text, "Green Meadow base") != ["Kafr ez-Velmor"]


def test_words_spaced_around_as_are_not_read_as_one_area_name(nlp: Any) -> None:
    # "as" with a space after it is a word of the sentence, not the article joined inside a name
    found = kinds(nlp, "Fighters described Velmora as Tarsk province's last stronghold.")
    assert "Velmora as Tarsk" not in found


def test_a_sentences_first_word_before_an_area_noun_is_no_place(nlp: Any) -> None:
    assert "Western" not in kinds(nlp, "Western district officials met on Monday to discuss the budget.")


def test_two_names_sharing_a_plural_place_noun_are_places(nlp: Any) -> None:
    found = kinds(nlp, "Tarvia also wants a long-term deal on the Velmar and Korvash rivers, its envoy said.")
    assert found.get("Velmar") is EntityType.PLACE
    assert found.get("Korvash") is EntityType.PLACE


def test_a_name_along_which_troops_hold_ground_is_a_place(nlp: Any) -> None:
    found = kinds(nlp, "Tank crews have taken over the old firing ranges along the Velmar, officials said.")
    assert found.get("Velmar") is EntityType.PLACE


def test_two_bodies_joined_before_a_plural_noun_of_no_place_stay_bodies(nlp: Any) -> None:
    # "forces" is no place noun: the names joined before it keep their own labels
    found = kinds(nlp, "The Velmar Front and Korvash Movement forces signed the truce in Tarsk.")
    assert found.get("Korvash Movement") is not EntityType.PLACE


def test_two_islands_read_as_one_name_are_two_places(nlp: Any) -> None:
    found = kinds(nlp, "Iran keeps bases on the Abu Tarsk and Greater Velm islands.")
    assert found.get("Abu Tarsk") is EntityType.PLACE
    assert found.get("Greater Velm") is EntityType.PLACE
    assert "Abu Tarsk and Greater Velm" not in found


def test_a_body_named_with_and_before_a_singular_noun_stays_whole(nlp: Any) -> None:
    # no plural place noun after it: "the Velmar and Korvash Trading Company office" keeps its one name
    found = kinds(nlp, "Police searched the Velmar and Korvash Trading Company office in Tarsk on Monday.")
    assert "Velmar" not in found or found.get("Velmar") is not EntityType.PLACE


def test_two_islands_named_after_islands_of_are_two_places(nlp: Any) -> None:
    text = "The IRGC Navy keeps bases on the islands of Abu Tarsk and Greater Velm, whose ownership is disputed."
    found = kinds(nlp, text)
    assert found.get("Abu Tarsk") is EntityType.PLACE
    assert found.get("Greater Velm") is EntityType.PLACE


def test_a_live_blogs_masthead_line_names_its_outlet(nlp: Any) -> None:
    text = "LIVE: Strikes on the coast - latest updates\n\nTarvia Desk Live | 9 July 2026\n\n09:40 GMT\nSirens sounded."
    assert kinds(nlp, text).get("Tarvia Desk Live") is EntityType.ORGANISATION


def test_a_title_case_line_not_ending_in_an_outlets_word_names_no_outlet(nlp: Any) -> None:
    text = "LIVE: Strikes on the coast - latest updates\n\nSirens Sounded Overnight | 9 July 2026\n\n09:40 GMT\nCalm."
    assert "Sirens Sounded Overnight" not in kinds(nlp, text)


def test_a_plural_common_noun_opening_a_caption_is_no_name(nlp: Any) -> None:
    found = kinds(nlp, "Farmers cross the Velmar river near Tarsk, a town on the road to Korvash.")
    assert "Farmers" not in found
    assert found.get("Tarsk") is EntityType.PLACE


def test_a_body_named_by_a_proper_noun_opening_a_sentence_is_kept(nlp: Any) -> None:
    # a proper noun ("Hezbollah") is tagged as one, not as a common noun in the plural: it stays a name
    assert "Hezbollah" in kinds(nlp, "Hezbollah fired two rockets at Tarsk on Monday.")
