"""Who speaks, in shapes wire copy uses that the first corpus did not: a rank and name set off by commas after an
unnamed title ("A spokesperson for X, Lieutenant Colonel Y, said"), "accused X of '…'", and "he said" after someone
described and never named. Every sentence is invented for the test."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract


def speakers(nlp: Any, text: str, words: str) -> list[str]:
    """Who the quotation holding `words` is given to."""
    return [e.name for e in extract(nlp(text)) if any(words in q.text for q in e.quotes)]


def test_a_ranked_name_between_commas_after_a_spokesperson_for_a_body_speaks(nlp: Any) -> None:
    text = 'A spokesperson for the Velmoran Air Command, Lieutenant Colonel Dana Ruiz, said it had "no plans to leave".'
    assert speakers(nlp, text, "no plans to leave") == ["Dana Ruiz"]


def test_the_accuser_speaks_the_words_of_an_accusation(nlp: Any) -> None:
    text = 'The defence minister, Brigadier General Karim Vaziri, accused Moscow of "showing off" on Sunday.'
    assert speakers(nlp, text, "showing off") == ["Karim Vaziri"]


def test_he_after_an_unnamed_official_is_nobody_named(nlp: Any) -> None:
    text = (
        'Colonel Dana Ruiz said the wing had "no plans to leave".\n\n'
        "A Gulf official, who declined to be named, said other states were hardening their airfields. "
        '"Everybody saw what happened to the runways," he said.'
    )
    assert speakers(nlp, text, "Everybody saw") == []


def test_he_after_a_named_speaker_is_still_that_speaker(nlp: Any) -> None:
    text = 'Colonel Dana Ruiz said the wing would stay. "Nothing will change," he said.'
    assert speakers(nlp, text, "Nothing will change") == ["Dana Ruiz"]


def test_the_group_said_is_the_body_spoken_of_just_before(nlp: Any) -> None:
    text = (
        "The Velmor Liberation Front claims the attack. In a statement on its channel, the group said it had launched "
        '"a squadron of attack drones" at the base.'
    )
    assert speakers(nlp, text, "a squadron of attack drones") == ["Velmor Liberation Front"]


def test_the_group_said_after_a_country_is_nobody_named(nlp: Any) -> None:
    text = 'Israel said the strike hit a depot. The group said it had "no presence" there.'
    assert speakers(nlp, text, "no presence") == []


def test_the_title_of_a_body_said_is_the_person_so_titled_not_the_body(nlp: Any) -> None:
    text = (
        "DASTRA — Talks on the bases will go on, Palace spokesman Ivan Dolgov told reporters on Monday.\n\n"
        '"Contacts are continuing. We are in no hurry," the spokesman for the Palace said.'
    )
    assert speakers(nlp, text, "Contacts are continuing") == ["Ivan Dolgov"]


def test_a_bodys_words_a_spokesman_voices_are_the_spokesmans(nlp: Any) -> None:
    text = (
        "The regional government's spokesman, Hemin Tavo, said the Korvel Regional Council condemned \"any attack "
        'launched from its soil." '
        'He said the regional government had asked Dastra to find "a lasting solution."'
    )
    assert speakers(nlp, text, "any attack launched") == ["Hemin Tavo"]
    assert speakers(nlp, text, "a lasting solution") == ["Hemin Tavo"]


def test_a_persons_words_a_body_reports_are_still_the_persons(nlp: Any) -> None:
    text = 'The envoy Rami Haddo reaffirmed the council\'s support for "a united Velmora", the ministry said.'
    assert speakers(nlp, text, "a united Velmora") == ["Rami Haddo"]


def test_a_body_set_off_after_an_unnamed_description_speaks(nlp: Any) -> None:
    text = (
        'A militia-affiliated outlet, Korvel News Agency, said the fighters had targeted the "occupation base at '
        'Dastra" in retaliation for air strikes.'
    )
    assert speakers(nlp, text, "occupation base") == ["Korvel News Agency"]
