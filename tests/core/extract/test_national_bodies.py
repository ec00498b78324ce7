"""Bodies every country has ("the Navy", "the Interior Ministry", "the Security Council"), named so that one country's
never stands for another's elsewhere in the corpus."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span

from bot.core.extract import extract
from bot.core.models import EntityType


def bodies(doc: Any) -> dict[str, set[str]]:
    """Each organisation's name, with the names it would be stored under."""
    return {e.name: e.aliases for e in extract(doc) if e.type is EntityType.ORGANISATION}


def test_a_possessive_country_the_model_ran_into_the_line_before_still_owns_the_ministry(nlp: Any) -> None:
    doc = nlp("Kuwait: debris fell in Salmiya\nKuwait's Interior Ministry said parts of a drone hit two houses.")
    salmiya = next(t.i for t in doc if t.text == "Salmiya")
    owner = next(t.i for t in doc if t.text == "Kuwait" and t.i > salmiya)
    # the model's mistake on such live-blog lines: the town, the line break and the country read as one name
    kept = [e for e in doc.ents if e.end <= salmiya or e.start > owner]
    doc.ents = sorted([*kept, Span(doc, salmiya, owner + 1, label="ORG")], key=lambda e: e.start)
    assert "Kuwaiti Interior Ministry" in bodies(doc)


def test_a_ministry_without_a_country_stays_unqualified(nlp: Any) -> None:
    found = bodies(nlp("The Interior Ministry said parts of a drone hit two houses."))
    assert "Interior Ministry" in found


def test_the_navy_is_the_navy_named_last_before_and_not_its_stored_name(nlp: Any) -> None:
    text = (
        "Ships of the Royal Moroccan Navy and the Algerian Coast Guard Navy sailed on Monday, the Navy's press "
        "office said. The Navy will hold drills with the Royal Moroccan Navy later."
    )
    found = bodies(nlp(text))
    assert "Navy" not in found
    assert "Navy" not in found["Algerian Coast Guard Navy"]


def test_a_body_named_after_one_full_name_keeps_it_as_a_stored_name(nlp: Any) -> None:
    text = "Hayat Tahrir al-Sham fighters entered the town. Tahrir al-Sham said the move was defensive."
    found = bodies(nlp(text))
    assert all(len(aliases) >= 1 for aliases in found.values())


def test_a_council_seated_in_a_capital_is_that_countrys(nlp: Any) -> None:
    found = bodies(nlp("The president spoke at a meeting of the Security Council in Cairo, his office said."))
    assert "Egyptian Security Council" in found


def test_a_council_briefed_in_a_meeting_is_no_countrys(nlp: Any) -> None:
    found = bodies(nlp("The envoy told the Security Council in a briefing on Monday that fighting had eased."))
    assert "Security Council" in found


def test_a_ministry_named_after_its_country_in_the_sentence_is_that_countrys(nlp: Any) -> None:
    text = "Bolivia, which also claims the islet of Tarvino, protested, its Ministry of Foreign Affairs said."
    assert "Bolivian Ministry of Foreign Affairs" in bodies(nlp(text))


def test_its_ministry_in_a_sentence_naming_two_countries_is_no_countrys(nlp: Any) -> None:
    text = "Bolivia and Chile, which both claim the islet of Tarvino, protested, its Ministry of Foreign Affairs said."
    assert "Ministry of Foreign Affairs" in bodies(nlp(text))


def test_a_ministry_of_affairs_set_in_one_country_is_that_countrys(nlp: Any) -> None:
    text = "In Oslo, the Ministry of Foreign Affairs said the envoy Rolf Anderhaug had been recalled."
    assert "Norwegian Ministry of Foreign Affairs" in bodies(nlp(text))


def test_a_countrys_possessive_owns_its_general_staff(nlp: Any) -> None:
    found = bodies(nlp("Chile's General Staff said the drills near Punta Orvaz would last a week."))
    assert "Chilean General Staff" in found


