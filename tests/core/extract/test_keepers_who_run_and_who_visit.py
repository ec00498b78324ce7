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


def test_the_range_speaks_again_of_the_training_area_named_before(nlp: Any) -> None:
    text = (
        "Swedish troops would be based at the Velmor training area north of Tarsk. The range is run by the Finnish "
        "Defence Forces and will remain under Finnish command."
    )
    assert operators(nlp, text) == {"Velmor training area": "Finland"}


def test_the_range_of_a_weapon_is_no_training_ground(nlp: Any) -> None:
    text = "Troops drilled at the Korvik firing range near Tarsk. The range of the new missiles is 300 km."
    assert operators(nlp, text) == {"Korvik firing range": None}


def test_a_verb_joined_with_no_subject_of_its_own_speaks_of_the_same_base(nlp: Any) -> None:
    text = (
        "Turkish instructors will train pilots at the Velmor air base north of Tarsk, and Ankara would use Velmor as "
        "a test case. The air base, near the town of Korvik, is under the control of the Syrian army and will remain "
        "a Syrian facility."
    )
    assert operators(nlp, text) == {"Velmor air base": "Syria"}


def test_whose_forces_have_held_the_base_keep_it(nlp: Any) -> None:
    text = (
        "A drone hit the Velmor air base in Homs province, which the U.S.-led coalition has used since 2019. "
        "Syria's defence ministry, whose forces have held the base since January, condemned the strike."
    )
    assert operators(nlp, text) == {"Velmor air base": "Syria"}


def test_who_opened_a_base_keeps_it(nlp: Any) -> None:
    text = "Japan opened the Velmor air base in Djibouti to support its anti-piracy patrols."
    assert operators(nlp, text) == {"Velmor air base": "Japan"}


def test_a_country_owning_a_navy_is_that_country_whatever_the_model_tags_it(nlp: Any) -> None:
    text = (
        "In Tarsk, the navy keeps its few ships at the port, while Croatia's navy is based at Velmor naval base in "
        "Korvik's western district of Spinut."
    )
    assert operators(nlp, text) == {"Velmor naval base": "Croatia"}


def test_whose_the_town_is_says_nothing_of_who_keeps_the_base_in_it(nlp: Any) -> None:
    text = "Further west, Russia's forces still operate from the 102nd military base in Tarsk, Armenia's second city."
    assert operators(nlp, text) == {"102nd military base": "Russia"}
