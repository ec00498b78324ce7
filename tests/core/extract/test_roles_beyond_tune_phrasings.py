"""Titles that reporting beyond the tune corpus's usual outlets gives people: an occupation set off after a name
that the title words lacked. Every sentence is invented for the test (other names than the corpus's)."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.models import EntityType


def test_a_scientist_set_off_after_the_name_is_that_persons_title(nlp: Any) -> None:
    text = '"Small states rent out their runways," said Tarin Velsko, a political scientist in Korvel.'
    people = {e.name: [r.title for r in e.roles] for e in extract(nlp(text)) if e.type is EntityType.PERSON}
    assert any("political scientist" in title for title in people["Tarin Velsko"])
