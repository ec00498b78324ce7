"""Misreadings a hostile review found in rules for bylines, people named beside a description, speakers named by a
title, family names two people bear, ties between a body and a place, radars, and places or bodies named after a
person: what a reader takes from each sentence or page, which those rules once got wrong. Every sentence and page is
invented."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.ingest.files import with_credits
from bot.core.models import EntityType


def _by_name(nlp: Any, text: str) -> dict[str, Any]:
    return {e.name: e for e in extract(nlp(text))}


def _speaker_of(nlp: Any, text: str, words: str) -> str | None:
    return next((e.name for e in extract(nlp(text)) for q in e.quotes if q.text.startswith(words)), None)


def test_a_body_spokesman_quote_is_not_the_other_side_leaders(nlp: Any) -> None:
    text = (
        'Ukrainian President Oleksandr Dorenko said on Tuesday that talks with Moscow were "going nowhere".\n\n'
        'The spokesman for the Kremlin said the proposal was "a provocation dressed up as diplomacy."'
    )
    assert _speaker_of(nlp, text, "a provocation") != "Oleksandr Dorenko"


def test_a_spokesman_for_one_body_is_not_the_spokesman_of_another(nlp: Any) -> None:
    text = (
        'Hamas spokesman Abu Khalil Nasser said the group would "never disarm".\n\n'
        'The spokesman for the Israeli army said the strikes had been "precise and necessary".'
    )
    assert _speaker_of(nlp, text, "precise") != "Abu Khalil Nasser"


def test_a_parenthetical_source_makes_no_body_a_person(nlp: Any) -> None:
    found = _by_name(nlp, "The Wagner Group, a Western diplomat said, was pulling its men out of Bangui.")
    assert found["Wagner Group"].type is not EntityType.PERSON


def test_a_country_who_leads_a_coalition_stays_a_place(nlp: Any) -> None:
    found = _by_name(nlp, 'Saudi Arabia, who leads the coalition, said the strike hit "a legitimate target".')
    assert found["Saudi Arabia"].type is not EntityType.PERSON


def test_a_family_name_with_a_descriptor_goes_to_the_person_it_describes(nlp: Any) -> None:
    text = (
        "Ahmad Rahimi, a farmer, lost his home in the flood. Farida Rahimi, a nurse in the same village, was not "
        'related. Rahimi, the farmer, said "we have nothing left".'
    )
    assert _speaker_of(nlp, text, "we have") != "Farida Rahimi"


def test_ms_and_a_family_name_is_not_her_husband(nlp: Any) -> None:
    text = (
        "Lena Kovac, the opposition leader, was detained in Zagreb on Monday. Her husband, Milan Kovac, a surgeon, "
        'was also held. Ms. Kovac said in a statement that the arrests were "political revenge".'
    )
    assert _speaker_of(nlp, text, "political") != "Milan Kovac"


def test_an_armed_group_named_in_place_cues_stays_a_body(nlp: Any) -> None:
    text = (
        "Al-Shabaab said it had seized the town. Troops advanced on positions in Al-Shabaab territory and near "
        "Al-Shabaab camps."
    )
    assert _by_name(nlp, text)["Al-Shabaab"].type is EntityType.ORGANISATION


def test_a_paragraph_opening_reporting_by_a_newspaper_makes_no_writer(nlp: Any) -> None:
    found = _by_name(nlp, "Reporting by The Washington Post found that the contracts had been inflated.")
    assert found["Washington Post"].type is not EntityType.PERSON


def test_a_label_above_the_byline_is_no_outlet(nlp: Any) -> None:
    text = "Iran Talks Stall\n\nGuest Column\nBy Peter Hallam\nThe talks stalled again on Monday."
    assert "Guest Column" not in _by_name(nlp, text)


def test_the_byline_line_keeps_its_parts_apart() -> None:
    page = '<html><body><p class="byline">By <a>Mark Ellison</a><a>Lina Sabri</a></p></body></html>'
    assert "EllisonLina" not in with_credits("Headline\nBody.", page, "Headline")


def test_the_byline_line_is_not_run_into_its_date(nlp: Any) -> None:
    page = '<html><body><div class="byline">By <a>Mark Ellison</a> <time>November 14, 2026</time></div></body></html>'
    text = with_credits(
        "Fighting resumes near Kalvar\nThe army said fighting resumed.", page, "Fighting resumes near Kalvar"
    )
    assert "Mark Ellison" in _by_name(nlp, text)


def test_a_script_in_the_byline_is_not_printed() -> None:
    page = '<html><body><div class="byline"><script>var by = 1;</script>By Jane Roe</div></body></html>'
    assert "var by" not in with_credits("Headline\nBody.", page, "Headline")


def test_a_spokesman_for_another_countrys_ministry_is_not_the_ministrys_spokesman(nlp: Any) -> None:
    text = (
        'Velmoran Defence Ministry spokesman Karim Haddo said the border was "quiet".\n\n'
        'The spokesman for the Ardanian Defence Ministry said the strikes had been "precise and necessary".'
    )
    assert _speaker_of(nlp, text, "precise") != "Karim Haddo"


def test_a_street_or_an_institute_named_after_someone_is_no_person(nlp: Any) -> None:
    found = _by_name(nlp, "Police closed Omar Badr Street on Monday after the blast.")
    assert found["Omar Badr Street"].type is EntityType.PLACE
    found = _by_name(nlp, "Fatima Zahra Bennani Institute researchers said the survey was flawed.")
    assert found["Fatima Zahra Bennani Institute"].type is EntityType.ORGANISATION
    found = _by_name(nlp, "Omar Badr, the mayor of Karstad, said the road would reopen.")
    assert found["Omar Badr"].type is EntityType.PERSON


def _installations(nlp: Any, text: str) -> list[str]:
    return [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]


def test_radar_sites_of_a_group_name_no_radar(nlp: Any) -> None:
    assert _installations(nlp, "Velmoran jets struck three Houthi radar sites on the coast overnight.") == []
    assert _installations(nlp, "Velmora strikes Houthi radar sites") == []


def test_a_radars_model_names_no_site(nlp: Any) -> None:
    assert _installations(nlp, "Ardania said it had hit a Russian S-400 radar in Crimea.") == []
    assert _installations(nlp, "The S-400 radar in Crimea was hit by a drone.") == []
    assert _installations(nlp, "Ardania said it had hit a Russian Krasukha radar in the south.") == []
    assert _installations(nlp, "The early-warning radar at Kurecik is run by Velmoran troops.") == ["Kurecik radar"]


def test_a_group_holding_ground_gives_no_place_evidence(nlp: Any) -> None:
    """Three stories each reading the group as a body once and "in Hezbollah strongholds" once had summed, in the
    store, to nearly as much place evidence as body evidence, and so a place."""
    for text in (
        "Velmoran jets struck targets in Kadir Front strongholds on Thursday. Kadir Front said it had fired back.",
        "Residents of villages in Kadir Front-held areas fled north. Kadir Front denied the claim.",
        "Troops stationed near Kadir Front positions came under fire. Kadir Front said it would respond.",
    ):
        votes = _by_name(nlp, text)["Kadir Front"].votes
        assert votes.get(EntityType.PLACE, 0.0) == 0.0, text
    assert _by_name(nlp, "Troops fought in Velmor province.")["Velmor province"].type is EntityType.PLACE


def _located(nlp: Any, text: str) -> list[str | None]:
    return [f.location for e in extract(nlp(text)) for f in e.base_facts]


def test_where_a_bases_people_are_kept_is_not_where_the_base_is(nlp: Any) -> None:
    text = "Velmor air base, whose commander is headquartered in Karstad, hosts two squadrons."
    assert "Karstad" not in _located(nlp, text)
    text = "Pilots from Velmor air base, some of them based in Dorvan, flew the sorties."
    assert "Dorvan" not in _located(nlp, text)
    text = "The 58th Ardanian military base, stationed in Gyumri since the 1990s, is part of the Southern District."
    assert _located(nlp, text) == ["Gyumri"]


def test_an_owners_count_of_its_bases_names_none(nlp: Any) -> None:
    assert _installations(nlp, "Ankara opened its 3rd Turkish base in Iraq near Bashiqa this year.") == []
    text = "The 58th Ardanian military base is stationed near Gyumri."
    assert _installations(nlp, text) == ["58th Ardanian military base"]
