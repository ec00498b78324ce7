"""A son or brother named by his given name alone after a relative's possessive bears the relative's family name, and a
family name written alone stays the relative's. Every name here is invented."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.models import EntityType, Extracted


def _people(nlp: Any, text: str) -> dict[str, Extracted]:
    return {e.name: e for e in extract(nlp(text)) if e.type is EntityType.PERSON}


def test_a_son_named_after_his_fathers_possessive_bears_the_family_name(nlp: Any) -> None:
    people = _people(
        nlp,
        "Commander Khalid Marwan met officials in Ankara on Monday. Marwan's son Karim, who commands the ground "
        "forces, visited Rome in October. Marwan said the talks would go on.",
    )
    assert "Karim Marwan" in people
    assert "Karim" in {m.surface for m in people["Karim Marwan"].mentions}
    assert "Marwan" in {m.surface for m in people["Khalid Marwan"].mentions}
    assert "Karim" not in people


def test_a_qualifier_between_the_possessive_and_the_kin_word_is_read_past(nlp: Any) -> None:
    people = _people(
        nlp,
        "General Omar Tazir spoke in Benghazi on Sunday. Tazir's eldest son Hamid leads the brigade that holds "
        "the airport.",
    )
    assert "Hamid Tazir" in people


def test_the_family_name_alone_never_joins_the_son_when_the_fathers_full_name_is_not_read(nlp: Any) -> None:
    people = _people(nlp, "Marwan's son Karim visited Rome in October. Marwan said the talks would go on.")
    assert "Karim Marwan" in people
    assert "Marwan" not in {m.surface for m in people["Karim Marwan"].mentions}


def test_a_given_name_after_another_word_gains_no_family_name(nlp: Any) -> None:
    people = _people(nlp, "Omar Tazir's friend Hamid visited Rome in October.")
    assert "Hamid Tazir" not in people
