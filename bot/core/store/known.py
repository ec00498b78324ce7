"""The stored names an article's entities could match, read once per article and kept current as its entities are
resolved (see `writer.add_entities`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, Text, any_, bindparam, func, literal_column, or_, select
from sqlalchemy.dialects.postgresql import ARRAY

from bot.core import names
from bot.core.lexicon import DEMONYMS
from bot.core.models import EntityType, Extracted
from bot.core.store import schema as s
from bot.core.store.shortnames import is_country_initials, short_names


@dataclass(frozen=True)
class State:
    """What resolution weighs about a stored entity."""

    type: str
    article_count: int


# An entity's columns an article adds to (`writer.Tallies`).
COUNTED_COLUMNS = ("article_count", *s.VOTE_COLUMNS.values())
# What the writer decides again after counting: the entity's type, name and keys.
DECIDED_COLUMNS = ("name", "key", "type", "surname")
# Both: what the writer keeps of an entity while it stores an article.
ENTITY_STATE = (*COUNTED_COLUMNS, *DECIDED_COLUMNS)

# Countries by their keys: English writes each one way (its other forms are `COUNTRY_VARIANTS`, read as it).
COUNTRY_KEYS = frozenset(names.key(country) for country in DEMONYMS.values())
# The shortest single-word name proposed for a merge by its consonants alone ("Rmelan" / "Rmeilan").
MIN_CONSONANT_PROPOSAL = 6


@cache
def _aliases_like(dialect_name: str) -> Select[Any]:
    """The stored aliases with one of some keys, skeletons or consonant strings, and their entities: built once per
    dialect, as every stored article asks it."""
    a, e = s.aliases.c, s.entities.c
    counted = [e[column] for column in COUNTED_COLUMNS]
    return (
        select(a.entity_id, a.key, a.alias, a.skeleton, *counted, *(e[c].label(f"entity_{c}") for c in DECIDED_COLUMNS))
        .join(s.entities, e.id == a.entity_id)
        .where(
            or_(
                one_of(a.key, "keys", dialect_name),
                one_of(a.skeleton, "skeletons", dialect_name),
                one_of(a.consonants, "consonants", dialect_name),
            )
        )
    )


def one_of(column: Any, name: str, dialect_name: str) -> ColumnElement[bool]:
    """`column` is one of the list bound as `name`, which is one parameter, not one per item: SQLAlchemy renders an
    expanding IN with hundreds of values anew for every article (a tenth of storing one), and the database prepares
    it anew. PostgreSQL takes the list as an array; SQLite as a JSON array (see `bound_list`), whose `json_each`
    would cut a string at a NUL character: no key holds one, since `normalise_text` takes them out of every text."""
    condition: ColumnElement[bool]
    if dialect_name == "postgresql":
        condition = column == any_(bindparam(name, type_=ARRAY(Text)))
    else:
        condition = column.in_(select(literal_column("value")).select_from(func.json_each(bindparam(name))))
    return condition


def bound_list(values: Iterable[str], dialect_name: str) -> Any:
    """A list of strings as `one_of` binds it."""
    listed = sorted(values)
    return listed if dialect_name == "postgresql" else json.dumps(listed, ensure_ascii=False)


def base_towns(extracted: Sequence[Extracted]) -> set[str]:
    """The keys of the places an article says its bases stand in, other than a base's own bare name: "the PLA base,
    near the port of Doraleh" makes Doraleh a town there, which joins no base stored as "Doraleh"."""
    bases = [found for found in extracted if found.type is EntityType.INSTALLATION]
    located = {names.key(fact.location) for found in bases for fact in found.base_facts if fact.location}
    return located - {found.key for found in bases}


# A name this short, found alone, is initials too many bodies share to join the others that bear them.
AMBIGUOUS_ACRONYM = 2


