"""Across articles: a base's bare name the model once read as a man's, stored before the base was named in full,
is the base once it is; a person of that name with more to him than one reading stays a person. Every name here is
invented."""

from __future__ import annotations

from typing import Any

from bot.core.models import EntityType
from bot.core.store import Store
from tests.core.store.test_store import add

MISREAD = "Washington moved those operations to Al Varesh in Kordania in 2003."
BASE = "Drones were shot down over the Al Varesh air base in Kordania on Monday, the defence ministry said."


def kinds(store: Store, name: str) -> list[EntityType]:
    return sorted(e.type for e in store.entities_by_key(name))


def test_a_bare_name_read_once_as_a_mans_joins_the_base_named_later(store: Store, nlp: Any) -> None:
    add(store, nlp, MISREAD, day=1)
    add(store, nlp, BASE, day=2)
    assert EntityType.PERSON not in kinds(store, "Al Varesh")
    assert EntityType.INSTALLATION in kinds(store, "Al Varesh")


def test_a_person_with_a_title_under_that_name_stays_a_person(store: Store, nlp: Any) -> None:
    quoted = '"We will hold the line," said Varesh, the commander of the local militia.'
    add(store, nlp, quoted, day=1)
    add(store, nlp, "Drones were shot down over the Varesh air base in Kordania on Monday, officials said.", day=2)
    assert EntityType.PERSON in kinds(store, "Varesh")


def test_a_bare_name_that_speaks_stays_a_person_when_a_base_is_named_so(store: Store, nlp: Any) -> None:
    add(store, nlp, "Talks on the ceasefire collapsed on Sunday, Tariq told reporters in Olbek.", day=1)
    add(store, nlp, "Missiles struck the Tariq air base in Kordania on Monday, the defence ministry said.", day=2)
    assert EntityType.PERSON in kinds(store, "Tariq")
