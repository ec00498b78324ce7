"""Who keeps a base when others come and go: who runs or shares it ("is run by the Estonian Air Force", "which the
Kuwait Air Force shares with the US Air Force") says more than forces deployed there; forces that "will deploy" to it
are not there yet; "which the United States built … and left" is left; a base "handed over" to no one named goes to
the country it stands in. Every sentence is invented for the test."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.models import EntityType


def operators(nlp: Any, text: str) -> dict[str, str | None]:
    """Each installation the text names, with its operator."""
    found = [e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]
    return {e.name: e.base_facts[0].operator for e in found}


def test_who_runs_the_base_outweighs_the_jets_deployed_to_it(nlp: Any) -> None:
    text = (
        "Spanish jets have deployed to Velmor air base, west of Tarsk, for four months. The base is run by the "
        "Estonian Air Force."
    )
    assert operators(nlp, text) == {"Velmor air base": "Estonia"}


def test_jets_deployed_to_a_base_nobody_is_said_to_run_still_keep_it(nlp: Any) -> None:
    text = "Spanish jets have deployed to Velmor air base, west of Tarsk, for four months."
    assert operators(nlp, text) == {"Velmor air base": "Spain"}


def test_bombers_that_will_deploy_to_a_base_do_not_keep_it(nlp: Any) -> None:
    text = (
        "The bombers will deploy to Korvik air base from Tarsk next year. The base is home to the Australian air "
        "force's fighters."
    )
    assert operators(nlp, text) == {"Korvik air base": "Australia"}
    assert operators(nlp, "The bombers will deploy to Korvik air base from Tarsk next year.") == {
        "Korvik air base": None
    }


def test_who_shares_a_base_with_a_guest_keeps_it(nlp: Any) -> None:
    text = (
        "Jets fly from Velmor Air Base, 30 km west of Tarsk, which the Kuwait Air Force shares with the US Air Force."
    )
    assert operators(nlp, text) == {"Velmor Air Base": "Kuwait"}


def test_a_relative_clause_after_a_name_set_beside_a_country_speaks_of_the_name(nlp: Any) -> None:
    text = "It keeps a base in Gabon, Camp Velmor in Tarsk, which Paris now shares with the Gabonese army."
    assert operators(nlp, text) == {"Camp Velmor": "France"}


def test_a_verb_joined_to_a_relative_clause_says_the_builder_left(nlp: Any) -> None:
    left = "Velmor Air Base in Tarsk, which the United States built for $100 million and left in 2024, will close."
    assert operators(nlp, left) == {"Velmor Air Base": None}
    kept = "Velmor Air Base in Tarsk, which the United States built for $100 million and still uses, is a hub."
    assert operators(nlp, kept) == {"Velmor Air Base": "United States"}


def test_a_base_handed_over_to_no_one_named_goes_to_the_country_it_stands_in(nlp: Any) -> None:
    text = (
        "French troops left Tarsk in 2023, and US forces handed over the drone base at Velmor, in Niger, in August "
        "2024."
    )
    assert operators(nlp, text) == {"Velmor drone base": "Niger"}


def test_a_base_still_to_be_handed_over_is_kept_by_who_will_hand_it(nlp: Any) -> None:
    text = "US forces will hand over the drone base at Velmor, in Niger, next year."
    assert operators(nlp, text) == {"Velmor drone base": "United States"}
