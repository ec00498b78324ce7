"""Titles read from the grammar of news in general: abbreviated ranks kept whole and inside their sentence, the
title a "who is" clause gives, and common occupations. Every sentence here was written for these tests."""

from __future__ import annotations

from typing import Any

from bot.core.extract import extract


def roles(nlp: Any, text: str, who: str) -> list[str]:
    """The titles the text gives the entity whose name holds `who`."""
    return [r.title for e in extract(nlp(text)) if who in e.name for r in e.roles]


def test_an_abbreviated_rank_is_one_word(nlp: Any) -> None:
    doc = nlp("IRGC spokesman Brig. Gen. Ali Naini said the missiles hit their targets.")
    assert "Brig." in [t.text for t in doc] and "Lt." in [t.text for t in nlp("Lt. Col. Dan Oren spoke.")]


def test_a_rank_before_a_name_ends_no_sentence(nlp: Any) -> None:
    text = "Israeli military spokesman Lt. Col. Nadav Oren said the strikes hit weapons depots."
    assert any("spokesman" in title for title in roles(nlp, text, "Oren"))
    doc = nlp("The jets left at noon. Col. Dan Oren said so.")
    assert len(list(doc.sents)) == 2  # a real full stop still ends its sentence


def test_a_who_is_clause_gives_the_title(nlp: Any) -> None:
    text = "Tomas Hrabal, who is the country's defence minister, said the drills would go ahead."
    assert any("defence minister" in title for title in roles(nlp, text, "Hrabal"))
    text = "Tomas Hrabal, who is expected in Prague on Monday, said the drills would go ahead."
    assert roles(nlp, text, "Hrabal") == []


def test_common_occupations_are_titles(nlp: Any) -> None:
    text = "Haluk Demir, a retired air force pilot, said the base was vital."
    assert any("pilot" in title for title in roles(nlp, text, "Demir"))
    text = "Haluk Demir, a friend of the family, said the base was vital."
    assert roles(nlp, text, "Demir") == []


def quoted_by(nlp: Any, text: str, words: str) -> list[str]:
    """Who the article says spoke the quotation holding `words`."""
    return [e.name for e in extract(nlp(text)) if any(words in q.text for q in e.quotes)]


def test_someone_described_by_a_place_is_no_speaker_the_article_names(nlp: Any) -> None:
    text = '"We hear the jets every night and the children cannot sleep," a resident of Olbek told reporters.'
    assert quoted_by(nlp, text, "We hear the jets") == []
    text = (
        "Defence Minister Yasin Karaca visited Olbek.\n\n"
        '"We will rebuild every house in the town," the minister of Olbek\'s region, Karaca, told reporters.'
    )
    assert quoted_by(nlp, text, "We will rebuild") == ["Yasin Karaca"]


def test_calling_something_a_quotation_says_it(nlp: Any) -> None:
    text = 'Senator Tom Bradley called the deal "a dangerous mistake that will cost us dearly".'
    assert quoted_by(nlp, text, "a dangerous mistake") == ["Tom Bradley"]


def test_the_subject_of_a_passive_speech_verb_is_spoken_of_not_speaking(nlp: Any) -> None:
    text = 'Senator Tom Bradley was called "a dangerous man who will cost us dearly" by his rivals on Monday.'
    assert quoted_by(nlp, text, "a dangerous man") == []


def test_an_unnamed_officer_of_a_force_speaks_for_nobody_named(nlp: Any) -> None:
    text = 'The Syrian army entered the town.\n\n"Today the state is back in this town," a Syrian army officer said.'
    assert quoted_by(nlp, text, "the state is back") == []


def test_a_name_after_a_title_inside_another_label_is_a_person(nlp: Any) -> None:
    text = "The minister attended the ceremony along with Gilan Governor Hadi Haghshenas."
    assert roles(nlp, text, "Haghshenas") == ["Gilan Governor"]
    text = "The minister opened the Gilan Governor Office Building on Monday."
    assert roles(nlp, text, "Office") == []


def test_a_rank_written_in_full_opens_a_persons_name(nlp: Any) -> None:
    text = "The drills will practise rescue, Navy Commander Rear Admiral Shahram Irani told reporters."
    assert [e.type.value for e in extract(nlp(text)) if e.name == "Shahram Irani"] == ["person"]
    text = "The drills will practise rescue at General Motors Plant Seven, officials said."
    assert [e.name for e in extract(nlp(text)) if e.type.value == "person"] == []


def test_a_hyphenated_participle_and_a_second_title_do_not_end_a_title(nlp: Any) -> None:
    text = "Parviz Mullojanov, a Dushanbe-based political analyst, said that several units had not returned."
    assert any("political analyst" in title for title in roles(nlp, text, "Mullojanov"))
    text = (
        '"We keep them all close," said Majed Ansari, the spokesman for the Ministry of Foreign Affairs and an '
        "adviser to Prime Minister Mohammed Thani of the country."
    )
    assert any(title.startswith("spokesman") for title in roles(nlp, text, "Majed Ansari"))
    text = "Parviz Mullojanov, a political analyst based in Dushanbe, said that several units had not returned."
    assert roles(nlp, text, "Mullojanov") == ["political analyst"]


