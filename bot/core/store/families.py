"""What an article's people are known by alone elsewhere: for each person's family name, the people who bear it
and the entities known by it alone (`writer._surname_orphans` decides which of those are him).

Read for all of an article's family names in one query when its entities are resolved (it was one query per person:
a fifth of an article's statements), then answered from memory: what the article changes on the way (entities
created, their type, names and keys decided again) is in the writer's tallies, which are read over what was stored.
A merge changes entities in SQL: after one, each family name is asked of the database again, as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Connection, Select, bindparam, or_, select

from bot.core import names
from bot.core.models import EntityType, Extracted
from bot.core.store import schema as s
from bot.core.store.known import bound_list, one_of


@dataclass(frozen=True)
class Bearer:
    """An entity a family name bears on, as the store holds it now; `stored` is its row as read (None for an
    entity the article created or counted: its votes are the tallies')."""

    id: int
    key: str
    surname: str | None
    type: str
    stored: Any


@cache
def _family_named() -> Select[Any]:
    """The people with a family name (by its skeleton) and what is known by it alone (by the name or its skeleton),
    built once. Two plain parameters, not an expanding IN: that would be rendered anew for every person asked."""
    e = s.entities.c
    people = (e.surname == bindparam("family")) & (e.type == EntityType.PERSON)
    by_name = or_(e.key == bindparam("family_key"), e.key == bindparam("family"))
    return select(e.id, e.key, e.surname, e.type, *(e[column] for column in s.VOTE_COLUMNS.values())).where(
        people | (by_name & (e.type != EntityType.INSTALLATION))
    )


@cache
def _families_named(dialect_name: str) -> Select[Any]:
    """`_family_named` for several family names at once (lists bound as one parameter each, see `one_of`), built
    once per dialect: the entities with one of some family names' skeletons or known by one of some names, whatever
    their type (which `FamilyNames.bearers` reads as the article leaves it). With the type in the condition, SQLite
    took its index (every person) over the family name's."""
    e = s.entities.c
    return select(e.id, e.key, e.surname, e.type, *(e[column] for column in s.VOTE_COLUMNS.values())).where(
        one_of(e.surname, "skeletons", dialect_name) | one_of(e.key, "family_keys", dialect_name)
    )


def family_name(found: Extracted) -> tuple[str, str] | None:
    """A person's family name (by its key) and its skeleton, or None for a name of one word."""
    family = names.surname(found.key)
    return (family, names.skeleton(family)) if family else None


class FamilyNames:
    """The entities an article's family names bear on (see the module's docstring)."""

    def __init__(self, conn: Connection, extracted: Iterable[Extracted]) -> None:
        families = {f for found in extracted if found.type is EntityType.PERSON and (f := family_name(found))}
        self.stored: dict[int, Any] = {}  # entity id -> its row as stored before the article
        self.merged = False  # a merge changed entities in SQL since they were read
        if families:
            dialect = conn.dialect.name
            wanted = {
                "skeletons": bound_list({skel for _, skel in families}, dialect),
                "family_keys": bound_list({k for pair in families for k in pair}, dialect),
            }
            self.stored = {row.id: row for row in conn.execute(_families_named(dialect), wanted)}

    def bearers(self, conn: Connection, family: str, skel: str, now: Mapping[int, Mapping[str, Any]]) -> list[Bearer]:
        """The people whose family name's skeleton is `skel`, and what is known by `family` or `skel` alone (an
        installation excepted), by id. `now` maps the entities the article created or counted so far to their
        columns as it leaves them; after a merge, the database is asked."""
        if self.merged:
            rows = conn.execute(_family_named(), {"family": skel, "family_key": family}).all()
            return sorted((Bearer(r.id, r.key, r.surname, r.type, r) for r in rows), key=lambda b: b.id)
        found = []
        for entity_id in sorted(self.stored.keys() | now.keys()):
            stored = self.stored.get(entity_id)  # None: created by the article, so in `now`
            row = now.get(entity_id) or self.stored[entity_id]._mapping
            person = row["surname"] == skel and row["type"] == EntityType.PERSON
            if person or (row["key"] in (family, skel) and row["type"] != EntityType.INSTALLATION):
                found.append(Bearer(entity_id, row["key"], row["surname"], row["type"], stored))
        return found
