"""Extraction on the real model: types, name resolution, roles, quotes and military installations."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.extract import extract
from bot.core.models import EntityType, Extracted


def entities(nlp: Any, text: str) -> dict[str, Extracted]:
    """Everything extracted from `text`, by canonical name."""
    return {e.name: e for e in extract(nlp(text))}


def by_alias(found: dict[str, Extracted], alias: str) -> Extracted:
    """The one entity known by `alias`."""
    [match] = [e for e in found.values() if alias in e.aliases or e.name == alias]
    return match


def roles(e: Extracted) -> list[str]:
    return [r.title for r in e.roles]


def test_titles_before_names(nlp: Any) -> None:
    found = entities(
        nlp,
        "Russian Foreign Minister Sergey Lavrov met Kremlin spokesman Dmitry Peskov. "
        "Syria's interim President Ahmed al-Sharaa arrived later, and U.S. President Donald Trump called.",
    )
    assert roles(found["Sergey Lavrov"]) == ["Russian Foreign Minister"]
    assert roles(found["Dmitry Peskov"]) == ["Kremlin spokesman"]
    assert roles(found["Ahmed al-Sharaa"]) == ["Syria's interim President"]
    assert roles(found["Donald Trump"]) == ["U.S. President"]
    assert all(found[n].type is EntityType.PERSON for n in ("Sergey Lavrov", "Dmitry Peskov", "Donald Trump"))


def test_appositive_titles_after_and_before_a_name(nlp: Any) -> None:
    found = entities(
        nlp,
        "Geir Pedersen, the UN envoy for Syria, met officials in Geneva. "
        "The head of the International Committee of the Red Cross, Mirjana Spoljaric, also spoke.",
    )
    assert roles(found["Geir Pedersen"]) == ["UN envoy for Syria"]
    assert roles(found["Mirjana Spoljaric"]) == ["head of the International Committee of the Red Cross"]


def test_a_shared_title_gives_each_person_his_own_country(nlp: Any) -> None:
    found = entities(
        nlp,
        "Foreign Ministers of Türkiye and Russia, Hakan Fidan and Sergey Lavrov, spoke by telephone on Monday.",
    )
    assert roles(found["Hakan Fidan"]) == ["Foreign Minister of Türkiye"]
    assert roles(found["Sergey Lavrov"]) == ["Foreign Minister of Russia"]


def test_two_titles_joined_by_and_and_titles_with_for_and_to(nlp: Any) -> None:
    found = entities(
        nlp,
        "US Ambassador to Ankara and Special Envoy for Syria Tom Barrack spoke to reporters. "
        "Russian Deputy Foreign Minister and Special Presidential Envoy for the Middle East and Africa Mikhail "
        "Bogdanov said talks would go on.",
    )
    assert roles(found["Tom Barrack"]) == ["US Ambassador to Ankara", "Special Envoy for Syria"]
    assert roles(found["Mikhail Bogdanov"]) == [
        "Russian Deputy Foreign Minister",
        "Special Presidential Envoy for the Middle East and Africa",
    ]


def test_a_title_phrase_before_a_rank_stops_at_the_verb(nlp: Any) -> None:
    found = entities(
        nlp,
        "The SDF chief met the head of US Central Command, Admiral Brad Cooper, in Hasakah. "
        "Police detained its Turkish commander, Gen. Bekir Ercan Van, on Monday.",
    )
    assert "head of US Central Command" in roles(found["Brad Cooper"])
    assert "Turkish commander" in roles(found["Bekir Ercan Van"])


def test_an_acronym_in_parentheses_joins_the_name_before_it_in_any_language(nlp: Any) -> None:
    found = entities(
        nlp,
        "Ankara considers the Kurdistan Workers' Party (PKK) a terrorist group. The PKK announced a ceasefire. "
        "DAMASCUS, Syria (AP) — Commander Mazloum Abdi (SDF) spoke to reporters.",
    )
    assert {m.surface for m in by_alias(found, "PKK").mentions} == {"Kurdistan Workers' Party", "PKK"}
    assert by_alias(found, "AP") is not by_alias(found, "Syria")


def test_a_national_army_in_lower_case_is_an_organisation_and_a_time_zone_is_nothing(nlp: Any) -> None:
    found = entities(
        nlp,
        "Around two dozen Syrian army vehicles drove through the gates shortly after 9:00 am (0600 GMT), "
        "while Turkish navy ships waited east of the Orontes.",
    )
    assert found["Syrian army"].type is EntityType.ORGANISATION
    assert found["Turkish navy"].type is EntityType.ORGANISATION
    assert "GMT" not in found
    assert found["Orontes"].type is EntityType.PLACE


def test_she_is_the_one_woman_a_title_names_and_a_colon_introduces_the_next_paragraph(nlp: Any) -> None:
    found = entities(
        nlp,
        "Foreign Ministry Spokeswoman Maria Zakharova spoke at a briefing on Wednesday.\n\n"
        "According to Zakharova, the matter came up when Foreign Minister Sergey Lavrov met his counterpart. "
        'She noted that the other side "has not raised the question of closing the bases at all".\n\n'
        "Deputy Foreign Minister Mikhail Bogdanov has made four trips since January. In an interview last month, "
        "he sounded cautiously upbeat:\n\n"
        '"Our partners understand that a presence on the coast is not a threat to anyone at all."',
    )
    assert [q.text for q in found["Maria Zakharova"].quotes] == [
        "has not raised the question of closing the bases at all"
    ]
    assert [q.text for q in found["Mikhail Bogdanov"].quotes] == [
        "Our partners understand that a presence on the coast is not a threat to anyone at all."
    ]


def test_reporting_and_condemning_are_speech(nlp: Any) -> None:
    found = entities(
        nlp,
        'Syrian Foreign Minister Asaad al-Shaibani has condemned the attack as "a flagrant violation of Syrian '
        'sovereignty and of international law".',
    )
    assert [q.text for q in found["Asaad al-Shaibani"].quotes] == [
        "a flagrant violation of Syrian sovereignty and of international law"
    ]


def test_a_title_case_headline_clause_is_not_a_name(nlp: Any) -> None:
    found = entities(nlp, "Fragile Transition, Special Envoy Tells Security Council\n\nThe envoy briefed members.")
    assert not any("," in name or "Tells" in name for name in found)


def test_clauses_after_a_name_are_not_titles(nlp: Any) -> None:
    found = entities(
        nlp,
        "According to AP and BBC, Russian Foreign Minister Sergey Lavrov stated that Russia had offered sanctuary. "
        "Putin, addressing the delegation, referred to history.",
    )
    assert roles(by_alias(found, "BBC")) == []
    assert roles(by_alias(found, "Putin")) == []


def test_family_names_and_possessives_resolve_to_the_full_name(nlp: Any) -> None:
    found = entities(
        nlp,
        "Turkish President Recep Tayyip Erdoğan met the envoy in Ankara. Erdoğan's office said the talks went well. "
        "Later, Erdogan told reporters that he was hopeful. Sergey Lavrov was not there, and Lavrov said so.",
    )
    erdogan = found["Recep Tayyip Erdoğan"]
    assert {"Erdoğan", "Erdogan"} <= erdogan.aliases
    assert len(erdogan.mentions) == 3
    lavrov = found["Sergey Lavrov"]
    assert "Lavrov" in lavrov.aliases and lavrov.type is EntityType.PERSON
    assert "Lavrov" not in found and "Erdogan" not in found


def test_capitalised_agencies_are_organisations(nlp: Any) -> None:
    found = entities(nlp, "The statement was carried by SANA and by the BBC, and NHK repeated it on Tuesday.")
    assert by_alias(found, "SANA").type is EntityType.ORGANISATION


def test_place_names_after_town_of_are_places(nlp: Any) -> None:
    found = entities(
        nlp, "Rebels seized the towns of Kafr Nabl and Maarat al-Numan, and the village of Tal Rifaat fell too."
    )
    for name in ("Kafr Nabl", "Maarat al-Numan", "Tal Rifaat"):
        assert by_alias(found, name).type is EntityType.PLACE, name


def test_quotes_are_attributed_after_before_and_through_pronouns(nlp: Any) -> None:
    text = (
        "Russian President Vladimir Putin received the delegation. "
        "“Over the past decades, our countries have built a special relationship,” Putin said, according to AP. "
        "“There are quite a few useful undertakings on the agenda.” "
        "Foreign Minister Sergey Lavrov dismissed the rumours, insisting, “There have been no poisonings at all.” "
        "Geir Pedersen, the UN envoy, was cautious. “There is no military solution to this war,” he said. "
        "“We will keep talking to every side,” said Russian Deputy Foreign Minister Mikhail Bogdanov. "
        "Officials called the vote a “big success” for everyone."
    )
    found = entities(nlp, text)
    putin = [q.text for q in found["Vladimir Putin"].quotes]
    assert putin == [
        "Over the past decades, our countries have built a special relationship",
        "There are quite a few useful undertakings on the agenda.",
    ]
    assert [q.text for q in found["Sergey Lavrov"].quotes] == ["There have been no poisonings at all."]
    assert [q.text for q in found["Geir Pedersen"].quotes] == ["There is no military solution to this war"]
    assert [q.text for q in found["Mikhail Bogdanov"].quotes] == ["We will keep talking to every side"]
    assert not any("big success" in q.text for e in found.values() for q in e.quotes)


def installations(found: dict[str, Extracted]) -> dict[str, Extracted]:
    return {name: e for name, e in found.items() if e.type is EntityType.INSTALLATION}


def test_named_installations_with_kind_operator_and_location(nlp: Any) -> None:
    found = entities(
        nlp,
        "Russia has maintained a military presence in Syria for years, with key outposts at the Tartous naval port "
        "and the Hmeimim airbase on the Mediterranean coast, the only such Russian bases outside the former Soviet "
        "Union. The United States keeps aircraft at Incirlik Air Base near Adana.",
    )
    bases = installations(found)
    assert set(bases) == {"Tartous naval port", "Hmeimim airbase", "Incirlik Air Base"}
    facts = {name: e.base_facts[0] for name, e in bases.items()}
    assert (facts["Tartous naval port"].kind, facts["Tartous naval port"].operator) == ("naval port", "Russia")
    assert facts["Tartous naval port"].location == "Tartous"  # a port is in the town it is named after
    assert (facts["Hmeimim airbase"].kind, facts["Hmeimim airbase"].operator) == ("air base", "Russia")
    assert (facts["Incirlik Air Base"].operator, facts["Incirlik Air Base"].location) == ("United States", "Adana")


def test_installations_named_after_the_noun_and_by_a_capital(nlp: Any) -> None:
    found = entities(
        nlp,
        "Moscow also keeps warships at the naval facility in Tartus. Russian warplanes flew from the Khmeimim air "
        "base near Latakia. Israeli jets have struck the T4 airbase several times.",
    )
    bases = installations(found)
    assert bases["Tartus naval facility"].base_facts[0].operator == "Russia"
    assert bases["Khmeimim air base"].base_facts[0].operator == "Russia"
    assert bases["T4 airbase"].base_facts[0].operator is None  # the attacker is not the operator


@pytest.mark.parametrize(
    "sentence",
    [
        "The village had become a base of operations for militias in the north.",
        "The ruling party's power base in Anatolia held firm despite the army's losses.",
        "The government said its database of missing soldiers had grown.",
        "Families sheltered in the basement of a school in Hama during the military offensive.",
        "Militants seized multiple settlements, among them the towns of Urm es-Sughra and Anjar.",
        "The port of Latakia reopened to grain ships on Monday.",
        "Troops based in Aleppo moved north.",
    ],
)
def test_things_that_are_not_installations(nlp: Any, sentence: str) -> None:
    assert installations(entities(nlp, sentence)) == {}


def test_transliteration_variants_merge_and_different_names_stay_apart(nlp: Any) -> None:
    found = entities(
        nlp,
        "Ships docked at the Tartus naval base. Later the Tartous naval base was reinforced by the navy. "
        "Fighting near Tarsus and Hama was reported, and also in Homs.",
    )
    [tartus] = [e for e in installations(found).values()]
    assert {"Tartus", "Tartous"} <= tartus.aliases
    assert len(tartus.base_facts) == 2
    places = {e.key for e in found.values() if e.type is EntityType.PLACE}
    assert {"tarsus", "hama", "homs"} <= places


def test_an_acronym_in_brackets_names_the_same_organisation(nlp: Any) -> None:
    found = entities(
        nlp,
        "The Syrian Democratic Forces (SDF), backed by Washington, control the region. "
        "SDF commander Mazloum Abdi said his fighters were ready.",
    )
    sdf = found["Syrian Democratic Forces"]
    assert "SDF" in sdf.aliases and len(sdf.mentions) == 3
    assert "SDF" not in found
    assert roles(found["Mazloum Abdi"]) == ["SDF commander"]


def test_a_dateline_is_a_place_and_a_bare_title_word_is_nothing(nlp: Any) -> None:
    found = entities(
        nlp,
        "BEIRUT (Reuters) — Iran's Supreme Leader Ayatollah Ali Khamenei met Iraqi Prime Minister Mohammed "
        "Shia al-Sudani in Tehran on Sunday.",
    )
    assert by_alias(found, "BEIRUT").type is EntityType.PLACE
    assert "Supreme" not in found
    assert roles(found["Mohammed Shia al-Sudani"]) == ["Iraqi Prime Minister"]


def test_troops_stationed_at_a_base_give_its_operator_even_when_it_is_attacked(nlp: Any) -> None:
    found = entities(
        nlp, "U.S. forces at the al-Tanf garrison near the Jordanian border were targeted by drones on Monday."
    )
    [tanf] = installations(found).values()
    assert tanf.name == "al-Tanf garrison"
    assert tanf.base_facts[0].operator == "United States"


# --- installations as news writes them ------------------------------------------------------------------


def facts_of(found: dict[str, Extracted]) -> dict[str, tuple[str | None, str | None]]:
    """Each installation's (operator, location) as its first phrase states them."""
    return {
        name: (e.base_facts[0].operator, e.base_facts[0].location)
        for name, e in found.items()
        if e.type is EntityType.INSTALLATION
    }


