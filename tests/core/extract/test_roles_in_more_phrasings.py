"""Titles in phrasings outlets use that the tune articles had rarely used: a rank's abbreviation the model takes
alone for a name, an imam's or a preacher's title, a plural title before a list of names, two names set off by a
comma with no "and", a sentence the model splits before a rank, an office in lower case before a rank, a caption's
aside in brackets, a family name alone before an apposition, "who has chaired … since …", "X, …, is now Y's
president", nouns of people by their ending, and a title before a news agency's name. Every sentence is invented
for the test."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from bot.core.extract import extract
from bot.core.extract.roles import _title_before


def roles(nlp: Any, text: str) -> dict[str, list[str]]:
    return {e.name: [r.title for r in e.roles] for e in extract(nlp(text)) if e.roles}


def names(nlp: Any, text: str) -> dict[str, str]:
    return {e.name: e.type.value for e in extract(nlp(text))}


def test_a_ranks_abbreviation_alone_is_no_name(nlp: Any) -> None:
    text = 'On Sunday, the navy\'s English-language spokesman, Lt. Col. Arvid Tamm, said the ships were "on schedule".'
    found = names(nlp, text)
    assert "Lt" not in found
    assert found.get("Arvid Tamm") == "person"


def test_a_name_after_a_quotation_that_tells_is_a_persons(nlp: Any) -> None:
    text = '"We came to hear them out before we came to sign," Selim Tunali told a news conference on Monday.'
    assert names(nlp, text).get("Selim Tunali") == "person"


def test_an_imam_and_a_preacher_are_titles(nlp: Any) -> None:
    text = "Imam Tarek Obeidat, the preacher of the old mosque, read the agreement aloud to the crowd."
    assert roles(nlp, text).get("Tarek Obeidat") == ["Imam", "preacher of the old mosque"]


def test_a_charge_d_affaires_is_a_title(nlp: Any) -> None:
    text = "The chargé d'affaires, Linus Ekdahl, told reporters the embassy would stay open."
    assert roles(nlp, text).get("Linus Ekdahl") == ["chargé d'affaires"]


def test_a_plural_title_before_a_list_gives_each_name_the_title(nlp: Any) -> None:
    text = "Among those who signed it were the sheikhs Mahmoud al-Zubi, Hamad al-Tarawi and Khalaf al-Shurbaji."
    found = roles(nlp, text)
    assert [found.get(n) for n in ("Mahmoud al-Zubi", "Hamad al-Tarawi", "Khalaf al-Shurbaji")] == [["sheikh"]] * 3


def test_a_plural_title_makes_every_name_of_its_list_a_person(nlp: Any) -> None:
    text = "Lawmakers Rami Khreibeh, Inaya Sharafeddine and Hassan Zaarour attended the meeting in the town hall."
    found = roles(nlp, text)
    assert found.get("Inaya Sharafeddine") == ["Lawmaker"]
    assert found.get("Hassan Zaarour") == ["Lawmaker"]


def test_two_names_set_off_by_a_comma_without_and_are_no_list(nlp: Any) -> None:
    text = "Orsini backed the bill, while a spokesman for Harakat Velmor, Abu Ali al-Dawudi, called it a trap."
    assert roles(nlp, text).get("Abu Ali al-Dawudi") == ["spokesman for Harakat Velmor"]


def test_a_title_reaches_back_over_a_sentence_start_the_model_put_before_a_rank(nlp: Any) -> None:
    # The model sometimes starts a sentence at the rank ("… of the Russian Navy | Admiral X said"); the words are
    # tagged as it does, with that break set where it puts it.
    text = "The fleet will grow next year, Commander-in-Chief of the Velmoran Navy Admiral Pavel Rudnev said on Friday."
    made = nlp.make_doc(text)
    doc = Doc(
        nlp.vocab,
        words=[t.text for t in made],
        spaces=[bool(t.whitespace_) for t in made],
        sent_starts=[t.i == 0 or t.text == "Admiral" for t in made],
    )
    for name, component in nlp.pipeline:
        doc = doc if name == "parser" else component(doc)
    assert _title_before(doc, [t.text for t in doc].index("Pavel")) == "Commander-in-Chief of the Velmoran Navy Admiral"


def test_an_office_in_lower_case_before_a_rank_is_apart_from_it(nlp: Any) -> None:
    text = (
        "From left: Interior Minister Samir Daoudi, border guard commander Lt. Gen. Raad Hilali and "
        "Velmor governor Nabil Jubouri at the opening."
    )
    assert roles(nlp, text).get("Raad Hilali") == ["border guard commander", "Lt. Gen."]


def test_a_captions_aside_in_brackets_does_not_hide_the_apposition(nlp: Any) -> None:
    text = "Col. Hamid Zubaidi (centre), commander of the 7th Border Guard Brigade, briefs his officers."
    assert roles(nlp, text).get("Hamid Zubaidi") == ["Col.", "commander of the 7th Border Guard Brigade"]


def test_a_family_name_alone_takes_the_apposition_after_it(nlp: Any) -> None:
    text = (
        "Andrei Lavrenov has made the trip five times this year.\n\n"
        "Lavrenov, the Kremlin's special envoy for the Velmor talks since 2017, handled the talks for years."
    )
    assert roles(nlp, text).get("Andrei Lavrenov") == ["Kremlin's special envoy for the Velmor talks"]


def test_an_office_held_since_a_date_is_held_still(nlp: Any) -> None:
    text = "Faris al-Tamimi, who has chaired the Velmor commission since 2014, urged lawmakers to pass the bill."
    assert roles(nlp, text).get("Faris al-Tamimi") == ["chair of the Velmor commission"]


def test_an_office_led_in_the_past_is_no_title(nlp: Any) -> None:
    text = "Faris al-Tamimi, who led the Velmor commission until 2014, urged lawmakers to pass the bill."
    assert "Faris al-Tamimi" not in roles(nlp, text)


def test_is_now_after_an_apposition_gives_the_title_held_now(nlp: Any) -> None:
    text = (
        "Ahmad al-Dirani led the group until 2024. The group's former leader, Ahmad al-Dirani, is now Velmor's "
        "president."
    )
    assert "Velmor's president" in roles(nlp, text).get("Ahmad al-Dirani", [])


def test_a_noun_of_a_person_by_its_ending_is_a_title(nlp: Any) -> None:
    text = "According to Salma Haddadin, an agronomist at the University of Velmor, salt water now reaches the farms."
    assert roles(nlp, text).get("Salma Haddadin") == ["agronomist at the University of Velmor"]


def test_a_title_before_a_news_agencys_name_is_no_persons(nlp: Any) -> None:
    text = "Edvin Rask told the official Velmor news agency that the archives would open."
    assert all(e.name != "Velmor" or not e.roles for e in extract(nlp(text)))
    assert "official" not in [r.title for e in extract(nlp(text)) for r in e.roles]


def test_a_naval_rank_with_an_ordinal_is_a_title_and_no_part_of_the_name(nlp: Any) -> None:
    text = "Captain 2nd Rank Pavel Rudnev, who commands the flotilla, said the ships were ready."
    assert roles(nlp, text).get("Pavel Rudnev") == ["Captain 2nd Rank", "commander of the flotilla"]


def test_a_publication_after_a_quotation_that_reports_is_no_person(nlp: Any) -> None:
    text = '"The talks have failed," Foreign Policy reported on Monday.'
    assert names(nlp, text).get("Foreign Policy") != "person"


def test_a_sergeants_name_the_model_left_untagged_is_a_persons(nlp: Any) -> None:
    text = 'Sergeant Anatole Gbazou cleans his rifle after a drill at the camp. "We train with what we have," he said.'
    found = [(e.name, [r.title for r in e.roles], [q.text for q in e.quotes]) for e in extract(nlp(text))]
    assert found == [("Anatole Gbazou", ["Sergeant"], ["We train with what we have"])]


def test_a_sergeants_name_the_model_took_for_a_body_is_a_persons(nlp: Any) -> None:
    text = (
        "The camp, on the banks of the river, is the army's main training centre.\n"
        "Sergeant Thierry Mbaïkoua cleans his rifle after a drill at the camp."
    )
    assert roles(nlp, text).get("Thierry Mbaïkoua") == ["Sergeant"]


def test_names_after_a_plural_title_the_model_left_untagged_are_peoples(nlp: Any) -> None:
    text = "Ministers Olena Brik, Ivar Holm and Petra Lind attended the ceremony."
    assert roles(nlp, text) == {"Olena Brik": ["Minister"], "Ivar Holm": ["Minister"], "Petra Lind": ["Minister"]}


def test_a_form_of_address_between_a_title_and_the_name_does_not_hide_the_title(nlp: Any) -> None:
    text = "The head of the Velmor Red Crescent, Dr. Samira Haddad, said hospitals were full."
    assert roles(nlp, text).get("Samira Haddad") == ["head of the Velmor Red Crescent"]
