"""Family names in one article: a son, brother or father named by the given name alone after a relative's possessive
bears the relative's family name ("Haftar's son Saddam, who commands the ground forces" is Saddam Haftar, not a "Saddam"
whom another article's "Saddam" (Hussein) would join); a family name alone that says something is the person of that
family name, whatever the model took it for."""

from __future__ import annotations

from bot.core import names
from bot.core.extract.mentions import Candidate, Doc
from bot.core.lexicon import SPEECH_VERBS
from bot.core.models import EntityType

# Relatives who bear a man's family name as he writes it in most naming traditions (a daughter's or a wife's may be
# another form of it, "Putina", or another name altogether).
KIN = frozenset({"son", "brother", "father", "grandson", "grandfather"})
# Words that may stand between the possessive and the kin noun ("Haftar's eldest son Saddam").
_KIN_QUALIFIERS = frozenset({"eldest", "oldest", "youngest", "elder", "younger", "older", "late", "second", "third"})
_POSSESSIVE = frozenset({"'s", "’s"})
# A family name alone as the subject of "said": as sure as the model's reading of it as a place, and more.
SPEAKING_FAMILY_NAME_VOTE = 2.0


def _family_names(found: list[Candidate]) -> set[str]:
    """The family names of the people the article names in full."""
    return {family for c in found if EntityType.PERSON in c.votes and (family := names.surname(c.key))}


def vote_speaking_family_names(doc: Doc, found: list[Candidate]) -> None:
    """ "Brigadier General Hamid Vahedi said … Speaking on the outskirts of Dezful, Vahedi said": the model may read a
    family name after a town as another place; the subject of a verb of saying, spelled as the family name of a
    person the article names in full, is that person."""
    family_names = _family_names(found)
    for c in found:
        word = doc[c.start]
        if c.end - c.start == 1 and c.key in family_names and word.dep_ == "nsubj" and word.head.lower_ in SPEECH_VERBS:
            c.vote(EntityType.PERSON, SPEAKING_FAMILY_NAME_VOTE)


def take_family_names(doc: Doc, found: list[Candidate]) -> None:
    """Give each given name after "X's son" (brother, father) the family name of X, the person named there; the
    mention keeps the word the text writes."""
    family_names = _family_names(found)
    # the model may read a family name alone as a place ("Tazir's eldest son"): a person's family name is a person's
    people_by_end = {c.end: c for c in found if EntityType.PERSON in c.votes or c.key in family_names}
    for c in found:
        if " " in c.key or EntityType.PERSON not in c.votes or c.start < 3 or doc[c.start - 1].lower_ not in KIN:
            continue
        at = c.start - 2
        while at > 0 and doc[at].lower_ in _KIN_QUALIFIERS:
            at -= 1
        relative = people_by_end.get(at) if doc[at].text in _POSSESSIVE else None
        if relative is None or relative is c:
            continue
        family = relative.surface.split()[-1]
        if names.key(family) == c.key:
            continue  # "Assad's son Assad": nothing to add
        c.written = c.written or c.surface
        c.surface = f"{c.surface} {family}"
        c.key = names.key(c.surface)
