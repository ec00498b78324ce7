"""Names written two ways (transliterations, the "Abd" compound, the Persian ezafe, initials before a body's last
word, a form of address) are one name; names that only look alike stay apart. Every name here is invented."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core import names
from bot.core.extract import extract
from bot.core.models import EntityType


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Abdulkadir Vernoli", "Abdul Qadir Vernoli"), ("Abd al-Qadir Vernoli", "Abdelkader Vernoli"),
        ("Abdallah Tarsani", "Abdullah Tarsani"), ("Bandar-e Velmi", "Bandar Velmi"), ("Qasr-e Dorani", "Qasr Dorani"),
        ("Nour Ezzaldine", "Nour Izzaldine"), ("Deir Ezzor", "Deir ez-Zor"), ("Dayr Zawr", "Deir Zour"),
    ],
)  # fmt: skip
def test_spellings_of_one_name_share_a_key_or_are_the_same_name(a: str, b: str) -> None:
    assert names.same_name(names.key(a), names.key(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kay Tarvel", "Kei Tarvel"), ("Mai Orsent", "Mei Orsent"), ("Abdulrahman Vernoli", "Abdulkarim Vernoli"),
        ("Tal Hamid", "Tal Hamadi"),
    ],
)  # fmt: skip
def test_names_that_only_look_alike_stay_apart(a: str, b: str) -> None:
    """A diphthong at a word's end is no variant of another ("Kay" and "Kei" are two names); two "Abd" compounds
    with different second halves are two names."""
    assert not names.same_name(names.key(a), names.key(b))


def test_a_long_word_opening_with_a_doubled_letter_keeps_it() -> None:
    """ "Ezzaldine" is a name of its own, not the article glued to "Zaldine": the lone family name keys as the full
    name's last word does."""
    assert names.key("Nour Ezzaldine").split()[-1] == names.key("Ezzaldine")


def test_a_family_name_alone_is_the_bearer_spelled_so_when_a_namesake_spells_it_otherwise(nlp: Any) -> None:
    text = (
        "Lawmakers Rana Ezzaldine and Karim Izzaldine attended the opening of the clinic in Varessa. "
        "Ezzaldine, who sits on the health committee, said the clinic would open in May."
    )
    people = {e.name: sorted(e.aliases) for e in extract(nlp(text)) if e.type is EntityType.PERSON}
    assert "Ezzaldine" in people["Rana Ezzaldine"]
    assert "Ezzaldine" not in people["Karim Izzaldine"]


def test_a_place_named_with_the_ezafe_is_one_name(nlp: Any) -> None:
    """The model reads "Bandar-e Velmi" as two names, the second a man's: it is one place, and "Velmi" alone is no
    one's family name here."""
    text = "The vessel was refitted at a shipyard in Bandar-e Velmi over eighteen months, the navy said."
    found = [(e.name, e.type) for e in extract(nlp(text))]
    assert ("Bandar-e Velmi", EntityType.PLACE) in found
    assert "Velmi" not in [name for name, _ in found]


def test_a_bodys_initials_before_its_last_word_name_the_body(nlp: Any) -> None:
    text = (
        "Commanders of the Velmoran Revolutionary Guard Corps Navy met in Orsk on Monday. "
        "The VRGC Navy said its fast boats were ready for the drill."
    )
    bodies = {e.name: sorted(e.aliases) for e in extract(nlp(text)) if e.type is EntityType.ORGANISATION}
    assert "VRGC Navy" in bodies["Velmoran Revolutionary Guard Corps Navy"]


def test_initials_another_body_does_not_spell_stay_a_name_of_their_own(nlp: Any) -> None:
    text = (
        "Commanders of the Velmoran Revolutionary Guard Corps Navy met in Orsk on Monday. "
        "The KRGC Navy, a rival force, said its fast boats were ready for the drill."
    )
    bodies = {e.name: sorted(e.aliases) for e in extract(nlp(text)) if e.type is EntityType.ORGANISATION}
    assert "KRGC Navy" not in bodies.get("Velmoran Revolutionary Guard Corps Navy", [])


def test_a_form_of_address_before_a_given_name_leaves_the_person_named_in_full(nlp: Any) -> None:
    text = (
        "Sayyid Tarek bin Salim Al Verani, the minister, visited the port of Orsk. "
        "Sayyid Tarek said the port would stay open to friendly navies."
    )
    people = [e.name for e in extract(nlp(text)) if e.type is EntityType.PERSON]
    assert people == ["Tarek bin Salim Al Verani"]


def test_a_name_someone_writes_under_is_another_name_of_theirs(nlp: Any) -> None:
    text = (
        'Military blogger Arkady Tervin, who writes under the name "Severny", said the depot had been hit. '
        "The claim could not be verified."
    )
    people = {e.name: sorted(e.aliases) for e in extract(nlp(text)) if e.type is EntityType.PERSON}
    assert "Severny" in people["Arkady Tervin"]


def test_under_the_name_of_a_body_gives_no_one_another_name(nlp: Any) -> None:
    """ "under the name of X": the words after the cue are no name's filler, so X is nobody's other name."""
    text = (
        "Arkady Tervin, the convoy's leader, said the trucks travelled under the name of the Velmoran Red Crescent "
        "to reach Orsk."
    )
    found = {e.name: sorted(e.aliases) for e in extract(nlp(text))}
    assert not any(
        "Velmoran Red Crescent" in aliases for name, aliases in found.items() if name != "Velmoran Red Crescent"
    )


def test_an_arab_republics_body_is_named_with_and_without_arab() -> None:
    assert names.key("Velmoran Arab Army") != names.key("Velmoran Army")  # no country's adjective: kept
    assert names.key("Syrian Arab Army") == names.key("Syrian army")
    assert names.key("United Arab Emirates") != names.key("United Emirates")


def test_a_family_name_of_two_words_the_model_read_as_a_place_is_the_persons(nlp: Any) -> None:
    text = (
        "Defence Minister Tarek Abu Varsa inspected units deployed in Orsk and Velmi on Sunday. "
        "In Velmi, Abu Varsa met the governor and local dignitaries. "
        'Abu Varsa affirmed that the army "protects everyone".'
    )
    found = {e.name: (e.type, sorted(e.aliases)) for e in extract(nlp(text))}
    assert "Abu Varsa" not in found
    assert "Abu Varsa" in found["Tarek Abu Varsa"][1]


def test_a_one_word_place_is_no_family_name_of_a_namesake(nlp: Any) -> None:
    """Only two words or more that end a person's name are waived through as his family name: a town of one word
    the model reads as a place stays one."""
    text = "Troops entered Velmi and Orsk on Sunday. In Velmi, residents welcomed them. Tarek Velmi, a farmer, said so."
    found = {e.name: e.type for e in extract(nlp(text))}
    assert found.get("Velmi") is EntityType.PLACE
