"""What every answer would otherwise read whole, kept in memory and brought up to date entity by entity.

The names typo matching scores (every alias, and people's family names) and the installation summaries are each
built once per process, then refreshed from the entities changed since the generation they were built at
(`changes`): after an article, a few entities are read again, not the whole index. Both are kept in a canonical
order, so that a cache brought up to date equals one built afresh, value for value.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, Select, select

from bot.core import names
from bot.core.models import EntityType
from bot.core.store import changes, installations
from bot.core.store import schema as s
from bot.core.store.changes import Generation
from bot.core.store.records import ENTITY_COLUMNS, EntityRow, Installation, entity_row
from bot.core.store.trigrams import TrigramIndex

T = TypeVar("T")
# Past this many changed entities, a cache is rebuilt rather than refreshed: each new name is an insertion into a
# sorted list of every name (a memory move of the whole list), and a rebuild reads the index in one statement.
MOST_REFRESHED = 5_000

# Typo matching scores every name key while there are at most this many (a few milliseconds with rapidfuzz);
# past it, only the keys the trigram index proposes, at most MOST_PROPOSED of them. The proposal keeps the keys
# sharing the most trigrams with the typed one: on the names of a million generated articles (445,000 keys), the
# best match of one-letter typos was the full scan's every time, at 2 ms instead of 25-200.
FULL_SCAN_KEYS = 20_000
MOST_PROPOSED = 1_000
# The trigram index is built again once the keys added since number this share of the keys.
TRIGRAMS_REBUILT_AFTER = 0.25

# The keys typed names are matched against, and the entities bearing each (by id), index for index.
NameKeys = tuple[list[str], list[tuple[EntityRow, ...]]]
# What to read: every entity (None), or those selected by a subquery of ids.
Among = Select[Any] | None


@dataclass(frozen=True)
class _Built(Generic[T]):
    """A cache's value and the generation it is current at."""

    generation: Generation
    value: T


class Cache(ABC, Generic[T]):
    """A value built from the store, and refreshed from the entities changed since (one per process, shared by
    threads: the value handed out is never changed afterwards, and one thread at a time refreshes)."""

    def __init__(self) -> None:
        self._built: _Built[T] | None = None
        self._lock = threading.Lock()

    def current(self, generation: Generation, snapshot: Callable[[], AbstractContextManager[Connection]]) -> T:
        """The value at `generation` (or newer), read in one `snapshot` of the store when it must be updated."""
        built = self._built
        if built is not None and built.generation.token == generation.token:
            return built.value
        with self._lock, snapshot() as conn:
            built = self._built
            now = changes.current(conn)  # the snapshot's own: it may be newer than `generation`
            if built is None or built.generation.token != now.token:
                try:
                    built = self._built = _Built(now, self._updated(conn, built, now))
                except BaseException:
                    self._built = None  # a refresh cut short may have left the cache half-changed: rebuild it
                    raise
            return built.value

    def cached(self) -> T | None:
        """The value as last built, current or not (None before the first build)."""
        built = self._built
        return built.value if built is not None else None

    def _updated(self, conn: Connection, built: _Built[T] | None, now: Generation) -> T:
        if built is not None and now.follows(built.generation):
            assert built.generation.number is not None  # `follows` says so
            changed = changes.changed_ids(conn, built.generation.number, MOST_REFRESHED)
            if changed is not None:
                return self.refresh(conn, changed, changes.changed_since(built.generation.number))
        return self.rebuild(conn)

    @abstractmethod
    def rebuild(self, conn: Connection) -> T:
        """The value read afresh from the store."""

    @abstractmethod
    def refresh(self, conn: Connection, changed: set[int], among: Select[Any]) -> T:
        """The value with the entities `changed` (selected by the subquery `among`) read again."""


