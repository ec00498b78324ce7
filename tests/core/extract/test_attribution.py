"""Who said a quotation, where the grammar of news copy says it: a quote paragraph whose speaker the next paragraph
names, a reported clause inside a reporting one, a verb with a misparsed second subject, and a person described by
what he is. Sentences written for these tests."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract


def said_by(nlp: Any, text: str, words: str) -> list[str]:
    return [e.name for e in extract(nlp(text)) if any(words in q.text for q in e.quotes)]


def test_a_quote_paragraph_looked_back_at_by_the_next_belongs_to_its_subject(nlp: Any) -> None:
    text = (
        "Defence Minister Kemal Aras inspected the border units in Kilis on Friday.\n\n"
        '"Our neighbours stood with us in hard days," Deputy Governor Selim Kaya told reporters at the gate.\n\n'
        '"The security of the border is the security of the whole nation."\n\n'
        "With those words, Aras ended his speech to the troops gathered in front of the headquarters."
    )
    assert said_by(nlp, text, "security of the whole nation") == ["Kemal Aras"]


def test_words_reported_inside_a_reporting_clause_are_the_inner_speakers(nlp: Any) -> None:
    text = (
        "Deputy Foreign Minister Oleg Markin met the UN envoy, Hans Berglund, in Vienna on Tuesday. "
        'The Russian diplomat reaffirmed Moscow\'s support for "a settlement reached by the parties themselves," '
        "the Foreign Ministry said."
    )
    assert said_by(nlp, text, "a settlement reached by the parties") == ["Oleg Markin"]


def test_a_speaker_after_a_quote_of_two_sentences_is_not_a_word_inside_it(nlp: Any) -> None:
    text = (
        '"Before, we saw the patrols every week. Now the trucks that pass here are different," said Amadou '
        "Keita, a driver who carries goods to the market."
    )
    assert said_by(nlp, text, "we saw the patrols") == ["Amadou Keita"]


def test_an_agency_named_after_its_description_reports_what_it_quotes(nlp: Any) -> None:
    text = 'Iraq\'s state news agency INA reported "heavy damage to the northern runway" but gave no toll.'
    assert said_by(nlp, text, "heavy damage to the northern runway") == ["INA"]


def test_the_noun_a_body_was_described_as_refers_back_to_it(nlp: Any) -> None:
    text = (
        "The Levant Rights Network, a Beirut-based war monitor, said the strikes killed four people. "
        '"The toll may rise as rescuers reach the site," the monitor said.'
    )
    assert said_by(nlp, text, "toll may rise") == ["Levant Rights Network"]


def test_the_statement_said_speaks_for_who_issued_it(nlp: Any) -> None:
    text = (
        "Farid Nasser said in a statement on Monday that the talks had ended.\n\n"
        '"We have made our position clear to all parties involved," the statement said.'
    )
    assert said_by(nlp, text, "made our position clear") == ["Farid Nasser"]


def test_the_person_set_in_apposition_to_a_title_of_a_body_speaks_not_the_body(nlp: Any) -> None:
    text = (
        "The head of U.S. Africa Command, Gen. Alan Rourke, told senators in May that the troops were "
        '"the best bargain we have against a comeback."'
    )
    assert said_by(nlp, text, "best bargain") == ["Alan Rourke"]
    body = 'A spokesman for U.S. Africa Command told reporters that the troops were "the best bargain we have."'
    assert said_by(nlp, body, "best bargain") == ["U.S. Africa Command"]


def test_sentences_all_in_quotation_marks_do_not_hide_the_speaker_named_before_them(nlp: Any) -> None:
    text = (
        "MINSK, May 4. Talks on the depot continue, Belarusian Foreign Ministry Spokeswoman Olga Kravets said on "
        "Thursday.\n\n"
        '"Contacts are going on at every level. The mood is calm. We do not comment on details yet," the diplomat '
        "said."
    )
    assert said_by(nlp, text, "We do not comment") == ["Olga Kravets"]
    unnamed = 'Talks on the depot continue.\n\n"Contacts are going on. We do not comment yet," the diplomat said.'
    assert said_by(nlp, unnamed, "We do not comment") == []


def test_a_quote_left_open_belongs_to_the_speaker_the_next_paragraph_names(nlp: Any) -> None:
    text = (
        "Harbour officials toured the damaged port of Velka on Monday.\n\n"
        '"We will rebuild every pier within a year. Nobody will stop the work.\n\n'
        '"The funds are already in place," Transport Minister Ilkan Sorel said.'
    )
    assert said_by(nlp, text, "rebuild every pier") == ["Ilkan Sorel"]
    closed = text.replace("stop the work.\n", 'stop the work."\n')
    assert said_by(nlp, closed, "rebuild every pier") == []
