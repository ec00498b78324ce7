"""A name searched for finds its other spellings too: "Hmeimim" also finds the articles that write "Khmeimim", when
the index knows both as one entity's names (or as names of one kind of thing it keeps apart)."""

from __future__ import annotations

from dataclasses import replace

from bot.core import names
from bot.core.query.resolve import lookup_exact
from bot.core.search.syntax import SearchQuery, Terms
from bot.core.store import Store

# Other spellings added for one word, at most: a name is rarely written more ways than this.
MAX_SPELLINGS = 4
# Words shorter than this are not names worth respelling ("al", "el").
MIN_LETTERS = 3


def with_spellings(store: Store, query: SearchQuery) -> SearchQuery:
    """The query with each word that names an entity joined by OR to the entity's other spellings of it, and a
    note saying which were added."""
    clauses, added = [], []
    for clause in query.clauses:
        alternatives = list(clause)
        for terms in clause:
            for word in _spellings(store, terms):
                if Terms((word,)) not in alternatives:
                    alternatives.append(Terms((word,)))
                    added.append(word)
        clauses.append(tuple(alternatives))
    if not added:
        return query
    note = f"Also searched for other spellings: {', '.join(added)}."
    return replace(query, clauses=tuple(clauses), notes=(*query.notes, note))


def _spellings(store: Store, terms: Terms) -> list[str]:
    """The other spellings of one word the entity it names is stored under ("khmeimim" for "Hmeimim")."""
    if len(terms.words) != 1 or terms.words == ("OR",):
        return []
    typed = names.key(terms.words[0])
    if len(typed) < MIN_LETTERS or " " in typed:
        return []
    found = lookup_exact(store, terms.words[0])  # typo matching would cost every search a pass over all names
    if found.entity is None:
        return []
    entity = found.entity
    same = [e for e in store.entities_by_key(entity.name) if e.type is entity.type]
    words = {w for e in {entity.id, *(e.id for e in same)} for key in store.alias_keys(e) for w in key.split()}
    return sorted(w for w in words if w != typed and len(w) >= MIN_LETTERS and names.same_name(w, typed))[
        :MAX_SPELLINGS
    ]
