"""Who speaks when the nearest name is not the speaker: "she" after a man her deputy names, a woman titled later in
the article, "he" after a woman addressed as "Ms.", a name set off by commas inside the subject however the parser
hangs it, and a quotation with no speech verb after a sentence that says who the paragraph is about. Every sentence
is invented for the test."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract


def speakers(nlp: Any, text: str, words: str) -> list[str]:
    """Who the quotation holding `words` is given to."""
    return [e.name for e in extract(nlp(text)) if any(words in q.text for q in e.quotes)]


def test_she_said_after_her_deputy_is_named_is_the_minister_named_before(nlp: Any) -> None:
    text = (
        "Foreign Minister Lina Varga led the Velmor delegation at the talks. Her deputy, Pavel Oskin, stayed behind "
        'in Olbek to finish the paperwork. "We expect the first convoy within ten days," she said.'
    )
    assert speakers(nlp, text, "first convoy") == ["Lina Varga"]


def test_she_is_not_a_spokeswoman_the_article_names_only_later(nlp: Any) -> None:
    text = (
        "The mayor of Tarvik, Ilse Moren, listed the council's demands. Her deputy, Janek Lotz, sat beside her. "
        '"We have asked three times," she said.\n\n'
        'Ministry spokeswoman Vera Kallas said the maps would be published "within weeks".'
    )
    assert speakers(nlp, text, "asked three times") == ["Ilse Moren"]


def test_he_is_not_the_woman_the_article_addresses_as_ms(nlp: Any) -> None:
    text = (
        "Ms. Anika Roth briefed the council on the floods in Velmor. "
        '"Two hundred villages are cut off, and the water is still rising," she said.\n\n'
        "Also briefing was Dario Venn. He told the council: "
        '"The rivers are still rising, and the roads are closed."'
    )
    assert speakers(nlp, text, "rivers are still rising") == ["Dario Venn"]


def test_a_name_set_off_by_commas_inside_the_subject_is_who_he_is(nlp: Any) -> None:
    text = (
        "Special Representative Dario Venn opened the debate. "
        '"The armed groups are moving south," he said.\n\n'
        "The representative of Velmor, Kasimir Holt, spoke for the coastal states. Attacks in the north of his "
        'country had doubled, he said, adding: "Prevention costs less than reconstruction."'
    )
    assert speakers(nlp, text, "Prevention costs less") == ["Kasimir Holt"]


def test_a_quote_after_the_sentence_about_a_person_is_that_persons(nlp: Any) -> None:
    text = (
        "General Anton Brask took command of the army in June. Asked whether foreign troops would return, Brask "
        'did not hesitate. "No. We have partners, not protectors, and we train our own men."'
    )
    assert speakers(nlp, text, "We have partners") == ["Anton Brask"]


def test_a_quote_after_a_speech_verb_in_its_paragraph_is_that_speakers(nlp: Any) -> None:
    text = (
        "Addressing the officers, Colonel General Oleg Varn said he would pay special attention to training in the "
        'north. "Our first task is to be ready for the winter exercises. Our second is to keep every unit at full '
        'strength."'
    )
    assert speakers(nlp, text, "Our first task") == ["Oleg Varn"]


def test_a_quote_opening_its_paragraph_is_not_given_to_the_sentence_before_it(nlp: Any) -> None:
    # the rule reads only a quotation that follows other sentences of its own paragraph
    text = (
        "General Anton Brask visited the border posts on Monday.\n\n"
        '"The roads north of Olbek are closed to all civilian traffic until further notice."'
    )
    assert speakers(nlp, text, "roads north of Olbek") == []


def test_a_quote_after_a_sentence_about_no_one_named_stays_unattributed(nlp: Any) -> None:
    text = (
        "General Anton Brask visited the border posts on Monday.\n\n"
        'A local official was worried. "They came at night with trucks and heavy weapons, and nobody stopped them."'
    )
    assert speakers(nlp, text, "They came at night") == []


def test_he_after_a_sentence_put_the_other_way_round_is_the_one_named_after_was(nlp: Any) -> None:
    text = (
        'Ivo Lenz opened the session. "The floods are the worst in forty years," Lenz said.\n\n'
        "Also briefing was Ahmed Ould Karim, Special Representative of the Secretary-General for the region. "
        'He told the council: "The rivers are still rising, and the roads are closed."'
    )
    assert speakers(nlp, text, "rivers are still rising") == ["Ahmed Ould Karim"]


def test_conceded_and_vowed_are_speech_verbs(nlp: Any) -> None:
    text = (
        'Colonel Ivo Lenz spoke on Monday. "It was a mistake," Lenz conceded in an interview.\n\n'
        '"We will be back by spring," vowed General Anna Seltz, the commander of the northern brigade.'
    )
    assert speakers(nlp, text, "It was a mistake") == ["Ivo Lenz"]
    assert speakers(nlp, text, "back by spring") == ["Anna Seltz"]


def test_a_vow_by_someone_unnamed_is_nobodys(nlp: Any) -> None:
    text = 'General Anna Seltz visited Olbek.\n\n"We will not forget," vowed a soldier at the gate.'
    assert speakers(nlp, text, "We will not forget") == []
