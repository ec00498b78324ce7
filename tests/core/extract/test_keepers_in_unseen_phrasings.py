"""Who keeps a base, in phrasings the tune articles rarely use: a possessive whose owner is the subject of the
sentence before even when it does not open its sentence ("About 900 of them remain, and their jets fly from …"),
warships that sail from a naval base; names the kind reader cut short, so that nobody kept them (a run of
particles, "Camp de la Velmore"; a foreign name opening a sentence that the tagger took for an adjective); a country
that rebuilds a base, named as the subject where the model tagged no place; a cosmodrome, spoken of again as "the
cosmodrome" in the sentence that says who leases it; a country that orders another's forces out of a base; a place
in a second opening phrase ("Far to the north, in Velkar, the Emirati-run airbase at …"), which is where the base
is, not its name. Every sentence is invented for the test (bases and towns the corpus does not name; the parties
are real countries, which is what the rules read)."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.models import EntityType


def keepers(nlp: Any, text: str) -> dict[str, str | None]:
    """The operator of every installation the text names, by name."""
    found = [e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]
    return {e.name: e.base_facts[0].operator for e in found}


def test_a_possessive_after_words_that_name_nobody_is_the_subject_of_the_sentence_before(nlp: Any) -> None:
    text = (
        "Portugal has kept soldiers in Korvania since 1990. About 900 of them remain, and their transport planes "
        "fly from Air Base 412, next to the main airport."
    )
    assert keepers(nlp, text)["Air Base 412"] == "Portugal"


def test_a_possessive_after_a_party_named_in_its_own_sentence_is_not_carried_back(nlp: Any) -> None:
    text = (
        "Portugal has kept soldiers in Korvania since 1990. Norway said in March that its transport planes "
        "would fly from Air Base 412 as well."
    )
    assert keepers(nlp, text)["Air Base 412"] != "Portugal"


def test_warships_that_sail_from_a_naval_base_are_its_keepers(nlp: Any) -> None:
    text = "Its neighbour keeps a fleet nearby. Greek warships sail from the Velmora naval base on the cape."
    assert keepers(nlp, text)["Velmora naval base"] == "Greece"
    text = "Chile keeps its southern squadron at Porto Ventisca. Its frigates sail from the Ventisca naval base."
    assert keepers(nlp, text)["Ventisca naval base"] == "Chile"


def test_a_run_of_particles_inside_a_camps_name_keeps_the_name_whole(nlp: Any) -> None:
    text = "Belgian forces operate from Camp de la Velmore, the base Belgium opened on the coast in 2011."
    assert keepers(nlp, text) == {"Camp de la Velmore": "Belgium"}


def test_a_foreign_name_opening_a_sentence_names_a_base_whatever_the_tagger_took_it_for(nlp: Any) -> None:
    text = "Ķervaļi military base, east of the capital, hosts allied troops. Estonia has run the base since 1994."
    assert keepers(nlp, text) == {"Ķervaļi military base": "Estonia"}
    text = "Troops arrived at Vardeni last week. Vardeni military base, east of the capital, hosts allied troops."
    assert list(keepers(nlp, text)) == ["Vardeni military base"]
    text = "Secret military bases dot the coast, the report said."
    assert keepers(nlp, text) == {}


def test_a_country_that_rebuilds_a_base_keeps_it_even_where_the_model_tags_no_place(nlp: Any) -> None:
    text = "Cyprus rebuilds Velmora naval base, fifteen years after the blast."
    assert keepers(nlp, text) == {"Velmora naval base": "Cyprus"}
    text = "Greece refurbished the Velmora naval base last year."
    assert keepers(nlp, text) == {"Velmora naval base": "Greece"}


def test_a_cosmodrome_leased_to_a_country_in_the_sentence_after_its_name_is_kept_by_it(nlp: Any) -> None:
    text = (
        "Officials from both governments met to discuss the Velkarin cosmodrome on Tuesday. The cosmodrome has "
        "been leased to Russia until 2050 for a yearly fee."
    )
    assert keepers(nlp, text) == {"Velkarin cosmodrome": "Russia"}


def test_a_country_that_orders_anothers_forces_out_of_a_base_holds_it(nlp: Any) -> None:
    text = "When Uzbekistan ordered American forces out of the Velkar air base in 2005, it ended their presence."
    assert keepers(nlp, text) == {"Velkar air base": "Uzbekistan"}
    text = "Last year the Malian army drove French troops out of the Velkar garrison."
    assert keepers(nlp, text) == {"Velkar garrison": "Mali"}


def test_a_place_in_a_second_opening_phrase_does_not_name_the_base_after_its_comma(nlp: Any) -> None:
    text = "Far to the north, in Puntland, the Emirati-run airbase at Velkaso has been busy."
    assert keepers(nlp, text) == {"Velkaso airbase": "United Arab Emirates"}
    text = "Velkar, the Emirati-run airbase near the coast, has been busy since May."
    assert keepers(nlp, text) == {"Velkar airbase": "United Arab Emirates"}
