"""Command lines kept by id: what a Share button shares, whatever its length (a button's value is 2,000 at most);
also the left-out items a "show the rest" button carries when they are longer (bot.core.render.rest)."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import insert, select

from bot.core.store import Store
from bot.core.store import state as t

_Q = t.shared_queries.c
# Ids are a hash of the line: the same query shared twice is stored once. 24 hex digits make a collision
# between two different lines practically impossible.
ID_CHARS = 24


def keep(store: Store, line: str, now: datetime) -> str:
    """Store a command line (once) and return its id."""
    line_id = hashlib.sha256(line.encode()).hexdigest()[:ID_CHARS]
    with store.writing() as conn:
        if conn.execute(select(_Q.id).where(_Q.id == line_id)).first() is None:
            conn.execute(insert(t.shared_queries).values(id=line_id, line=line, created_at=now))
    return line_id


def line(store: Store, line_id: str) -> str | None:
    """The command line stored under `line_id`, if any."""
    with store.engine.connect() as conn:
        found = conn.execute(select(_Q.line).where(_Q.id == line_id)).scalar()
    return None if found is None else str(found)
