"""One operator and one location per installation per article, read from every mention of it."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.extract import extract
from bot.core.models import EntityType, Extracted


def base(nlp: Any, text: str, name: str) -> tuple[str | None, str | None]:
    """The operator and location the article gives the installation called `name`."""
    found = [e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION and e.name == name]
    assert len(found) == 1, [e.name for e in extract(nlp(text))]
    facts: list[Extracted] = found
    operators = {f.operator for f in facts[0].base_facts}
    locations = {f.location for f in facts[0].base_facts}
    assert len(operators) == 1 and len(locations) == 1  # one answer for the article, whatever the sentence
    return operators.pop(), locations.pop()


def test_an_apposition_of_the_bare_name_gives_owner_and_town(nlp: Any) -> None:
    text = (
        "Cargo flights through Korvik Air Base rose sharply on Tuesday. "
        "Korvik, a Turkish air base near the southern city of Adana, has hosted U.S. aircraft since the 1950s."
    )
    assert base(nlp, text, "Korvik Air Base") == ("Turkey", "Adana")


def test_the_forces_kept_there_name_the_operator_and_an_attacker_does_not(nlp: Any) -> None:
    text = (
        "Israeli jets struck the Tarvan air base in Syria's Homs province on Wednesday. "
        "Russian forces have been stationed at Tarvan since 2016, officials said."
    )
    assert base(nlp, text, "Tarvan air base") == ("Russia", "Homs province")


def test_who_left_is_a_former_operator_and_who_was_handed_it_is_the_operator(nlp: Any) -> None:
    handed = "The U.S. handed the Zarqan garrison in the southeastern desert to the Syrian army in May."
    assert base(nlp, handed, "Zarqan garrison")[0] == "Syria"
    left = "The last U.S. combat troops had left the Zarqan base in northeastern Syria on Thursday afternoon."
    assert base(nlp, left, "Zarqan base")[0] is None


def test_a_relative_clause_after_the_place_still_speaks_of_the_base(nlp: Any) -> None:
    text = (
        "One of the drones hit a former US base at the Lafran cement plant south of Kobane, which American "
        "troops left in 2019 and which Turkish soldiers have used since then."
    )
    found = [e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]
    assert [f.operator for e in found for f in e.base_facts] in ([], ["Turkey"])  # never the one who left


def test_a_site_named_after_the_noun_keeps_its_whole_name(nlp: Any) -> None:
    text = "A small outpost at the Varno gas field in Deir Ezzor province is also held by American troops."
    found = [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]
    assert found == ["Varno gas field outpost"]


def test_a_hyphenated_holder_a_relative_subject_and_a_home_to_name_the_operator(nlp: Any) -> None:
    held = "Drones hit the Turkish-controlled Zarqan air base near Afrin on Sunday."
    assert base(nlp, held, "Zarqan air base")[0] == "Turkey"
    hosts = "Officials visited the Varno air base, which hosts U.S. troops, on Monday."
    assert base(nlp, hosts, "Varno air base")[0] == "United States"
    home = "Jets took off from the Korvik air base, home to Russian warplanes since 2015."
    assert base(nlp, home, "Korvik air base")[0] == "Russia"


def test_government_forces_are_the_government_of_the_country_the_sentence_names(nlp: Any) -> None:
    text = (
        "Dornak airport, which the rebels handed over to government forces in March, now receives flights from "
        "Cairo. Residents said they were relieved."
    )
    assert base(nlp, text, "Dornak airport")[0] == "Egypt"


def test_soldiers_standing_guard_at_a_base_name_its_operator(nlp: Any) -> None:
    text = "At the Velmor base in Libya, Egyptian army soldiers now stand guard at the gate."
    assert base(nlp, text, "Velmor base")[0] == "Egypt"


def test_a_pronoun_opening_the_next_sentence_speaks_of_the_bases_before(nlp: Any) -> None:
    text = (
        "Turkish officers have discussed training missions at the Velmor air base in the east. "
        "It is now under Egyptian government control."
    )
    assert base(nlp, text, "Velmor air base")[0] == "Egypt"


def test_the_garrison_described_in_the_sentence_that_names_it_is_it(nlp: Any) -> None:
    text = (
        "Troops once held the Velmor garrison in the desert. Last week Libyan forces completed their pullout "
        "from Velmor and handed the desert garrison to the Egyptian army."
    )
    assert base(nlp, text, "Velmor garrison")[0] == "Egypt"


def test_a_country_led_coalitions_garrison_is_that_countrys(nlp: Any) -> None:
    text = "The US-led coalition's Velmor garrison was attacked by drones on Monday."
    assert base(nlp, text, "Velmor garrison")[0] == "United States"


def test_a_base_militias_hold_is_an_installation(nlp: Any) -> None:
    found = extract(nlp("Local militias left the Velmor base near the border last week."))
    assert [e.name for e in found if e.type is EntityType.INSTALLATION] == ["Velmor base"]


@pytest.mark.parametrize(
    "text",
    [
        "The Velmor air base, Egypt's largest in the region, was hit.",
        "The Velmor air base belongs to the Egyptian army.",
        "The Egyptian army's Velmor air base was hit.",
        "Israeli jets struck the Velmor air base, which houses Egyptian drones.",
        "The Velmor air base, leased to Egypt for 49 years, was hit.",
    ],
)
def test_possessors_belonging_housing_and_leasing_name_the_operator(nlp: Any, text: str) -> None:
    assert base(nlp, text, "Velmor air base")[0] == "Egypt"


def test_a_handover_in_a_past_year_still_names_the_operator(nlp: Any) -> None:
    text = "Background: US forces handed over the Darvin air base outside Kelmar to the Iraqi army in March 2020."
    assert base(nlp, text, "Darvin air base") == ("Iraq", "Kelmar")


def test_the_host_countrys_possessive_gives_way_to_who_runs_the_base(nlp: Any) -> None:
    text = (
        "Turkish drones were seen at Libya's al-Marsa air base on Monday, officials in western Libya said. "
        '"The Turks run everything at Marsa now," one official said.'
    )
    assert base(nlp, text, "al-Marsa air base")[0] == "Turkey"


def test_an_apposition_after_a_comma_locates_the_base(nlp: Any) -> None:
    text = "Turkey has moved drones to the Zarqan air base, the desert airfield southwest of Tripoli, sources said."
    assert base(nlp, text, "Zarqan air base")[1] == "Tripoli"
