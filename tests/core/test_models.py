"""How the evidence decides an entity's type."""

from __future__ import annotations

import pytest

from bot.core import names
from bot.core.models import EntityType, decide_type

PERSON, BODY, PLACE = EntityType.PERSON, EntityType.ORGANISATION, EntityType.PLACE


def test_the_most_evidence_decides() -> None:
    assert decide_type({BODY: 2.0, PLACE: 1.5}, "korvel") is BODY
    assert decide_type({BODY: 1.0, PLACE: 1.5}, "korvel university") is PLACE
    assert decide_type({}, "korvel") is PLACE


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Korvel", PLACE),  # "Korvel condemned …" read as a body as often as "in Korvel" says where: the town
        ("Korvel University", BODY),
        ("University of Korvel", BODY),
        ("Institute for Regional Security", BODY),
        ("Korvel Foreign Ministry", BODY),
    ],
)
def test_a_tie_between_a_body_and_a_place_is_the_place_unless_the_name_says_body(name: str, kind: EntityType) -> None:
    assert decide_type({BODY: 7.0, PLACE: 7.0}, names.key(name)) is kind


def test_across_articles_nearly_as_much_place_evidence_as_body_evidence_is_a_place() -> None:
    """A town many stories make an actor ("Korvel condemned …", one bare label each), a few place: still the town."""
    assert decide_type({BODY: 16.0, PLACE: 14.0}, "korvel") is PLACE
    assert decide_type({BODY: 16.0, PLACE: 14.0}, names.key("Korvel Ministry of Interior")) is BODY
    assert decide_type({BODY: 16.0, PLACE: 14.0}) is BODY


def test_a_tie_with_a_person_is_still_the_person() -> None:
    assert decide_type({PERSON: 1.0, BODY: 1.0}, "rojhat sido") is PERSON
    assert decide_type({PERSON: 1.0, PLACE: 1.0}, "rojhat sido") is PERSON


def test_within_one_article_a_tie_between_a_body_and_a_place_stays_the_body() -> None:
    """One label against one cue ("near Al-Shabaab camps"): no name key, the order of `EntityType`."""
    assert decide_type({BODY: 1.0, PLACE: 1.0}) is BODY