def test_a_title_held_in_a_place_keeps_the_place(nlp: Any) -> None:
    text = "Barzani spoke with the US consul general in Erbil, Elizabeth Harmon, on Monday."
    assert any("consul general" in title for title in roles(nlp, text, "Harmon"))


def test_a_few_words_quoted_under_a_speech_verb_are_a_quote(nlp: Any) -> None:
    text = 'Kremlin spokesman Dmitry Peskov said Russia respected Azerbaijan\'s "sovereign decisions" on Monday.'
    assert quoted_by(nlp, text, "sovereign decisions") == ["Dmitry Peskov"]
    text = 'Dmitry Peskov visited Olbek. The so-called "peace corridor" opened on Monday near the town.'
    assert quoted_by(nlp, text, "peace corridor") == []


def test_who_in_a_relative_clause_of_speech_is_the_person_it_follows(nlp: Any) -> None:
    text = 'It was echoed by Defence Minister Emil Sobirov, who said the base remained "a guarantee of stability."'
    assert quoted_by(nlp, text, "a guarantee of stability") == ["Emil Sobirov"]
    text = 'Emil Sobirov visited. It was echoed by a minister who said the base remained "a guarantee of stability."'
    assert quoted_by(nlp, text, "a guarantee of stability") == []


def test_a_title_before_a_comma_starts_after_and(nlp: Any) -> None:
    text = (
        "Defence Minister Israel Katz and the chief of staff, Lt. Gen. Eyal Zamir, told reporters the post would stay."
    )
    assert any("chief of staff" in title for title in roles(nlp, text, "Zamir"))
    assert not any("Katz" in title for title in roles(nlp, text, "Zamir"))


def test_a_title_word_inside_a_one_word_family_name_keeps_the_name_whole(nlp: Any) -> None:
    text = "The talks were led by Abdullahi Sheikh Omar, the minister said."
    assert "Abdullahi Sheikh Omar" in [e.name for e in extract(nlp(text))]
    text = "Residents met Lattakia Governor Mohammad Nour Haidar on Monday."
    assert "Mohammad Nour Haidar" in [e.name for e in extract(nlp(text))]


def test_whoever_is_quoted_as_saying_speaks(nlp: Any) -> None:
    text = (
        "Defence Minister Yasin Karaca visited Olbek on Monday. "
        'The ministry quoted Karaca as saying that "the runway will be ready by June".'
    )
    assert quoted_by(nlp, text, "the runway will be ready") == ["Yasin Karaca"]
    text = (
        "Defence Minister Yasin Karaca visited Olbek on Monday. "
        'Karaca quoted a local official as saying that "the runway will be ready by June".'
    )
    assert quoted_by(nlp, text, "the runway will be ready") != ["Yasin Karaca"]


def test_a_name_before_a_colon_speaks_the_quotation_after_it(nlp: Any) -> None:
    text = (
        "Defence Minister Yasin Karaca visited Olbek on Monday.\n\n"
        'Karaca: "The runway will be ready by June and the jets will follow."'
    )
    assert quoted_by(nlp, text, "The runway will be ready") == ["Yasin Karaca"]
    text = (
        "Defence Minister Yasin Karaca visited Olbek on Monday.\n\n"
        'The sign on the gate read, in the words of Karaca: "The runway will be ready by June and jets will follow."'
    )
    assert quoted_by(nlp, text, "The runway will be ready") == []


def test_a_title_in_apposition_makes_a_two_word_name_a_persons(nlp: Any) -> None:
    text = "Nadia Farouk, a police officer in Olbek, said the streets were calm."
    assert any("police officer" in title for title in roles(nlp, text, "Farouk"))
    text = "Velmor Holdings, the firm of a former minister, said the streets were calm."
    assert roles(nlp, text, "Velmor") == []


def test_a_statement_from_a_body_speaks_for_it(nlp: Any) -> None:
    text = (
        'The Iraqi Defence Ministry said the base was hit. "Two drones were shot down over the base," a statement '
        "from the ministry said."
    )
    assert quoted_by(nlp, text, "Two drones were shot down") == ["Iraqi Defence Ministry"]
    text = (
        'Drones were seen over the town of Olbek. "Two drones were shot down over the base," a statement from local '
        "residents said."
    )
    assert quoted_by(nlp, text, "Two drones were shot down") == []


def test_a_name_that_owns_a_title_is_no_clause(nlp: Any) -> None:
    text = "Kataib Hezbollah's secretary-general, Ahmed al-Hamidawi, said the group would halt attacks."
    assert any("secretary-general" in title for title in roles(nlp, text, "Hamidawi"))
    text = "The ministry's spokesman, Ahmed al-Hamidawi said, Russian Foreign Minister Sergey Lavrov stated, is wrong."
    assert not any("Lavrov" in title for title in roles(nlp, text, "Lavrov"))


