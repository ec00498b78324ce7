"""Who keeps a base, as outlets write it when they say so in passing: a handover whose "over" comes after a long
object, a ministry "whose forces have held the base", a unit whose country stands before the word of its kind, an
apposition after the base's place ("in Olbek, Turkey's largest training facility abroad", "a base housing U.S.
troops"), sites left and then handed on ("handing both to Senegal"), forces that moved in years ago, and a caption's
full date in the year of its news. Every sentence is invented for the test (other names than the corpus's)."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.extract.operators import claims_at
from bot.core.models import EntityType


def operators(nlp: Any, text: str) -> dict[str, str | None]:
    """The operator of every installation the text names, by name."""
    found = [e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]
    return {e.name: e.base_facts[0].operator for e in found}


def test_a_handover_whose_over_follows_a_long_object_gives_the_site_to_the_taker(nlp: Any) -> None:
    text = "Portugal on Thursday handed Camp Velsk, its largest military site in Angola, over to the Angolan army."
    assert operators(nlp, text)["Camp Velsk"] == "Angola"


def test_whose_forces_are_the_forces_of_the_noun_the_clause_describes(nlp: Any) -> None:
    text = (
        "Eritrea's defence ministry, whose forces have held the base since the war, condemned the strike on the"
        " Velmor air base."
    )
    assert operators(nlp, text)["Velmor air base"] == "Eritrea"


def test_a_unit_whose_country_stands_before_the_word_of_its_kind_is_that_countrys(nlp: Any) -> None:
    text = "The Korvik airfield is home to a Russian fighter regiment."
    assert operators(nlp, text)["Korvik airfield"] == "Russia"


def test_a_possessed_kind_of_site_set_after_the_bases_place_says_whose_the_base_is(nlp: Any) -> None:
    text = (
        "Separately, Defence Minister Arda Velk visited Camp Orsk in Mogadishu, Türkiye's largest military training"
        " facility abroad, where Turkish officers have trained thousands of Somali soldiers since 2017."
    )
    assert operators(nlp, text)["Camp Orsk"] == "Turkey"


def test_a_base_housing_forces_set_after_the_bases_place_is_theirs_not_the_attackers(nlp: Any) -> None:
    text = "Two drones targeted Camp Orsk in central Olbek, a base housing US-led coalition advisers, officials said."
    assert operators(nlp, text)["Camp Orsk"] == "United States"


def test_sites_left_and_then_handed_on_are_the_takers(nlp: Any) -> None:
    text = "French troops left the Velmor naval station and the Korvik airfield in March, handing both to Senegal."
    assert operators(nlp, text) == {"Velmor naval station": "Senegal", "Korvik airfield": "Senegal"}


def test_forces_that_moved_into_a_site_years_ago_are_there_since(nlp: Any) -> None:
    text = "In 2013 American drones moved to the Velmor airfield, a former French airstrip outside the capital."
    assert operators(nlp, text)["Velmor airfield"] == "United States"


def test_a_full_date_in_the_year_of_the_news_is_no_history(nlp: Any) -> None:
    text = "Warships of Russia's Black Sea Fleet moored at the Velmor naval base on 2 October 2026."
    assert operators(nlp, text)["Velmor naval base"] == "Russia"
    old = "Warships of the Soviet Black Sea Fleet moored at the Velmor naval base on 2 October 1971. It closed in 2026."
    assert operators(nlp, old)["Velmor naval base"] != "Soviet Union"


def test_an_object_relative_after_the_bases_county_speaks_of_the_base(nlp: Any) -> None:
    text = "The Velmor air base, in the Olt county, which American sailors have operated since 2016, is quiet."
    assert operators(nlp, text)["Velmor air base"] == "United States"
    text = "Its twin lies at the Velmor air base, in Romania's Olt county, which American sailors have run since 2016."
    assert operators(nlp, text)["Velmor air base"] == "United States"


def test_minehunters_a_base_houses_are_their_navys(nlp: Any) -> None:
    assert operators(nlp, "The Velmor naval base houses British minehunters.")["Velmor naval base"] == "United Kingdom"


def test_a_camp_opening_a_paragraph_under_a_heading_is_named_by_its_kind(nlp: Any) -> None:
    text = (
        "Foreign bases in Korvia\n\n## The Americans\n\nCamp Velsk, next to the international airport, was a base of"
        " the French Foreign Legion until 2001. It has been leased to the United States since 2003."
    )
    assert operators(nlp, text) == {"Camp Velsk": "United States"}


def test_a_country_read_as_a_person_owns_its_army_and_who_a_site_is_taken_from_held_it(nlp: Any) -> None:
    text = (
        "Further south, Chad's army took over the Velmor air base in Korvik from French forces in January, ending"
        " decades of French military presence in the country."
    )
    assert operators(nlp, text)["Velmor air base"] == "Chad"


def test_who_hands_a_base_back_by_a_passive_is_no_longer_its_keeper(nlp: Any) -> None:
    text = "Air Base 707, in the airport district of Korvik, was handed back by US forces in July 2024."
    assert operators(nlp, text)["Air Base 707"] != "United States"


def test_a_relative_clause_after_the_bases_place_counts_once(nlp: Any) -> None:
    doc = nlp("Jets are kept at the Velmor air base in the Chui region, which American troops use for training.")
    base = next(t for t in doc if t.text == "base")
    assert [c.party for c in claims_at(base)].count("United States") == 1


def test_a_coalition_a_country_leads_uses_a_base_the_attacker_only_struck(nlp: Any) -> None:
    text = "The Velmor air base was attacked by Houthi drones. The base is used by the Saudi-led coalition."
    assert operators(nlp, text)["Velmor air base"] == "Saudi Arabia"


def test_a_capitals_foothold_is_its_countrys_base(nlp: Any) -> None:
    assert operators(nlp, "The Velmor air base is Moscow's main foothold in Libya.")["Velmor air base"] == "Russia"


def test_a_passive_joined_by_and_in_the_present_names_who_holds_the_base_now(nlp: Any) -> None:
    text = "The Velmor airfield was used by Soviet bombers until 1991 and is now operated by the Kazakh air force."
    assert operators(nlp, text)["Velmor airfield"] == "Kazakhstan"


def test_a_held_by_compound_in_an_apposition_says_who_holds_the_base(nlp: Any) -> None:
    text = "The Velmor airfield, a Turkish-controlled facility, was shelled by Kurdish fighters."
    assert operators(nlp, text)["Velmor airfield"] == "Turkey"


def test_aircraft_of_two_countries_stationed_by_a_passive_make_neither_the_keeper(nlp: Any) -> None:
    text = "The Velmor air base, where Japanese and American aircraft are stationed, was put on alert."
    assert operators(nlp, text)["Velmor air base"] is None


def test_them_opening_a_sentence_are_the_forces_the_sentence_before_kept(nlp: Any) -> None:
    text = "Britain keeps about 2,000 troops in Cyprus. Most of them are stationed at the Velmor air base."
    assert operators(nlp, text)["Velmor air base"] == "United Kingdom"


def test_a_capital_that_keeps_jets_named_by_their_model_keeps_the_base(nlp: Any) -> None:
    assert operators(nlp, "Paris keeps Mirage jets at the Velmor air base.")["Velmor air base"] == "France"
