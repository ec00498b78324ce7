"""Where a base is when the text places it in a part of the capital ("in the capital's Tarvik district"): in that
part, not in the capital the country has. Every sentence is invented for the test."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.models import EntityType


def locations(nlp: Any, text: str) -> dict[str, str | None]:
    """Each installation the text names, with its location."""
    found = [e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]
    return {e.name: e.base_facts[0].location for e in found}


def test_a_district_the_capital_owns_is_where_the_base_is(nlp: Any) -> None:
    text = "In Kuwait, officials met on Monday at Camp Velmor, the American base in the capital's Tarvik district."
    assert list(locations(nlp, text).values()) == ["Tarvik"]


def test_the_capital_alone_is_still_the_capital(nlp: Any) -> None:
    text = "In Kuwait, officials met on Monday at Camp Velmor, the American base in the south of the capital."
    assert list(locations(nlp, text).values()) == ["Kuwait City"]
