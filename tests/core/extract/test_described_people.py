"""People the model leaves untagged or takes for a body, named by an apposition that says what they are ("X, a
political analyst based in Y, said") or by a clause of the office they hold ("X, who heads Y,"), and countries an
apposition describes by a word people share with them ("a member of"). Every sentence is invented for the test."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span

from bot.core.extract import extract
from bot.core.models import EntityType

SOUK = (
    "In the souk near the port road, opinions were divided. Rezan Amedi, a shopkeeper who sells mobile phones, said "
    'the soldiers had been "good for business and nothing else." Across the street, Khalil Isso, a retired teacher, '
    "said he was more worried about the price of bread than about who guards the runway.\n\n"
)


def test_an_untagged_name_an_apposition_calls_an_analyst_is_a_person_who_speaks(nlp: Any) -> None:
    text = SOUK + (
        "Rojhat Sido, a political analyst based in Korvel, said the real test would come in Dastra and Velm, where "
        "the militia and the army are still negotiating the handover of checkpoints. "
        '"Korvel now has one more card to play, and everybody here knows it," he said.'
    )
    found = {e.name: e for e in extract(nlp(text))}
    assert found["Rojhat Sido"].type is EntityType.PERSON
    assert [q.text[:17] for q in found["Rojhat Sido"].quotes] == ["Korvel now has on"]
    assert [r.title for r in found["Rojhat Sido"].roles] == ["political analyst"]


def test_a_name_the_model_took_for_a_body_is_a_person_when_called_an_expert(nlp: Any) -> None:
    text = SOUK.replace("Khalil Isso", "Tarek Maalouf").replace("a retired teacher", "an expert on the region")
    assert {e.name: e.type for e in extract(nlp(text))}.get("Tarek Maalouf") is EntityType.PERSON


def test_a_country_called_a_member_of_something_stays_a_place(nlp: Any) -> None:
    text = "Norvia, a member of the alliance since 2004, said on Monday that it would send two frigates to the drill."
    assert {e.name: e.type for e in extract(nlp(text))}.get("Norvia") is not EntityType.PERSON


def test_an_untagged_name_before_a_clause_of_the_office_it_holds_is_a_titled_person(nlp: Any) -> None:
    text = (
        "The talks were also attended by the two countries' envoys.\n\n"
        "Ilkan Sonar, who heads the Centre for Maritime Studies in Dastra, said neither side expected a quick deal. "
        '"Nobody gives up a chip before the end of the game," Sonar said.'
    )
    people = {e.name: e for e in extract(nlp(text)) if e.type is EntityType.PERSON}
    assert [r.title for r in people["Ilkan Sonar"].roles] == ["head of the Centre for Maritime Studies in Dastra"]
    assert list(people) == ["Ilkan Sonar"]  # "Sonar" alone is him


def _tagged(nlp: Any, text: str, words: str, label: str) -> Any:
    """The text parsed, with the model's reading of `words` replaced by `label` on its last word alone, as the
    small model reads some names in a long article ("Murat" untagged, "Demirel" a body)."""
    doc = nlp(text)
    start = text.index(words)
    last = doc.char_span(start, start + len(words), alignment_mode="expand")[-1]
    kept = [e for e in doc.ents if e.end <= last.i - 1 or e.start > last.i]
    doc.ents = [*kept, Span(doc, last.i, last.i + 1, label=label)]
    return doc


def test_a_name_set_off_after_a_title_is_a_person_even_if_the_model_took_it_for_a_body(nlp: Any) -> None:
    text = (
        "The talks were also attended by Velmora's ambassador to Dastra, Murat Demirol, and by Karwan Joff, an "
        "adviser to the prime minister of the region."
    )
    found = {e.name: e for e in extract(_tagged(nlp, text, "Murat Demirol", "ORG"))}
    assert found["Murat Demirol"].type is EntityType.PERSON
    assert [r.title for r in found["Murat Demirol"].roles] == ["Velmora's ambassador to Dastra"]


def test_a_body_set_off_after_a_title_and_a_common_noun_stays_a_body(nlp: Any) -> None:
    text = "A commander of the militia, Kataib Velmor, said the fighters would stay in the hills."
    found = {e.name: e.type for e in extract(_tagged(nlp, text, "Kataib Velmor", "ORG"))}
    assert found.get("Velmor", found.get("Kataib Velmor")) is EntityType.ORGANISATION
