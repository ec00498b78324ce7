"""Offices said to be given ("appointed X as commander", "X, appointed chief of staff after …,"), held "currently",
and honorifics that open a name ("Hojatoleslam X", "Crown Prince X"). Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.extract import extract


def roles(nlp: Any, text: str) -> dict[str, list[str]]:
    return {e.name: [r.title for r in e.roles] for e in extract(nlp(text)) if e.roles}


def test_a_person_appointed_as_an_office_holds_it(nlp: Any) -> None:
    text = "President Ilan Vostrov has appointed Vice Admiral Pavel Korenko as commander of the Northern Fleet."
    assert "commander of the Northern Fleet" in roles(nlp, text).get("Pavel Korenko", [])


def test_a_person_elected_as_a_bodys_chair_holds_the_chair(nlp: Any) -> None:
    text = "The council elected Marta Velkova as its chair in March."
    assert roles(nlp, text).get("Marta Velkova") == ["chair"]


def test_a_person_named_as_something_no_office_gets_no_title(nlp: Any) -> None:
    text = "Police named Tomas Brel as a suspect in the robbery."
    assert "Tomas Brel" not in roles(nlp, text)


def test_an_apposition_opening_with_appointed_gives_the_office(nlp: Any) -> None:
    text = "Dov Marel took over in May. Marel, appointed chief of staff after Ari Senn resigned, has kept quiet."
    assert roles(nlp, text).get("Dov Marel") == ["chief of staff"]


def test_who_currently_serves_as_gives_the_office(nlp: Any) -> None:
    text = "General Anna Seltz, who currently serves as chief of staff at the Northern Command, will move in July."
    assert "chief of staff at the Northern Command" in roles(nlp, text).get("Anna Seltz", [])


def test_a_clerics_honorific_is_no_part_of_the_name(nlp: Any) -> None:
    text = "Hojatoleslam Reza Farzani, head of the Velmor Seminary, attended the ceremony."
    found = roles(nlp, text)
    assert "Hojatoleslam Reza Farzani" not in found
    assert "head of the Velmor Seminary" in found.get("Reza Farzani", [])


def test_crown_prince_is_a_title_not_part_of_the_name(nlp: Any) -> None:
    text = "Crown Prince Tarek bin Hamad Al Varin, who also serves as the prime minister, left the hall."
    found = roles(nlp, text)
    assert "Crown Prince" in found.get("Tarek bin Hamad Al Varin", [])


def test_a_family_name_the_model_missed_holds_the_title_set_beside_it(nlp: Any) -> None:
    text = "Yurii Marchuk reports from the front. Marchuk, editor of the Velmor Courier website, says the rain helps."
    assert "editor of the Velmor Courier website" in roles(nlp, text).get("Yurii Marchuk", [])


def test_a_name_after_a_hyphenated_title_is_a_persons(nlp: Any) -> None:
    text = "Sheikh Omar Al Varin talks with GCC Secretary-General Jasem Saleh Albudaiwi before the session."
    assert roles(nlp, text).get("Jasem Saleh Albudaiwi") == ["GCC Secretary-General"]


def test_a_naval_rank_with_its_ordinal_spelled_out_opens_a_persons_name(nlp: Any) -> None:
    text = '"We are glad to be back," Captain First Rank Dmitry Selavin, the detachment\'s commander, said.'
    assert "detachment's commander" in roles(nlp, text).get("Dmitry Selavin", [])


def test_a_site_after_a_hyphenated_title_is_no_person(nlp: Any) -> None:
    text = "The Secretary-General Office Building was closed on Monday."
    assert not any(e.type.value == "person" for e in extract(nlp(text)))


def test_a_title_set_off_by_dashes_is_the_persons(nlp: Any) -> None:
    text = "Nadim Sarraf – the army's chief of staff – said the border was calm."
    assert roles(nlp, text).get("Nadim Sarraf") == ["army's chief of staff"]


def test_one_of_a_titles_holders_holds_it(nlp: Any) -> None:
    text = "Arman Sayat, one of the group's founders, was arrested on Monday."
    assert roles(nlp, text).get("Arman Sayat") == ["one of the group's founders"]


def test_one_of_many_things_is_no_title(nlp: Any) -> None:
    text = "Omar Zein, one of the main roads' owners, said the toll would rise."
    assert "Omar Zein" not in roles(nlp, text)


def test_a_title_to_be_taken_up_is_hyphenated_elect(nlp: Any) -> None:
    text = "President-elect Tomas Varga named his cabinet on Friday."
    assert roles(nlp, text).get("Tomas Varga") == ["President-elect"]


def test_a_sentence_saying_its_subject_became_an_office_holder_gives_the_office(nlp: Any) -> None:
    assert roles(nlp, "Lena Osk became foreign minister in 2023.").get("Lena Osk") == ["foreign minister"]


def test_a_sentence_saying_its_subject_was_appointed_gives_the_office(nlp: Any) -> None:
    text = "Tomas Brel was appointed defence minister in 2024."
    assert roles(nlp, text).get("Tomas Brel") == ["defence minister"]


def test_a_sentence_saying_its_subject_serves_as_gives_the_office_and_makes_a_person(nlp: Any) -> None:
    found = {e.name: e for e in extract(nlp("Marek Tallin serves as the army's chief of staff."))}
    assert [r.title for r in found["Marek Tallin"].roles] == ["army's chief of staff"]
    assert found["Marek Tallin"].type.value == "person"


def test_an_office_held_before_gives_no_title(nlp: Any) -> None:
    assert "Ivo Kranz" not in roles(nlp, "Ivo Kranz had been the governor of Velmor province.")


def test_being_named_after_someone_is_no_office(nlp: Any) -> None:
    assert "Tomas Brel" not in roles(nlp, "Tomas Brel was named after his grandfather.")


def test_a_captions_aside_set_off_by_commas_is_passed_over(nlp: Any) -> None:
    text = "Ali Saleh, left, commander of the 5th Brigade, speaks to soldiers."
    assert roles(nlp, text).get("Ali Saleh") == ["commander of the 5th Brigade"]


def test_a_field_marshal_opens_a_persons_name(nlp: Any) -> None:
    text = "Field Marshal Khalid Haftan inspected the troops."
    assert roles(nlp, text).get("Khalid Haftan") == ["Field Marshal"]


def test_a_corporals_rank_is_no_part_of_the_name(nlp: Any) -> None:
    assert roles(nlp, "Lance Corporal Tom Reed died on Friday.").get("Tom Reed") == ["Lance Corporal"]


def test_a_mullahs_title_is_no_part_of_the_name(nlp: Any) -> None:
    text = "Mullah Abdul Karim Varzan met the delegation in Doha."
    assert roles(nlp, text).get("Abdul Karim Varzan") == ["Mullah"]


def test_a_style_of_address_is_no_part_of_the_title(nlp: Any) -> None:
    text = "His Excellency Ambassador Karim Saadeh presented his credentials."
    assert roles(nlp, text).get("Karim Saadeh") == ["Ambassador"]


def test_a_prince_with_a_long_name_read_as_a_body_is_a_person(nlp: Any) -> None:
    text = (
        "For his part, the Saudi official conveyed the greetings of Prince Abdulaziz bin Saud bin Hamdan, the Saudi"
        " Minister of Interior, to the Bahraini leadership."
    )
    found = roles(nlp, text)
    assert "Saudi Minister of Interior" in found.get("Abdulaziz bin Saud bin Hamdan", [])


def test_a_university_named_after_a_prince_is_no_person(nlp: Any) -> None:
    found = {e.name: e.type.value for e in extract(nlp("Students at Prince Velmar University protested."))}
    assert found.get("Prince Velmar University") == "organisation"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Leila Mansour, one of the group's hostages, was freed on Monday.", "Leila Mansour"),
        ("Yara Saleh, one of the attack's survivors, said she saw the drone.", "Yara Saleh"),
        ("Rania Aziz – the minister's daughter – told reporters the family had fled.", "Rania Aziz"),
        ("Omar Fares, the brother of the defence minister, was arrested on Monday.", "Omar Fares"),
        ("Karim Haddad, a close ally of the president, said the talks had failed.", "Karim Haddad"),
    ],
)
def test_what_befell_someone_or_who_they_are_to_another_is_no_office(nlp: Any, text: str, name: str) -> None:
    assert roles(nlp, text).get(name, []) == []


def test_a_relation_joined_to_an_office_keeps_the_office(nlp: Any) -> None:
    text = "Arman Sayat, the former president's brother and commander of the army's Ninth Division, fled abroad."
    assert any("commander" in title for title in roles(nlp, text)["Arman Sayat"])


def test_one_of_a_bodys_founders_holds_a_calling(nlp: Any) -> None:
    text = "Arman Sayat, one of the group's founders, said the talks had failed."
    assert roles(nlp, text)["Arman Sayat"] == ["one of the group's founders"]
