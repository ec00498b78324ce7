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
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, Select, select

from bot.core import names
from bot.core.models import EntityType
from bot.core.store import changes, installations, saved_names
from bot.core.store import schema as s
from bot.core.store.changes import Generation
from bot.core.store.nogc import paused_collection
from bot.core.store.records import Installation
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

# The keys typed names are matched against, and the ids of the entities bearing each, index for index.
NameKeys = tuple[list[str], list[tuple[int, ...]]]
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
            built = self._built or self.restore(conn)
            now = changes.current(conn)  # the snapshot's own: it may be newer than `generation`
            if built is None or built.generation.token != now.token:
                try:
                    built = _Built(now, self._updated(conn, built, now))
                except BaseException:
                    self._built = None  # a refresh cut short may have left the cache half-changed: rebuild it
                    raise
            self._built = built
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
                merged = now.merged_since(built.generation)
                return self.refresh(conn, changed, changes.changed_since(built.generation.number), merged)
        return self.rebuild(conn)

    def restore(self, conn: Connection) -> _Built[T] | None:
        """The value as some process kept it, to bring up to date rather than build (None: build it)."""
        return None

    @abstractmethod
    def rebuild(self, conn: Connection) -> T:
        """The value read afresh from the store."""

    @abstractmethod
    def refresh(self, conn: Connection, changed: set[int], among: Select[Any], merged: bool) -> T:
        """The value with the entities `changed` (selected by the subquery `among`) read again (`merged`: some
        were merged into others since the value was built)."""


class NameIndex(Cache[NameKeys]):
    """Every alias key and person's family name, sorted, each with the ids of the entities bearing it (sorted);
    and, once typo matching has been asked twice, those keys by trigram (`trigrams`), to propose the likely ones.
    Entities are held by id: what a list shows of them (name, article count) is read for the few matched."""

    def __init__(self, kept: Path | None = None) -> None:
        super().__init__()
        self._kept = kept  # the file the keys are kept in for the next process (`saved_names`), if any
        self._keys: list[str] = []
        self._owners: list[tuple[int, ...]] = []
        self._keys_of: dict[int, set[str]] | None = {}  # entity id -> the keys it is listed under (None: not yet)
        self._trigrams: TrigramIndex | None = None
        self._owners_of: dict[str, tuple[int, ...]] | None = None  # key -> its entities, with the trigram index
        self._scans = 0  # typo lookups since the keys were read afresh, without the trigram index

    def rebuild(self, conn: Connection) -> NameKeys:
        """Every entity's names, read in one statement (`_named`), then listed by key."""
        with paused_collection():
            self._keys_of = _named(conn, None)
            owners: dict[str, list[int]] = {}
            for entity_id in sorted(self._keys_of):  # so that each key's ids come in order
                for key in self._keys_of[entity_id]:
                    owners.setdefault(key, []).append(entity_id)
            self._keys = sorted(owners)
            self._owners = [tuple(owners[key]) for key in self._keys]
        self._trigrams, self._owners_of, self._scans = None, None, 0
        if self._kept is not None:
            saved_names.save(self._kept, conn, saved_names.Saved(changes.current(conn), self._keys, self._owners))
        return list(self._keys), list(self._owners)

    def restore(self, conn: Connection) -> _Built[NameKeys] | None:
        """The keys another process (or an earlier run) kept, if they were read from this store."""
        saved = saved_names.load(self._kept, conn) if self._kept is not None else None
        if saved is None:
            return None
        # Which keys each entity is under is worked out at the first refresh, which needs it: loading it with the
        # keys took five times as long as the keys alone (a million articles: 0.6 s), in every new process.
        self._keys, self._owners, self._keys_of = saved.keys, saved.owners, None
        self._trigrams, self._owners_of, self._scans = None, None, 0
        return _Built(saved.generation, (list(self._keys), list(self._owners)))

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
            if self._owners_of is None:  # a proposed key's entities by dictionary, not by bisecting the keys
                self._owners_of = dict(zip(self._keys, self._owners, strict=True))
            owners_of = self._owners_of
            # a proposed key gone since the trigrams were built is not one of them
            keys = sorted(key for key in self._trigrams.likely(name_key, MOST_PROPOSED) if key in owners_of)
            return keys, [owners_of[key] for key in keys]

    def refresh(self, conn: Connection, changed: set[int], among: Select[Any], merged: bool) -> NameKeys:
        """Each changed entity taken off its old keys and put under its current ones (a deleted one only off)."""
        found = _named(conn, among)
        for entity_id in changed:
            self._move(entity_id, found.get(entity_id, set()))
        return list(self._keys), list(self._owners)

    def _move(self, entity_id: int, keys: set[str]) -> None:
        if self._keys_of is None:
            self._keys_of = {}
            with paused_collection():
                for key, ids in zip(self._keys, self._owners, strict=True):
                    for owner in ids:
                        self._keys_of.setdefault(owner, set()).add(key)
        old = self._keys_of.pop(entity_id, set())
        if keys:
            self._keys_of[entity_id] = keys
        for key in old | keys:
            at = bisect_left(self._keys, key)
            listed = at < len(self._keys) and self._keys[at] == key
            others = [i for i in self._owners[at] if i != entity_id] if listed else []
            if key in keys:
                others.append(entity_id)
            if not others:
                if listed:
                    del self._keys[at], self._owners[at]
            elif listed:
                self._owners[at] = tuple(sorted(others))
            else:
                self._keys.insert(at, key)
                self._owners.insert(at, tuple(sorted(others)))
                if self._trigrams is not None:
                    self._trigrams.add(key)
            if self._owners_of is not None:
                if others:
                    self._owners_of[key] = tuple(sorted(others))
                else:
                    self._owners_of.pop(key, None)


