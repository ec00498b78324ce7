"""What news copy sets after a name besides a title phrase: the person's age ("Hevi Ahmed, 34, a teacher"), and a
relative clause that states the office held ("Farid Nasser, who heads the ministry's legal department", "…, who
speaks for the army,")."""

from __future__ import annotations

from bot.core import names
from bot.core.extract.document import span_text
from bot.core.extract.mentions import MAX_NAME_WORDS, RANK_VOTE, Candidate, Doc, Token, untagged_name_word
from bot.core.lexicon import SPEECH_VERBS, TITLE_HEADS
from bot.core.models import EntityType

# Verbs of a relative clause that say what someone heads, and the title each gives ("who heads X": head of X).
OFFICE_VERBS = {
    "heads": "head", "leads": "leader", "chairs": "chair", "commands": "commander", "directs": "director",
    "runs": "head", "oversees": "head",
}  # fmt: skip
# Their participles, after "has" ("who has led the council since 2019") saying the office is held still.
HELD_OFFICE_VERBS = {
    "headed": "head", "led": "leader", "chaired": "chair", "commanded": "commander", "directed": "director",
    "run": "head", "overseen": "head",
}  # fmt: skip
_SINCE = frozenset({"since", "until", "till"})
# Verbs of a relative clause that say whom someone speaks for, with their preposition ("who speaks for the Kremlin").
SPOKESPERSON_VERBS = frozenset({"speaks", "spoke"})
# The longest object of such a clause taken as the title's domain: a programme of a body with a long name, and the
# town it is in ("the Arctic programme at the Nordic Institute for Policy Studies in Oslo"), runs to twelve words.
MAX_OFFICE_TOKENS = 12
# Nouns of a body, which an apposition after a name makes it ("Kataib Velmor, an Iraqi armed group close to Iran,").
BODY_NOUNS = frozenset(
    """
    group groups militia militias faction movement organisation organization party agency company firm network
    alliance coalition outlet newspaper broadcaster channel
    """.split()
)
# How many words may stand between the article of such an apposition and its noun ("an Iraqi armed group").
BODY_APPOSITION_WORDS = 4
# An apposition naming what a thing is, as strong as a title is for a person.
DESCRIBED_BODY_VOTE = 3.0
# The words of a caption's aside saying where one stands in a photo ("left", "centre", "second from right").
MAX_ASIDE_WORDS = 3
# An age set off by commas is a number of one or two digits.
MAX_AGE_DIGITS = 2


def after_age(doc: Doc, end: int) -> int:
    """Where the words after a name go on once an age set off by commas is passed: "Hevi Ahmed, 34, a teacher"
    gives the position of the comma before "a teacher"; `end` when there is no age."""
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 2].text == ",":
        age = doc[end + 1].text
        if age.isdigit() and len(age) <= MAX_AGE_DIGITS:
            return end + 2
    return end


# An age set off by commas after a name: as sure of a person as the model's own reading of one.
AGE_VOTE = 1.0


def vote_aged_people(doc: Doc, found: list[Candidate]) -> None:
    """ "Rashid Hallam, 34, was killed": a name an age set off by commas follows is a person's, even named once and
    with no title (the store joins a bare reading of a person to a base of that very name)."""
    for c in found:
        if after_age(doc, c.end) != c.end:
            c.vote(EntityType.PERSON, AGE_VOTE)


# The words of such an aside set off by commas, as many captions write it ("X, left, commander of …"): only words
# of where one stands, since any other lower-case word after a comma opens the sentence's own words.
_STANDING_WORDS = frozenset(
    "left right centre center second third fourth from front back rear top bottom foreground background".split()
)


def after_aside(doc: Doc, end: int) -> int:
    """Where the words after a name go on once a caption's aside in brackets is passed: "X (centre), commander of
    …" gives the position of the comma after it, as "X, left, commander of …" does; `end` when there is none."""
    if end < len(doc) and doc[end].text == ",":
        close = next((i for i in range(end + 1, min(len(doc), end + 2 + MAX_ASIDE_WORDS)) if doc[i].text == ","), None)
        if close is None or close == end + 1:
            return end
        return close if all(t.lower_ in _STANDING_WORDS for t in doc[end + 1 : close]) else end
    if end >= len(doc) or doc[end].text != "(":
        return end
    close = next((i for i in range(end + 1, min(len(doc), end + 2 + MAX_ASIDE_WORDS)) if doc[i].text == ")"), None)
    if close is None or close == end + 1 or not all(t.is_lower and t.is_alpha for t in doc[end + 1 : close]):
        return end  # "X (HTS)", "X (born 1970)": an acronym or a date is no aside of where one stands
    return close + 1