class KnownNames:
    """The stored names an article's entities could match, read in one query, then kept current as the article's
    entities are created, counted, named and merged: resolution asks the database nothing more per entity."""

    def __init__(self, conn: Connection, extracted: Sequence[Extracted]) -> None:
        self.skeletons: dict[tuple[int, str], str] = {}  # (entity id, alias key) -> the key's skeleton
        self.acronyms: set[str] = set()  # the keys of names written in capitals ("SANA", "AFP")
        self.states: dict[int, State] = {}
        self.entities: dict[int, dict[str, Any]] = {}  # entity id -> its counted and decided columns, as stored
        self.towns = base_towns(extracted)
        keys = {found.key for found in extracted} | {
            k for found in extracted for a in found.aliases if (k := names.key(a))
        }
        if not keys:
            return
        dialect = conn.dialect.name
        wanted = {
            "keys": bound_list(keys, dialect),
            "skeletons": bound_list({names.skeleton(k) for k in keys}, dialect),
            "consonants": bound_list({names.consonants(k) for k in keys}, dialect),
        }
        # by position, as `_aliases_like` selects them; an entity's columns come with each of its names, and are read
        # from the first
        for entity_id, key, alias, skeleton, *columns in conn.execute(_aliases_like(dialect), wanted):
            self.skeletons[(entity_id, key)] = skeleton
            if entity_id not in self.entities:
                entity = self.entities[entity_id] = dict(zip(ENTITY_STATE, columns, strict=True))
                self.states[entity_id] = State(entity["type"], entity["article_count"])
            if names.is_acronym(alias):
                self.acronyms.add(key)

    def matching(self, name_key: str) -> list[tuple[int, str, State]]:
        """(entity id, alias key, entity) for every stored alias with this key, its skeleton or its consonants
        (a proposal: `resolve` keeps only the spellings `names.same_name` accepts)."""
        skeleton, consonants = names.skeleton(name_key), names.consonants(name_key)
        # A lone short word ("Ahmad") has too many vowel variants among family names to be proposed by them.
        long_enough = " " in name_key or len(name_key) >= MIN_CONSONANT_PROPOSAL
        return [
            (entity_id, key, self.states[entity_id])
            for (entity_id, key), other in self.skeletons.items()
            if key == name_key or other == skeleton or (long_enough and names.consonants(key) == consonants)
        ]

    def learn(self, entity_id: int, state: State, aliases: Iterable[str]) -> None:
        """An entity was created or counted, and may have gained names."""
        self.states[entity_id] = state
        for alias in aliases:
            key = names.key(alias)
            self.skeletons.setdefault((entity_id, key), names.skeleton(key))
            if names.is_acronym(alias):
                self.acronyms.add(key)

    def also_named(self, entity_id: int, found: Extracted) -> list[int]:
        """Other stored entities of the same type that bear one of the names `found` has in this article, exactly:
        "Islamic State (ISIS)" here joins "ISIS" and "Islamic State" stored apart from earlier articles."""
        kind = self.states[entity_id].type
        if kind == EntityType.INSTALLATION:
            return []
        # the names the article wrote, not the shorter ones derived from them: two parties may share initials
        keys = {k for alias in found.aliases if (k := names.key(alias))} - {names.key(n) for n in short_names(found)}
        keys -= {k for alias in found.aliases if is_country_initials(alias) and (k := names.key(alias))}
        if kind == EntityType.PERSON:
            # nor a person's family name written alone ("Haddad"), which two people may share: what is known by it
            # alone joins them only when no other person bears it (`writer._surname_orphans`)
            keys.discard(names.surname(found.key) or "")
        elif " " in found.key:
            # nor, for a body or place named in several words, its last word, which an article that took it for a
            # person gave it as a family name ("Hezbollah" of "Kataib Hezbollah": another body), nor a body named by
            # generic words ("Air Force" beside "Turkish Air Force"), which every country has: two stored apart under
            # such a name, even this body's own, were kept apart as two countries' (`bodies.kept_apart`)
            keys.discard(found.key.rsplit(" ", 1)[1])
            keys -= {k for k in keys if names.bare_body(k)}
        others = {
            other for (other, key) in self.skeletons
            if key in keys and other != entity_id and other in self.states and self.states[other].type == kind
            and not self._named_otherwise(other, key) and not self.family_name_left_to_a_body(other, key)
            and not self._named_in_full_otherwise(other, key, found)
        }  # fmt: skip
        return sorted(others | self._by_country_initials(entity_id, found))

    def _by_country_initials(self, entity_id: int, found: Extracted) -> set[int]:
        """The bodies initials with their country join ("IAF Israel", see `shortnames.with_country`): a body named in
        full joins those known by the initials alone; one known by them alone joins the one body named in full that
        bears them, and not two (a country's "Air Force" and "Armed Forces" both give "TAF")."""
        qualified = {k for alias in found.aliases if is_country_initials(alias) and (k := names.key(alias))}
        kind = self.states[entity_id].type
        bearers = {
            other for (other, key) in self.skeletons
            if key in qualified and other != entity_id and other in self.states and self.states[other].type == kind
        }  # fmt: skip
        by_initials = {other for other in bearers if self._known_by_initials(other)}
        if not names.is_acronym(found.name):
            return by_initials
        return bearers if len(bearers - by_initials) <= 1 else by_initials

    def named_in_full_by_country_initials(self, found: Extracted) -> int | None:
        """The one body named in full that initials with their country, given to `found` (a body the article names
        only by them), stand for; None when none does, or two do."""
        if not names.is_acronym(found.name):
            return None
        qualified = {k for alias in found.aliases if is_country_initials(alias) and (k := names.key(alias))}
        full = {
            other for (other, key) in self.skeletons
            if key in qualified and other in self.states and self.states[other].type == EntityType.ORGANISATION
            and not self._known_by_initials(other)
        }  # fmt: skip
        return full.pop() if len(full) == 1 else None

    def _known_by_initials(self, entity_id: int) -> bool:
        """Whether a stored entity's own name is initials ("IAF")."""
        own = self.entities.get(entity_id, {}).get("name") or ""
        return names.is_acronym(own)

    def a_named_person(self, entity_id: int) -> bool:
        """Whether a stored entity is a person with a given and a family name (not a lone word read as one)."""
        state = self.states.get(entity_id)
        own = self.entities.get(entity_id, {}).get("key")
        return state is not None and state.type == EntityType.PERSON and own is not None and " " in own

    def family_name_left_to_a_body(self, entity_id: int, key: str) -> bool:
        """Whether `key` is the last word of a stored body's or place's longer name: the family name an article that
        took it for a person gave it ("Hezbollah" of "Kataib Hezbollah"), which names another body, not this one."""
        state = self.states.get(entity_id)
        if state is None or state.type not in {EntityType.ORGANISATION, EntityType.PLACE} or " " in key:
            return False
        own = self.entities.get(entity_id, {}).get("key")
        return own is not None and " " in own and own.rsplit(" ", 1)[1] == key

    def _named_otherwise(self, entity_id: int, key: str) -> bool:
        """Whether an entity bearing short initials ("AA") has a full name of its own that is not them: the
        initials of an agency and of an airline, which a bare "AA" does not join."""
        own = self.entities.get(entity_id, {}).get("key")
        return len(key) <= AMBIGUOUS_ACRONYM and own is not None and own != key

    def _named_in_full_otherwise(self, entity_id: int, key: str, found: Extracted) -> bool:
        """Whether initials join a stored body named in full by other words than `found`, named in full here: the
        "Self-Defense Forces" of one story and the "Syrian Democratic Forces (SDF)" of another share their initials
        and hardly a word, and are two bodies. Two wordings of one name still join ("Islamic Revolutionary Guard
        Corps" and "Islamic Revolution Guards Corps"), as a body known by its initials alone does ("ISIS")."""
        own = self.entities.get(entity_id, {}).get("key")
        if key not in self.acronyms or own is None or " " not in own or " " not in found.key:
            return False
        return not _words_largely_shared(own, found.key)

    def spelled_alike(self, found: Extracted, key: str) -> bool:
        """Whether a stored name is `found`'s name or a spelling of it; an abbreviation is only ever itself
        ("SANA" the agency is not "Sanaa" the city)."""
        if key == found.key:
            return True
        if key in self.acronyms or names.is_acronym(found.name):
            return False
        if key in COUNTRY_KEYS or found.key in COUNTRY_KEYS:
            return False  # a country is spelled one way in English: "Giurgiu" the town is not "Georgia"
        if found.type is EntityType.PLACE and names.vowel_sound_changed(found.key, key):
            return False  # "Mambasa" is another town than "Mombasa", not another spelling of it
        return names.same_name(found.key, key)

    def merged(self, source_id: int, target_id: int, target: State) -> None:
        """Entity `source_id` was folded into `target_id`, names and all."""
        for entity_id, key in [pair for pair in self.skeletons if pair[0] == source_id]:
            self.skeletons.setdefault((target_id, key), self.skeletons.pop((entity_id, key)))
        self.states.pop(source_id, None)
        self.states[target_id] = target


# The letters two words must open alike with to be read as one word written two ways ("Defence" and "Defense",
# "Guard" and "Guards", "Revolution" and "Revolutionary").
WORD_STEM = 4


def _words_largely_shared(one: str, other: str) -> bool:
    """Whether at least half of the words of the shorter of two names open as a word of the other."""
    stems = [{word[:WORD_STEM] for word in name.split()} for name in (one, other)]
    shorter, longer = sorted(stems, key=len)
    return 2 * len(shorter & longer) >= len(shorter)
