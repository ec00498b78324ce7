"""Readings that a check on news the rules were not written from got wrong: a country the model labels a body, a
body one is said to be "in", an alias given after a family name the model missed, a weapon named by its maker and
model, a base named after the region it is in or a town it is near, a body's leader named only by "led by", a
dateline at a body's seat ("UNITED NATIONS"), a short quoted sentence after a speaker's quote, a title with "-in-"
or before a hyphenated rank ("Under-Secretary-General"), a station designated by a force's acronym ("PAF Base …"), a
base described by its place beside the named base standing there, a town's name with a particle between hyphens, a
group named in the plural ("the Houthis"), an airport drones are flown from, "the 15-member organ" before a name.
Every sentence is invented."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.extract import extract
from bot.core.models import EntityType


def _types(nlp: Any, text: str) -> dict[str, EntityType]:
    return {e.name: e.type for e in extract(nlp(text))}


def test_a_country_the_model_labels_a_body_is_a_place(nlp: Any) -> None:
    text = "Prime Minister Tigran Vardanyan said in February that Armenia had frozen its participation in the alliance."
    assert nlp(text).ents[2].label_ == "ORG"  # what the rule is for: the model's label of the country
    assert _types(nlp, text)["Armenia"] is EntityType.PLACE


def test_a_country_the_model_reads_as_a_person_is_a_place(nlp: Any) -> None:
    text = "General Idris Koulam has moved his country closer to the military governments of Mali and Burkina Faso."
    doc = nlp(text)
    assert {e.text: e.label_ for e in doc.ents}.get("Burkina Faso") == "PERSON"  # the model's reading
    assert _types(nlp, text)["Burkina Faso"] is EntityType.PLACE


@pytest.mark.parametrize("body", ["Center for Strategic and Regional Studies", "Institute for the Study of Ports"])
def test_a_name_opened_by_a_bodys_noun_and_what_it_is_for_is_a_body(nlp: Any, body: str) -> None:
    text = f'"The pier is longer than the navy needs," said Tomas Varga, who works at the {body} in Washington.'
    assert _types(nlp, text)[body] is EntityType.ORGANISATION


def test_a_body_one_takes_part_in_is_no_place(nlp: Any) -> None:
    text = "Armenia had frozen its participation in the Collective Security Treaty Organization, Vardanyan said."
    assert _types(nlp, text)["Collective Security Treaty Organization"] is EntityType.ORGANISATION


@pytest.mark.parametrize("family", ["Wadalo", "Fadallo"])
def test_an_alias_given_after_a_family_name_alone_is_the_persons(nlp: Any, family: str) -> None:
    text = (
        f"The RSF, led by Idris Hamdan {family}, has not commented on the strike. {family}, widely known as "
        "Zubaidi, has fought the army since April 2023."
    )
    people = [e for e in extract(nlp(text)) if e.type is EntityType.PERSON]
    assert [e.name for e in people] == [f"Idris Hamdan {family}"]
    assert "Zubaidi" in people[0].aliases


def test_a_maker_and_model_before_a_weapon_noun_is_no_person(nlp: Any) -> None:
    text = "The army fielded Varta K-7 missiles near the border, officials said."
    assert nlp(text).ents[0].label_ == "PERSON"  # the model's reading the rule is for
    assert "Varta K-7" not in _types(nlp, text)


@pytest.mark.parametrize(
    "sentence",
    [
        "The 51st base, stationed in Varnik since 1995, is Russia's only military base in the South Caucasus.",
        "It is the largest American air base in the Middle East, officials at Velmor said.",
    ],
)
def test_a_region_a_base_is_in_names_no_base(nlp: Any, sentence: str) -> None:
    bases = [e.name for e in extract(nlp(sentence)) if e.type is EntityType.INSTALLATION]
    assert not any("Caucasus" in b or "Middle East" in b for b in bases), bases


@pytest.mark.parametrize(
    ("sentence", "person", "role"),
    [
        (
            "The NSF, led by Omar Salim Varani, has not commented on the strike.",
            "Omar Salim Varani",
            "leader of the NSF",
        ),
        (
            "Fighters of the Northern Brigade, which is commanded by Colonel Imad Farouk, took the town.",
            "Imad Farouk",
            "commander of the Northern Brigade",
        ),
        (
            "The Varnish Armed Forces, headed by General Tarek Hamdi Osmani, deny it.",
            "Tarek Hamdi Osmani",
            "head of the Varnish Armed Forces",
        ),
    ],
)
def test_a_body_said_to_be_led_by_someone_makes_him_its_leader(nlp: Any, sentence: str, person: str, role: str) -> None:
    people = {e.name: [r.title for r in e.roles] for e in extract(nlp(sentence)) if e.type is EntityType.PERSON}
    assert role in people[person]


def test_a_body_led_by_no_one_named_gives_no_one_a_role(nlp: Any) -> None:
    found = extract(nlp("The group is led by a council of elders, Rami Haddad said."))
    assert all(not r.title.startswith("leader") for e in found for r in e.roles)


def test_a_dateline_at_a_bodys_seat_places_no_base(nlp: Any) -> None:
    text = (
        "UNITED NATIONS, 22 April 2026 (UN News) — The UN mission said its troops at Camp Velmor, the mission's "
        "headquarters on the Syrian side, had seen new construction work."
    )
    found = {e.name: e for e in extract(nlp(text))}
    assert [f.location for f in found["Camp Velmor"].base_facts] == [None]
    assert found["United Nations"].type is EntityType.ORGANISATION


@pytest.mark.parametrize(
    "text",
    [
        "Israeli strikes hit Syrian air base near Varnik, monitor says\n\nThe strikes destroyed radar equipment.",
        "Drones struck an air base outside Varnik on Monday, the army said.",
    ],
)
def test_a_base_near_a_town_is_not_named_after_it(nlp: Any, text: str) -> None:
    assert [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION] == []


def test_a_short_quoted_sentence_after_a_speakers_quote_is_his_too(nlp: Any) -> None:
    text = (
        'Kremlin spokesman Dmitry Varnov told reporters the talks went well. "The presidents exchanged views on '
        'regional issues," Varnov said. "Contacts will continue."'
    )
    quotes = {e.name: [q.text for q in e.quotes] for e in extract(nlp(text))}
    assert "Contacts will continue." in quotes["Dmitry Varnov"]


def test_a_few_words_quoted_inside_a_sentence_are_no_statement(nlp: Any) -> None:
    text = 'Officials described the talks as "very good news" on Monday, and Dmitry Varnov left for Geneva.'
    assert all(not e.quotes for e in extract(nlp(text)))


def test_a_title_with_a_hyphenated_in_is_read_whole(nlp: Any) -> None:
    text = "The commander-in-chief of the Northern Shield Forces, Rezan Korkmaz, said on Sunday his forces would stay."
    roles = {e.name: [r.title for r in e.roles] for e in extract(nlp(text))}
    assert roles["Rezan Korkmaz"] == ["commander-in-chief of the Northern Shield Forces"]


@pytest.mark.parametrize(
    ("text", "station"),
    [
        ("Jets took off from PAF Base Korrum in Velmar on Monday, the air force said.", "PAF Base Korrum"),
        ("The drill began at VNF Base Talbek on Tuesday.", "VNF Base Talbek"),
    ],
)
def test_a_forces_acronym_and_base_before_a_name_designate_a_station(nlp: Any, text: str, station: str) -> None:
    found = {e.name: e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION}
    assert list(found) == [station]
    assert found[station].base_facts[0].kind == ("air base" if station.startswith("PAF") else "base")


@pytest.mark.parametrize(
    "text",
    [
        "Varnish says it hit Russian airfield in Korsa\n\nThe Varnish military said it struck the Talbek airfield in "
        "occupied Korsa overnight. The Talbek base, near the town of Olmen, was hit before.",
        "The future of the Russian military base in Velmar is not on the agenda, Prime Minister Arman Sarkis said. "
        "The 77th Russian military base, stationed in Velmar since 1995, has about 3,000 troops.",
    ],
)
def test_a_base_described_by_its_place_is_the_named_base_standing_there(nlp: Any, text: str) -> None:
    assert len([e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]) == 1


def test_two_garrisons_described_by_their_towns_stay_apart(nlp: Any) -> None:
    text = (
        "Trucks have been leaving the garrison in Olmen for weeks. The 77th military base is spread over two sites: "
        "the main garrison in Velmar and a second one in Olmen, about 100 km south of the capital."
    )
    garrisons = [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION and "arrison" in e.name]
    assert len(garrisons) == 2, garrisons


def test_a_base_named_after_a_hyphenated_town_with_a_particle_keeps_it_whole(nlp: Any) -> None:
    text = "The contingent had flown in from Mont-de-Varnel air base in south-western France."
    assert [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION] == ["Mont-de-Varnel air base"]


def test_a_title_before_a_comma_reaches_past_a_hyphenated_rank(nlp: Any) -> None:
    text = (
        "The head of UN peacekeeping, Under-Secretary-General Pierre Marchand, told the Security Council on Tuesday "
        "that troops had moved."
    )
    roles = {e.name: [r.title for r in e.roles] for e in extract(nlp(text))}
    assert "head of UN peacekeeping" in roles["Pierre Marchand"]


@pytest.mark.parametrize("group", ["Kutaris", "Zaidanis"])
def test_a_group_named_in_the_plural_is_a_body_with_its_singular(nlp: Any, group: str) -> None:
    text = (
        f"The UN envoy urged the {group} and the government to resume talks. {group[:-1]} fighters fired missiles "
        f"at ships, and the {group} said they would respond."
    )
    found = [(e.name, e.type) for e in extract(nlp(text)) if group[:-1] in e.name]
    assert found == [(group, EntityType.ORGANISATION)]


def test_an_airport_warplanes_fly_from_is_in_military_use(nlp: Any) -> None:
    text = "Turkey has begun flying Korvak drones from Velmor airport in the north of the island, officials said."
    found = {e.name: e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION}
    assert list(found) == ["Velmor airport"]
    assert found["Velmor airport"].base_facts[0].operator == "Turkey"


def test_an_airport_airliners_fly_from_is_no_base(nlp: Any) -> None:
    text = "Airlines resumed flying passenger jets from Velmor airport on Monday, officials said."
    assert [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION] == []


def test_a_numbered_member_adjective_makes_no_title(nlp: Any) -> None:
    text = "Briefing the 15-member organ, Pierre Marchand said that hundreds had been killed in the south."
    roles = {e.name: [r.title for r in e.roles] for e in extract(nlp(text))}
    assert roles["Pierre Marchand"] == []


def test_a_name_in_parentheses_after_a_base_that_another_base_goes_by_is_its_other_name(nlp: Any) -> None:
    text = (
        "Jets struck the Velmor base (K9) twice since December to stop any foreign deployment there.\n\n"
        "An official said no decision had been taken on foreign forces at the K9 airbase."
    )
    bases = [e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]
    assert len(bases) == 1 and {"Velmor", "K9"} <= {m.surface for m in bases[0].mentions}
    text = "Jets flew from the Velmor air base (Dostan) on Monday. The Dostan airport was closed to flights."
    assert {e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION} == {"Velmor air base"}
