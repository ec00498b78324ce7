"""A long office before a name that holds a body's name ("Chief of the General Staff of the Velmoran Army") and runs
on into a full rank ("Lieutenant General"), as state agencies write them: the office and the rank are two titles,
the body is no speaker, and the rank is no part of the body's name. Every sentence is invented for the test."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.models import EntityType


def people(nlp: Any, text: str) -> dict[str, tuple[list[str], list[str]]]:
    """Each person's titles and quotations."""
    return {
        e.name: ([r.title for r in e.roles], [q.text for q in e.quotes])
        for e in extract(nlp(text))
        if e.type is EntityType.PERSON
    }


def bodies(nlp: Any, text: str) -> list[str]:
    return [e.name for e in extract(nlp(text)) if e.type is EntityType.ORGANISATION]


OFFICE_AFTER_SAID = (
    '"The drill went well," said Chief of the General Staff of the Velmoran Army Lieutenant General Tarek Samnoun.'
)
OFFICE_AS_SUBJECT = (
    "Chief of Staff of the Armed Forces Major General Karim Vaziri told commanders that the defences had "
    '"held firm" all night.'
)
OFFICE_WITH_FOR = (
    "Deputy Chief of the Armed Forces General Staff for Logistics Rear Admiral Dariush Nemati said the fleet was "
    '"ready to sail."'
)


def test_an_office_of_a_body_and_the_rank_after_it_are_two_titles(nlp: Any) -> None:
    titles, _ = people(nlp, OFFICE_AFTER_SAID)["Tarek Samnoun"]
    assert "Chief of the General Staff of the Velmoran Army" in titles
    assert "Lieutenant General" in titles


def test_the_person_after_a_long_office_speaks_not_the_body_inside_it(nlp: Any) -> None:
    assert people(nlp, OFFICE_AFTER_SAID)["Tarek Samnoun"][1] == ["The drill went well"]


def test_a_rank_before_a_name_is_no_part_of_the_body_before_it(nlp: Any) -> None:
    assert not any("General" in b.split()[-1] for b in bodies(nlp, OFFICE_AFTER_SAID))


def test_chief_of_staff_of_a_body_as_subject_is_the_persons_office_and_he_speaks(nlp: Any) -> None:
    titles, said = people(nlp, OFFICE_AS_SUBJECT)["Karim Vaziri"]
    assert "Chief of Staff of the Armed Forces" in titles
    assert said == ["held firm"]


def test_an_office_for_a_branch_keeps_its_whole_name(nlp: Any) -> None:
    titles, said = people(nlp, OFFICE_WITH_FOR)["Dariush Nemati"]
    assert "Deputy Chief of the Armed Forces General Staff for Logistics" in titles
    assert "Rear Admiral" in titles
    assert said == ["ready to sail."]


def test_a_short_title_after_a_reporters_clause_stays_short(nlp: Any) -> None:
    text = "Speaking to reporters, Interior Minister Halim Qarda said the roads were open."
    assert people(nlp, text)["Halim Qarda"][0] == ["Interior Minister"]


def test_a_name_the_model_ran_into_the_body_of_an_office_before_it_is_a_persons(nlp: Any) -> None:
    text = "Secretary of the Security Council Armen Velmoyan said on Wednesday that the talks would go on."
    assert people(nlp, text)["Armen Velmoyan"][0] == ["Secretary of the Security Council"]


def test_a_body_named_after_an_office_without_a_name_stays_a_body(nlp: Any) -> None:
    assert "Security Council" in bodies(nlp, "The head of the Security Council said the talks were over.")
