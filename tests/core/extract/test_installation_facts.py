"""Operator and location of an installation from what the article says of it again without its name ("the base",
"it"), from takeovers, "where" clauses, named groups and national forces, and from places that locate it rather than
measure from it."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from bot.core.extract import extract, operators
from bot.core.models import EntityType


def base(nlp: Any, text: str, name: str) -> tuple[str | None, str | None]:
    """The operator and location the article gives the installation called `name`."""
    found = [e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION and e.name == name]
    assert len(found) == 1, [e.name for e in extract(nlp(text))]
    facts = found[0].base_facts
    assert len({(f.operator, f.location) for f in facts}) == 1  # one answer for the article
    return facts[0].operator, facts[0].location


def test_the_base_in_the_next_sentences_is_the_base_named_before(nlp: Any) -> None:
    text = (
        "Cargo flights resumed at the Zarqan air base on Monday, officials said. There were no delays. "
        "The base, just outside the town of Olbek, is now run by Egyptian troops."
    )
    assert base(nlp, text, "Zarqan air base") == ("Egypt", "Olbek")


def test_another_installation_named_since_keeps_the_base_from_the_first(nlp: Any) -> None:
    text = (
        "Cargo flights resumed at the Zarqan air base on Monday. Drones flew over the Velmor air base nearby. "
        "The base is now run by Egyptian troops."
    )
    assert base(nlp, text, "Zarqan air base")[0] is None


def test_it_later_in_the_sentence_is_the_base_and_now_is_no_history(nlp: Any) -> None:
    text = (
        "Israeli jets struck the Velmor air base again. Russia withdrew its forces from the base in early 2025, "
        "and it is now held by the Egyptian army, officials said."
    )
    assert base(nlp, text, "Velmor air base")[0] == "Egypt"


def test_a_base_is_located_after_its_verb_and_not_at_the_point_it_is_measured_from(nlp: Any) -> None:
    text = (
        "Russia will send new systems to the Korvin air base this year. "
        "The air base is located about 20 km east of Bishkek, near the town of Kant."
    )
    assert base(nlp, text, "Korvin air base")[1] == "Kant"


def test_whoever_held_it_before_a_takeover_held_it_before(nlp: Any) -> None:
    text = (
        "Fighters attacked the Zarqan garrison in the Kidal region last week. The garrison was held by French "
        "and then by UN troops before the Malian army took control of it in 2023."
    )
    assert base(nlp, text, "Zarqan garrison") == ("Mali", "Kidal region")


def test_a_where_clause_on_a_province_locates_the_bases_it_lists(nlp: Any) -> None:
    text = "The largest group is in Hasakah province, where American forces still operate bases at Vorna and Talbek."
    assert base(nlp, text, "Vorna base") == ("United States", "Hasakah province")


def test_a_national_force_named_without_its_country_stands_for_it(nlp: Any) -> None:
    text = "The Dorvan base, whose pier can take large warships, is run by the People's Liberation Army Navy."
    assert base(nlp, text, "Dorvan base")[0] == "China"


def test_a_group_known_by_its_own_name_is_handed_the_base(nlp: Any) -> None:
    text = (
        "The Harun air base north of Erbil, which American special forces used for years, was handed back to "
        "the Kurdish Peshmerga in 2024."
    )
    assert base(nlp, text, "Harun air base")[0] == "Kurdish Peshmerga"


def test_the_outpost_before_the_one_outpost_named_is_it_and_its_builders_hold_it(nlp: Any) -> None:
    text = (
        "Soldiers have built nine positions in the zone. The outpost, which Israeli engineers fortified in the "
        "spring, overlooks three villages. Officials would not say how long the Korash outpost would stay."
    )
    assert base(nlp, text, "Korash outpost")[0] == "Israel"


def test_a_bare_verb_after_let_in_a_history_sentence_is_history(nlp: Any) -> None:
    text = (
        "Russia's naval ties to the coast go back to 1971, when the government agreed to let the Soviet navy use "
        "the Velmor naval base."
    )
    assert base(nlp, text, "Velmor naval base")[0] is None


def test_a_town_the_model_left_untagged_locates_the_base_east_of_it(nlp: Any) -> None:
    text = "Drones attacked the Velmor military airport east of Aleppo on Monday, the Defence Ministry said."
    assert base(nlp, text, "Velmor military airport")[1] == "Aleppo"


def test_a_town_near_it_locates_a_base_better_than_the_city_it_lies_in_the_direction_of(nlp: Any) -> None:
    text = (
        "Transport planes will keep using the Korvin air base. The air base is located southeast of Latakia, "
        "near the town of Jableh."
    )
    assert base(nlp, text, "Korvin air base")[1] == "Jableh"


def test_where_the_base_itself_sits_beats_the_province_the_where_clause_hangs_on(nlp: Any) -> None:
    text = (
        "Drones were launched at the Korvin air base overnight. An official in Latakia province, where the base "
        "sits near the town of Jableh, said all were shot down."
    )
    assert base(nlp, text, "Korvin air base")[1] == "Jableh"


def test_it_after_the_place_in_the_bases_own_phrase_is_still_the_base(nlp: Any) -> None:
    text = "US troops completed their withdrawal from the Velmor base in Deir ez-Zor and handed it to the Syrian army."
    assert base(nlp, text, "Velmor base") == ("Syria", "Deir ez-Zor")


def test_in_a_countrys_hands_says_whose_a_base_is_not_where(nlp: Any) -> None:
    text = "The Qarat garrison near the border remains in US hands, officials said."
    assert base(nlp, text, "Qarat garrison") == ("United States", "Qarat")  # its own name, for want of a place


def test_a_river_is_no_place_a_base_stands_in(nlp: Any) -> None:
    text = "US advisers used the Korvin airbase, the main logistics hub west of the Euphrates, for years."
    assert base(nlp, text, "Korvin airbase")[1] == "Korvin"  # its own name, for want of a town


def test_a_base_said_to_be_a_partys_own_kind_of_site_is_the_partys(nlp: Any) -> None:
    said = (
        "Drones flew over the Velmor air base on Monday. Velmor, near the town of Olbek, is still a Russian-run base."
    )
    assert base(nlp, said, "Velmor air base")[0] == "Russia"
    listed = "The Velmor and Zarqan bases, on the coast, are Russia's only military facilities in the region."
    assert base(nlp, listed, "Velmor base")[0] == "Russia"
    busy = "Drones flew over the Velmor air base on Monday. Velmor, near the town of Olbek, is still a busy base."
    assert base(nlp, busy, "Velmor air base")[0] is None


def test_the_one_given_the_use_of_a_base_keeps_it_and_the_giver_does_not(nlp: Any) -> None:
    given = "A 2017 agreement gave Russia the use of the Velmor air base for 49 years."
    assert base(nlp, given, "Velmor air base")[0] == "Russia"
    spoken = "A 2017 agreement gave Russia a say in the future of the Velmor air base."
    assert base(nlp, spoken, "Velmor air base")[0] != "Russia"


def test_the_one_accused_of_using_a_base_uses_it_not_the_accuser(nlp: Any) -> None:
    using = "Syrian officials have accused Israel of using the Velmor outpost to direct strikes."
    assert base(nlp, using, "Velmor outpost")[0] == "Israel"
    striking = "Syrian officials have accused Israel of striking the Velmor air base twice."
    assert base(nlp, striking, "Velmor air base")[0] not in {"Israel", "Syria"}


def test_a_camp_named_with_its_kind_is_a_base_of_whoever_is_headquartered_there(nlp: Any) -> None:
    text = "UNIFIL, headquartered at Camp Berovo on the northern side, continues to patrol the line, she added."
    assert base(nlp, text, "Camp Berovo")[0] == "UNIFIL"
    listed = "The largest is Camp Berovo, a former Legion post. Both the Berovo and Kalno bases are used by France."
    assert [e.name for e in extract(nlp(listed)) if e.type is EntityType.INSTALLATION] == ["Camp Berovo", "Kalno base"]


def test_a_site_noun_just_before_a_bare_name_is_what_stands_there_however_the_parser_hangs_it(nlp: Any) -> None:
    # "… at the Velmor airbase and the Navy's supply point in Olbek", with "in Olbek" hung on "airbase" (as the
    # model does in some sentences): the supply point, not the airbase, is what stands in Olbek.
    words = "presence at the Velmor airbase and the Egyptian Navy 's supply point in Olbek".split()
    heads = [0, 0, 4, 4, 1, 4, 11, 8, 11, 8, 11, 4, 4, 12]
    deps = "ROOT prep det compound pobj cc det compound poss case compound conj prep pobj".split()
    pos = "NOUN ADP DET PROPN NOUN CCONJ DET PROPN PROPN PART NOUN NOUN ADP PROPN".split()
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert operators.claims_at(doc[13]) == [operators.Claim("Egypt")]


def test_they_in_a_clause_joined_to_another_are_that_clauses_subject(nlp: Any) -> None:
    doc = nlp(
        "Russian troops withdrew from Velmor within weeks, and the last of them left the Zarqan airfield this year."
    )
    assert operators.claims_at(doc[16]) == [operators.Claim("Russia", former=True)]  # "airfield", left by them
    alone = nlp("Russian troops withdrew from Velmor within weeks, and the last convoy left the Zarqan airfield.")
    assert operators.claims_at(alone[15]) == []
