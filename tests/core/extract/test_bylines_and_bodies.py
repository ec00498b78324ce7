"""Bylines as regional outlets print them: "By NAME | OUTLET | date" (in Markdown between asterisks too) and "By
NAME - OUTLET". The writer is a person even when the model missed the name or ran it into the outlet; the outlet is
a body; and the story's people are not taken for the writer when they share the family name. Bodies: a name set
before an apposition whose noun is a body is one, and a headline's short name of a body ("Navy commander: …") is the
one the story names first. Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.extract import extract
from bot.core.models import EntityType

STORY = "\n\nBEIRUT — Officials said on Friday that the new road to the port would open next month."


def kinds(nlp: Any, text: str) -> dict[str, EntityType]:
    return {e.name: e.type for e in extract(nlp(text))}


@pytest.mark.parametrize(
    ("byline", "writer", "outlet"),
    [
        ("By Nadira Soueid | Cedar Courier | 14 November 2026", "Nadira Soueid", "Cedar Courier"),
        ("*By Nadira Soueid | Cedar Courier | 14 November 2026*", "Nadira Soueid", "Cedar Courier"),
        ("By Shivan Berwari - Zagros Daily", "Shivan Berwari", "Zagros Daily"),
        ("By Fajer Al-Mutairi | Gulf Ledger | Kuwait, 23 November 2026", "Fajer Al-Mutairi", "Gulf Ledger"),
    ],
)
def test_a_bylines_writer_is_a_person_and_its_outlet_a_body(nlp: Any, byline: str, writer: str, outlet: str) -> None:
    found = kinds(nlp, f"Road to the port to reopen\n{byline}{STORY}")
    assert found.get(writer) is EntityType.PERSON
    assert found.get(outlet) is EntityType.ORGANISATION


def test_a_person_quoted_by_family_name_is_not_the_writer_who_shares_it(nlp: Any) -> None:
    text = (
        "Drones downed near the base\nBy Rana Khoury\n\n"
        "Lt. Col. Nabil Khoury, a ministry spokesman, said the drones were shot down.\n\n"
        'Khoury, the ministry spokesman, said the search went on. "We will find them," he added.'
    )
    people = {e.name: [q.text for q in e.quotes] for e in extract(nlp(text)) if e.type is EntityType.PERSON}
    assert "Khoury" not in people
    assert people["Nabil Khoury"] == ["We will find them"]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "Kataib Velmor, an Iraqi armed group close to Iran, claimed the attacks.",
            "Kataib Velmor",
            EntityType.ORGANISATION,
        ),
        ("Saraya Dorn, a militia loyal to the old regime, denied it.", "Saraya Dorn", EntityType.ORGANISATION),
        ("Tomas Bren, a party official, said the vote was fair.", "Tomas Bren", EntityType.PERSON),
        (
            "Kataib Velmor, an Iran-aligned armed group, said it was not behind the attack.",
            "Kataib Velmor",
            EntityType.ORGANISATION,
        ),
        ("Tomas Bren, a Kyiv-born official, said the vote was fair.", "Tomas Bren", EntityType.PERSON),
    ],
)
def test_an_apposition_whose_noun_is_a_body_makes_the_name_a_bodys(
    nlp: Any, text: str, name: str, kind: EntityType
) -> None:
    assert kinds(nlp, text).get(name) is kind


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "The Iran-backed group Kataib Velmor claimed a drone attack on Thursday.",
            "Kataib Velmor",
            EntityType.ORGANISATION,
        ),
        ("Fighters of the militia Saraya Dorn left the town overnight.", "Saraya Dorn", EntityType.ORGANISATION),
        ("The group's leader Tomas Bren said the vote was fair.", "Tomas Bren", EntityType.PERSON),
        ("A party official, Tomas Bren, said the vote was fair.", "Tomas Bren", EntityType.PERSON),
    ],
)
def test_a_name_right_after_a_bodys_noun_is_that_body(nlp: Any, text: str, name: str, kind: EntityType) -> None:
    assert kinds(nlp, text).get(name) is kind


def test_a_headlines_short_name_of_a_body_is_the_one_the_story_names_first(nlp: Any) -> None:
    text = (
        "Navy commander: new destroyer to join the southern fleet\n\n"
        "The Velmoran Republic Navy will commission its newest destroyer, Navy Commander Aram Tesh said. "
        "The Velmoran Guard Navy keeps its own bases. The Navy said the ship was ready."
    )
    bodies = {e.name: len(e.mentions) for e in extract(nlp(text)) if e.type is EntityType.ORGANISATION}
    assert "Navy" not in bodies
    assert bodies["Velmoran Republic Navy"] >= 3
