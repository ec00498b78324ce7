"""Where a base is when outlets place it in ways the model reads poorly: a town it tagged as a product or left
untagged right after the base's name, an adjective the parser hangs on the verb ("in occupied Tarsk"), a town written
as the owner of the base ("Tarsk's Velmor air base") or of its governor, and "the city" or "the port town" spoken of
again. Every sentence is invented for the test."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span

from bot.core.extract import extract
from bot.core.models import EntityType


def locations(nlp: Any, text: str, misread: dict[str, str] | None = None) -> dict[str, str | None]:
    """Each installation the text names, with its location; `misread` gives words the label the small model gives
    lesser-known towns ("" for none), so that the test does not hang on how it reads an invented name."""
    doc = nlp(text)
    for word, label in (misread or {}).items():
        tok = next(t for t in doc if t.text == word)
        kept = [e for e in doc.ents if not (e.start <= tok.i < e.end)]
        if label:
            doc.set_ents([*kept, Span(doc, tok.i, tok.i + 1, label=label)], default="unmodified")
        else:
            doc.set_ents([], outside=[doc[tok.i : tok.i + 1]], default="unmodified")
    found = [e for e in extract(doc) if e.type is EntityType.INSTALLATION]
    return {e.name: e.base_facts[0].location for e in found}


def test_a_town_right_after_the_name_places_the_base_whatever_the_model_took_it_for(nlp: Any) -> None:
    text = (
        "Air Base 305 in Agadrem, which the army built for 20 million dollars and left in August 2024, will become "
        "a training centre."
    )
    assert locations(nlp, text, {"Agadrem": "PRODUCT"})["Air Base 305"] == "Agadrem"


def test_an_untagged_town_after_in_right_after_the_name_places_the_base(nlp: Any) -> None:
    text = (
        "HMS Corvane has completed a maintenance period at the Velmor naval base in Tulq, on the country's southern "
        "coast, the navy announced."
    )
    assert list(locations(nlp, text, {"Tulq": ""}).values()) == ["Tulq"]


def test_an_occupied_region_after_the_name_places_the_base(nlp: Any) -> None:
    text = "Drones hit two bombers at the Velmor airfield in occupied Tarsenia overnight, the agency said."
    assert locations(nlp, text, {"Tarsenia": "ORG"})["Velmor airfield"] == "Tarsenia"


def test_a_town_written_as_the_owner_of_the_base_places_it(nlp: Any) -> None:
    text = "In the west of the country, Tarsk's Velmor air base was also attacked, the regional governor wrote."
    assert locations(nlp, text, {"Tarsk": "PRODUCT"})["Velmor air base"] == "Tarsk"


def test_the_city_whose_governor_spoke_is_the_city_the_base_stands_outside(nlp: Any) -> None:
    text = (
        "Satellite images have not yet been published. Olbekgrad's governor Mikhail Tarvenko says air defences shot "
        "down drones over the Velmor air base, just outside the city."
    )
    assert locations(nlp, text, {"Olbekgrad": "ORG"})["Velmor air base"] == "Olbekgrad"


def test_the_city_owning_an_airport_is_the_dateline_city_even_a_capital(nlp: Any) -> None:
    text = (
        "NIAMEY, Oct 8, 2026 (AFP) - The government said it had assigned its former foreign bases to the air force. "
        "Air Base 305, next to the city's international airport, will house the new drones."
    )
    assert locations(nlp, text)["Air Base 305"] == "Niamey"


def test_a_region_keeps_its_word_apart_from_the_town_it_is_named_after(nlp: Any) -> None:
    text = "Missiles hit the Velmor air base in the Tarsk region again, the regional administration said."
    assert locations(nlp, text)["Velmor air base"] == "Tarsk region"


def test_a_base_with_a_name_of_its_own_is_not_put_in_a_dateline_town_another_base_is_named_after(nlp: Any) -> None:
    text = (
        "Allied crews train together in the north\n\n"
        "OLBEK - Allied crews trained together this week at Olbek Air Base, home to a fighter wing.\n\n"
        "The carrier group later left Tarvik naval base, where the fleet keeps its headquarters."
    )
    assert locations(nlp, text)["Tarvik naval base"] == "Tarvik"


def test_a_town_the_sentence_opens_with_places_the_base_nothing_after_it_places(nlp: Any) -> None:
    text = "In Olbek, Turkish officers run Camp Velmor, where thousands of soldiers have been trained since 2017."
    assert locations(nlp, text, {"Olbek": "GPE"})["Camp Velmor"] == "Olbek"


def test_a_place_after_the_name_outranks_the_town_the_sentence_opens_with(nlp: Any) -> None:
    text = "In Olbek, officials said the army would also keep Camp Velmor near the town of Tarvik."
    assert locations(nlp, text, {"Olbek": "GPE"})["Camp Velmor"] == "Tarvik"
