"""Readings a second hostile review of this session's rules found wrong on invented sentences (every name is
invented): a capitalised "Col" before a particle is a mountain pass and "Gen" before a letter a generation, no
rank before a person's name."""

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
