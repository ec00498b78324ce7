"""Titles written the ways outlets write them beyond the commonest shapes: a fellow of a research body, an office
clause whose object runs on to the town the office is in, and an author's note saying what the writer is. Sentences
written for these tests."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract


def roles(nlp: Any, text: str) -> dict[str, list[str]]:
    return {e.name: [r.title for r in e.roles] for e in extract(nlp(text)) if e.roles}


def test_a_fellow_of_a_research_body_holds_a_title(nlp: Any) -> None:
    text = "Lars Okonjo, a senior fellow at the Baltic Policy Institute, said the deal was a test."
    assert roles(nlp, text).get("Lars Okonjo") == ["senior fellow at the Baltic Policy Institute"]


def test_an_office_clause_may_run_on_to_the_town_the_office_is_in(nlp: Any) -> None:
    text = (
        "Hanna Berglund, who directs the Arctic programme at the Nordic Policy Forum in Oslo, says the talks stalled."
    )
    found = roles(nlp, text).get("Hanna Berglund")
    assert found == ["director of the Arctic programme at the Nordic Policy Forum in Oslo"]


def test_an_authors_note_saying_what_the_writer_is_gives_a_title(nlp: Any) -> None:
    text = "The pact may not last.\n\nTomasz Wirth is a defence correspondent for the Vistula Herald."
    assert roles(nlp, text).get("Tomasz Wirth") == ["defence correspondent for the Vistula Herald"]


def test_a_name_described_by_a_clause_that_is_no_title_gets_no_title(nlp: Any) -> None:
    text = "Tomasz Wirth is a small town on the river, and its mayor said the bridge would reopen."
    assert "Tomasz Wirth" not in roles(nlp, text)


def test_an_office_clause_may_name_a_programme_of_a_body_with_a_long_name(nlp: Any) -> None:
    text = "Helena Marsh, who directs the Baltic programme at the Centre for Maritime Security Studies, said little."
    found = roles(nlp, text).get("Helena Marsh")
    assert found == ["director of the Baltic programme at the Centre for Maritime Security Studies"]


def test_a_rank_after_a_lowercase_title_is_a_second_title(nlp: Any) -> None:
    text = "Troops remain at the river camp, coalition spokesman Colonel Adam Fisk said on Monday."
    assert roles(nlp, text).get("Adam Fisk") == ["coalition spokesman", "Colonel"]


def test_whose_before_a_title_set_off_by_commas_is_no_part_of_it(nlp: Any) -> None:
    text = "Suspicion fell on the Liwa Velmor militia, whose commander, Tariq Jamal al-Hadi, is known by another name."
    assert roles(nlp, text).get("Tariq Jamal al-Hadi") == ["commander"]


def test_two_people_each_titled_before_the_name_in_one_list_keep_their_own_titles(nlp: Any) -> None:
    text = (
        "The Greek consul in Tirana, Nikos Varvaris, and Albania's envoy to Athens, Erion Hoxha, attended the signing."
    )
    found = roles(nlp, text)
    assert found.get("Nikos Varvaris") == ["Greek consul in Tirana"]
    assert found.get("Erion Hoxha") == ["Albania's envoy to Athens"]


def test_and_before_a_title_set_off_by_commas_is_no_part_of_it(nlp: Any) -> None:
    text = "The port hosts the fleet's headquarters, and its commander, Admiral Petra Lind, said it would stay."
    assert "commander" in roles(nlp, text).get("Petra Lind", [])


def test_a_lowercase_title_to_a_titled_name_is_not_the_names_title(nlp: Any) -> None:
    text = "An adviser to Queen Mirela Voss, speaking on condition of anonymity, said the patrols would be reviewed."
    assert roles(nlp, text).get("Mirela Voss") == ["Queen"]


def test_a_rank_after_a_capitalised_office_is_a_second_title(nlp: Any) -> None:
    text = "Defence Minister Colonel General Arman Tolegen said the exercise would go ahead in the spring."
    assert roles(nlp, text).get("Arman Tolegen") == ["Defence Minister", "Colonel General"]


def test_an_abbreviated_rank_after_an_office_is_a_second_title(nlp: Any) -> None:
    text = "The drones were shot down, Interior Ministry spokesman Brig. Gen. Dara Sabri told reporters on Sunday."
    assert roles(nlp, text).get("Dara Sabri") == ["Interior Ministry spokesman", "Brig. Gen."]


def test_a_rank_written_in_full_stays_one_title(nlp: Any) -> None:
    text = "Lieutenant General Arman Tolegen said the exercise would go ahead in the spring."
    assert roles(nlp, text).get("Arman Tolegen") == ["Lieutenant General"]


def test_a_title_after_and_its_before_a_comma_is_the_named_persons(nlp: Any) -> None:
    text = "The members expressed full support for the mission and its Force Commander, Major General Pavel Horak."
    assert "Force Commander" in roles(nlp, text).get("Pavel Horak", [])
