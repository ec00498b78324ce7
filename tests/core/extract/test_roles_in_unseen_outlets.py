"""Titles and quotations as outlets write them beyond the shapes the tune articles use most: ranks abbreviated
without their dot, offices said by a verb or a passive, titles in brackets, Gulf honorifics, the issuer of a
statement speaking. Sentences and names invented for these tests."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract


def people(nlp: Any, text: str) -> dict[str, list[str]]:
    return {e.name: [r.title for r in e.roles] for e in extract(nlp(text)) if e.type.value == "person"}


def quotes(nlp: Any, text: str) -> dict[str, list[str]]:
    return {e.name: [q.text for q in e.quotes] for e in extract(nlp(text)) if e.quotes}


def test_a_rank_abbreviated_without_dots_is_no_part_of_the_name(nlp: Any) -> None:
    text = "Maj Gen Tomas Verilo, the army's deputy chief of staff, visited the troops on Sunday."
    found = people(nlp, text)
    assert "Tomas Verilo" in found and not any(name.startswith("Maj") for name in found)


def test_a_hyphenated_rank_without_dots_is_no_part_of_the_name(nlp: Any) -> None:
    text = "Maj-Gen Ferro Banul, spokesman for the Zembran armed forces, said guards had taken over the posts."
    found = people(nlp, text)
    assert found.get("Ferro Banul") == ["Maj-Gen", "spokesman for the Zembran armed forces"]


def test_a_rank_without_dots_says_a_person_follows(nlp: Any) -> None:
    text = "Lt Col Orin Dashel, the army's regional spokesman, told residents of the valley to stay indoors."
    assert people(nlp, text).get("Orin Dashel") == ["Lt Col", "army's regional spokesman"]


def test_lower_case_words_after_a_rank_name_nobody(nlp: Any) -> None:
    text = "The gen of the old model was sold; the col above the village was closed by snow."
    assert people(nlp, text) == {}


def test_a_body_named_by_generic_words_and_led_by_someone_gives_him_its_office(nlp: Any) -> None:
    text = "The general staff is led by Tavo Renkal, who fought in the north for a decade."
    assert "leader of the general staff" in people(nlp, text).get("Tavo Renkal", [])


def test_a_relative_clause_between_the_body_and_its_passive_leaves_the_office_to_the_body(nlp: Any) -> None:
    text = "The interior ministry, which controls the border police, is headed by Olek Varna."
    assert people(nlp, text).get("Olek Varna") == ["head of the interior ministry"]


def test_a_person_who_has_run_a_body_since_a_date_heads_it(nlp: Any) -> None:
    text = "Pavel Dorin has run the defence ministry since the end of 2024."
    assert people(nlp, text).get("Pavel Dorin") == ["head of the defence ministry"]


def test_a_body_he_ran_or_that_was_led_by_him_is_no_office_he_holds(nlp: Any) -> None:
    text = "Pavel Dorin ran the defence ministry until 2019. The army was led by Tavo Renkal until 2017."
    found = people(nlp, text)
    assert found.get("Pavel Dorin") == [] and found.get("Tavo Renkal") == []


def test_gulf_honorifics_before_a_name_are_no_part_of_it(nlp: Any) -> None:
    text = (
        "H.H. Sheikh Hamad bin Rashid Al Qorani, Minister of Foreign Affairs, opened the forum with H.E. Tarik Osman."
    )
    found = people(nlp, text)
    assert "Minister of Foreign Affairs" in found.get("Hamad bin Rashid Al Qorani", [])
    assert "Tarik Osman" in found


def test_a_name_ending_with_the_fathers_is_the_longer_name_with_the_familys(nlp: Any) -> None:
    text = (
        "Hamad bin Rashid receives envoy\n\nVELMORA, 4th March, 2026 (DORPRESS) -- Sheikh Hamad bin Rashid Al Qorani, "
        "Minister of Foreign Affairs, received the Zembran envoy on Tuesday."
    )
    found = [e for e in extract(nlp(text)) if e.name.startswith("Hamad")]
    assert [e.name for e in found] == ["Hamad bin Rashid Al Qorani"]


def test_a_counterpart_holds_the_office_not_the_form_of_address(nlp: Any) -> None:
    text = "H.H. Sheikh Hamad bin Rashid Al Qorani, Minister of Foreign Affairs, received his counterpart Tarik Osman."
    assert people(nlp, text).get("Tarik Osman") == ["Minister of Foreign Affairs"]


def test_a_title_in_square_brackets_after_a_name_is_the_persons(nlp: Any) -> None:
    text = "Oren Galit [Velmoran Defence Minister] said the troops would stay on the ridge."
    assert people(nlp, text).get("Oren Galit") == ["Velmoran Defence Minister"]


def test_a_title_in_parentheses_after_a_name_is_the_persons(nlp: Any) -> None:
    text = "Tarek Hanin (head of the Velmor Front media center) said the raid lasted two hours."
    assert people(nlp, text).get("Tarek Hanin") == ["head of the Velmor Front media center"]


def test_a_place_or_an_outlet_in_parentheses_after_a_name_is_no_title(nlp: Any) -> None:
    text = "Tarek Hanin (Velmor) said the raid lasted two hours, Mazen Dorra (DORPRESS) reported."
    found = people(nlp, text)
    assert found.get("Tarek Hanin") == [] and found.get("Mazen Dorra") == []


def test_a_lower_case_title_for_a_body_with_its_initials_before_a_name_is_the_persons(nlp: Any) -> None:
    text = "The spokesman for the Ministry of Foreign Affairs (MFA) Reza Tavani said that a message had arrived."
    assert people(nlp, text).get("Reza Tavani") == ["spokesman for the Ministry of Foreign Affairs"]


def test_his_highness_written_short_speaks_for_the_one_named_so_and_names_nobody(nlp: Any) -> None:
    text = (
        "H.H. Sheikh Hamad bin Rashid Al Qorani, Minister of Foreign Affairs, received the envoy. "
        '"The stability of Zembra is a pillar of the region," H.H. said.'
    )
    found = quotes(nlp, text)
    assert found == {"Hamad bin Rashid Al Qorani": ["The stability of Zembra is a pillar of the region"]}


def test_he_after_a_titled_subject_with_a_nationality_is_the_one_titled_with_it(nlp: Any) -> None:
    text = (
        "Sheikh Hamad bin Rashid Al Qorani, Minister of Foreign Affairs, received his Iraqi counterpart Tarik Osman "
        "in Velmora.\n\nSheikh Hamad affirmed his support for the talks.\n\nFor his part, the Iraqi minister "
        'praised the ties.\n\n"We want our neighbours to be partners," he said.'
    )
    assert quotes(nlp, text).get("Tarik Osman") == ["We want our neighbours to be partners"]


def test_a_rank_without_dots_before_a_name_is_a_title_and_apart_from_the_office_before_it(nlp: Any) -> None:
    text = (
        "The Chief of Staff of the Zembran Armed Forces Maj Gen Pavo Kestrel said the forces were ready. "
        "Kestrel replaced Maj Gen Tomas Verilo in June."
    )
    found = people(nlp, text)
    assert found.get("Pavo Kestrel") == ["Chief of Staff of the Zembran Armed Forces", "Maj Gen"]
    assert found.get("Tomas Verilo") == ["Maj Gen"]


def test_now_before_a_title_set_off_after_a_name_is_no_part_of_it(nlp: Any) -> None:
    text = "Kalvo took over the agency in 2023 from Tarik Osman, now Zembra's foreign minister."
    assert people(nlp, text).get("Tarik Osman") == ["Zembra's foreign minister"]


def test_a_rank_in_full_opens_no_name_the_model_took_for_a_works_title(nlp: Any) -> None:
    text = (
        '"The site works for the whole alliance, not for one country," Rear Admiral Tomas Verilo, who commands the '
        "navy's bases in the north, said during a visit in October."
    )
    assert quotes(nlp, text) == {"Tomas Verilo": ["The site works for the whole alliance, not for one country"]}
