"""Entities read by a pattern of their key's letters, through an index on both stores."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, Select, bindparam, select

from bot.core.store import schema as s

# The most entities a look-up by a key's opening letters reads: a given name is borne by a few people at most, and a
# clipped acronym's letters open a few one-word keys.
OPENING_ROWS = 50


def entities_opening(conn: Connection, parts: Sequence[str]) -> list[Row[Any]]:
    """(id, key, type) of the entities whose key the pattern of `parts` spells (`opening`), at most `OPENING_ROWS`."""
    dialect = conn.dialect.name
    return list(conn.execute(_entities_opening(dialect), {"opening": opening(parts, dialect)}))


@cache
def _entities_opening(dialect_name: str) -> Select[Any]:
    """The look-up of `entities_opening`, read through the key's index (`opening_with`); no condition on the type,
    which SQLite would serve from the type's index, reading every entity of the type instead (built once)."""
    e = s.entities.c
    return select(e.id, e.key, e.type).where(opening_with(e.key, "opening", dialect_name)).limit(OPENING_ROWS)


def opening_with(column: Any, name: str, dialect_name: str) -> ColumnElement[bool]:
    """`column` matches the pattern bound as `name` (made by `opening`: some text at the start, more further on),
    read through an index on both stores: SQLite's LIKE ignores case and so no index serves it, while GLOB is served
    by the ordinary index on the column; PostgreSQL's LIKE is served by the index in byte order that migration 0013
    makes on the entities' keys."""
    condition: ColumnElement[bool]
    if dialect_name == "postgresql":
        condition = column.like(bindparam(name), escape="/")
    else:
        condition = column.op("GLOB")(bindparam(name))
    return condition


def opening(parts: Sequence[str], dialect_name: str) -> str:
    """The pattern `opening_with` binds: the first part at the start, each next one somewhere after the one before,
    anything after the last ("cen", "com" for "centcom"); their wildcards escaped."""
    if dialect_name == "postgresql":
        return "%".join("".join(f"/{c}" if c in "/%_" else c for c in part) for part in parts) + "%"
    return "*".join("".join(f"[{c}]" if c in "*?[]" else c for c in part) for part in parts) + "*"
