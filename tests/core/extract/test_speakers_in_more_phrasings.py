"""Who speaks, in phrasings outlets use that the tune articles had rarely used: a single word quoted under the
verb that says it, "X said, adding that '…'", a name the parser hangs away from its speech verb, "the X commander
says" for the person titled head of X, and "he said" after an official never named when another official is.
Every sentence is invented for the test."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from bot.core.extract import extract


def speakers(nlp: Any, text: str, words: str) -> list[str]:
    """Who the quotation holding `words` is given to."""
    return [e.name for e in extract(nlp(text)) if any(words in q.text for q in e.quotes)]


def test_a_single_word_quoted_under_the_speech_verb_is_the_speakers(nlp: Any) -> None:
    text = 'Embassy spokesperson Clara Voss said the drill was "routine" and had been planned in advance.'
    assert speakers(nlp, text, "routine") == ["Clara Voss"]


def test_a_single_word_beside_a_speech_verb_but_outside_its_clause_is_nobodys(nlp: Any) -> None:
    text = 'The "Kestrel" sailed at dawn, and Clara Voss said the crew was ready for a long patrol.'
    assert speakers(nlp, text, "Kestrel") == []


def reparsed(nlp: Any, text: str, arcs: dict[str, tuple[str, str]]) -> Doc:
    """The text as the model reads it, with some words hung elsewhere (word: its dependency and its head's word), as
    the model misreads some sentences with other names in them."""
    doc = nlp(text)
    words = [t.text for t in doc]
    heads, deps = [t.head.i for t in doc], [t.dep_ for t in doc]
    for word, (dep, head) in arcs.items():
        heads[words.index(word)], deps[words.index(word)] = words.index(head), dep
    return Doc(
        nlp.vocab,
        words=words,
        spaces=[bool(t.whitespace_) for t in doc],
        tags=[t.tag_ for t in doc],
        pos=[t.pos_ for t in doc],
        lemmas=[t.lemma_ for t in doc],
        heads=heads,
        deps=deps,
        ents=[f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in doc],
    )


# "…, coalition spokesman Colonel X said, adding that …" read with the name as a conjunct of the town before it,
# "said" set aside (parataxis) and "adding" hung on the sentence's first verb.
_MISREAD = {
    "remain": ("ROOT", "remain"),
    "said": ("parataxis", "remain"),
    "Doyle": ("conj", "Qarat"),
    "adding": ("advcl", "remain"),
}
_TROOPS = (
    "American troops remain at the Velmor camp on the road between Tal Hamra and Qarat, coalition spokesman "
    'Colonel Ewan Doyle said, adding that the handover had been "planned for months with our partners."'
)


def test_a_name_right_before_a_speech_verb_the_parser_left_without_subject_speaks(nlp: Any) -> None:
    doc = reparsed(nlp, _TROOPS.replace(", adding that", ""), {k: v for k, v in _MISREAD.items() if k != "adding"})
    found = [e.name for e in extract(doc) if e.quotes]
    assert found == ["Ewan Doyle"]


def test_adding_after_said_goes_on_with_the_same_speaker(nlp: Any) -> None:
    doc = reparsed(nlp, _TROOPS, _MISREAD)
    assert [e.name for e in extract(doc) if any("planned for months" in q.text for q in e.quotes)] == ["Ewan Doyle"]


def test_the_commander_of_a_body_is_the_person_titled_its_head(nlp: Any) -> None:
    text = (
        "The head of the Velmor Regional Command, Admiral Tor Lindqvist, says no sailors were hurt. In a statement, "
        'the Velmor Regional Command commander says the drones were "launched from across the river."'
    )
    assert speakers(nlp, text, "launched from across the river") == ["Tor Lindqvist"]


def test_he_after_an_unnamed_official_is_not_the_official_the_article_names(nlp: Any) -> None:
    text = (
        "Kamal Ruzbeh, an official of the Velmor council, opened the talks on Monday.\n\n"
        "An Iraqi official involved in the talks, who asked not to be named, said Baghdad wanted the claims dropped. "
        '"That is the price, and everyone knows it," he said.'
    )
    assert speakers(nlp, text, "That is the price") == []


def test_the_press_service_speaks_for_the_body_it_was_named_for(nlp: Any) -> None:
    text = (
        "More than 1,000 servicemen are holding drills in the mountains, the press service of the Velmor Military "
        "District told reporters on Friday.\n\n"
        '"The rifle units are practising the defence of mountain passes," the press service said.'
    )
    assert speakers(nlp, text, "defence of mountain passes") == ["Velmor Military District"]


def test_a_body_named_right_before_a_speech_verb_the_parser_left_without_subject_speaks(nlp: Any) -> None:
    text = (
        "In a statement carried by Velmor Press, the Northern Guard Corps said it had targeted "
        '"the depots from which the attacks were launched", naming two towns.'
    )
    doc = reparsed(nlp, text, {"Corps": ("appos", "Press")})  # the body read as an apposition of the agency
    assert [e.name for e in extract(doc) if e.quotes] == ["Northern Guard Corps"]