def test_a_hyphenated_given_name_belongs_to_the_name(nlp: Any) -> None:
    text = "Under-Secretary-General for Peace Operations Jean-Pierre Lacroix briefed the Council on the mission."
    assert "Jean-Pierre Lacroix" in [e.name for e in extract(nlp(text))]
    assert any("Peace Operations" in title for title in roles(nlp, text, "Lacroix"))
    text = "The Franco-German brigade met Pierre Lacroix on Monday."
    assert "Pierre Lacroix" in [e.name for e in extract(nlp(text))]


def test_a_first_name_the_model_took_for_a_place_is_the_person_named_in_full(nlp: Any) -> None:
    text = (
        "Among the protesters were Maria Vlachou, a teacher, and her brother Costas Vlachou, a farmer.\n\n"
        'Costas, who joined the first demonstrations in 2003, was more resigned. "The base was here before us and '
        'it will be here after us," he said.'
    )
    assert quoted_by(nlp, text, "The base was here") == ["Costas Vlachou"]
    text = "Georgia Smith spoke to reporters on Monday. Officials in Georgia closed the border on Tuesday."
    assert "Georgia" in [e.name for e in extract(nlp(text)) if e.type.value == "place"]


def test_a_countrys_possessive_army_is_its_national_army(nlp: Any) -> None:
    text = (
        "Air raid sirens sounded at US bases in Kuwait. Kuwait's army said its air defences were \"dealing with "
        'hostile targets" in the north of the country.'
    )
    assert quoted_by(nlp, text, "dealing with hostile targets") == ["Kuwaiti army"]
    text = 'Sirens sounded in Kuwait. The army of volunteers said it was "dealing with hostile targets" in the north.'
    assert "Kuwaiti army" not in [e.name for e in extract(nlp(text))]


def test_a_phrase_a_preposition_opens_gives_the_office_of_one_person(nlp: Any) -> None:
    text = "The raid was planned in May, according to the commander of the eastern front, Gen. Ilkan Sorel."
    assert "commander of the eastern front" in roles(nlp, text, "Sorel")
    text = "Speaking to reporters, Transport Minister Ilkan Sorel said the bridge would reopen."
    assert roles(nlp, text, "Sorel") == ["Transport Minister"]


def test_who_speaks_for_gives_a_spokesperson(nlp: Any) -> None:
    text = "Ilkan Sorel, who speaks for the coastal militia, said the convoy had turned back."
    assert "spokesperson for the coastal militia" in roles(nlp, text, "Sorel")
    text = "Ilkan Sorel, who speaks fluent Greek, said the convoy had turned back."
    assert roles(nlp, text, "Sorel") == []


def test_a_present_participle_before_a_noun_is_no_clause(nlp: Any) -> None:
    text = "Ilkan Sorel, a lawmaker from the governing coalition, said the bridge would reopen."
    assert "lawmaker from the governing coalition" in roles(nlp, text, "Sorel")
    text = "Ilkan Sorel, a man living near the bridge, said the bridge would reopen."
    assert roles(nlp, text, "Sorel") == []


def test_a_lowercase_commander_in_chief_before_a_name_is_whole(nlp: Any) -> None:
    text = "Militia commander-in-chief Ilkan Sorel said the bridge would reopen."
    assert roles(nlp, text, "Sorel") == ["Militia commander-in-chief"]
    text = "Militia chief Ilkan Sorel said the bridge would reopen."
    assert roles(nlp, text, "Sorel") == ["Militia chief"]


def test_the_time_an_office_was_taken_up_is_no_part_of_it(nlp: Any) -> None:
    text = "Ilkan Sorel, who was appointed defence minister in March, said the bridge would reopen."
    assert roles(nlp, text, "Sorel") == ["defence minister"]
    text = "Ilkan Sorel, who became army chief last year, said the bridge would reopen."
    assert roles(nlp, text, "Sorel") == ["army chief"]
    text = "Ilkan Sorel, a minister since 2019, said the bridge would reopen."
    assert roles(nlp, text, "Sorel") == ["minister"]
    text = "Ilkan Sorel, who was named in the indictment, said the bridge would reopen."
    assert roles(nlp, text, "Sorel") == []


def test_a_participle_describing_the_title_ends_no_appositive(nlp: Any) -> None:
    text = "Ilkan Sorel, the newly appointed envoy, said the bridge would reopen."
    assert roles(nlp, text, "Sorel") == ["newly appointed envoy"]
    text = "Ilkan Sorel, a teacher injured in the blast, said the bridge would reopen."
    assert roles(nlp, text, "Sorel") == ["teacher"]


def test_a_title_held_for_a_titled_name_is_not_that_names_title(nlp: Any) -> None:
    text = "Marek Tallin, a spokesman for Prime Minister Ilkan Sorel, said the harbour would be rebuilt."
    assert roles(nlp, text, "Sorel") == ["Prime Minister"]
    text = "Marek Tallin, an adviser to President Ilkan Sorel, said the harbour would be rebuilt."
    assert roles(nlp, text, "Sorel") == ["President"]
    text = "The harbour, the Special Envoy for Syria Ilkan Sorel said, would be rebuilt."
    assert roles(nlp, text, "Sorel") == ["Special Envoy for Syria"]