def test_every_name_listed_before_a_plural_head_is_an_installation(nlp: Any) -> None:
    found = entities(nlp, "Moscow wants to keep the Khmeimim and Tartus bases. Most American troops are at the "
                          "al-Tanf, Rmeilan and Kharab Ishk bases.")  # fmt: skip
    assert set(facts_of(found)) == {"Khmeimim base", "Tartus base", "al-Tanf base", "Rmeilan base", "Kharab Ishk base"}
    assert facts_of(found)["Rmeilan base"][0] == "United States"


def test_an_attacker_a_builder_and_a_district_are_not_what_they_seem(nlp: Any) -> None:
    found = entities(
        nlp,
        "Israeli strikes hit the Mezzeh military airport overnight. Russian warships use two berths at the "
        "Vardo naval base, which was built by the Soviet Union in 1971. The aid was packed at the agency's "
        "logistics base in the Tarsus district of Mersin province.",
    )
    facts = facts_of(found)
    assert facts["Mezzeh military airport"][0] is None
    assert facts["Vardo naval base"][0] == "Russia"
    assert not any("Tarsus" in name for name in facts)


def test_forces_kept_at_a_place_name_its_operator_and_an_airport_under_attack_is_no_installation(nlp: Any) -> None:
    found = entities(
        nlp,
        "Russian forces are still stationed at the Khmeimim air base on the coast. Government forces took over "
        "security at Qamishli airport. Drones struck Aleppo airport on Monday.",
    )
    facts = facts_of(found)
    assert facts["Khmeimim air base"][0] == "Russia"
    assert "Qamishli airport" in facts
    assert "Aleppo airport" not in facts


