"""Other names of what an article names: initials in parentheses after a body's name name that body wherever else the
article writes them, even where the model tagged no name inside the parentheses or ran the body's name on into them;
the last word of a base's name, read alone, is the base. Every name here is invented."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract
from bot.core.models import EntityType


def test_initials_the_model_ran_into_still_name_the_body_before_them(nlp: Any) -> None:
    text = (
        "Velmora's Ministry of National Defense (KSB) said on Thursday that talks must produce results. "
        "The KSB added that 14 were killed."
    )
    bodies = [(e.name, sorted(e.aliases)) for e in extract(nlp(text)) if e.type is EntityType.ORGANISATION]
    assert ("Ministry of National Defense", ["KSB", "Ministry of National Defense"]) in bodies
    assert not [name for name, _ in bodies if "KSB" in name]


def test_the_last_word_of_a_bases_name_read_alone_as_a_body_is_the_base(nlp: Any) -> None:
    text = (
        "Velmoran forces took full control of the Ras al-Qadim air base in the western desert on Thursday. "
        '"Al-Qadim is a Velmoran base again, run by Velmoran officers," Defence Minister Arel Kaya said in a statement.'
    )
    found = extract(nlp(text))
    assert [e.type for e in found if "Al-Qadim" in e.aliases] == [EntityType.INSTALLATION]
    assert "Al-Qadim" not in [e.name for e in found]


def test_the_last_word_of_a_bases_name_read_as_a_persons_is_left_out_of_the_base(nlp: Any) -> None:
    """A person's reading would bring a person's vote to the town the base is named after ("Bandar-e Abbas" cut to
    "Abbas"): only a body's joins the base."""
    text = "Troops took control of the Ain al-Zarqa air base on Thursday. Al-Zarqa was handed over at a ceremony."
    bases = [e for e in extract(nlp(text)) if e.type is EntityType.INSTALLATION]
    assert [(e.name, EntityType.PERSON in e.votes) for e in bases] == [("Ain al-Zarqa air base", False)]


def test_a_family_name_alone_spelled_as_one_of_two_peoples_is_that_persons(nlp: Any) -> None:
    """ "Hanna Dabbour … According to Dabbour … Fares al-Dabur": the one spelled so, not the other, whose family name is
    the same only by a transliteration rule."""
    text = (
        "The mayor of Kefr, Hanna Dabbour, asked for the return of the farmland. According to Dabbour, some 300 "
        "families still live in tents. The preacher Fares al-Dabur read the agreement to the crowd."
    )
    owner = next(e for e in extract(nlp(text)) if e.name == "Hanna Dabbour")
    assert "Dabbour" in {m.surface for m in owner.mentions}


def test_an_alias_cue_after_a_bases_bare_name_gives_the_base_another_name(nlp: Any) -> None:
    """The model tags no name in "Qarvan," at a sentence's start: the words before the cue are still the base's."""
    text = (
        "Turkish officers toured the Qarvan air base on Monday. "
        "Qarvan, also written Karwan, has changed hands several times since 2013."
    )
    found = extract(nlp(text))
    assert [(e.type, sorted(e.aliases)) for e in found if "Karwan" in e.aliases] == [
        (EntityType.INSTALLATION, ["Karwan", "Qarvan", "Qarvan air base"])
    ]
    assert "Karwan" not in [e.name for e in found]


def test_a_name_as_people_call_a_body_is_that_bodys(nlp: Any) -> None:
    text = (
        "The Popular Mobilisation Forces sent units to the border. "
        "Al-Hashd, as Iraqis call the Popular Mobilisation Forces, sent units to the border too. "
        "Karim Haddad, as his friends called him, stayed home."
    )
    found = extract(nlp(text))
    assert [sorted(e.aliases) for e in found if e.name == "Popular Mobilisation Forces"] == [
        ["Al-Hashd", "Popular Mobilisation Forces"]
    ]
    assert [e.type for e in found if e.name == "Karim Haddad"] == [EntityType.PERSON]


def test_an_alias_cue_after_a_verb_names_what_that_clause_speaks_of_not_the_speaker(nlp: Any) -> None:
    """The model reads "Velkan, Teshi" as two places: the family name that says something is still the person's."""
    text = (
        "Brigadier General Arman Teshi said on Monday that the third tactical air base, known as Shahid Rostami, "
        '"is ready to answer any aggression." Speaking at the base on the outskirts of Velkan, Teshi said its '
        "squadrons had new radar."
    )
    found = extract(nlp(text))
    assert [e.aliases for e in found if e.name == "Arman Teshi"] == [{"Arman Teshi", "Teshi"}]
    assert "Teshi" not in [e.name for e in found]


def test_a_name_an_alias_cue_gives_a_base_named_after_its_town_is_the_bases_not_the_towns(nlp: Any) -> None:
    text = (
        "Officers toured the Velkan air base on Monday. The base, also known as Shahid Rostami, lies on the "
        "outskirts of Velkan. Shops in Velkan stayed open and traders in Velkan said business was slow."
    )
    found = extract(nlp(text))
    assert [e.type for e in found if "Shahid Rostami" in e.aliases] == [EntityType.INSTALLATION]


