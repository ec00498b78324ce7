"""`about:NAME`: the name resolved as /who resolves it, to the entity and its spelling variants stored apart."""

from __future__ import annotations

from dataclasses import replace

from bot.core.query.resolve import lookup
from bot.core.search.syntax import SearchQuery
from bot.core.store import Store
from bot.core.store.records import EntityRow

# A "did you mean" note names at most this many candidates: it is one line.
MAX_NAMED = 3


def resolve_about(store: Store, query: SearchQuery) -> SearchQuery:
    """The query with each `about:` name resolved to entity ids; a name that resolves to nothing, or to several
    people it could be, is dropped with a note saying so (the rest of the query still runs)."""
    if not query.filters.about:
        return query
    about, entities, notes = [], [], list(query.notes)
    for name in query.filters.about:
        found, note = _entities(store, name)
        if note:
            notes.append(note)
        if found:
            about.append(name)
            entities.append(tuple(sorted({e.id for e in found})))
    filters = replace(query.filters, about=tuple(about), entities=tuple(entities))
    return replace(query, filters=filters, notes=tuple(notes))


def _entities(store: Store, name: str) -> tuple[list[EntityRow], str | None]:
    """The entities `about:name` means, and a note when it was read as something else or dropped."""
    shown = f"about:{name}"
    found = lookup(store, name)
    if found.entity is not None:
        # Variants the index keeps apart (same key or spelling skeleton, same kind) are the same subject.
        same = [e for e in store.entities_by_key(found.entity.name) if e.type is found.entity.type]
        note = f"“{shown}” was read as {found.entity.name}." if found.fuzzy else None
        return [found.entity, *same], note
    if found.choices and not found.fuzzy:
        return found.choices, None  # one name, several entries (a city and its base): articles about any
    if found.choices:
        named = ", ".join(e.name for e in found.choices[:MAX_NAMED])
        return [], f"“{shown}” was ignored: it could be {named}; write the name in full."
    return [], f"“{shown}” was ignored: nothing in the index is called {name}."
