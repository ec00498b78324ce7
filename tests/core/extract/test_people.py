"""People in news copy: bylines, title fragments, two-word family names, ranks, headline fragments and quotes
whose subject only mentions another name. Sentences written for these tests, in wire and state-agency styles."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span

from bot.core import names
from bot.core.extract import extract
from bot.core.models import EntityType, Extracted


def entities(nlp: Any, text: str) -> dict[str, Extracted]:
    return {e.name: e for e in extract(nlp(text))}


def test_a_family_name_of_two_words_joins_the_full_name(nlp: Any) -> None:
    found = entities(
        nlp,
        "Defense Minister Khaled Abu Hamza visited the unit on Monday.\n\n"
        '"We will keep training together," Abu Hamza told reporters after the visit.',
    )
    people = [e for e in found.values() if e.type is EntityType.PERSON]
    assert [p.name for p in people] == ["Khaled Abu Hamza"]
    assert "Abu Hamza" in people[0].aliases and people[0].quotes


def test_a_name_the_model_cuts_in_two_is_one_person_with_the_title_before_it(nlp: Any) -> None:
    """The model reads "Ali Sheikh" and "Omar" as two people side by side: one name, titled "President"."""
    found = entities(nlp, "The envoy met President Ali Sheikh Omar in Dastra, officials said.")
    people = [e for e in found.values() if e.type is EntityType.PERSON]
    assert [(p.name, [r.title for r in p.roles]) for p in people] == [("Ali Sheikh Omar", ["President"])]


def test_a_byline_separator_and_date_are_no_part_of_a_name(nlp: Any) -> None:
    found = entities(nlp, "Border talks continue\nAyşe Demir  |12.03.2026 - 10:15\n\nAnkara (AA) - Talks went on.")
    assert "Ayşe Demir" in found
    assert not any("|" in name or "2026" in name for name in found)


def test_a_country_adjective_and_title_words_before_a_title_are_no_organisation(nlp: Any) -> None:
    found = entities(nlp, "Turkish Energy Minister Alparslan Bayraktar said the lines already existed.")
    assert not [e for e in found.values() if e.type is EntityType.ORGANISATION]


def test_names_after_an_abbreviated_rank_are_a_person(nlp: Any) -> None:
    found = entities(nlp, "The ministers toured the centre with Chief of General Staff Gen. Selcuk Bayraktaroglu.")
    assert found["Selcuk Bayraktaroglu"].type is EntityType.PERSON


def test_a_name_before_a_place_noun_is_a_place(nlp: Any) -> None:
    found = entities(nlp, "Welat spoke during a visit to the Hilaliye neighbourhood on Sunday.")
    assert found["Hilaliye"].type is EntityType.PLACE


def test_a_name_the_subject_is_about_does_not_speak(nlp: Any) -> None:
    found = entities(
        nlp,
        "Defense Minister Yasar Guler visited the border.\n\n"
        'Speaking to soldiers, Guler said the fight against the PKK would continue "until the last '
        'terrorist is neutralized."',
    )
    guler = next(e for e in found.values() if e.type is EntityType.PERSON)
    assert any("last terrorist" in q.text for q in guler.quotes)
    assert not [q for e in found.values() if e is not guler for q in e.quotes]


def test_a_middle_initial_does_not_change_a_name_key() -> None:
    assert names.key("Geir O. Pedersen") == names.key("Geir Pedersen")
    assert names.key("T-4 air base") == names.key("T4 air base")


def test_a_word_name_after_in_is_a_place_an_acronym_after_in_is_not(nlp: Any) -> None:
    found = entities(nlp, "Russian troops are still stationed at Khmeimim and in Tartus on the coast, officials said.")
    assert found["Tartus"].type is EntityType.PLACE
    found = entities(nlp, "Troops of the division are deployed in Dushanbe and in the city of Bokhtar.")
    assert found["Dushanbe"].type is EntityType.PLACE
    found = entities(nlp, "Turkey has been a member of the alliance since 1952 and has a voice in NATO on Syria.")
    assert found["NATO"].type is EntityType.ORGANISATION


def test_a_short_name_opening_with_initials_in_parentheses_is_an_alias(nlp: Any) -> None:
    text = "Speaking to members of his National Renewal Party (NR Party) in parliament, the minister said it stood."
    found = entities(nlp, text)
    assert "NR Party" in found["National Renewal Party"].aliases and "NR Party" not in found


def test_a_name_a_place_appears_as_on_maps_is_its_alias(nlp: Any) -> None:
    text = "Serekaniye is the Kurdish name of the town that appears on government maps as Ras al-Ain."
    found = entities(nlp, text)
    assert any("Ras al-Ain" in e.aliases and "Serekaniye" in e.aliases for e in found.values())


def test_referred_to_as_describes_the_object_not_the_subject(nlp: Any) -> None:
    found = entities(nlp, "The Russian Defence Ministry referred to the site as the Kamishli airfield in statements.")
    assert not any("Kamishli" in a for a in found["Russian Defence Ministry"].aliases)


def test_a_region_after_a_dateline_an_adjective_after_in_and_a_road_to_say_place(nlp: Any) -> None:
    found = entities(nlp, "KOBANE, Rojava – The council met on Monday.\n\nIn neighbouring Niger, the army took over.")
    assert found["Rojava"].type is EntityType.PLACE and found["Niger"].type is EntityType.PLACE
    found = entities(nlp, "The airfield lies along the road to Palmyra, beyond the Bosphorus of the desert.")
    assert found["Palmyra"].type is EntityType.PLACE


def test_towns_the_model_mislabels_or_misses_are_places_where_the_words_say_so(nlp: Any) -> None:
    text = (
        "Russian troops are deployed in Dushanbe and in the city of Bokhtar, in the south of Tajikistan.\n\n"
        "Trucks came loaded with vegetables from the farms around Manbij.\n\n"
        "Across the fence, in Turkey, is the town of Suruç, where many families stayed."
    )
    found = entities(nlp, text)
    assert all(found[name].type is EntityType.PLACE for name in ("Tajikistan", "Manbij", "Suruç"))


def test_towns_the_model_takes_for_a_works_title_are_places_after_a_preposition_of_space(nlp: Any) -> None:
    """The model reads "Velmok and Sarnal" as one work's title; "around" says they are two places."""
    text = "The commander said his forces need guarantees before giving up their positions around Velmok and Sarnal."
    found = entities(nlp, text)
    assert (found["Velmok"].type, found["Sarnal"].type) == (EntityType.PLACE, EntityType.PLACE)