def test_a_family_name_alone_before_its_second_bearer_is_named_is_the_first_ones(nlp: Any) -> None:
    text = (
        "The head of the southern command, Adm. Doran Velis, met tribal leaders in Kefr before flying out. "
        "Velis said afterward that the talks had gone well.\n\n"
        "Mara Velis, a former defence official who is not related to the admiral, said the pullout carried risks."
    )
    found = extract(nlp(text))
    assert [sorted(e.aliases) for e in found if e.name == "Doran Velis"] == [["Doran Velis", "Velis"]]
    assert [sorted(e.aliases) for e in found if e.name == "Mara Velis"] == [["Mara Velis"]]


def test_a_family_name_alone_after_both_bearers_are_named_stays_apart(nlp: Any) -> None:
    text = (
        "Adm. Doran Velis met tribal leaders in Kefr. Mara Velis, a former defence official, said the pullout "
        "carried risks. Velis said afterward that the talks had gone well."
    )
    found = extract(nlp(text))
    assert [e.aliases for e in found if e.name in {"Doran Velis", "Mara Velis"}] == [{"Doran Velis"}, {"Mara Velis"}]


def test_a_name_given_as_another_is_called_is_that_others(nlp: Any) -> None:
    """ "In Qarnash, as Velhaven is called in Arabic": the name before ", as Y is called" is Y's other name."""
    text = "In Qarnash, as Velhaven is called in Arabic, workers cleared rubble from the old market on Sunday."
    found = extract(nlp(text))
    assert [sorted(e.aliases) for e in found if "Qarnash" in e.aliases] == [["Qarnash", "Velhaven"]]


def test_a_name_given_as_the_town_is_called_is_the_town_named_just_before(nlp: Any) -> None:
    """ "Al-Qarmun, as the border town is also called": "the border town" is the place named last before it."""
    text = (
        "A second elder, who lives in Tell Zafran on the Velmoran border, said the families feared the draft. "
        "Al-Qarmun, as the border town is also called, has been held by the army since last year."
    )
    found = extract(nlp(text))
    assert [sorted(e.aliases) for e in found if "Tell Zafran" in e.aliases] == [["Al-Qarmun", "Tell Zafran"]]


def test_a_name_with_the_article_written_apart_is_one_name_and_its_diphthongs_spell_one_place(nlp: Any) -> None:
    """ "Bayt az Zawr" is one name ("az" the Arabic article written apart), and the place "Beit al-Zour" is: "ay" and
    "ei", "aw" and "ou" are one sound written two ways, even in words too short for a vowel to differ."""
    text = (
        "Elders in Syria's Beit al-Zour province said on Monday they would resist. "
        "Troops moved from Bayt az Zawr to the border, officials said."
    )
    places = [sorted(e.aliases) for e in extract(nlp(text)) if e.type is EntityType.PLACE and e.name != "Syria"]
    assert places == [["Bayt az Zawr", "Beit al-Zour"]]


def test_a_datelines_town_in_capitals_goes_on_past_a_hyphen(nlp: Any) -> None:
    text = (
        "QASR EZ-ZAFRA, Velmora, Nov 17 (Reuters) - Arab tribal elders said on Monday they would not send their sons."
    )
    assert "QASR EZ-ZAFRA" in {m.surface for e in extract(nlp(text)) for m in e.mentions}


def test_initials_that_keep_a_small_words_letter_complete_the_name_before_them(nlp: Any) -> None:
    """ "The Velmoran Monitoring Mission in Qarth (VMMIQ)": its "in" has a capital in the initials, as UNIFIL's does."""
    text = "The Velmoran Monitoring Mission in Qarth (VMMIQ) said on Monday that it patrolled. The VMMIQ added more."
    bodies = [(e.name, sorted(e.aliases)) for e in extract(nlp(text)) if e.type is EntityType.ORGANISATION]
    assert bodies == [("Velmoran Monitoring Mission in Qarth", ["VMMIQ", "Velmoran Monitoring Mission in Qarth"])]


def test_a_base_named_by_a_bodys_initials_stays_a_base_apart_from_the_body(nlp: Any) -> None:
    text = (
        "Two peacekeepers of the Velmoran Monitoring Mission in Qarth (VMMIQ) were wounded on 19 November when shells "
        "struck inside the VMMIQ military base near Tarsa, in the south."
    )
    found = extract(nlp(text))
    assert [e.name for e in found if e.type is EntityType.INSTALLATION] == ["VMMIQ military base"]
    assert "Velmoran Monitoring Mission in Qarth" in [e.name for e in found if e.type is EntityType.ORGANISATION]


def test_a_ministry_of_foreign_affairs_is_the_foreign_ministry(nlp: Any) -> None:
    text = (
        "The Velmoran Ministry of Foreign Affairs said on Monday the talks had failed. "
        "A week later the Velmoran Foreign Ministry said they would resume."
    )
    bodies = [sorted(e.aliases) for e in extract(nlp(text)) if e.type is EntityType.ORGANISATION]
    assert bodies == [["Velmoran Foreign Ministry", "Velmoran Ministry of Foreign Affairs"]]


def test_a_body_of_a_country_is_that_countrys_body_in_either_word_order(nlp: Any) -> None:
    """ "the Security Council of Armenia" and "the Armenian Security Council": one body (the country's lexicon)."""
    text = (
        "The Security Council of Armenia met on Monday to discuss the border. "
        "On Friday the Armenian Security Council said the talks would resume."
    )
    bodies = [sorted(e.aliases) for e in extract(nlp(text)) if e.type is EntityType.ORGANISATION]
    assert bodies == [["Armenian Security Council", "Security Council of Armenia"]]
