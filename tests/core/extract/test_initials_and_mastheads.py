"""Initials written with small letters for the small words ("MoHA") and initials in parentheses after a name the model
cut short name the body; an agency's credit the model read in part, and a masthead's line of fields, name the outlet.
Every name here is invented."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core import names
from bot.core.extract import extract
from bot.core.extract.credits import credited_agencies
from bot.core.extract.mentions import Candidate, a_persons_name_said, speaking_name
from bot.core.models import EntityType, decide_type


def bodies(nlp: Any, text: str) -> dict[str, set[str]]:
    return {e.name: e.aliases for e in extract(nlp(text)) if e.type is EntityType.ORGANISATION}


def kinds(nlp: Any, text: str) -> dict[str, EntityType]:
    return {e.name: e.type for e in extract(nlp(text))}


def test_initials_with_the_small_words_in_small_letters_name_the_body(nlp: Any) -> None:
    text = (
        "Two more brigades were placed under the Ministry of Highland Affairs on Wednesday. "
        "A spokesman said the MoHA would absorb four more brigades next year."
    )
    found = bodies(nlp, text)
    assert "MoHA" in found.get("Ministry of Highland Affairs", set())
    assert "MoHA" not in found


def test_initials_in_parentheses_complete_a_name_the_model_cut_short(nlp: Any) -> None:
    text = (
        "The deal was signed by the Autonomous Council of Upper and Lower Dorvania (ACULD) on Monday. "
        "The ACULD said it would hold elections in the spring."
    )
    found = bodies(nlp, text)
    assert "ACULD" in found.get("Autonomous Council of Upper and Lower Dorvania", set())


def test_initials_that_the_words_after_a_name_do_not_spell_leave_it_alone(nlp: Any) -> None:
    found = kinds(nlp, "Officials in Varnia and Ostia (AP) said the border would reopen on Monday.")
    assert "Varnia and Ostia" not in found


def test_an_agency_credit_the_model_read_in_part_is_the_agency(nlp: Any) -> None:
    """The model may take "/Kartveli" of "/Kartveli Press/." for a name of its own (as it did with a real agency's)."""
    doc = nlp("TBILISI, May 4. /Kartveli Press/. The governor opened a new bridge over the river on Sunday.")
    part = next(t.i for t in doc if "Kartveli" in t.text)
    read = Candidate(part, part + 1, doc[part].text, names.key(doc[part].text))
    read.vote(EntityType.PERSON, 1.0)
    credited_agencies(doc, [read], set())
    assert read.surface == "Kartveli Press"
    assert decide_type(read.votes) is EntityType.ORGANISATION


@pytest.mark.parametrize(
    "masthead",
    [
        "Ostia Ledger | Mira Talvek | 3 March 2026",
        "*Analysis | Ostia Ledger | 3 March 2026 | By Mira Talvek*",
        "Ostia Ledger live blog | Updated 3 March 2026, 10:15 GMT",
    ],
)
def test_the_first_name_of_a_dated_masthead_line_that_credits_a_writer_is_the_outlet(nlp: Any, masthead: str) -> None:
    text = f"Bridge reopens after floods\n{masthead}\n\nThe bridge over the Varna river reopened on Monday."
    assert kinds(nlp, text).get("Ostia Ledger") is EntityType.ORGANISATION


def test_a_name_alone_beside_a_date_under_the_headline_is_the_writer(nlp: Any) -> None:
    text = "Bridge reopens after floods\nMira Talvek | 03.03.2026 - 16:20\n\nThe bridge over the Varna river reopened."
    assert kinds(nlp, text).get("Mira Talvek") is not EntityType.ORGANISATION


def test_a_name_something_was_taken_over_from_is_no_site(nlp: Any) -> None:
    text = (
        "Arin Vask took over the agency in 2023 from Doran Kelbek, who now heads the army. "
        "Two Russian jets took off from Tel Harun on Monday."
    )
    bases = [e.name for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]
    assert bases == ["Tel Harun"]


@pytest.mark.parametrize(
    "opening",
    ["VELMORA, November 24 (Kartlia Wire) - ", "VELMORA (21 November 2026) - "],
)
def test_the_town_of_a_dateline_the_model_left_untagged_is_a_place(nlp: Any, opening: str) -> None:
    text = f"Bridge reopens after floods\n\n{opening}The bridge over the river reopened on Monday, officials said."
    assert kinds(nlp, text).get("VELMORA") is EntityType.PLACE


def test_an_agency_tag_after_an_abbreviated_month_is_the_agency(nlp: Any) -> None:
    text = "Bridge reopens\n\nVELMORA, Nov. 25 (KBNA) -- The bridge over the river reopened on Monday, officials said."
    assert kinds(nlp, text).get("KBNA") is EntityType.ORGANISATION


def test_the_proper_noun_before_news_agency_is_the_agency(nlp: Any) -> None:
    text = "The Varzan news agency published footage of the launch. State news agency reports gave no toll."
    found = kinds(nlp, text)
    assert found.get("Varzan") is EntityType.ORGANISATION
    assert "State" not in found


@pytest.mark.parametrize(
    ("text", "speaks"),
    [
        ('"We will rebuild the school," Dilvan Serhati told the Ostia Ledger on Monday.', True),
        ("The Varna Accords Review said on Monday that talks would resume.", False),
        ("Officials said the Varna Highway Plan says nothing about tolls.", False),
    ],
)
def test_a_given_and_a_family_name_that_speaks_is_a_persons_whatever_the_model_took_it_for(
    nlp: Any, text: str, speaks: bool
) -> None:
    doc = nlp(text)
    name = next(t.i for t in doc if t.text in {"Dilvan", "Varna"})
    end = name + 2 if speaks else name + 3
    assert speaking_name(doc, name, end) is speaks


@pytest.mark.parametrize(
    ("text", "name", "persons"),
    [
        ("The sources said the man, whose real name is Siyan Kortalp, had planned attacks.", "Siyan", True),
        ("Officials said his full name was Dara Velmin Osko.", "Dara", True),
        ("The group, whose headquarters is Velmor Tower, denied it.", "Velmor", False),
    ],
)
def test_a_name_a_copula_says_is_someones_name_is_a_persons(nlp: Any, text: str, name: str, persons: bool) -> None:
    doc = nlp(text)
    start = next(t.i for t in doc if t.text == name)
    end = next(t.i for t in doc[start:] if not t.text[:1].isupper())
    assert (
        a_persons_name_said(doc, Candidate(start, end, doc[start:end].text, names.key(doc[start:end].text))) is persons
    )