class NameIndex(Cache[NameKeys]):
    """Every alias key and person's family name, sorted, each with the entities bearing it (sorted by id); and,
    once typo matching has been asked twice, those keys by trigram (`trigrams`), to propose the likely ones."""

    def __init__(self) -> None:
        super().__init__()
        self._keys: list[str] = []
        self._owners: list[tuple[EntityRow, ...]] = []
        self._keys_of: dict[int, frozenset[str]] = {}  # entity id -> the keys it is listed under
        self._trigrams: TrigramIndex | None = None
        self._scans = 0  # typo lookups since the keys were read afresh, without the trigram index

    def rebuild(self, conn: Connection) -> NameKeys:
        """Every entity's names, read in two statements: the named entities, then every alias's key as plain
        tuples (a million articles hold half a million aliases: per-row mapping was most of a fresh process's
        first typo lookup)."""
        entities = {e.id: e for e in map(entity_row, conn.execute(select(*ENTITY_COLUMNS).where(_HAS_ALIAS)))}
        keys_of: dict[int, set[str]] = {}
        for entity_id, key in conn.execute(select(s.aliases.c.entity_id, s.aliases.c.key)):
            keys_of.setdefault(entity_id, set()).update(_keys(key, entities[entity_id]))
        owners: dict[str, list[EntityRow]] = {}
        for entity_id in sorted(keys_of):  # so each key's entities come in id order
            for key in keys_of[entity_id]:
                owners.setdefault(key, []).append(entities[entity_id])
        self._keys_of = {entity_id: frozenset(keys) for entity_id, keys in keys_of.items()}
        self._keys = sorted(owners)
        self._owners = [tuple(owners[key]) for key in self._keys]
        self._trigrams, self._scans = None, 0
        return list(self._keys), list(self._owners)

    def likely(self, name_key: str) -> NameKeys:
        """The keys (sorted) worth scoring against a typed key, with their entities: every key while there are
        few, or for the first lookup after the keys were read (scoring them all costs less than the trigram
        index, for a process answering one question); else the keys sharing the most trigrams with it."""
        with self._lock:
            if len(self._keys) <= FULL_SCAN_KEYS or (self._trigrams is None and self._scans == 0):
                self._scans += 1
                return list(self._keys), list(self._owners)
            if self._trigrams is None or self._trigrams.added_count > TRIGRAMS_REBUILT_AFTER * len(self._keys):
                self._trigrams = TrigramIndex(self._keys)
            keys, owners = [], []
            for key in sorted(self._trigrams.likely(name_key, MOST_PROPOSED)):
                at = bisect_left(self._keys, key)
                if at < len(self._keys) and self._keys[at] == key:  # not a key gone since the trigrams were built
                    keys.append(key)
                    owners.append(self._owners[at])
            return keys, owners

    def refresh(self, conn: Connection, changed: set[int], among: Select[Any]) -> NameKeys:
        """Each changed entity taken off its old keys and put under its current ones (a deleted one only off)."""
        found = {entity.id: (entity, keys) for entity, keys in _named(conn, among)}
        for entity_id in changed:
            entity, keys = found.get(entity_id, (None, frozenset()))
            self._move(entity_id, entity, keys)
        return list(self._keys), list(self._owners)

    def _move(self, entity_id: int, entity: EntityRow | None, keys: frozenset[str]) -> None:
        old = self._keys_of.pop(entity_id, frozenset())
        if keys:
            self._keys_of[entity_id] = keys
        for key in old | keys:
            at = bisect_left(self._keys, key)
            listed = at < len(self._keys) and self._keys[at] == key
            others = [e for e in self._owners[at] if e.id != entity_id] if listed else []
            if key in keys and entity is not None:
                others.append(entity)
            if not others:
                if listed:
                    del self._keys[at], self._owners[at]
            elif listed:
                self._owners[at] = _by_id(others)
            else:
                self._keys.insert(at, key)
                self._owners.insert(at, _by_id(others))
                if self._trigrams is not None:
                    self._trigrams.add(key)


def _by_id(entities: Iterable[EntityRow]) -> tuple[EntityRow, ...]:
    return tuple(sorted(entities, key=lambda e: e.id))


def _named(conn: Connection, among: Among) -> Iterator[tuple[EntityRow, frozenset[str]]]:
    """Each entity with a name (of those `among`), and the keys it is matched under: its aliases' keys, and for a
    person each one's family name too ("lavrov" for "sergey lavrov")."""
    query = select(*ENTITY_COLUMNS, s.aliases.c.key).join(s.aliases, s.aliases.c.entity_id == s.entities.c.id)
    if among is not None:
        query = query.where(s.entities.c.id.in_(among))
    keys: dict[int, set[str]] = {}
    rows: dict[int, EntityRow] = {}
    for row in conn.execute(query):
        entity = rows.setdefault(row.id, entity_row(row))
        keys.setdefault(row.id, set()).update(_keys(row.key, entity))
    for entity_id, entity in rows.items():
        yield entity, frozenset(keys[entity_id])


# The entities that have a name to match (every one, in practice).
_HAS_ALIAS = s.entities.c.id.in_(select(s.aliases.c.entity_id))


def _keys(alias_key: str, entity: EntityRow) -> tuple[str, ...]:
    """The keys an alias lists its entity under: its own, and a person's family name too."""
    family = names.surname(alias_key) if entity.type is EntityType.PERSON else None
    return (alias_key, family) if family else (alias_key,)


class InstallationIndex(Cache[list[Installation]]):
    """Every installation with facts, summarised, most written-about first (then by name and id)."""

    def __init__(self) -> None:
        super().__init__()
        self._by_id: dict[int, Installation] = {}

    def rebuild(self, conn: Connection) -> list[Installation]:
        """Every installation summarised, in one pass over the facts."""
        self._by_id = {i.entity.id: i for i in installations.summarise(conn)}
        return _ranked(self._by_id.values())

    def refresh(self, conn: Connection, changed: set[int], among: Select[Any]) -> list[Installation]:
        """The changed entities summarised again: an entity no longer an installation (or gone) is dropped."""
        found = {i.entity.id: i for i in installations.summarise(conn, among)}
        for entity_id in changed:
            if entity_id in found:
                self._by_id[entity_id] = found[entity_id]
            else:
                self._by_id.pop(entity_id, None)
        return _ranked(self._by_id.values())


def _ranked(items: Iterable[Installation]) -> list[Installation]:
    """Most written-about first, then by name and id (in Python: a database's collation may order names otherwise)."""
    return sorted(items, key=lambda i: (-i.entity.article_count, i.entity.name, i.entity.id))


def listed(items: Sequence[Installation], entity_id: int) -> Installation | None:
    """One installation of a list, by entity id."""
    return next((i for i in items if i.entity.id == entity_id), None)
