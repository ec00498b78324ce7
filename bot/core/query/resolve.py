"""Resolving a name typed by a user: exact key or spelling variant, family name, then typo-tolerant match."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.core import names
from bot.core.lexicon import INSTALLATION_HEADS, MILITARY_MODIFIERS
from bot.core.models import EntityType
from bot.core.store import Store
from bot.core.store.records import EntityRow

# rapidfuzz.fuzz.ratio scores (0-100). Below PROPOSE a name is not offered at all; "lavrof" -> "lavrov" is 83.
FUZZY_PROPOSE = 75.0
# A suggestion for a not-found reply may be vaguer than an answer.
FUZZY_SUGGEST = 55.0
# The best fuzzy match answers on its own when it beats the runner-up by this much; otherwise we ask.
FUZZY_CLEAR_LEAD = 8.0
# A name matched exactly by several entities answers with the most written-about one if it has this many
# times the articles of the next; otherwise the user chooses.
DOMINANCE = 2
MAX_CHOICES = 5


@dataclass(frozen=True)
class Lookup:
    """The outcome of resolving a name: one entity, several to choose from, or suggestions."""

    entity: EntityRow | None = None
    choices: list[EntityRow] = field(default_factory=list)
    suggestions: list[EntityRow] = field(default_factory=list)
    fuzzy: bool = False


def lookup(store: Store, name: str) -> Lookup:
    """Resolve a user's name: exact key or spelling variant, then family name, then typo-tolerant match."""
    found = lookup_exact(store, name)
    name_key = names.key(name)
    if found.entity or found.choices or not name_key:
        return found
    scored = _fuzzy(store, name_key, FUZZY_SUGGEST)
    strong = [(e, score) for e, score in scored if score >= FUZZY_PROPOSE]
    if not strong:
        return Lookup(suggestions=[e for e, _ in scored[:MAX_CHOICES]])
    best = strong[0][0]
    clear = len(strong) == 1 or strong[0][1] - strong[1][1] >= FUZZY_CLEAR_LEAD
    # A misspelt person is still that person; a place one letter off is often another place (Tarsus, Tartus).
    if clear and best.type is EntityType.PERSON:
        return Lookup(entity=best, fuzzy=True)
    return Lookup(choices=[e for e, _ in strong[:MAX_CHOICES]], fuzzy=True)


def lookup_exact(store: Store, name: str) -> Lookup:
    """Resolve a name by its key or spelling variant, family name or installation name, without typo matching: a
    word that names nothing costs a few key reads, not a pass over every stored name."""
    name_key = names.key(name)
    if not name_key:
        return Lookup()
    exact = (
        store.entities_by_key(name)
        or store.entities_by_surname(name_key)
        or _family_name_of_words(store, name, name_key)
        or _installations_named(store, name_key)
    )
    return _decide(exact) if exact else Lookup()


# Words that open a family name of several ("Abu Qasra", "bin Salman", "van der Berg"); "Ahmed Hassan" is a given
# and a family name, which may be the end of another man's ("Khalid Ahmed Hassan", his son).
FAMILY_PARTICLES = frozenset(
    "abu abd abdel abdul abdal al el bin ibn bint ben ould van von de del della der da di du le la mac".split()
)


def _family_name_of_words(store: Store, name: str, name_key: str) -> list[EntityRow]:
    """ "Abdel-Ghani" finds "Hassan Abdel-Ghani", "Abu Qasra" finds "Murhaf Abu Qasra": a family name of several
    words, hyphenated or opened by particles, is the end of a longer name (people are stored by the last word of
    theirs)."""
    words = name_key.split()
    hyphenated = "-" in name and " " not in name.strip()
    if len(words) < 2 or not (hyphenated or all(w in FAMILY_PARTICLES for w in words[:-1])):
        return []
    return [e for e in store.entities_by_surname(words[-1]) if names.key(e.name).endswith(" " + name_key)]


def _installations_named(store: Store, name_key: str) -> list[EntityRow]:
    """ "Hmeimim air base" finds the installation stored as "Hmeimim airbase": match on the bare name."""
    words = name_key.split()
    while words and (words[-1] in INSTALLATION_HEADS or words[-1] in MILITARY_MODIFIERS):
        words.pop()
    if not words or len(words) == len(name_key.split()):
        return []
    return [e for e in store.entities_by_key(" ".join(words)) if e.type is EntityType.INSTALLATION]


def _decide(found: list[EntityRow]) -> Lookup:
    ranked = sorted(found, key=lambda e: -e.article_count)
    if len(ranked) == 1 or ranked[0].article_count >= DOMINANCE * ranked[1].article_count:
        return Lookup(entity=ranked[0])
    return Lookup(choices=ranked[:MAX_CHOICES])


def _fuzzy(store: Store, name_key: str, cutoff: float) -> list[tuple[EntityRow, float]]:
    """Entities whose names (or, for people, family names) resemble the key, best first, one score each."""
    choices, owners = store.likely_names(name_key)
    scores: dict[int, float] = {}
    for _choice, score, index in process.extract(
        name_key, choices, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff, limit=50
    ):
        for entity_id in owners[index]:
            scores[entity_id] = max(score, scores.get(entity_id, score))
    found = store.entities(scores)  # an entity merged away since the names were read is left out
    best = [(entity, scores[entity_id]) for entity_id, entity in found.items()]
    return sorted(best, key=lambda pair: (-pair[1], -pair[0].article_count, pair[0].id))
