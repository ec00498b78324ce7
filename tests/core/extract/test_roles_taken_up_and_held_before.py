"""Offices said to be taken up or held before: "was sworn in as", "now serves as" after a name set off by commas,
"who had served as … since …", "named X, until now …, as acting minister", and "her deputy, X,". Sentences written
for these tests."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract


def roles(nlp: Any, text: str) -> dict[str, list[str]]:
    return {e.name: [r.title for r in e.roles] for e in extract(nlp(text)) if e.roles}


def test_sworn_in_as_gives_the_office_without_when_and_before_whom(nlp: Any) -> None:
    text = "Ilan Vostrov was sworn in as Minister of Interior on Monday before the President of Velmor."
    assert "Minister of Interior" in roles(nlp, text).get("Ilan Vostrov", [])


def test_a_name_set_off_after_the_subject_takes_the_office_it_now_serves_in(nlp: Any) -> None:
    text = "Brask's predecessor, General Tomas Reyk, now serves as ambassador to Velmor."
    assert "ambassador to Velmor" in roles(nlp, text).get("Tomas Reyk", [])


def test_who_had_served_as_gives_the_office_up_to_since(nlp: Any) -> None:
    text = "Brask succeeds Pavel Oskin, who had served as interior minister since 2023 and was named adviser last week."
    assert roles(nlp, text).get("Pavel Oskin") == ["interior minister"]


def test_named_with_an_apposition_before_as_gives_the_office_after_it(nlp: Any) -> None:
    text = "The presidency named Aziz Karum, until now the ministry's secretary-general, as acting minister."
    assert "acting minister" in roles(nlp, text).get("Aziz Karum", [])


def test_her_deputy_set_before_a_name_is_his_title(nlp: Any) -> None:
    text = "Mayor Ilse Moren listed the demands. Her deputy, Janek Lotz, sat beside her."
    assert roles(nlp, text).get("Janek Lotz") == ["deputy"]


def test_named_with_an_apposition_and_no_as_gives_no_office_after_it(nlp: Any) -> None:
    text = "Police named Tomas Brel, a driver from Olbek, in the report on Monday."
    assert roles(nlp, text).get("Tomas Brel") == ["driver from Olbek"]


def test_served_as_in_a_sentence_of_its_own_still_gives_no_office(nlp: Any) -> None:
    # a past office told as the story's own sentence is not one the person holds
    text = "Marta Velkova served as governor of Tarvik province until 2019."
    assert "Marta Velkova" not in roles(nlp, text)


def test_a_headlines_names_x_as_gives_the_office(nlp: Any) -> None:
    text = "Velmor names Ilse Moren as new central bank governor\n\nThe government announced the choice on Friday."
    assert roles(nlp, text).get("Ilse Moren") == ["new central bank governor"]


def test_who_took_over_as_gives_the_office(nlp: Any) -> None:
    text = 'Lena Brask, who took over as chief of the navy in March, said: "Our ships are old."'
    assert roles(nlp, text).get("Lena Brask") == ["chief of the navy"]


def test_the_post_a_name_held_is_the_office_of_the_unnamed_subject_before(nlp: Any) -> None:
    text = (
        "Velmor's defence minister resigned on Tuesday, the presidency said.\n\nIvo Lenz had held the post since 2024."
    )
    assert roles(nlp, text).get("Ivo Lenz") == ["Velmor's defence minister"]


def test_the_post_is_not_the_office_of_a_named_subject_before(nlp: Any) -> None:
    text = "Defence Minister Karl Osk resigned on Tuesday. Ivo Lenz had held the post before him."
    assert "Ivo Lenz" not in roles(nlp, text)


def test_the_post_after_a_sentence_about_no_office_gives_none(nlp: Any) -> None:
    text = "A bomb struck the checkpoint near Olbek on Friday. Ivo Lenz took the post in March."
    assert "Ivo Lenz" not in roles(nlp, text)


def test_will_serve_as_gives_the_office_until_when(nlp: Any) -> None:
    text = "Ivo Lenz will serve as interim governor until elections in May."
    assert roles(nlp, text).get("Ivo Lenz") == ["interim governor"]


def test_will_serve_as_something_no_office_gives_none(nlp: Any) -> None:
    text = "Ivo Lenz will serve as a reminder of the war for years to come."
    assert "Ivo Lenz" not in roles(nlp, text)


def test_then_before_an_apposition_is_no_part_of_the_office(nlp: Any) -> None:
    text = "Dario Venn, then the governor of Tarvik province, ordered the evacuation in 2019."
    assert roles(nlp, text).get("Dario Venn") == ["governor of Tarvik province"]


def test_the_appointment_of_x_as_gives_the_office_up_to_the_verb(nlp: Any) -> None:
    text = "The appointment of General Ivo Lenz as chief of the general staff was announced on Friday."
    assert "chief of the general staff" in roles(nlp, text).get("Ivo Lenz", [])


def test_the_appointment_of_x_without_as_gives_no_office(nlp: Any) -> None:
    text = "The appointment of Ivo Lenz was criticised by the opposition on Friday."
    assert "Ivo Lenz" not in roles(nlp, text)
