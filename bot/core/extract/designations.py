"""Installations named by a service's designation before their own name: "RAF Akrotiri", "Naval Support Activity
Bahrain", "CFB Trenton". A state's forces name their stations so, without a kind of site after the name; the
designation says the kind and whose forces name a station that way.

A designation is also written before aircraft and units ("RAF Typhoon jets", "an RAF Voyager tanker", "the RAF
Regiment"): a station's designation stands without an article, and the name after it is a singular name that no
common noun follows.
"""

from __future__ import annotations

import re

from bot.core import names
from bot.core.extract.bases import InstallationPhrase
from bot.core.extract.document import span_text
from bot.core.extract.guesses import phrase_location
from bot.core.extract.mentions import Doc, Token
from bot.core.extract.naming import UNIT_WORDS, is_name_token
from bot.core.extract.parties import MILITARY_NOUNS
from bot.core.lexicon import STATION_DESIGNATIONS

# How many words a designation has at most ("naval support activity").
DESIGNATION_WORDS = max(len(d.split()) for d in STATION_DESIGNATIONS)
# How many words a station's own name has at most ("Souda Bay", "Brize Norton").
STATION_NAME_WORDS = 3
# Articles before a designation that make it a modifier of something else ("an RAF tanker", "the RAF Regiment").
_ARTICLES = frozenset({"a", "an", "the"})
# A force's acronym that names its stations before "Base" ("PAF Base Shahbaz", "IAF Base …"): an air force's ends
# in "AF".
_FORCE_ACRONYM = re.compile(r"^[A-Z]{2,5}$")
# The last word of a force's name that names its stations before "Base" ("Self-Defense Forces Base Djibouti",
# "Marine Corps Base Velmor"), and how many tokens the force's name may have.
_FORCE_WORDS = frozenset({"forces", "force", "corps", "navy", "army", "guard"})
FORCE_NAME_TOKENS = 5
# The words a designation opens with: a token that is none of them opens none (most tokens, looked up once each
# instead of joined into every longer run of words after it).
_FIRST_WORDS = frozenset(d.split(" ")[0] for d in STATION_DESIGNATIONS)


def find_designated_installations(doc: Doc, taken: set[int]) -> list[InstallationPhrase]:
    """Every station named by a designation and its own name, outside the tokens already taken."""
    found = []
    for tok in doc:
        if tok.i in taken or not tok.text[:1].isupper():
            continue
        opened = _designation_from(doc, tok)
        if opened is None:
            continue
        tok, designation = doc[opened[0]], opened[1]
        start = _after_acronym(doc, designation)
        end = _name_end(doc, start, tok.sent.end)
        if end == start or any(i in taken for i in range(tok.i, end)):
            continue
        kind, country = _designated(" ".join(t.lower_ for t in doc[tok.i : designation]))
        name = names.clean_surface(f"{span_text(doc, tok.i, designation)} {span_text(doc, start, end)}")
        sent = tok.sent
        found.append(
            InstallationPhrase(
                name=name, full_name=name, kind=kind, name_start=tok.i, name_end=end, operator=country,
                location=phrase_location(sent, doc[end - 1], country, name), sentence=sent.text.strip(),
                tokens=frozenset(range(tok.i, end)), head=end - 1,
            )
        )  # fmt: skip
        taken.update(range(tok.i, end))
    return found


def _designation_from(doc: Doc, tok: Token) -> tuple[int, int] | None:
    """Where a designation read from token `tok` opens and ends: a listed one or a force's acronym and "Base" opening
    there, or a force's name ending there and "Base" ("Self-Defense Forces Base Djibouti")."""
    if _forces_base(doc, tok.i):
        return _force_name_start(doc, tok.i), tok.i + 2
    if tok.lower_ not in _FIRST_WORDS and not _FORCE_ACRONYM.match(tok.text):
        return None
    if tok.i and doc[tok.i - 1].lower_ in _ARTICLES:
        return None  # "an RAF tanker", "the RAF Regiment"
    designation = _designation_at(doc, tok.i)
    return None if designation is None else (tok.i, designation)


def _forces_base(doc: Doc, i: int) -> bool:
    """Whether token `i` ends a force's name that "Base" follows, with a station's name after it."""
    return (
        doc[i].lower_ in _FORCE_WORDS
        and doc[i].text[:1].isupper()
        and i + 2 < len(doc)
        and doc[i + 1].text == "Base"
        and _name_end(doc, i + 2, doc[i].sent.end) > i + 2
    )


def _force_name_start(doc: Doc, last: int) -> int:
    """Where the name of a force that ends at token `last` ("Self-Defense Forces") opens: its capitalised words and
    their hyphens, a few at most."""
    start = last
    while (
        start > 0
        and last - start < FORCE_NAME_TOKENS
        and (doc[start - 1].text[:1].isupper() or doc[start - 1].text == "-")
    ):
        start -= 1
    return start + 1 if doc[start].text == "-" else start


def designation_only(doc: Doc, phrase: InstallationPhrase) -> bool:
    """Whether a phrase read as a base is a designation alone ("RAAF Base" of "RAAF Base Tindal", "PAF Base" of "PAF
    Base Shahbaz"): the station is the designation's with the name after it."""
    if names.key(phrase.full_name) in STATION_DESIGNATIONS:
        return True
    if phrase.head > 0 and _forces_base(doc, phrase.head - 1):
        return True  # "Self-Defense Forces Base" of "Self-Defense Forces Base Djibouti"
    after = phrase.head + 1
    return (
        _designation_at(doc, phrase.name_start) == after
        and after < len(doc)
        and _name_end(doc, after, doc[after].sent.end) > after
    )


def _designation_at(doc: Doc, start: int) -> int | None:
    """Where the longest designation opening at `start` ends, when one does: a listed one, or a force's acronym
    and "Base" ("PAF Base Shahbaz")."""
    for n in range(DESIGNATION_WORDS, 0, -1):
        words = doc[start : start + n]
        if len(words) == n and " ".join(t.lower_ for t in words) in STATION_DESIGNATIONS:
            return start + n
    if _FORCE_ACRONYM.match(doc[start].text) and start + 1 < len(doc) and doc[start + 1].text == "Base":
        return start + 2
    return None


def _designated(designation: str) -> tuple[str, str | None]:
    """The kind a designation gives its stations, and whose forces they are when the designation says it."""
    if designation in STATION_DESIGNATIONS:
        return STATION_DESIGNATIONS[designation]
    return ("air base" if designation.split()[0].endswith("af") else "base"), None


def _after_acronym(doc: Doc, i: int) -> int:
    """ "Naval Support Activity (NSA) Bahrain": past the designation's acronym in brackets, when it is given."""
    if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 1].is_upper and doc[i + 2].text == ")":
        return i + 3
    return i


def _name_end(doc: Doc, start: int, sent_end: int) -> int:
    """Where the station's own name after its designation ends; `start` when no station's name stands there."""
    end = start
    while end < sent_end and end - start < STATION_NAME_WORDS and is_name_token(doc[end]) and doc[end].is_alpha:
        if doc[end].lower_ in MILITARY_NOUNS | UNIT_WORDS or doc[end].tag_ in {"NNS", "NNPS"}:
            return start  # "RAF Typhoons", "the RAF Regiment": aircraft and units, not a station
        end += 1
    if end < sent_end and doc[end].pos_ == "NOUN" and doc[end].text.islower():
        return start  # "RAF Typhoon jets": the name describes the noun after it
    return end