def office_clause(doc: Doc, end: int) -> str | None:
    """ "Farid Nasser, who heads the ministry's legal department," gives "head of the ministry's legal department"."""
    if end + 3 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ != "who":
        return None
    verb = end + 2
    if doc[verb].lower_ in {"has", "have"} and verb + 1 < len(doc) and doc[verb + 1].tag_ == "VBN":
        verb += 1  # "who has chaired the commission since 2014": the office is held still
    title, joiner, start = OFFICE_VERBS.get(doc[verb].lower_) or HELD_OFFICE_VERBS.get(doc[verb].lower_), "of", verb + 1
    if doc[verb].lower_ in HELD_OFFICE_VERBS and verb == end + 2:
        return None  # "who led the army until 2019": a past office, not the one held
    if doc[verb].lower_ in SPOKESPERSON_VERBS and doc[verb + 1].lower_ == "for":
        title, joiner, start = "spokesperson", "for", end + 4  # "who speaks for the army": its spokesperson
    if title is None:
        return None
    sent_end = doc[end].sent.end
    stop = start
    while stop < sent_end and doc[stop].text not in {",", ";", ".", ")"} and doc[stop].pos_ not in {"VERB", "AUX"}:
        if doc[stop].lower_ in _SINCE or doc[stop].ent_type_ in {"DATE", "TIME"}:
            break  # "… the commission since 2014": when the office was taken up is no part of it
        stop += 1
    if stop - start > MAX_OFFICE_TOKENS or stop == start:
        return None
    return f"{title} {joiner} {span_text(doc, start, stop)}"


