"""Who keeps a base and where it is, in conventions of English news that hold whatever the story: a unit a base is
home to written with its force's possessive, installations named by a service's designation ("RAF …", "Naval
Support Activity …"), and a base nobody is said to keep in a story about one country's forces. Every sentence is
invented for the test (other names, other countries than the corpus's)."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.models import EntityType


def base(nlp: Any, text: str, name: str) -> tuple[str | None, str | None]:
    """The operator and location the article gives the installation called `name`."""
    found = [e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION and e.name == name]
    assert len(found) == 1, [e.name for e in extract(nlp(text))]
    facts = found[0].base_facts
    return facts[0].operator, facts[0].location


def test_a_base_home_to_a_forces_unit_written_with_its_possessive_is_that_forces(nlp: Any) -> None:
    text = "The Velmor airbase is home to the Egyptian Air Force's flight school."
    assert base(nlp, text, "Velmor airbase")[0] == "Egypt"


def test_the_base_home_to_a_countrys_academy_in_the_next_sentence_is_that_countrys(nlp: Any) -> None:
    text = "Cadets march at Velmor Airbase, west of Tanta. The base is home to the Egyptian Air Force's flight academy."
    assert base(nlp, text, "Velmor Airbase") == ("Egypt", "Tanta")