def _labelled(nlp: Any, text: str, spans: list[tuple[str, str]]) -> Any:
    """`text` parsed, with the model's entities replaced by these (words, label) spans, as it labels some texts."""
    doc = nlp(text)
    ents = []
    for words, label in spans:
        size = len(nlp.tokenizer(words))
        start = next(t.i for t in doc if doc[t.i : t.i + size].text == words)
        ents.append(Span(doc, start, start + size, label=label))
    doc.ents = ents
    return doc


def test_a_name_cut_before_its_glued_article_goes_on_to_the_words_end(nlp: Any) -> None:
    doc = _labelled(nlp, "Aid reached Deir el-Balah this week, officials said.", [("Deir", "GPE")])
    assert [(e.name, e.type) for e in extract(doc)] == [("Deir el-Balah", EntityType.PLACE)]
    apart = _labelled(nlp, "Aid reached Deir on Monday, officials said.", [("Deir", "GPE")])
    assert [e.name for e in extract(apart)] == ["Deir"]


def test_a_body_cut_after_in_goes_on_to_the_place_it_is_in(nlp: Any) -> None:
    text = "A drone launched by the Popular Resistance in Yemen hit a small outpost."
    doc = _labelled(nlp, text, [("the Popular Resistance in", "ORG"), ("Yemen", "GPE")])
    assert [(e.name, e.type) for e in extract(doc)] == [("Popular Resistance in Yemen", EntityType.ORGANISATION)]
    apart = _labelled(nlp, text, [("the Popular Resistance", "ORG"), ("Yemen", "GPE")])
    assert sorted(e.name for e in extract(apart)) == ["Popular Resistance", "Yemen"]


def test_a_compass_point_alone_is_no_place_name(nlp: Any) -> None:
    assert (
        entities(nlp, "Fighting in the North has eased, and strikes in the South-East go on, the council said.") == {}
    )


def test_a_name_introduced_with_its_own_initials_is_a_body_whatever_the_model_says(nlp: Any) -> None:
    doc = _labelled(
        nlp, "Analysts said Jaysh Tahrir al-Qalamoun (JTQ) had dissolved.", [("Jaysh Tahrir al-Qalamoun", "PERSON")]
    )
    assert [(e.name, e.type) for e in extract(doc)] == [("Jaysh Tahrir al-Qalamoun", EntityType.ORGANISATION)]
    other = _labelled(nlp, "Analysts said Rami Tahrir (JTQ) had resigned.", [("Rami Tahrir", "PERSON")])
    assert [(e.name, e.type) for e in extract(other)] == [("Rami Tahrir", EntityType.PERSON)]


def test_a_verb_opening_a_quoted_sentence_is_no_given_name(nlp: Any) -> None:
    text = 'Analysts say Korvin still matters. "Losing Korvin would be the end of the project," one said.'
    doc = _labelled(nlp, text, [("Korvin", "PERSON"), ("Losing Korvin", "PERSON")])
    assert sorted(e.name for e in extract(doc)) == ["Korvin"]


def test_a_models_code_before_a_noun_of_weapons_is_no_entity(nlp: Any) -> None:
    text = "The first Tu-22 and Tu-95 bombers landed at the Korvin air base."
    doc = _labelled(nlp, text, [("Tu-22", "GPE"), ("Tu-95", "GPE")])
    assert [e.name for e in extract(doc)] == ["Korvin air base"]
    base = _labelled(nlp, "Drones were launched from T-9 overnight.", [("T-9", "GPE")])
    assert [e.name for e in extract(base)] == ["T-9"]


def test_a_name_opening_with_mount_is_a_place_whatever_the_model_says(nlp: Any) -> None:
    doc = _labelled(nlp, "Troops will stay on Mount Korash for now, officials said.", [("Mount Korash", "ORG")])
    assert [(e.name, e.type) for e in extract(doc)] == [("Mount Korash", EntityType.PLACE)]
    other = _labelled(nlp, "Troops will stay with Korash Holdings for now.", [("Korash Holdings", "ORG")])
    assert [(e.name, e.type) for e in extract(other)] == [("Korash Holdings", EntityType.ORGANISATION)]
