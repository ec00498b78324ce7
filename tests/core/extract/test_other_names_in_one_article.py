"""Other names of what an article names: initials in parentheses after a body's name name that body wherever else the
article writes them, even where the model tagged no name inside the parentheses or ran the body's name on into them;
the last word of a base's name, read alone, is the base. Every name here is invented."""

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


def test_the_last_word_of_a_bases_name_read_alone_as_a_name_is_the_base(nlp: Any) -> None:
    text = "Troops took control of the Ain al-Zarqa air base on Thursday. Al-Zarqa was handed over at a ceremony."
    found = [(e.name, e.type, "Al-Zarqa" in e.aliases) for e in extract(nlp(text))]
    assert found == [("Ain al-Zarqa air base", EntityType.INSTALLATION, True)]


def test_a_titled_speaker_named_like_the_last_word_of_a_bases_name_stays_a_person(nlp: Any) -> None:
    text = 'Troops took control of the Ain al-Zarqa air base on Thursday. "The runway is intact," said Colonel Zarqa.'
    assert ("Zarqa", EntityType.PERSON) in [(e.name, e.type) for e in extract(nlp(text))]
