"""Titles and quotations as outlets write them beyond the shapes the tune articles use most: ranks abbreviated
without their dot, offices said by a verb or a passive, titles in brackets, Gulf honorifics, the issuer of a
statement speaking. Sentences and names invented for these tests."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract


def people(nlp: Any, text: str) -> dict[str, list[str]]:
    return {e.name: [r.title for r in e.roles] for e in extract(nlp(text)) if e.type.value == "person"}


def quotes(nlp: Any, text: str) -> dict[str, list[str]]:
    return {e.name: [q.text for q in e.quotes] for e in extract(nlp(text)) if e.quotes}


def test_a_rank_abbreviated_without_dots_is_no_part_of_the_name(nlp: Any) -> None:
    text = "Maj Gen Tomas Verilo, the army's deputy chief of staff, visited the troops on Sunday."
    found = people(nlp, text)
    assert "Tomas Verilo" in found and not any(name.startswith("Maj") for name in found)


def test_a_hyphenated_rank_without_dots_is_no_part_of_the_name(nlp: Any) -> None:
    text = "Maj-Gen Ferro Banul, spokesman for the Zembran armed forces, said guards had taken over the posts."
    found = people(nlp, text)
    assert found.get("Ferro Banul") == ["spokesman for the Zembran armed forces"]


def test_a_rank_without_dots_says_a_person_follows(nlp: Any) -> None:
    text = "Lt Col Orin Dashel, the army's regional spokesman, told residents of the valley to stay indoors."
    assert people(nlp, text).get("Orin Dashel") == ["army's regional spokesman"]


def test_lower_case_words_after_a_rank_name_nobody(nlp: Any) -> None:
    text = "The gen of the old model was sold; the col above the village was closed by snow."
    assert people(nlp, text) == {}