def test_an_alias_statement_makes_one_entity_named_by_its_first_name(nlp: Any) -> None:
    found = entities(
        nlp,
        "Israeli jets struck the Tiyas air base, known to pilots simply as T4, on Monday. Ahmed al-Sharaa, "
        "formerly known by his nom de guerre Abu Mohammed al-Jolani, met the delegation in Damascus.",
    )
    assert "T4" in found["Tiyas air base"].aliases and "T4" not in found
    assert "Abu Mohammed al-Jolani" in found["Ahmed al-Sharaa"].aliases and "Abu Mohammed al-Jolani" not in found


def test_he_is_the_subject_of_the_nearest_main_clause(nlp: Any) -> None:
    found = entities(
        nlp,
        "Kremlin spokesman Dmitry Peskov confirmed that the bases were on the agenda, and Ahmed al-Sharaa "
        "signaled his willingness to honor the agreements. “Syria will respect all agreements concluded in the "
        "past,” he told Putin.",
    )
    assert [q.text for q in found["Ahmed al-Sharaa"].quotes] == [
        "Syria will respect all agreements concluded in the past"
    ]
    assert found["Dmitry Peskov"].quotes == []


def test_a_countrys_ministry_is_named_for_the_country_and_its_short_name_joins_it(nlp: Any) -> None:
    found = entities(
        nlp,
        "Russia's Defense Ministry said the drones were downed. Syria's Defence Ministry called the strike a "
        "violation. Later the Turkish Foreign Ministry said talks would go on, and the Foreign Ministry added "
        "that a delegation would travel.",
    )
    assert by_alias(found, "Russian Defense Ministry") is not by_alias(found, "Syrian Defence Ministry")
    assert by_alias(found, "Foreign Ministry") is by_alias(found, "Turkish Foreign Ministry")
    assert "Defense Ministry" not in found and "Defence Ministry" not in found