def _named(conn: Connection, among: Among) -> dict[int, set[str]]:
    """The keys each entity with a name (of those `among`) is matched under: its aliases' keys, and for a person
    each one's family name too ("lavrov" for "sergey lavrov")."""
    query = select(s.aliases.c.entity_id, s.aliases.c.key, s.entities.c.type).join(
        s.entities, s.entities.c.id == s.aliases.c.entity_id
    )
    rows: Iterable[Any]
    if among is None:
        rows = _driver_rows(conn, str(query.compile(conn)))
    else:
        rows = conn.execute(query.where(s.aliases.c.entity_id.in_(among)))
    person = EntityType.PERSON.value
    keys: dict[int, set[str]] = {}
    for entity_id, key, kind in rows:
        family = names.surname(key) if kind == person else None
        keys.setdefault(entity_id, set()).update((key, family) if family else (key,))
    return keys


def _driver_rows(conn: Connection, sql: str) -> list[Any]:
    """The rows of a statement without parameters as the driver returns them, plain tuples, in `conn`'s
    transaction: every alias of a million articles is half a million rows, and mapping each to a row object was
    most of a fresh process's first typo lookup."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


class InstallationIndex(Cache[list[Installation]]):
    """Every installation with facts, summarised, most written-about first (then by name and id).

    The statements of each entity's facts are counted once, then only the facts stored since are counted and
    added (facts are numbered in the order they are stored, by one writer at a time): an installation in the
    news for years is not counted over again after every article naming it. A merge is the one change that
    moves counted facts from one entity to another; the entities changed since are counted afresh after one (an
    id alone does not tell: SQLite gives the id of an entity merged away to the next one created)."""

    def __init__(self) -> None:
        super().__init__()
        self._by_id: dict[int, Installation] = {}
        self._counted: dict[int, installations.Counted] = {}  # entity id -> its facts' statements, counted
        self._newest_fact = 0  # the newest fact counted

    def rebuild(self, conn: Connection) -> list[Installation]:
        """Every installation summarised, in one pass over the facts."""
        self._newest_fact = installations.newest_fact_id(conn)
        self._counted = installations.count_facts(conn, None, upto=self._newest_fact)
        self._by_id = {i.entity.id: i for i in installations.summarise(conn, None, self._counted)}
        return _ranked(self._by_id.values())

    def refresh(self, conn: Connection, changed: set[int], among: Select[Any], merged: bool) -> list[Installation]:
        """The changed entities summarised again, with the facts stored since counted: an entity no longer an
        installation (or gone) is dropped."""
        newest = installations.newest_fact_id(conn)
        # After a merge, facts counted as one changed entity's may be another's now. A writer records its merges
        # (`changes`); a counted entity that is gone is one too, whoever wrote it.
        if merged or self._merged_away(conn, changed):
            for entity_id in changed:
                self._counted.pop(entity_id, None)
            self._counted.update(installations.count_facts(conn, among, upto=newest))
        else:
            since = installations.count_facts(conn, among, after=self._newest_fact, upto=newest)
            for entity_id, more in since.items():
                self._counted[entity_id] = installations.added(self._counted.get(entity_id, {}), more)
        self._newest_fact = newest
        ours = {entity_id: self._counted[entity_id] for entity_id in changed if entity_id in self._counted}
        found = {i.entity.id: i for i in installations.summarise(conn, among, ours)}
        for entity_id in changed:
            if entity_id in found:
                self._by_id[entity_id] = found[entity_id]
            else:
                self._by_id.pop(entity_id, None)
        return _ranked(self._by_id.values())

    def _merged_away(self, conn: Connection, changed: set[int]) -> bool:
        """Whether one of the changed entities whose facts were counted is gone (merged into another)."""
        counted = [entity_id for entity_id in changed if entity_id in self._counted]
        if not counted:
            return False
        e = s.entities.c
        present = set(conn.execute(select(e.id).where(e.id.in_(counted))).scalars())
        return len(present) < len(counted)


def _ranked(items: Iterable[Installation]) -> list[Installation]:
    """Most written-about first, then by name and id (in Python: a database's collation may order names otherwise)."""
    return sorted(items, key=lambda i: (-i.entity.article_count, i.entity.name, i.entity.id))


def listed(items: Sequence[Installation], entity_id: int) -> Installation | None:
    """One installation of a list, by entity id."""
    return next((i for i in items if i.entity.id == entity_id), None)
