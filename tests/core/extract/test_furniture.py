"""The furniture of news copy is no name: a section label, a month in a date line, editors' initials, the roles of
a credit line, and a preposition opening a sentence before a name. Text written for these tests."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract


def named(nlp: Any, text: str) -> set[str]:
    return {e.name for e in extract(nlp(text))}


def test_a_section_label_a_date_line_month_and_editors_initials_are_no_names(nlp: Any) -> None:
    text = (
        "EXPLAINER\n"
        "Why the airbase matters to Moscow\n"
        "12 FEB 2026, 09:40\n\n"
        "DAMASCUS, Feb. 12 (SANA) - The governor of Latakia met a Russian delegation on Thursday.\n\n"
        "M.Kh / R.A"
    )
    found = named(nlp, text)
    assert not found & {"EXPLAINER", "FEB", "M.Kh", "R.A"}


def test_the_roles_of_a_credit_line_are_no_organisations(nlp: Any) -> None:
    text = (
        "The minister said the talks would go on next week in Ankara.\n\n"
        "(Reporting by Selin Aydin; Writing by Mark Holt; Editing by Jane Moss)"
    )
    found = named(nlp, text)
    assert "Writing" not in found and "Editing" not in found and "Selin Aydin" in found


def test_a_preposition_opening_a_sentence_is_no_part_of_a_name(nlp: Any) -> None:
    found = named(nlp, "Without Khmeimim, Russia would have no airfield in the region, analysts say.")
    assert not any(name.startswith("Without") for name in found)


def test_what_a_photo_byline_credits_before_by_is_no_name(nlp: Any) -> None:
    """ "Photographs by …" under a headline: the model reads the headline on into the byline and takes the word
    for a person's name."""
    text = (
        "In pictures: Ardania's river forts\n"
        "Photographs by Ilse Marn and Tomas Verlo | Velmora Photo Desk | 21 November 2026\n"
        "Soldiers of the Ardanian river guard raise the flag over Fort Kessel on 7 March 2026. (Ilse Marn)"
    )
    found = named(nlp, text)
    assert "Photographs" not in found
    assert "Ilse Marn" in found
