"""Entities read by a pattern of their key's letters, through an index on both stores."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, bindparam


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
