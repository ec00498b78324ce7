"""Who speaks, and who is named, in phrasings where the nearest name is not the speaker: a question closing its
own sentence before "X told reporters", "she said" after her deputy is named, a colon after a title and a name,
a press service owned by the body named before it; and names the model cuts or misreads around a quote ("Hugo van
der Lugt", "Rear Admiral X, the base commander"). Every sentence is invented for the test."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Span

from bot.core.extract import extract
from bot.core.models import EntityType


def speakers(nlp: Any, text: str, words: str) -> list[str]:
    """Who the quotation holding `words` is given to."""
    return [e.name for e in extract(nlp(text)) if any(words in q.text for q in e.quotes)]


def test_a_question_closing_its_sentence_is_the_speakers_named_after_it(nlp: Any) -> None:
    text = (
        'Velmor Governor Arno Kestrel called the incident "unacceptable" and said he would ask for the flights to '
        'stop. "How many times must this happen before the capital listens?" Kestrel told reporters in Olbek.'
    )
    assert speakers(nlp, text, "How many times") == ["Arno Kestrel"]


def test_she_said_is_not_the_man_her_deputy_names(nlp: Any) -> None:
    text = (
        "The school's principal, Helen Marsh, said the panel landed close to a group of pupils. Her deputy, "
        'Tomas Reyk, had led the children indoors minutes earlier. "If he had not acted so quickly, I do not want to '
        'think about what could have happened," she said.'
    )
    assert speakers(nlp, text, "acted so quickly") == ["Helen Marsh"]


def test_a_colon_after_a_title_and_a_name_labels_the_quote(nlp: Any) -> None:
    text = (
        "The navy is hosting the exercise from the Korvik naval base near Olbek. Its chief of staff, Commodore "
        'Ingrid Solvang: "We know these waters better than anyone, and we are glad to show our partners."'
    )
    assert speakers(nlp, text, "We know these waters") == ["Ingrid Solvang"]


def test_a_press_service_speaks_for_the_body_that_owns_it(nlp: Any) -> None:
    text = (
        "Two corvettes of the Northern Velmor Fleet returned to Olbek on Monday after a week of drills, the fleet's "
        'press service told reporters.\n\n"The crews practised repelling an air attack at sea," the press service '
        "said."
    )
    assert speakers(nlp, text, "The crews practised") == ["Northern Velmor Fleet"]


def test_a_given_name_before_van_der_is_part_of_the_name(nlp: Any) -> None:
    doc = nlp("Rear Admiral Maarten van der Horst, the squadron's commander, explained the aim of the exercise.")
    last = next(t.i for t in doc if t.text == "Horst")
    # as the model reads some such names: only the family name's last word tagged a person
    doc.ents = [e for e in doc.ents if not e.start <= last < e.end] + [Span(doc, last, last + 1, label="PERSON")]
    people = [e.name for e in extract(doc) if e.type is EntityType.PERSON]
    assert people == ["Maarten van der Horst"]


def test_the_base_commander_set_after_a_name_makes_no_base(nlp: Any) -> None:
    text = (
        'The ship left the Korvik naval base on Monday. "She is the pride of the fleet," said Rear Admiral Kemal '
        "Arslanoglu, the base commander."
    )
    found = extract(nlp(text))
    assert [e.name for e in found if e.type is EntityType.INSTALLATION] == ["Korvik naval base"]
    assert speakers(nlp, text, "pride of the fleet") == ["Kemal Arslanoglu"]


def test_a_name_after_a_kind_of_ship_is_the_ships_and_no_entity(nlp: Any) -> None:
    text = (
        "The frigate Arnhild Vesterberg would patrol south of Olbek, the navy said. The destroyer HMS Corrowdale "
        "shot down a drone, and the patrol vessel Ras Tamrit was undergoing repairs at Korvik."
    )
    found = [e.name for e in extract(nlp(text))]
    assert not any(ship in name for name in found for ship in ("Vesterberg", "Corrowdale", "Tamrit"))


def test_a_name_that_acts_after_plural_ships_is_kept(nlp: Any) -> None:
    text = "A new pier will let the base take the patrol vessels Velmor has ordered from France."
    assert "Velmor" in [e.name for e in extract(nlp(text))]


def test_a_name_only_written_before_weapons_is_a_weapons_and_no_entity(nlp: Any) -> None:
    text = (
        "The crews fired Tarvon cruise missiles at sea targets, and the base keeps a Kestrel air-defence battery. The "
        "flotilla "
        "will get two Morsk-class ships."
    )
    found = [e.name for e in extract(nlp(text))]
    assert not any(weapon in name for name in found for weapon in ("Tarvon", "Kestrel", "Morsk"))


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Iran supplied the Velmor Liberation Army drones and rockets, officials said.", ["Velmor Liberation Army"]),
        ("The company said Northwind Aerospace helicopters would be delivered next year.", ["Northwind Aerospace"]),
        ("Drones struck the Velmor Liberation Army weapons depots near Olbek on Monday.", ["Velmor Liberation Army"]),
        ("Analysts said the Olbek rocket fire had slowed since Monday.", ["Olbek"]),
        ("Germany agreed to ship Ukraine more air defence systems.", ["Ukraine"]),
        ("The tanker Venezuela seized last week was released on Monday.", ["Venezuela"]),
    ],
)
def test_whose_weapons_and_who_ships_are_no_weapons_or_ships_names(nlp: Any, text: str, kept: list[str]) -> None:
    """A body before its weapons, a place before its rocket fire, a noun of weapons qualifying another, "ship" as
    a verb and a state that seized a tanker: each name is an entity, not a weapon's or a ship's."""
    found = {e.name for e in extract(nlp(text))}
    assert set(kept) <= found


def test_a_body_written_before_weapons_and_on_its_own_is_kept(nlp: Any) -> None:
    text = (
        "Harakat Velmor drones hit the port of Olbek overnight. Harakat Velmor said the strike was a warning, and a "
        "researcher at an Olbek think tank said the group had grown."
    )
    found = [e.name for e in extract(nlp(text))]
    assert "Harakat Velmor" in found
    assert "Olbek" in found


def test_a_naval_rank_with_an_ordinal_word_goes_before_the_name(nlp: Any) -> None:
    text = (
        '"Our sailors are always glad to see the port again," Captain First Rank Dmitry Orlanov, the detachment\'s '
        "commander, said at a welcome ceremony. Fleet spokesman Captain Second Rank Pavel Sedykh told reporters."
    )
    people = [e.name for e in extract(nlp(text)) if e.type is EntityType.PERSON]
    assert sorted(people) == ["Dmitry Orlanov", "Pavel Sedykh"]
    assert speakers(nlp, text, "always glad") == ["Dmitry Orlanov"]


def test_untagged_words_after_a_titles_body_that_speak_are_a_persons_name(nlp: Any) -> None:
    text = (
        "Commander-in-Chief of the Armed Forces of Velmor Oleksiy Vdovenko said on Monday that units were holding. "
        '"The enemy is trying to cut our roads," Vdovenko wrote.'
    )
    doc = nlp(text)
    body = [t.i for t in doc if t.text in {"the", "Velmor"}][:2]
    # as the model reads some such names: the body tagged, the name after it tagged as nothing
    doc.ents = [e for e in doc.ents if e.start > body[1] + 3] + [Span(doc, body[0], body[1] + 1, label="ORG")]
    people = [e for e in extract(doc) if e.type is EntityType.PERSON]
    assert [(e.name, [q.text[:9] for q in e.quotes]) for e in people] == [("Oleksiy Vdovenko", ["The enemy"])]


def test_he_is_not_a_commander_the_article_names_only_later(nlp: Any) -> None:
    text = (
        "The Chief of Staff of the Velmor Armed Forces Maj Gen Darius Kovani said on Saturday that the forces were "
        "ready.\n\nSpeaking at a naval drill, the top commander said that Velmor posed no threat to its neighbours."
        '\n\n"Our neighbours are our brothers and we wish them peace," he said.\n\nHe was accompanied by Rear '
        "Admiral Tomas Brekel, the commander of the navy, who told reporters that 60 vessels were taking part."
    )
    assert speakers(nlp, text, "Our neighbours are our brothers") == ["Darius Kovani"]
