"""A body's name the model cuts in two at "for" or "of" is one name again; two bodies side by side are not joined.
Names invented for these tests."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract


def names_of(nlp: Any, text: str) -> list[str]:
    return [e.name for e in extract(nlp(text))]


def test_an_office_cut_before_for_the_is_one_body(nlp: Any) -> None:
    text = "The U.N. Office for the Coordination of Humanitarian Affairs (OCHA) said 4,000 people had fled Velmora."
    found = names_of(nlp, text)
    assert "U.N. Office for the Coordination of Humanitarian Affairs" in found
    assert "Coordination of Humanitarian Affairs" not in found


def test_two_bodies_joined_by_and_stay_two(nlp: Any) -> None:
    # "and" joins two bodies, not one body's parts: only "for" or "of" after a body's noun carries a name on
    found = names_of(nlp, "The Tarvian Defence Ministry and the Velmora Trading Company signed the contract.")
    assert not any(" and " in name for name in found)


def test_a_unit_of_an_armed_force_is_not_joined_to_it(nlp: Any) -> None:
    # a brigade "of" an army is one body of another: the rule joins only civil bodies' heads ("Office", "Committee")
    found = names_of(nlp, "The 1st Infantry Brigade of the Tarvian Defence Forces trained near Velmora in winter.")
    assert not any("Brigade of" in name for name in found)
