"""A counterpart holds the same office as the person he is the counterpart of: "Syrian Defence Minister Murhaf Abu
Qasra met his Turkish counterpart, Yasar Guler" makes Yasar Guler the Turkish Defence Minister."""

from __future__ import annotations

from bot.core import names
from bot.core.extract.mentions import Candidate, Doc
from bot.core.extract.roles import FORMS_OF_ADDRESS, TITLE_PERSON_VOTE
from bot.core.lexicon import DEMONYMS
from bot.core.models import EntityType, Role

COUNTERPART_WORDS = frozenset({"counterpart", "counterparts"})
# How many words may stand between "counterpart" and the name ("counterpart, Yasar Guler").
MAX_GAP = 2
_POSSESSIVES = frozenset({"his", "her", "their"})


def counterpart_roles(
    doc: Doc, found: list[Candidate], roles: list[tuple[Candidate, Role]]
) -> list[tuple[Candidate, Role]]:
    """The office of each person named as someone's counterpart, from the title of the one he is counterpart of."""
    out = []
    for c in found:
        word = _counterpart_before(doc, c.start)
        if word is None:
            word = _counterpart_after(doc, c.end)
        if word is None:
            continue
        sent = doc[c.start].sent
        held = [
            (other, role) for other, role in roles if other is not c and sent.start <= other.start < min(word, c.start)
        ]
        if not held:
            continue
        # "his counterpart" is the counterpart of the titled person named last before it: in "Deputy Minister A
        # visited Z, and Defence Minister B received his counterpart, C", C is B's counterpart, not A's
        nearest = max(other.start for other, _ in held)
        offices = [_office(role.title) for other, role in held if other.start == nearest]
        # "H.H. Sheikh A, Minister of Foreign Affairs, received his counterpart": an office, not a form of address
        office = next((o for o in offices if not _address_only(o)), "")
        adjective = doc[word - 1].text if word and names.fold(doc[word - 1].text) in DEMONYMS else ""
        if office:
            out.append((c, Role(f"{adjective} {office}".strip(), sent.text.strip())))
            c.vote(EntityType.PERSON, TITLE_PERSON_VOTE)  # an office is a person's, whatever the model read
    return out


def _counterpart_before(doc: Doc, start: int) -> int | None:
    """Where "counterpart" stands just before a name, if it does."""
    for i in range(start - 1, max(-1, start - 1 - MAX_GAP), -1):
        if doc[i].lower_ in COUNTERPART_WORDS:
            return int(i)
        if doc[i].text != ",":
            return None
    return None


def _counterpart_after(doc: Doc, end: int) -> int | None:
    """Where "counterpart" stands in an appositive right after a name: "Marek Tallin, his Greek counterpart,"."""
    i = end
    if i + 2 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in _POSSESSIVES:
        return None
    for j in range(i + 2, min(len(doc), i + 2 + MAX_GAP)):
        if doc[j].lower_ in COUNTERPART_WORDS:
            return j
    return None


def _office(title: str) -> str:
    """A title without the country it is of: "Syrian Defence Minister" gives "Defence Minister"."""
    words = title.split()
    while words and (names.fold(words[0]) in DEMONYMS or words[0].endswith(("'s", "’s"))):
        words = words[1:]
    return " ".join(words)


def _address_only(title: str) -> bool:
    """A title that only says how a person is addressed ("Sheikh", "Sayyid"), which is no office he holds."""
    return all(word.lower() in FORMS_OF_ADDRESS for word in title.split())
