"""Readings a second hostile review of this session's rules found wrong on invented sentences (every name is
invented): a capitalised "Col" before a particle is a mountain pass and "Gen" before a letter a generation, no
rank before a person's name; "known as" ending a name's own relative clause ("X, who … and is known as Y") names it."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.extract import extract
from bot.core.models import EntityType


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Cyclists climbed the Col de Varenne on Tuesday, and troops crossed the Col du Marbre at dawn.", "Varenne"),
        ("Gen Z protesters filled the streets of Tarvel, and many Gen Z Kordanians have left the country.", "Z"),
    ],
)
def test_a_short_rank_before_no_name_is_no_rank(nlp: Any, text: str, word: str) -> None:
    found = extract(nlp(text))
    titled = [(e.name, r.title) for e in found for r in e.roles if e.type is EntityType.PERSON]
    assert not any(word in name for name, _ in titled), titled


def test_a_short_rank_before_a_name_stays_a_rank(nlp: Any) -> None:
    found = {e.name: [r.title for r in e.roles] for e in extract(nlp("Col Dario Venn said the road was open."))}
    assert found.get("Dario Venn") == ["Col"]


@pytest.mark.parametrize(
    ("text", "name", "alias"),
    [
        (
            "Omar Rassan, who led the militia for a decade and was known as Abu Firas, died on Monday in Tarvel.",
            "Omar Rassan",
            "Abu Firas",
        ),
        (
            "The Tarvel Brigade, which controls the port and is known as the Lions of Tarvel, denied the report.",
            "Tarvel Brigade",
            "Lions of Tarvel",
        ),
        (
            "The commander Saleh Dorran, who fought in Kordania and is known as Abu Laith, was captured.",
            "Saleh Dorran",
            "Abu Laith",
        ),
    ],
)
def test_an_alias_cue_in_a_names_own_relative_clause_names_it(nlp: Any, text: str, name: str, alias: str) -> None:
    """The verbs of "who …" or "which …" after a name say what it does: the "known as" that ends the clause is the
    name's too, not a name of a place the clause mentions."""
    found = {e.name: e.aliases for e in extract(nlp(text))}
    assert alias in found[name]


def test_an_alias_cue_set_off_inside_a_relative_clause_names_what_it_follows(nlp: Any) -> None:
    text = "Colonel Idris Fahl, who said the air base, known as Tarvel West, was hit twice, left on Monday."
    found = {e.name: e.aliases for e in extract(nlp(text))}
    assert "Tarvel West" not in found["Idris Fahl"]


def test_a_title_after_a_town_based_compound_is_not_cut_inside_it(nlp: Any) -> None:
    """ "The Tarvel-based analyst Omar Fenn": the title is the analyst's, not "based analyst"."""
    found = {e.name: [r.title for r in e.roles] for e in extract(nlp("The Tarvel-based analyst Omar Fenn said so."))}
    assert not any(title.startswith("based") for title in found["Omar Fenn"]), found
