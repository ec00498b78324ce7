"""Titles in the shapes press releases and wire copy use: a title opening the story before the name, a title with
an organisation's acronym in parentheses, hyphenated titles, and an appositive whose "of" names a place the model
reads as a person. Sentences written for these tests."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span

from bot.core.extract import extract
from bot.core.models import EntityType


def roles(nlp: Any, text: str) -> dict[str, list[str]]:
    return {e.name: [r.title for r in e.roles] for e in extract(nlp(text)) if e.roles}


def quotes(nlp: Any, text: str, words: str) -> list[str]:
    return [e.name for e in extract(nlp(text)) if any(words in q.text for q in e.quotes)]


RELEASE = (
    "SECURITY COUNCIL\n\n"
    "The Secretary-General's Special Envoy for Yemen warned the Council today that the truce, he said, remained "
    '"thin but still standing".\n\n'
    "Briefing the members by video link, Ingrid Solberg said that fighting near the port had displaced thousands."
)


def test_a_title_opening_a_release_is_the_role_of_the_person_named_next(nlp: Any) -> None:
    assert any("Special Envoy for Yemen" in title for title in roles(nlp, RELEASE).get("Ingrid Solberg", []))


def test_he_after_a_title_subject_is_the_person_holding_the_title(nlp: Any) -> None:
    assert quotes(nlp, RELEASE, "thin but still standing") == ["Ingrid Solberg"]


def test_an_acronym_in_parentheses_stays_inside_a_title_before_a_name(nlp: Any) -> None:
    text = "The minister was accompanied by the Head of the National Security Bureau (NSB) Tarik Demirel on his visit."
    assert roles(nlp, text).get("Tarik Demirel") == ["Head of the National Security Bureau"]


def test_a_hyphenated_title_is_one_title(nlp: Any) -> None:
    text = "Under-Secretary-General for Peace Operations Lena Marsh met UN Secretary-General Paolo Ricci on Monday."
    found = roles(nlp, text)
    assert found.get("Lena Marsh") == ["Under-Secretary-General for Peace Operations"]
    assert found.get("Paolo Ricci") == ["UN Secretary-General"]


def test_a_place_after_of_in_an_appositive_title_does_not_end_it(nlp: Any) -> None:
    text = "The delegation was led by Karim al-Aziz, a deputy governor of al-Hasakah province. He said little."
    assert roles(nlp, text).get("Karim al-Aziz") == ["deputy governor of al-Hasakah province"]


def test_a_relative_clause_stating_the_office_held_is_a_title(nlp: Any) -> None:
    text = "Farid Nasser, who heads the Syrian Foreign Ministry's legal department, said the deal had no basis."
    assert roles(nlp, text).get("Farid Nasser") == ["head of the Syrian Foreign Ministry's legal department"]


def test_an_age_between_commas_does_not_hide_the_appositive_after_it(nlp: Any) -> None:
    text = "Hevi Ahmed, 34, a teacher in Qamishli, said nobody had asked the residents."
    assert roles(nlp, text).get("Hevi Ahmed") == ["teacher in Qamishli"]


def test_a_counterpart_holds_the_office_of_the_one_he_is_counterpart_of(nlp: Any) -> None:
    text = "Syrian Defence Minister Karim Haddad met his Turkish counterpart, Yusuf Demir, in Ankara on Monday."
    assert roles(nlp, text).get("Yusuf Demir") == ["Turkish Defence Minister"]


def test_a_counterpart_named_before_the_word_holds_the_office_and_is_a_person(nlp: Any) -> None:
    text = "Interior Minister Ilkan Sorel held talks with Marek Tallin, his Greek counterpart, in Athens on Monday."
    assert roles(nlp, text).get("Marek Tallin") == ["Greek Interior Minister"]
    text = "Interior Minister Ilkan Sorel held talks with Marek Tallin, his old friend, in Athens on Monday."
    assert roles(nlp, text).get("Marek Tallin") in (None, [])


def test_the_minister_said_is_the_minister_just_spoken_of(nlp: Any) -> None:
    text = (
        "Defence Minister Yusuf Demir met Interior Minister Ali Kaya in Ankara on Monday.\n\n"
        "Speaking to soldiers at the border, Demir said the operations would continue until spring.\n\n"
        '"We are training new units and we will keep doing so," the minister said.'
    )
    assert quotes(nlp, text, "training new units") == ["Yusuf Demir"]


def test_a_title_of_a_countrys_body_names_the_body_not_a_person(nlp: Any) -> None:
    text = (
        "Pavel Gromov, the secretary of Russia's Security Council, told a conference in Kazan that talks would go on."
    )
    found = {e.name: e for e in extract(nlp(text))}
    assert found["Russian Security Council"].type is EntityType.ORGANISATION
    assert found["Russian Security Council"].roles == []
    assert [r.title for r in found["Pavel Gromov"].roles] == ["secretary of Russia's Security Council"]


def test_a_countrys_adjective_before_its_ministry_is_part_of_the_ministrys_name(nlp: Any) -> None:
    text = "Egyptian Foreign Ministry spokesman Tamer Fouad said the talks were useful."  # read as two names
    assert "Egyptian Foreign Ministry" in {e.name for e in extract(nlp(text)) if e.type is EntityType.ORGANISATION}
    other = "Iranian officials met the Foreign Ministry of Oman on Monday."
    assert "Iranian Foreign Ministry" not in {e.name for e in extract(nlp(other))}


def test_a_bare_ministry_in_a_sentence_set_in_a_described_capital_is_that_countrys(nlp: Any) -> None:
    text = "The two ministers held talks at the Foreign Ministry's mansion in central Cairo, state media reported."
    assert "Egyptian Foreign Ministry" in {e.name for e in extract(nlp(text))}
    elsewhere = (
        "The two ministers held talks at the Foreign Ministry's mansion near central Cairo, state media reported."
    )
    assert "Egyptian Foreign Ministry" not in {e.name for e in extract(nlp(elsewhere))}


def test_a_title_inside_a_name_read_as_one_leaves_the_name_after_it(nlp: Any) -> None:
    text = "The minister was joined by Homs Governor Tarek Nasri and Aleppo Governor on the tour, SANA said."
    doc = nlp(text)
    doc.ents = [Span(doc, 5, 9, label="PERSON"), Span(doc, 10, 12, label="PERSON"), Span(doc, 16, 17, label="ORG")]
    found = {e.name: e for e in extract(doc)}
    assert "Tarek Nasri" in found and "Homs Governor Tarek Nasri" not in found
    assert [r.title for r in found["Tarek Nasri"].roles] == ["Homs Governor"]
    assert "Aleppo Governor" not in found  # a title with whose it is, no name


def test_a_name_that_ends_in_a_word_that_is_no_title_stays_whole(nlp: Any) -> None:
    doc = nlp("The minister met Tarek Nasri Hamdan on Monday.")
    doc.ents = [Span(doc, 3, 6, label="PERSON")]
    assert [e.name for e in extract(doc)] == ["Tarek Nasri Hamdan"]


def test_a_counterpart_is_of_the_titled_person_named_last_before_him(nlp: Any) -> None:
    text = (
        "Deputy Foreign Minister Oleg Marin visited Baku in May, and Defence Minister Pavel Orlov received his "
        "Azerbaijani counterpart, Rauf Aliyar, in Moscow in June."
    )
    assert roles(nlp, text).get("Rauf Aliyar") == ["Azerbaijani Defence Minister"]
