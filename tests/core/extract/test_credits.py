"""News agencies credited by the conventions of news copy (dateline tags, "news agency X"), and the abbreviation
guard of cross-article resolution. Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Span

from bot.core.extract import extract
from bot.core.models import EntityType
from bot.core.store import Store
from tests.core.store.test_store import add


def organisations(nlp: Any, text: str | Any) -> set[str]:
    """The organisations found in a text, or in a parsed document given instead."""
    doc = nlp(text) if isinstance(text, str) else text
    return {e.name for e in extract(doc) if e.type is EntityType.ORGANISATION}


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("KAZAN, May 4. /KBNA/. The governor opened a new bridge over the river on Sunday.", "KBNA"),
        ("ERBIL, Iraq (Kurdpress) - The regional parliament met on Sunday to elect a speaker.", "Kurdpress"),
        ("Homs, SIRNA- The governor opened a new bridge over the river on Sunday.", "SIRNA"),
        ("The blasts were reported by the official news agency IRNU, which gave no toll.", "IRNU"),
        ("Explosions were heard overnight, the state news agency, KBNA, reported.", "KBNA"),
        (
            "Photo: Traders wait at a checkpoint on the road to the border. (Photo: Kurdpress)\n\nThe road reopened.",
            "Kurdpress",
        ),
    ],
)
def test_an_agency_credited_as_news_copy_credits_it_is_an_organisation(nlp: Any, text: str, agency: str) -> None:
    assert agency in organisations(nlp, text)


def test_a_photographer_credited_under_a_photo_is_no_agency(nlp: Any) -> None:
    text = "Photo: Traders wait at a checkpoint on the road to the border. (Photo: Delan Hesso)\n\nThe road reopened."
    assert organisations(nlp, text) == set()


def test_an_alias_statement_names_nothing_in_the_caption_before_its_sentence(nlp: Any) -> None:
    text = (
        "Photo: Fighters walk through the ruins of the old market. (Photo: Kurdpress)\n\nThe city, known in Arabic as "
        "Ayn Barda, became a symbol of resistance in 2014."
    )
    assert {e.name for e in extract(nlp(text)) if "Kurdpress" in e.aliases} == {"Kurdpress"}


def test_a_capitalised_word_after_a_dateline_place_is_no_agency(nlp: Any) -> None:
    assert "Syria" not in organisations(nlp, "DAMASCUS, Syria - The governor opened a new bridge on Sunday.")


def test_an_abbreviation_is_not_a_spelling_of_a_word(store: Store, nlp: Any) -> None:
    add(store, nlp, "Residents of Sanaa said the power cuts had grown longer this month.", day=1)
    add(store, nlp, "The state news agency SANA said the new bridge would open in May.", day=2)
    assert sorted((e.name, e.article_count) for e in store.entities_by_key("SANA")) == [("SANA", 1), ("Sanaa", 1)]


def test_the_names_a_byline_and_a_credit_line_give_are_people(nlp: Any) -> None:
    text = (
        "Deal on the port is near\n"
        "By Tamar Golan\n\n"
        "BEIRUT, Feb 24 (Reuters) - The two governments are close to a deal on the port, officials said.\n\n"
        "(Reporting by Rania Aboud in Beirut and Pavel Orlov in Moscow; Editing by Simon Whitcombe)"
    )
    people = {e.name for e in extract(nlp(text)) if e.type is EntityType.PERSON}
    assert {"Tamar Golan", "Pavel Orlov", "Simon Whitcombe"} <= people


def test_bare_initials_join_no_body_that_bears_them_only_as_its_initials(store: Store, nlp: Any) -> None:
    add(
        store,
        nlp,
        "The Velmor Agency said the minister would visit the port on Sunday, the Velmor Agency reported.",
        day=1,
    )
    add(store, nlp, "KONYA (VA) - The minister visited the air base on Sunday, VA reported.", day=2)
    add(store, nlp, "A Velmor Airways passenger jet landed safely after a bird strike, officials said.", day=3)
    add(store, nlp, "ANKARA (VA) - The minister opened a new bridge over the river, VA reported.", day=4)
    kinds = {e.name: e.article_count for e in store.entities_by_key("Velmor Airways")}
    assert kinds == {"Velmor Airways": 1}


def _people(nlp: Any, text: str) -> set[str]:
    return {e.name for e in extract(nlp(text)) if e.type is EntityType.PERSON}


@pytest.mark.parametrize(
    "head",
    [
        "Ferry strike ends at Korvel harbour\nThe Velmora Ledger\nBy Olek Varga | 3 May 2026\n\n",
        "# Ferry strike ends at Korvel harbour\n\n*Velmora Ledger — Analysis*\n*By Olek Varga | 3 May 2026*\n\n",
        "Ferry strike ends at Korvel harbour\nVelmora Ledger\nPhotos and text by Olek Varga, staff writer\n\n",
    ],
)
def test_the_outlet_printed_above_the_byline_is_an_organisation_and_the_writer_a_person(nlp: Any, head: str) -> None:
    text = head + "KORVEL — Dock workers returned to the harbour on Monday after a two-week strike over pay."
    found = {(e.name, e.type) for e in extract(nlp(text))}
    assert ("Velmora Ledger", EntityType.ORGANISATION) in found
    assert ("Olek Varga", EntityType.PERSON) in found


def test_a_label_of_the_kind_of_story_above_the_byline_is_no_outlet(nlp: Any) -> None:
    text = "Can the harbour reopen?\nANALYSIS\nBy Olek Varga | 3 May 2026\n\nDock workers struck for two weeks."
    assert not any(e.name.casefold() == "analysis" for e in extract(nlp(text)))


def test_every_writer_a_credit_line_names_is_a_person(nlp: Any) -> None:
    text = (
        "KORVEL, May 3 (Velmora Wire) - Dock workers returned to the harbour on Monday after a two-week strike. "
        "(Reporting by Emil Sarto in Korvel and Nadia Kerrow in Dastra; Editing by Ines Harrow)"
    )
    assert {"Emil Sarto", "Ines Harrow"} <= _people(nlp, text)  # the model found no "Emil Sarto"


def test_the_capitalised_words_the_model_left_off_a_name_its_initials_spell_belong_to_it(nlp: Any) -> None:
    text = "Fighters of Jabhat Tahrir al-Velm (JTV), the group led by Omar al-Korvi, entered the town on Monday."
    doc = nlp(text)
    start = text.index("Tahrir")
    part = doc.char_span(start, start + len("Tahrir al-Velm"), alignment_mode="expand")
    doc.ents = [e for e in doc.ents if e.end <= part.start - 1 or e.start >= part.end] + [
        Span(doc, part.start, part.end, label="PERSON")
    ]  # the model's reading of "Hayat Tahrir al-Sham (HTS)": "Hayat" left out, the rest a person
    assert "Jabhat Tahrir al-Velm" in organisations(nlp, doc)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Kurdish-led forces took the city in 2017 after driving out the Islamic State group with US backing.",
         "Islamic State"),
        ("Fighters of the Velmoran Patriotic Front militia seized the bridge on Monday.", "Velmoran Patriotic Front"),
    ],
)  # fmt: skip
def test_capitalised_words_before_a_noun_of_a_bodys_kind_name_the_body(nlp: Any, text: str, body: str) -> None:
    assert body in organisations(nlp, text)


def test_words_for_a_people_before_a_noun_of_a_bodys_kind_name_no_body(nlp: Any) -> None:
    assert organisations(nlp, "The Syrian Kurdish group said on Monday that its fighters would stay.") == set()
