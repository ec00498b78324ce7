"""The query layer: resolving a name typed by a user and gathering what the corpus says about it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from bot.core import names
from bot.core.lexicon import INSTALLATION_HEADS, MILITARY_MODIFIERS
from bot.core.models import EntityType
from bot.core.store import Store
from bot.core.store.records import ArticleRow, EntityRow, Installation, Said, Sighting, Stated

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
    name_key = names.key(name)
    if not name_key:
        return Lookup()
    exact = store.entities_by_key(name) or store.entities_by_surname(name_key) or _installations_named(store, name_key)
    if exact:
        return _decide(exact)
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
    choices, owners = store.name_index
    best: dict[int, tuple[EntityRow, float]] = {}
    for _choice, score, index in process.extract(
        name_key, choices, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff, limit=50
    ):
        for entity in owners[index]:
            if entity.id not in best or best[entity.id][1] < score:
                best[entity.id] = (entity, score)
    return sorted(best.values(), key=lambda pair: (-pair[1], -pair[0].article_count))


@dataclass(frozen=True)
class RoleSummary:
    """A title and how often the corpus gives it, with the sentence it was first found in."""

    title: str
    count: int
    example: Said


@dataclass(frozen=True)
class Profile:
    """What the corpus says about one entity."""

    entity: EntityRow
    roles: list[RoleSummary]
    sightings: list[Sighting]
    quotes: list[Said]
    companions: list[tuple[EntityRow, int]]
    installation: InstallationSummary | None = None


def profile(store: Store, entity: EntityRow, articles: int, offset: int = 0) -> Profile:
    """Gather an entity's roles, recent articles, quotes and companions."""
    summary = None
    if entity.type is EntityType.INSTALLATION:
        found = store.installation(entity.id)
        summary = summarise_installation(found) if found else None
    return Profile(
        entity=entity,
        roles=summarise_roles(store.roles(entity.id)),
        sightings=store.sightings(entity.id, articles, offset),
        quotes=store.quotes(entity.id, limit=5),
        companions=store.companions(entity.id, limit=12),
        installation=summary,
    )


def summarise_roles(roles: list[Said]) -> list[RoleSummary]:
    """Distinct titles (ignoring case and apostrophe style), most often stated first."""
    counts: Counter[str] = Counter()
    first: dict[str, Said] = {}
    for said in roles:
        role_key = names.fold(said.text)
        counts[role_key] += 1
        first.setdefault(role_key, said)
    return [RoleSummary(first[k].text, n, first[k]) for k, n in counts.most_common()]


# Distinct operator, location, kind and installation names number in the hundreds; their keys are computed once.
NAME_KEYS_CACHED = 4096


@dataclass(frozen=True)
class InstallationSummary:
    """An installation's facts, voted across every sentence about it."""

    entity: EntityRow
    kind: str
    operator: str | None
    location: str | None
    context: str
    article: ArticleRow
    stated: tuple[str, ...]  # every operator and location any sentence states, the minority ones too

    def matches(self, text: str) -> bool:
        """Whether a filter ("Russia", "naval", "Hmeimim") names its name, kind, or any stated operator or location."""
        needle, wanted = names.fold(text).strip(), names.key(text)
        fields = [self.entity.name, self.kind, self.operator or "", self.location or "", *self.stated]
        return any(needle in _fold(f) or names.same_name(wanted, _key(f)) for f in fields if f)


@lru_cache(maxsize=NAME_KEYS_CACHED)
def _fold(value: str) -> str:
    return names.fold(value)


@lru_cache(maxsize=NAME_KEYS_CACHED)
def _key(value: str) -> str:
    return names.key(value)


def summarise_installation(item: Installation) -> InstallationSummary:
    """The most stated kind, operator and location of an installation, and its newest context sentence."""
    return InstallationSummary(
        entity=item.entity,
        kind=_most_stated(item.kinds) or item.newest.kind,
        operator=_most_stated(item.operators),
        location=_most_stated(item.locations),
        context=item.newest.sentence,
        article=item.article,
        stated=tuple(s.value for s in (*item.operators, *item.locations)),
    )


def _most_stated(values: Sequence[Stated]) -> str | None:
    """The value most sentences state; a tie goes to the one stated in the newest article, then to the one the
    corpus stated first."""
    best = max(values, key=lambda s: (s.count, s.last, -s.first_id), default=None)
    return best.value if best else None


def installations(store: Store, text: str = "") -> list[InstallationSummary]:
    """Every installation, or those whose operator, location, kind or name matches `text`."""
    summaries = [summarise_installation(i) for i in store.installations()]
    return [s for s in summaries if s.matches(text)] if text.strip() else summaries
