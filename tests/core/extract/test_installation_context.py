"""Operator and location of an installation from the words around it: trainees and attackers are not its operator,
an owner who dismantled it has left it, "the city" and "the country" speak of a place named before, an area after
"countryside", a participial clause between the name and its place, and a town described by a site noun."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span

from bot.core.extract import extract
from bot.core.extract.bases import find_installations
from bot.core.models import EntityType


def base(nlp: Any, text: str, name: str) -> tuple[str | None, str | None]:
    """The operator and location the article gives the installation called `name`."""
    found = [e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION and e.name == name]
    assert len(found) == 1, [e.name for e in extract(nlp(text))]
    facts = found[0].base_facts
    assert len({(f.operator, f.location) for f in facts}) == 1
    return facts[0].operator, facts[0].location


def test_forces_trained_at_a_base_do_not_operate_it(nlp: Any) -> None:
    text = "Egypt trains Sudanese forces at the Velmor air base near the town of Olbek."
    assert base(nlp, text, "Velmor air base")[0] == "Egypt"


def test_forces_kept_at_a_base_still_operate_it(nlp: Any) -> None:
    text = "Egypt keeps Sudanese forces at the Velmor air base near the town of Olbek."
    assert base(nlp, text, "Velmor air base")[0] == "Sudan"


def test_an_owner_who_dismantled_its_base_holds_it_no_more(nlp: Any) -> None:
    text = (
        "Egypt used the Zarqan air base for patrols. "
        "Two years after Egypt dismantled its military base at the Sudanese port of Zarqan, officials met there. "
        "The site now belongs to the Sudanese army, which keeps a small detachment there."
    )
    assert base(nlp, text, "Zarqan air base")[0] == "Sudan"


def test_an_owner_who_expanded_its_base_keeps_it(nlp: Any) -> None:
    text = (
        "Egypt used the Zarqan air base for patrols. "
        "Last year Egypt expanded its military base at the Sudanese port of Zarqan, officials said."
    )
    assert base(nlp, text, "Zarqan air base")[0] == "Egypt"


def test_aircraft_that_carried_out_a_raid_on_a_base_do_not_operate_it(nlp: Any) -> None:
    text = (
        "The minister toured the Velmor naval base, where he met commanders of the Sudanese navy, and heard about "
        "the damage from the raid carried out by the Egyptian aircraft on the base in May."
    )
    assert base(nlp, text, "Velmor naval base")[0] != "Egypt"


def test_troops_deployed_by_a_country_at_a_base_are_its_own(nlp: Any) -> None:
    text = "Officials said the troops deployed by Egypt at the Velmor air base arrived on Monday."
    assert base(nlp, text, "Velmor air base")[0] == "Egypt"


def test_the_country_is_the_country_named_just_before(nlp: Any) -> None:
    text = (
        "Sudan has hosted Egyptian pilots since 2019 at the Velmor air base, a Chadian Air Force installation "
        "in the north of the country."
    )
    assert base(nlp, text, "Velmor air base")[1] == "Chad"


def test_the_city_is_the_city_the_story_is_filed_from(nlp: Any) -> None:
    text = (
        "KHARTOUM, Sudan (Wire) — Soldiers patrolled the streets on Monday. "
        "At the Velmor air base south of the city, which Egyptian troops left in 2020, Sudanese soldiers stand guard."
    )
    assert base(nlp, text, "Velmor air base")[1] == "Khartoum"


def test_the_city_without_a_dateline_is_no_town_named_before(nlp: Any) -> None:
    text = (
        "Soldiers patrolled the streets of Olbek on Monday. "
        "At the Velmor air base south of the city, which Egyptian troops left in 2020, Sudanese soldiers stand guard."
    )
    assert base(nlp, text, "Velmor air base")[1] != "Olbek"


def test_a_name_before_countryside_locates(nlp: Any) -> None:
    text = (
        "The minister visited the Zarqan air base in Hama countryside, which Egyptian forces handed over to the "
        "Sudanese army in March."
    )
    assert base(nlp, text, "Zarqan air base") == ("Sudan", "Hama")


def test_a_participial_clause_between_a_base_and_its_place(nlp: Any) -> None:
    text = "Strikes on Monday hit the Velmor military base, used by the Sudanese army, south of Olbek."
    assert base(nlp, text, "Velmor military base")[1] == "Olbek"


def test_a_participial_clause_followed_by_no_place(nlp: Any) -> None:
    text = "Strikes on Monday hit the Velmor military base, used by the Sudanese army, officials in Olbek said."
    assert base(nlp, text, "Velmor military base")[1] != "Olbek"


def test_a_port_town_is_a_town_not_a_port(nlp: Any) -> None:
    text = (
        "The navy will station two new warships at its main naval base in Velmor. It moved its headquarters to "
        "Velmor, a port town 20 km south of Olbek, in 2020."
    )
    assert [p.kind for p in find_installations(nlp(text))] == ["naval base"]


def test_a_port_on_its_own_is_still_a_port(nlp: Any) -> None:
    text = (
        "The navy will station two new warships at its main naval base in Velmor. Its submarines use Velmor, a "
        "port 20 km south of Olbek."
    )
    assert [p.kind for p in find_installations(nlp(text))] == ["naval base", "port"]


def test_a_base_named_after_a_town_the_article_names_is_there_not_at_the_dateline(nlp: Any) -> None:
    text = (
        "SUEZ, Oct 3 (Wire) — The navy will add two frigates to its fleet next year, the admiral said. "
        "The naval base in Ismailia remains in use as a logistics point for the fleet, he said."
    )
    assert base(nlp, text, "Ismailia naval base")[1] == "Ismailia"


def test_a_base_named_after_no_known_town_is_near_the_dateline(nlp: Any) -> None:
    text = (
        "SUEZ, Oct 3 (Wire) — The navy will add two frigates to its fleet next year, the admiral said. "
        "The naval base at Velmor remains in use as a logistics point for the fleet, he said."
    )
    assert base(nlp, text, "Velmor naval base")[1] == "Suez"


def test_a_relative_clause_of_keeping_after_the_place_of_a_base_speaks_of_the_base(nlp: Any) -> None:
    text = (
        "Rebels fired rockets at the Velmor air base in Olbek, in the northern Kassala region, which is used by the "
        "Sudanese air force."
    )
    assert base(nlp, text, "Velmor air base")[0] == "Sudan"


def test_a_relative_clause_after_a_verb_speaks_of_something_else(nlp: Any) -> None:
    text = "Rebels fired rockets at the Velmor air base and then shelled Olbek, which is held by the Sudanese army."
    assert base(nlp, text, "Velmor air base")[0] != "Sudan"


def test_a_force_a_person_owns_is_that_persons_faction(nlp: Any) -> None:
    text = (
        "Cargo planes landed at the Velmor air base, east of Olbek, which is controlled by Haftar's Libyan "
        "National Army."
    )
    assert base(nlp, text, "Velmor air base")[0] == "Libyan National Army"


def test_a_force_a_country_owns_is_that_countrys(nlp: Any) -> None:
    text = "Cargo planes landed at the Velmor air base, east of Olbek, which is controlled by Sudan's Rapid Army."
    assert base(nlp, text, "Velmor air base")[0] == "Sudan"


def test_who_turns_a_site_into_something_else_holds_it(nlp: Any) -> None:
    text = (
        "Egypt will turn the Velmor radar station, once operated by Sudan, into a training centre, officials said. "
        "Sudan handed the station back in 2012."
    )
    assert base(nlp, text, "Velmor radar station")[0] == "Egypt"


def test_strikes_that_turn_a_site_into_rubble_do_not_hold_it(nlp: Any) -> None:
    text = (
        "Egyptian strikes turned the Velmor radar station, once operated by Sudan, into rubble, officials said. "
        "Sudan handed the station back in 2012."
    )
    assert base(nlp, text, "Velmor radar station")[0] != "Egypt"


def test_a_base_named_by_the_town_it_is_in_is_in_that_town(nlp: Any) -> None:
    text = "Egyptian warships remain at the naval base in Ismailia, in northern Egypt."
    assert base(nlp, text, "Ismailia naval base") == ("Egypt", "Ismailia")


def test_a_base_at_a_name_is_placed_by_the_words_after_it(nlp: Any) -> None:
    text = "Egyptian warships remain at the naval base at Velmor, north of Ismailia."
    assert base(nlp, text, "Velmor naval base")[1] == "Ismailia"


def test_a_colon_after_a_name_ends_what_locates_it(nlp: Any) -> None:
    text = (
        "Velmor and Zarqan: Egypt's two foreign bases in a tense Gulf\n"
        "The second is the Egyptian base in the capital, known as the Zarqan base, where Egypt has kept troops "
        "since 2015."
    )
    assert base(nlp, text, "Zarqan base")[1] != "Gulf"


def test_a_comma_after_a_name_goes_on_locating_it(nlp: Any) -> None:
    text = "The Egyptian troops at the Zarqan base, in the desert near Olbek, train local units."
    assert base(nlp, text, "Zarqan base")[1] == "Olbek"


def test_to_a_direction_goes_on_locating(nlp: Any) -> None:
    text = "The Velmor Airbase, about 100 km to the south near Kardova, hosts fighter jets of the Egyptian air force."
    assert base(nlp, text, "Velmor Airbase")[1] == "Kardova"


def test_to_a_place_is_where_something_goes_not_where_the_base_is(nlp: Any) -> None:
    text = "The Velmor Airbase hosts fighter jets that fly to the Kardova range, Egyptian officials said."
    assert base(nlp, text, "Velmor Airbase")[1] != "Kardova"


def test_the_troops_are_those_named_with_their_country_just_before(nlp: Any) -> None:
    text = (
        "Egyptian troops left Olbek on Sunday. Officials said the troops would be flown out from the Velmor air base."
    )
    assert base(nlp, text, "Velmor air base")[0] == "Egypt"


def test_the_troops_named_nowhere_before_are_nobodys(nlp: Any) -> None:
    text = "Vehicles left Olbek on Sunday. Officials said the troops would be flown out from the Velmor air base."
    assert base(nlp, text, "Velmor air base")[0] is None


def test_the_troops_named_long_before_are_not_those(nlp: Any) -> None:
    text = (
        "Egyptian troops left Olbek in May. Roads reopened. Shops reopened. Schools reopened. "
        "Officials said the troops would be flown out from the Velmor air base."
    )
    assert base(nlp, text, "Velmor air base")[0] is None


def test_a_participle_opening_the_next_sentence_places_it(nlp: Any) -> None:
    text = (
        "Few sites have been bombed as often as the Velmor air base. "
        "Built in the desert east of Kardova, it has changed hands repeatedly."
    )
    assert base(nlp, text, "Velmor air base")[1] == "Kardova"


def test_a_participle_placing_another_subject_does_not(nlp: Any) -> None:
    text = (
        "Few sites have been bombed as often as the Velmor air base. "
        "Built in the desert east of Kardova, the road has changed hands repeatedly."
    )
    assert base(nlp, text, "Velmor air base")[1] != "Kardova"


def test_a_part_of_the_base_named_last_stands_where_it_stands(nlp: Any) -> None:
    text = (
        "Officials boarded a plane at the Velmor air base in May. "
        "Months later, aircraft are still parked on its apron near Kardova."
    )
    assert base(nlp, text, "Velmor air base")[1] == "Kardova"


def test_a_part_of_another_base_named_since_is_that_ones(nlp: Any) -> None:
    text = (
        "Officials boarded a plane at the Velmor air base in May. "
        "Months later, aircraft still use the Zarqan air base, and crews clean its apron near Kardova."
    )
    assert base(nlp, text, "Velmor air base")[1] != "Kardova"


def relabelled(nlp: Any, text: str, word: str, label: str) -> Any:
    """The parsed text with `word` labelled `label`, as the model labels towns it does not know."""
    doc = nlp(text)
    at = next(t.i for t in doc if t.text == word)
    kept = [e for e in doc.ents if e.end <= at or e.start > at]
    doc.ents = sorted([*kept, Span(doc, at, at + 1, label=label)], key=lambda e: e.start)
    return doc


def facts_of(doc: Any, name: str) -> tuple[str | None, str | None]:
    [found] = [e for e in extract(doc) if e.type is EntityType.INSTALLATION and e.name == name]
    return found.base_facts[0].operator, found.base_facts[0].location


def test_a_name_in_right_after_a_base_is_its_town_whatever_the_model_took_it_for(nlp: Any) -> None:
    doc = relabelled(nlp, "Egyptian forces are stationed at Air Base 301 in Zinder, officials said.", "Zinder", "ORG")
    assert facts_of(doc, "Air Base 301")[1] == "Zinder"


def test_a_body_named_further_on_is_no_town(nlp: Any) -> None:
    doc = relabelled(nlp, "Egyptian forces are stationed at Air Base 301, officials at Zinder said.", "Zinder", "ORG")
    assert facts_of(doc, "Air Base 301")[1] != "Zinder"


def test_forces_a_relative_clause_kept_at_a_base_left_when_their_clause_says_so(nlp: Any) -> None:
    text = "Egyptian forces, which had been stationed at Air Base 301 in Zinder, completed their withdrawal in May."
    assert base(nlp, text, "Air Base 301")[0] is None


def test_forces_a_relative_clause_keeps_at_a_base_keep_it(nlp: Any) -> None:
    text = "Egyptian forces, which are stationed at Air Base 301 in Zinder, held drills in May."
    assert base(nlp, text, "Air Base 301")[0] == "Egypt"


def test_a_base_no_sentence_places_is_in_the_country_the_article_is_about(nlp: Any) -> None:
    text = (
        "Egypt held elections on Monday. Voters in Egypt queued for hours. Officials in Egypt said turnout was high. "
        "Peacekeepers headquartered at Camp Velmor were not affected."
    )
    assert base(nlp, text, "Camp Velmor")[1] == "Egypt"


def test_a_base_no_sentence_places_in_an_article_about_two_countries_is_nowhere(nlp: Any) -> None:
    text = (
        "Egypt held elections on Monday. Sudan held them too. Voters in Egypt and in Sudan queued for hours. "
        "Peacekeepers headquartered at Camp Velmor were not affected."
    )
    assert base(nlp, text, "Camp Velmor")[1] is None
