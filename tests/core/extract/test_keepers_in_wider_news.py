"""Who keeps a base and where it is, as wire copy, ministries, trade magazines and features write it about bases in
Africa, Central Asia and around the Black Sea: names with a particle after their kind, forces of countries the
lexicon lacked, an apposition whose kind a noun describes, a capitalised name that holds a word of another sense, a
port that only places another site, a body in lower case named by the word before it, a force a person owns written
with "of", and a kind the parser left hanging. Every sentence is invented for the test (other names than the
corpus's)."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span

from bot.core.extract import extract
from bot.core.models import EntityType


def bases(nlp: Any, text: str) -> dict[str, tuple[str | None, str | None]]:
    """The operator and location of every installation the text names, by name."""
    found = [e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]
    return {e.name: (e.base_facts[0].operator, e.base_facts[0].location) for e in found}


def test_a_particle_after_the_kind_opens_the_name_of_a_camp(nlp: Any) -> None:
    text = "Officials said Camp de Velmor, in Tarsk, was handed over to the Egyptian army on Thursday."
    assert bases(nlp, text) == {"Camp de Velmor": ("Egypt", "Tarsk")}


def test_a_base_handed_over_to_a_countrys_army_is_that_countrys_for_more_countries(nlp: Any) -> None:
    for army, country in (("Gabonese", "Gabon"), ("Maltese", "Malta"), ("Angolan", "Angola")):
        text = f"The Velmor air base was handed over to the {army} army on Thursday."
        assert bases(nlp, text)["Velmor air base"][0] == country


def test_an_apposition_whose_kind_a_noun_describes_names_the_base(nlp: Any) -> None:
    text = "The U.S. military has sent more drones to Velbor, a desert airstrip in Korvia, officials said."
    assert list(bases(nlp, text)) == ["Velbor airstrip"]


def test_the_forces_a_base_named_with_such_an_apposition_hosts_keep_it(nlp: Any) -> None:
    text = "Velbor, a remote airstrip in Korvia, hosts U.S. drones."
    assert bases(nlp, text) == {"Velbor airstrip": ("United States", "Korvia")}


def test_a_noun_that_describes_another_thing_makes_no_base_of_the_name_before_it(nlp: Any) -> None:
    for text in ("Marines arrived in Olbek, a port town near the coast.", "They met in Olbek, a garrison town."):
        assert bases(nlp, text) == {}


def test_a_capitalised_name_that_holds_the_word_support_is_a_base(nlp: Any) -> None:
    text = "The Korvel Joint Logistics Support Base, opened in 2018, stores spare parts for British warships."
    assert list(bases(nlp, text)) == ["Korvel Joint Logistics Support Base"]


def test_a_support_base_in_lower_case_is_still_no_base(nlp: Any) -> None:
    text = "The senator's support base in Korvel is shrinking, army officers say."
    assert bases(nlp, text) == {}


def test_a_port_whose_outskirts_place_a_base_is_no_base_of_its_own(nlp: Any) -> None:
    text = "Egypt opened its first overseas military base on the outskirts of the Velmor port in 2017."
    assert "Velmor port" not in bases(nlp, text)


def test_a_body_in_lower_case_named_by_the_word_before_it_holds_what_is_under_its_control(nlp: Any) -> None:
    text = "The Velbor air base remains under the control of the Korvan force, an armed group loyal to the council."
    assert bases(nlp, text)["Velbor air base"][0] == "Korvan"


def test_a_brigade_with_a_name_of_its_own_is_not_read_as_a_body_in_lower_case(nlp: Any) -> None:
    text = "The Velbor air base is under the control of the Egyptian army's Korvan Brigade."
    assert bases(nlp, text)["Velbor air base"][0] != "Korvan"


def test_a_force_a_person_owns_written_with_of_is_that_persons_faction(nlp: Any) -> None:
    text = "Velbor air base is held by the Egyptian Liberation Army of Velmor Tarkan."
    assert bases(nlp, text)["Velbor air base"][0] == "Egyptian Liberation Army"


def test_a_countrys_force_of_a_place_is_still_the_countrys(nlp: Any) -> None:
    text = "Velbor air base is held by the Islamic Army of Egypt."
    assert bases(nlp, text)["Velbor air base"][0] != "Islamic Army"


def test_a_countrys_naval_aviation_keeps_what_it_keeps_jets_at(nlp: Any) -> None:
    text = "Egyptian naval aviation keeps fighters at Velbor airfield in western Korvia."
    assert bases(nlp, text) == {"Velbor airfield": ("Egypt", "Korvia")}


def test_a_continent_a_superlative_compares_the_base_in_is_not_where_it_is(nlp: Any) -> None:
    text = "Camp Velmor, leased by the United States since 2002, remains the only permanent American base in Africa."
    assert [place for _, place in bases(nlp, text).values()] == [None]


def test_the_main_base_of_a_fleet_in_a_place_is_still_in_that_place(nlp: Any) -> None:
    text = "Drones struck the Velmor naval base, the fleet's main base in Korvia, in 2023."
    assert bases(nlp, text)["Velmor naval base"][1] == "Korvia"


def test_a_base_numbered_as_a_unit_is_a_base_whatever_the_nouns_before_its_kind(nlp: Any) -> None:
    text = "The site, known as the 317th torpedo testing base, lies on the eastern shore of the lake."
    assert list(bases(nlp, text)) == ["317th torpedo testing base"]


def test_a_base_in_a_game_is_no_base(nlp: Any) -> None:
    assert bases(nlp, "He played third base for the team in Korvel.") == {}


def test_a_site_named_beside_a_base_does_not_place_it(nlp: Any) -> None:
    text = "The spokesman named targets in the region, among them Camp Velmor and the Egyptian port of Olbek."
    assert bases(nlp, text)["Camp Velmor"][1] != "Olbek"


def test_a_base_between_two_towns_is_placed_by_the_first(nlp: Any) -> None:
    text = "Egyptian troops hold the Velmor base between Korvel and Tarsk."
    assert bases(nlp, text)["Velmor base"] == ("Egypt", "Korvel")


def test_a_town_the_model_read_together_with_its_province_is_the_town(nlp: Any) -> None:
    doc = nlp("Egyptian jets fly from the Velmor air base, near the town of Korvash in Tarnevah.")
    town = next(t.i for t in doc if t.text == "Korvash")
    doc.ents = [e for e in doc.ents if e.end <= town] + [Span(doc, town, town + 3, label="ORG")]  # as the model may
    found = [e for e in extract(doc) if e.type is EntityType.INSTALLATION]
    assert [f.location for e in found for f in e.base_facts] == ["Korvash"]


def test_the_compound_after_a_named_camp_is_that_camp_again(nlp: Any) -> None:
    text = "Officials visited Camp Velmor on Monday. The compound lies on the southern edge of Korvel."
    assert bases(nlp, text) == {"Camp Velmor": (None, "Korvel")}


def test_troops_who_work_on_a_base_keep_it(nlp: Any) -> None:
    text = (
        "Officials visited Camp Velmor on Monday. Some 4,000 Egyptian troops work on the compound, which lies on "
        "the southern edge of Korvel."
    )
    assert bases(nlp, text) == {"Camp Velmor": ("Egypt", "Korvel")}


def test_the_compound_of_a_body_is_no_base_again(nlp: Any) -> None:
    text = "Officials visited Camp Velmor on Monday. The compound of the ministry lies on the southern edge of Korvel."
    assert bases(nlp, text)["Camp Velmor"][1] is None


def test_a_forces_station_at_a_place_is_named_by_the_place(nlp: Any) -> None:
    text = "Its Royal Air Force station at Velmor, 25 km south of Korvel, was handed over to the Egyptian air force."
    assert bases(nlp, text) == {"Velmor station": ("Egypt", "Korvel")}


def test_a_forces_base_at_a_place_is_the_forces_countrys(nlp: Any) -> None:
    text = "Officials toured the Egyptian Air Force base at Velmor, 25 km south of Korvel, on Monday."
    assert bases(nlp, text) == {"Velmor base": ("Egypt", "Korvel")}


def test_a_forces_kind_after_a_name_a_copula_gives_still_names_no_other_base(nlp: Any) -> None:
    text = "Velmor is a Kuwait Air Force base where jets are kept."
    assert list(bases(nlp, text)) == ["Velmor base"]


def test_a_station_a_navy_runs_is_a_military_station(nlp: Any) -> None:
    text = "The Egyptian Navy also runs the Velmor communications station outside the town of Korvel."
    assert bases(nlp, text) == {"Velmor communications station": ("Egypt", "Korvel")}


def test_a_station_a_company_runs_is_none(nlp: Any) -> None:
    assert bases(nlp, "The company runs the Velmor power station outside Korvel.") == {}


def test_an_airport_a_named_site_stands_at_is_only_where_that_site_is(nlp: Any) -> None:
    text = "The Velmor transit center at the Korvel airport, used by U.S. troops since 2001, was closed in 2014."
    assert list(bases(nlp, text)) == ["Velmor transit center"]  # the center is the troops' site, not the airport


def test_an_airport_troops_are_at_is_still_kept_by_them(nlp: Any) -> None:
    text = "Egyptian troops at the Korvel airport were reinforced."
    assert bases(nlp, text) == {"Korvel airport": ("Egypt", "Korvel")}


def test_a_name_that_hosts_a_commands_headquarters_is_a_base_of_that_commands_country(nlp: Any) -> None:
    text = "Korvik, west of Olbek, hosts the forward headquarters of U.S. Central Command."
    assert bases(nlp, text) == {"Korvik": ("United States", "Olbek")}


def test_a_name_that_houses_forces_is_a_base(nlp: Any) -> None:
    assert list(bases(nlp, "Korvik houses Egyptian drones and a detachment of marines.")) == ["Korvik"]


def test_a_town_a_country_or_a_body_that_hosts_forces_or_guests_is_no_base(nlp: Any) -> None:
    for text in (
        "Velmora, a desert town, hosts a Russian battalion.",
        "Greece hosts American troops.",
        "The ministry hosts a delegation from Egypt.",
    ):
        assert bases(nlp, text) == {}


def test_a_base_handed_to_a_countrys_control_is_a_military_base(nlp: Any) -> None:
    text = "The Velmor base was transferred to Egyptian control in 2019."
    assert bases(nlp, text) == {"Velmor base": ("Egypt", "Velmor")}


def test_a_base_under_nobodys_control_in_particular_is_no_military_base(nlp: Any) -> None:
    for text in (
        "The company moved its Velmor base under the control of a new manager.",
        "The team's Velmor base is under control after the flood.",
    ):
        assert bases(nlp, text) == {}


def test_a_region_the_model_left_untagged_places_the_base(nlp: Any) -> None:
    doc = nlp("Russian attack aircraft, meanwhile, are stationed at the Velmor air base in the Tozi region.")
    doc.ents = [e for e in doc.ents if e.text != "Tozi"]  # as the model leaves some regions' names
    found = [e for e in extract(doc) if e.type is EntityType.INSTALLATION]
    assert [f.location for e in found for f in e.base_facts] == ["Tozi region"]


def test_the_base_said_before_any_is_named_is_the_one_named_next(nlp: Any) -> None:
    text = (
        "The base remains under Egyptian control, the ministry said. The site, known as the 317th torpedo testing "
        "base, lies on the shore of the lake. Greek jets also fly from the Korvel air base."
    )
    assert bases(nlp, text)["317th torpedo testing base"][0] == "Egypt"


def test_a_present_tense_quoted_under_a_speech_verb_is_no_history_whatever_year_it_names(nlp: Any) -> None:
    text = (
        '"The Velmor air base remains under Egyptian control in line with the 2012 agreement," the Greek ministry '
        "said on Monday."
    )
    assert bases(nlp, text)["Velmor air base"][0] == "Egypt"
