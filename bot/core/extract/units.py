"""Military units named by a number: "the 22nd Guards Heavy Bomber Division", "No. 75 Squadron", "the 115th Combat
Wing". The small model drops the number ("Armored Brigade" of "the 5th Armored Brigade"), files the unit as a
building ("35th Fighter Wing" as a facility) or tags nothing at all ("the 18th Wing of the US Air Force")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol

from bot.core.models import EntityType

Doc = Any  # spacy.tokens.Doc: spaCy ships no type information
Span = Any
Token = Any

# Last words of a unit's name: a number before such a word numbers a body of troops, ships or aircraft. Not
# "Command", which also ends an air base's own designation ("the 3rd Main Jet Base Command").
UNIT_TAILS = frozenset("wing squadron group brigade regiment division battalion corps fleet flotilla army".split())
# Last words that name a military command's area ("the 1st Military Region", "the 3rd Naval District"): a unit only
# with a word of arms inside, as "the 5th District" of a city is a place.
_AREA_TAILS = frozenset({"region", "district", "zone"})
_ARMS_WORDS = frozenset({"military", "naval", "air", "army"})
# An ordinal in figures ("5th", "22nd") or a capitalised one in words ("Seventh Fleet").
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$")
_ORDINAL_WORDS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth"
    " fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()
)
# The most capitalised words between a unit's number and its last word ("22nd Guards Heavy Bomber Division").
MAX_UNIT_WORDS = 5
# The model's labels a numbered unit may carry: a body, a building, a place or a people.
_UNIT_LABELS = frozenset({"ORG", "FAC", "GPE", "LOC", "NORP", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})


def _unit_tail(doc: Doc, start: int, end: int) -> bool:
    """Whether the capitalised last word of the words `start:end` is a unit's ("Brigade", "Naval District")."""
    last = doc[end - 1]
    if not last.text[:1].isupper():
        return False
    if last.lower_ in UNIT_TAILS:
        return True
    return last.lower_ in _AREA_TAILS and any(doc[j].lower_ in _ARMS_WORDS for j in range(start, end - 1))


def _number_before(doc: Doc, start: int) -> int | None:
    """Where the number just before a unit's words starts: "5th", "Seventh" or "No. 75" ("No 75")."""
    if start == 0:
        return None
    before = doc[start - 1]
    if _ORDINAL.match(before.text) or (before.lower_ in _ORDINAL_WORDS and before.text[:1].isupper()):
        return start - 1
    no = start - 2
    if before.like_num and no >= 0 and doc[no].text in {"No.", "No"}:
        return no
    if before.like_num and no >= 1 and doc[no].text == "." and doc[no - 1].text == "No":
        return no - 1
    return None


def numbered_units(doc: Doc, ents: Sequence[Span]) -> list[Span]:
    """The model's entities, with a unit's number it left out taken back and a numbered unit labelled a body:
    "Armored Brigade" after "5th" becomes "5th Armored Brigade", the facility "35th Fighter Wing" an organisation."""
    out: list[Span] = []
    for ent in ents:
        start = ent.start + (1 if doc[ent.start].lower_ == "the" and len(ent) > 1 else 0)
        if ent.label_ not in _UNIT_LABELS or not _unit_tail(doc, start, ent.end):
            out.append(ent)
            continue
        number = _number_before(doc, start)
        if number is None and not _opens_with_number(doc, start, ent.end):
            out.append(ent)
            continue
        first = number if number is not None else start
        while out and out[-1].end > first:
            out.pop()  # the number the model tagged on its own ("5th" as an ordinal)
        out.append(doc.span(first, ent.end, "ORG"))
    return out


def _opens_with_number(doc: Doc, start: int, end: int) -> bool:
    """Whether the words `start:end` open with a unit's number ("35th Fighter Wing", "Seventh Fleet")."""
    return end - start >= 2 and _number_before(doc, start + 1) == start


def numbered_unit(doc: Doc, start: int, end: int) -> bool:
    """Whether the words `start:end` are a numbered unit's name ("5th Armored Brigade", "No. 75 Squadron")."""
    if end - start < 2 or not _unit_tail(doc, start, end):
        return False
    return _opens_with_number(doc, start, end) or (
        doc[start].text in {"No.", "No"} and _number_before(doc, start + 2) == start
    )


def untagged_units(doc: Doc, taken: set[int]) -> list[tuple[int, int]]:
    """Numbered units the model tagged nothing of: a number, then up to `MAX_UNIT_WORDS` capitalised words, the last
    a unit's ("the 18th Wing of the US Air Force", "the Greek air force's 115th Combat Wing")."""
    found = []
    for tok in doc:
        if tok.i in taken or not _ORDINAL.match(tok.text):
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= MAX_UNIT_WORDS and _name_word(doc[end], taken):
            end += 1
            if _unit_tail(doc, tok.i + 1, end):
                break
        if end - tok.i >= 2 and _unit_tail(doc, tok.i + 1, end):
            found.append((tok.i, end))
    return found


def _name_word(tok: Token, taken: set[int]) -> bool:
    """A capitalised word no other rule has taken."""
    return tok.i not in taken and tok.is_alpha and tok.text[:1].isupper()


class Cluster(Protocol):
    """What merging reads of an article's clusters of mentions (`mentions.Cluster`, which imports this module)."""

    members: list[Any]

    @property
    def key(self) -> str:
        """The key of the fullest name among the mentions."""

    def type(self) -> EntityType:
        """The type the mentions' evidence decides."""

    def absorb(self, other: Any) -> None:
        """Take another cluster's mentions as this one's."""


def merge_numbered_units(clusters: Sequence[Cluster]) -> None:
    """ "the 4th Brigade" beside "the 4th Mechanised Infantry Brigade": a unit named by its number and its last word
    alone is the one unit of the article with that number and that last word and more words between."""
    units = [c for c in clusters if c.members and c.type() is EntityType.ORGANISATION]
    for short in units:
        words = short.key.split()
        if len(words) != 2 or not _ORDINAL.match(words[0]) or words[1] not in UNIT_TAILS:
            continue
        longer = [c for c in units if c is not short and c.members and _fuller(c.key.split(), words)]
        if len(longer) == 1:
            longer[0].absorb(short)


def _fuller(words: list[str], short: list[str]) -> bool:
    """Whether a name's words open with a short unit name's number and end with its last word, with more between."""
    return len(words) > 2 and words[0] == short[0] and words[-1] == short[-1]