def test_an_acronym_of_an_organisations_initials_names_it_without_parentheses(nlp: Any) -> None:
    found = entities(
        nlp,
        "The United Nations said aid convoys would resume on Monday. A UN spokesman said the World Food "
        "Programme would lead them, and the WFP confirmed the plan.",
    )
    assert by_alias(found, "UN") is by_alias(found, "United Nations")
    assert by_alias(found, "WFP") is by_alias(found, "World Food Programme")


def quoted_by(found: dict[str, Extracted], words: str) -> list[str]:
    """The entities holding a quote containing `words`."""
    return [e.name for e in found.values() if any(words in q.text for q in e.quotes)]


def test_a_speaker_outranks_a_nearer_speech_verb_without_one_and_a_reported_subject_is_not_he(nlp: Any) -> None:
    found = entities(
        nlp,
        'Foreign Minister Hakan Fidan, speaking in Ankara, said the operation would continue "until the threat '
        'is fully removed". Asked whether Egypt was trying to derail the deal, he said: "No, we want the '
        'agreement implemented in full."',
    )
    assert quoted_by(found, "until the threat") == ["Hakan Fidan"]
    assert quoted_by(found, "we want the agreement") == ["Hakan Fidan"]


def test_she_is_the_name_set_beside_the_last_subject_and_a_relative_is_a_person_of_their_own(nlp: Any) -> None:
    found = entities(
        nlp,
        'Nikolai Sorokin, an analyst in Moscow, said the bases mattered less. "Without the port, the air bridge '
        'becomes expensive," he said. His colleague at the same institute, Irina Volkova, was more cautious. '
        '"Damascus has learned that it is needed," she said.\n\n'
        "Mazloum Abdi said the talks would go on. Rezan Abdi, an analyst and no relation, disagreed. "
        '"The talks are over for this year," Rezan Abdi said.',
    )
    assert quoted_by(found, "Damascus has learned") == ["Irina Volkova"]
    assert quoted_by(found, "talks are over") == ["Rezan Abdi"]


