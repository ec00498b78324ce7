"""Readings that a check on news the rules were not written from got wrong: a country the model labels a body, a
body one is said to be "in". Every sentence is invented."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.models import EntityType


def _types(nlp: Any, text: str) -> dict[str, EntityType]:
    return {e.name: e.type for e in extract(nlp(text))}


def test_a_country_the_model_labels_a_body_is_a_place(nlp: Any) -> None:
    text = "Prime Minister Tigran Vardanyan said in February that Armenia had frozen its participation in the alliance."
    assert nlp(text).ents[2].label_ == "ORG"  # what the rule is for: the model's label of the country
    assert _types(nlp, text)["Armenia"] is EntityType.PLACE


def test_a_body_one_takes_part_in_is_no_place(nlp: Any) -> None:
    text = "Armenia had frozen its participation in the Collective Security Treaty Organization, Vardanyan said."
    assert _types(nlp, text)["Collective Security Treaty Organization"] is EntityType.ORGANISATION
