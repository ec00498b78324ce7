"""Who keeps a base and where it is, in phrasings of news about bases far from Syria that the rules before did not
read: a definite apposition of a kind of site after a name ("Velmor, the Egyptian naval base where …"). Every
sentence is invented for the test."""

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