def test_a_first_name_alone_is_the_one_person_so_named_but_not_stored_as_a_name(nlp: Any) -> None:
    found = entities(
        nlp,
        "Rojda Bozan, a teacher in Kobani, has lived near the bridge for years. Rojda said the drones came at "
        'night. "We could not sleep for weeks," Rojda said.',
    )
    rojda = by_alias(found, "Rojda Bozan")
    assert rojda.name == "Rojda Bozan" and "Rojda" not in found
    assert "Rojda" not in rojda.aliases and any("could not sleep" in q.text for q in rojda.quotes)


def test_a_bare_ministry_is_the_ministry_of_the_one_country_its_sentence_is_set_in(nlp: Any) -> None:
    found = entities(
        nlp,
        "In Moscow, Foreign Ministry spokeswoman Maria Zakharova said the talks would continue. Shipments from "
        "Iraq were seized, Interior Ministry spokesman Ali Hamdan said. The minister met his Turkish counterpart "
        "at the Defence Ministry headquarters.",
    )
    assert "Russian Foreign Ministry" in found
    assert "Interior Ministry" in found and "Defence Ministry" in found  # a source, a guest: not their country


def test_participles_before_a_title_bylines_and_missed_relatives_keep_their_titles(nlp: Any) -> None:
    found = entities(
        nlp,
        "By Anton Veselov, Moscow correspondent | Published 3 May 2026\n\n"
        "Yossi Mizrahi, a retired Israeli air force colonel, disagreed with her. Mazloum Abdi spoke first. "
        "Rezan Abdi, a Kurdish political analyst based in Erbil, said priorities had shifted.",
    )
    assert roles(found["Yossi Mizrahi"]) == ["retired Israeli air force colonel"]
    assert roles(found["Anton Veselov"]) == ["Moscow correspondent"]
    assert roles(by_alias(found, "Rezan Abdi")) == ["Kurdish political analyst"]


