"""Initials in parentheses after a body's name name that body wherever else the article writes them, even where
the model tagged no name inside the parentheses, or ran the body's name on into them. Every name here is invented."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.models import EntityType


def test_initials_the_model_ran_into_still_name_the_body_before_them(nlp: Any) -> None:
    text = (
        "Velmora's Ministry of National Defense (KSB) said on Thursday that talks must produce results. "
        "The KSB added that 14 were killed."
    )
    bodies = [(e.name, sorted(e.aliases)) for e in extract(nlp(text)) if e.type is EntityType.ORGANISATION]
    assert ("Ministry of National Defense", ["KSB", "Ministry of National Defense"]) in bodies
    assert not [name for name, _ in bodies if "KSB" in name]