def described_bodies(doc: Doc, found: list[Candidate]) -> None:
    """A name set before an apposition whose noun is a body ("X, an Iraqi armed group close to Iran, claimed …",
    "Y, a PKK-affiliated outlet,"), or right after such a noun written in lower case ("the Iran-backed group X",
    "the militia X"), is that body's, whatever the model took it for."""
    for c in found:
        if _named_after_a_body_noun(doc, c.start):
            c.vote(EntityType.ORGANISATION, DESCRIBED_BODY_VOTE)
            continue
        if c.end + 2 >= len(doc) or doc[c.end].text != "," or doc[c.end + 1].lower_ not in {"a", "an", "the"}:
            continue
        head = None  # the last noun of the phrase: "a party official" is an official, not a party
        for tok in doc[c.end + 2 : min(len(doc), c.end + 3 + BODY_APPOSITION_WORDS)]:
            if tok.text == "-" or (tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-"):
                continue  # "an Iran-aligned group": a noun joined by a hyphen to what follows describes the head
            if tok.pos_ in {"NOUN", "PROPN"}:
                head = tok
            elif head is not None or not (tok.pos_ == "ADJ" or tok.tag_ == "VBN" or tok.text == "-"):
                break  # "… group close to Iran": what follows the noun says more of it
        if head is not None and head.lower_ in BODY_NOUNS:
            c.vote(EntityType.ORGANISATION, DESCRIBED_BODY_VOTE)


def _named_after_a_body_noun(doc: Doc, start: int) -> bool:
    """ "the Iran-backed group Kataib Velmor", "the newspaper Velmor Daily": a body's noun in lower case right before
    the name, in its sentence ("the group's leader X" has the leader before the name, and a headline's capitals no
    noun to go by)."""
    if start == 0:
        return False
    noun = doc[start - 1]
    return noun.lower_ in BODY_NOUNS and noun.text.islower() and noun.pos_ == "NOUN" and not noun.is_sent_end


# Person nouns an apposition also gives countries and bodies ("Norway, a member of the alliance", "the party, a
# leader in the polls"): they make no name a person's that the model took for something else.
_SHARED_APPOSITIONS = frozenset(
    {"member", "leader", "head", "chief", "general", "major", "representative", "delegate", "founder", "speaker"}
)


def described_people(doc: Doc, found: list[Candidate], taken: set[int]) -> list[Candidate]:
    """ "Farhad Derwish, a political analyst based in Qamishlo, said": a name set before an apposition that calls it
    "a"/"an" something people are (an analyst, a teacher, an expert), or before a clause of the office it holds
    ("Nihat Sonmez, who heads the Centre for Border Studies,"), is a person's, whatever the model took it for,
    with the capitalised words before it that the model left out ("Tarek" of "Tarek Maalouf"); untagged, it is made
    a person's name of its own. The new mentions are returned."""
    by_token = {i: c for c in found for i in range(c.start, c.end)}
    new = []
    tokens = list(doc)
    count = len(tokens)
    for tok in tokens:
        if (
            tok.dep_ == "appos" and tok.lower_ in TITLE_HEADS and tok.head.i < tok.i
            and any(child.lower_ in {"a", "an"} for child in tok.children) and not _parenthetical_source(doc, tok)
        ):  # fmt: skip
            name, what, tagged_too = tok.head, tok.lower_, True
        elif tok.lower_ == "who" and tok.head.dep_ == "relcl" and office_clause(doc, tok.head.head.i + 1) is not None:
            # "Nihat Sonmez, who heads the Centre for Border Studies,"; a body or a country the model named is left
            # as it is ("Saudi Arabia, who leads the coalition,": writers use "who" for them too)
            name, what, tagged_too = tok.head.head, tok.head.lower_, False
        elif tok.i + 1 < count and tokens[tok.i + 1].text == "," and (title := _title_before(doc, tok)) is not None:
            name, what, tagged_too = tok, title.lower_, True  # "Turkey's ambassador to Iraq, Murat Demirel, and"
        else:
            continue
        name_end = name.i + 1
        if not (name_end < len(doc) and doc[name_end].text == ","):
            continue
        named = by_token.get(name.i)
        if named is not None:
            # a name the words around it place ("in Qatar", a country) is no person whatever stands beside it
            placed = bool(named.votes.get(EntityType.PLACE))
            if tagged_too and named.end == name_end and what not in _SHARED_APPOSITIONS and not placed:
                _widen(doc, named, _name_start(doc, named.start, name_end, taken))
                named.vote(EntityType.PERSON, RANK_VOTE)
        elif untagged_name_word(name, taken) and name_end - (start := _name_start(doc, name.i, name_end, taken)) >= 2:
            surface = names.clean_surface(span_text(doc, start, name_end))  # a given and a family name at least
            candidate = Candidate(start, name_end, surface, names.key(surface))
            candidate.vote(EntityType.PERSON, RANK_VOTE)
            new.append(candidate)
    return new


# The most words a title's phrase may run to after its noun before the name set off after it ("ambassador to the
# United Nations in Geneva, X,").
MAX_TITLE_TAIL = 6
# What a title's phrase is made of after its noun: the names of places and bodies, and the words joining them. A
# common noun there may be what the name stands beside ("a commander of the militia, Kataib X,": the militia's name).
_TITLE_TAIL_POS = frozenset({"ADP", "DET", "PROPN", "ADJ", "PART", "CCONJ"})


def _title_before(doc: Doc, last: Token) -> Token | None:
    """The title noun of the phrase set off before a name that ends at `last` and is set off by commas itself
    ("Turkey's ambassador to Iraq, Murat Demirel, …"), when one stands there; else None."""
    if last.i + 1 >= len(doc) or doc[last.i + 1].text != ",":
        return None
    comma = last.i - 1
    while comma > 0 and last.i - comma <= MAX_NAME_WORDS and doc[comma].text != ",":
        if not doc[comma].text[:1].isupper():
            return None
        comma -= 1
    if comma <= 0 or doc[comma].text != "," or comma == last.i - 1:
        return None
    for j in range(comma - 1, max(-1, comma - 2 - MAX_TITLE_TAIL), -1):
        word = doc[j]
        if word.lower_ in TITLE_HEADS and word.pos_ == "NOUN" and not word.text[:1].isupper():
            return word
        if word.pos_ not in _TITLE_TAIL_POS:
            return None
    return None


def _parenthetical_source(doc: Doc, noun: Token) -> bool:
    """ "Hezbollah, a senior official said, had moved …": the apposition is a source said aside, not what the name
    is (the parser hangs it on the name all the same)."""
    after = noun.right_edge.i + 1
    return after < len(doc) and doc[after].lower_ in SPEECH_VERBS


def _name_start(doc: Doc, start: int, end: int, taken: set[int]) -> int:
    """Where a name ending at `end` starts, taking in the untagged capitalised words before `start`."""
    while start > 0 and end - start < MAX_NAME_WORDS and untagged_name_word(doc[start - 1], taken):
        start -= 1
    return start


def _widen(doc: Doc, candidate: Candidate, start: int) -> None:
    if start < candidate.start:
        candidate.start = start
        candidate.surface = names.clean_surface(span_text(doc, start, candidate.end))
        candidate.key = names.key(candidate.surface)