def test_an_abbreviated_rank_with_its_dot_is_not_part_of_the_name(nlp: Any) -> None:
    found = entities(
        nlp,
        'Turkish Defense Ministry spokesman Rear Adm. Zeki Aktürk said the flights would continue "for several '
        'more weeks, in full coordination with allies".',
    )
    akturk = by_alias(found, "Zeki Aktürk")
    assert akturk.name == "Zeki Aktürk" and akturk.quotes


def test_peoples_faiths_and_pairs_of_nationalities_are_not_entities_however_labelled(nlp: Any) -> None:
    found = entities(
        nlp,
        "Druze leaders met Alawites and Syrians in the town. U.S.-Turkish talks in Tunis went on, and the US "
        "envoy flew to Ankara.",
    )
    assert not {"Druze", "Alawites", "Syrians", "U.S.-Turkish"} & set(found)
    assert "US" in found and "Ankara" in found  # a country's abbreviation is not a nationality


def test_arabic_geographic_words_opening_a_name_make_it_a_place(nlp: Any) -> None:
    found = entities(nlp, "Residents of Tal Hamra and Ras al-Nabi said Kafr Zayta had been shelled again.")
    assert {by_alias(found, n).type for n in ("Tal Hamra", "Ras al-Nabi", "Kafr Zayta")} == {EntityType.PLACE}


def test_places_the_model_reads_as_one_are_two(nlp: Any) -> None:
    from bot.core.extract.mentions import _coordinated_places

    doc = nlp("Hundreds were killed across the coastal provinces of Lattakia and Tartous in March.")
    start = next(t.i for t in doc if t.text == "Lattakia")
    assert _coordinated_places(doc, start, start + 3, "GPE") == [(start, start + 1), (start + 2, start + 3)]
    # after "the provinces of", two names joined by "and" are two places whatever the label
    assert _coordinated_places(doc, start, start + 3, "ORG") == [(start, start + 1), (start + 2, start + 3)]
    # a body's name with "and" inside, and no plural place noun around it, stays one name
    body = nlp("Hundreds of workers joined Lattakia and Tartous Shipping in March.")
    first = next(t.i for t in body if t.text == "Lattakia")
    assert _coordinated_places(body, first, first + 4, "ORG") == [(first, first + 4)]


@pytest.mark.parametrize("text", ["", " ", "\n\n"])
def test_a_text_without_words_names_nothing(nlp: Any, text: str) -> None:
    assert extract(nlp(text)) == []