def test_a_ministry_named_after_its_country_keeps_the_words_the_text_has_where_it_is_named(nlp: Any) -> None:
    text = "Chile's Ministry of Foreign Affairs said the envoy Rolf Anderhaug had been recalled."
    doc = nlp(text)
    ministry = next(e for e in extract(doc) if e.name == "Chilean Ministry of Foreign Affairs")
    assert [m.surface for m in ministry.mentions] == ["Ministry of Foreign Affairs"]
    assert [text[m.start : m.end] for m in ministry.mentions] == ["Ministry of Foreign Affairs"]


def test_a_ministry_reporting_from_two_countries_named_together_is_neither_countrys(nlp: Any) -> None:
    text = "The Defence Ministry said fighters were killed in northern Peru and northern Bolivia on Monday."
    assert "Defence Ministry" in bodies(nlp(text))


def test_a_ministry_in_a_story_filed_from_a_capital_is_that_countrys(nlp: Any) -> None:
    text = (
        "Minister visits naval yard\n\nOslo, NORPRESS – Defence Minister Rolf Anderhaug visited the Valdren naval "
        "yard on Monday. The Ministry of Defence said the yard would build two patrol boats."
    )
    assert "Norwegian Ministry of Defence" in bodies(nlp(text))


def test_a_ministry_in_a_story_filed_from_a_capital_and_set_elsewhere_is_no_countrys(nlp: Any) -> None:
    text = (
        "Minister visits naval yard\n\nOslo, NORPRESS – Defence Minister Rolf Anderhaug visited troops in Finland "
        "on Monday. The Ministry of Defence said the visit would last two days."
    )
    assert "Ministry of Defence" in bodies(nlp(text))


def test_a_shorter_name_of_a_body_in_a_story_filed_from_a_capital_joins_the_body(nlp: Any) -> None:
    text = (
        "Drills end off the coast\n\nOslo, NORPRESS – The Royal Varnish Navy ended its drills on Monday. The Navy "
        "said four frigates took part."
    )
    assert "Norwegian Navy" not in bodies(nlp(text))


def test_a_ministry_in_a_story_whose_dateline_brackets_the_agency_after_the_date_is_that_countrys(nlp: Any) -> None:
    text = (
        "Minister visits naval yard\n\nOslo, Nov. 26 (NORPRESS) - Defence Minister Rolf Anderhaug visited the "
        "Valdren naval yard on Wednesday. The Ministry of Defence said the yard would build two patrol boats."
    )
    assert "Norwegian Ministry of Defence" in bodies(nlp(text))


def test_a_country_where_a_later_thing_of_the_sentence_is_does_not_own_the_army(nlp: Any) -> None:
    text = "The Army will also draw trucks from its depot near Puerto Varga for exercises in Chile."
    found = bodies(nlp(text))
    assert "Army" in found
    assert "Chilean Army" not in found


def test_a_country_where_the_bodys_own_building_is_owns_the_ministry(nlp: Any) -> None:
    text = "The two ministers held talks at the Foreign Ministry's mansion in central Paris on Monday."
    assert "French Foreign Ministry" in bodies(nlp(text))


def test_a_country_where_a_briefing_before_the_ministry_is_held_owns_the_ministry(nlp: Any) -> None:
    text = (
        "Officials called the expansion a threat. In a briefing in Oslo this month, Foreign Ministry spokeswoman "
        "Kari Orvaz listed the port among the targets."
    )
    assert "Norwegian Foreign Ministry" in bodies(nlp(text))


def test_a_rulers_air_force_is_no_shorter_name_of_the_royal_air_force(nlp: Any) -> None:
    text = (
        "The Royal Air Force kept a station on the island until 1977, when it was handed over to the Sultan of "
        "Varnia's Air Force."
    )
    assert "Air Force" not in bodies(nlp(text)).get("Royal Air Force", set())


def test_the_air_force_named_again_is_a_shorter_name_of_the_royal_air_force(nlp: Any) -> None:
    text = "The Royal Air Force flew two patrols over the coast on Monday. The Air Force said they were routine."
    assert "Air Force" in bodies(nlp(text))["Royal Air Force"]
