"""Who holds a role: "the UN envoy for Syria", "Russia's foreign minister", answered from the stored titles.

The title words of the question ("envoy", "minister") find candidate titles in the store; its modifiers
("foreign", "deputy") must be in the title, and its other words ("UN", "Syria", "Russia's") in the title or in
the sentence that states it, a country also by its demonym or variants ("Russian", "U.S."). The holder stated
most specifically, then most often, then most recently, is the answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.core import names
from bot.core.lexicon import COUNTRY_VARIANTS, DEMONYMS, PERSON_NOUNS, TITLE_HEADS, TITLE_MODIFIERS
from bot.core.models import EntityType
from bot.core.store import Store
from bot.core.store.records import EntityRow, Said

# Enough stated titles to rank the holders of a common title ("minister") in a large corpus.
ROLE_CANDIDATES = 500
# Words of a question that say nothing about the role.
_FILLER = frozenset({"the", "a", "an", "of", "for", "to", "in", "at", "on", "current", "now", "currently", "new"})
# Spellings that are one word of a title: "defence" and "defense" are the same ministry.
_SAME_WORD = {"defense": "defence", "organization": "organisation"}
# Bodies written by their initials in titles ("UN envoy", "U.N. envoy"), with their full names.
_INITIALS = {"un": ("u.n.", "united nations"), "eu": ("e.u.", "european union"), "nato": ("north atlantic",)}
# Words that make a title another office than the one they qualify ("Deputy Foreign Minister" is not the foreign
# minister) or one no longer held ("then-Defence Minister" held it when the story told of): a title with one fits
# only a question that asks for it.
_OTHER_OFFICE = frozenset({"deputy", "vice", "assistant", "associate", "former", "ex", "then", "onetime", "erstwhile"})
# Title words for one role, asked for by one and stated by another: whoever leads a body is its head, chief or,
# for a force, its commander.
_SAME_ROLE = {
    "leader": ("head", "chief", "commander"),
    "head": ("leader", "chief", "commander"),
    "chief": ("head", "leader", "commander"),
}
# Words for who a person is to another, which a title may open ("son of the defence minister").
_RELATIONS = frozenset(
    "son daughter wife husband brother sister friend cousin nephew niece uncle aunt grandson granddaughter".split()
)
# What a person may be to the holder of an office, before "of", "to" or "for" and the office.
_ROLE_BEFORE = TITLE_HEADS | PERSON_NOUNS | _RELATIONS
# Words of a title that say no more than the role asked for: its title words and their modifiers, and fillers.
_ROLE_WORDS = TITLE_HEADS | TITLE_MODIFIERS | _FILLER
# A qualifier found in the title counts more than one found only in the sentence around it.
IN_TITLE, IN_SENTENCE = 2, 1


@dataclass(frozen=True)
class RoleHolder:
    """The entity that holds the role asked about, and the title and sentence that say so."""

    entity: EntityRow
    said: Said


def names_a_role(text: str) -> bool:
    """Whether a question names a role ("the UN envoy for Syria") rather than a name."""
    return any(word in TITLE_HEADS for word in _words(text))


def _title_words(words: list[str]) -> list[str]:
    """The title words of a question: "deputy" is one alone ("who is her deputy?"), but before another title word
    it qualifies that one ("the deputy foreign minister" asks for a minister)."""
    heads = [w for w in words if w in TITLE_HEADS]
    offices = [w for w in heads if w not in _OTHER_OFFICE]
    return offices or heads


def role_holder(store: Store, text: str) -> RoleHolder | None:
    """Who the corpus says holds the role `text` describes, if anyone. Titles with the title word asked for and
    titles with another word for the same role ("the leader of the SDF" may be stated as its commander) are weighed
    together: the best fit of each holder (qualifiers found, then fewest words the question did not ask for, as in
    "head of the SDF media centre", then the word asked for), then how often it is stated, then how recently."""
    words = _words(text)
    heads = _title_words(words)
    modifiers = [w for w in words if w in TITLE_MODIFIERS and w not in heads]
    qualifiers = _qualifiers(store, words)
    asked = {*modifiers, *(word for q in qualifiers for word in q.spellings())}
    best: dict[int, tuple[tuple[int, int, bool], Said]] = {}
    stated: dict[int, set[tuple[str, str, int]]] = {}
    for n, alternative in enumerate(_alternatives(heads)):
        for entity_id, said in store.role_holders(alternative, ROLE_CANDIDATES):
            points = _points(said, modifiers, qualifiers, alternative)
            if points is None or _names_another_role(said.text, alternative):
                continue
            unasked = sum(1 for w in _words(said.text) if w not in asked and w not in _ROLE_WORDS)
            fit = (points, -unasked, n == 0)
            stated.setdefault(entity_id, set()).add((said.text, said.sentence, said.article.id))
            if entity_id not in best or fit > best[entity_id][0]:
                best[entity_id] = (fit, said)
    if not best:
        return None
    # newest first on ties: the store returned them in that order
    entity_id = max(best, key=lambda e: (best[e][0], len(stated[e])))
    entity = store.entity(entity_id)
    return RoleHolder(entity, best[entity_id][1]) if entity is not None else None


def _alternatives(heads: list[str]) -> Iterable[list[str]]:
    """The title words asked for, then the same with one of them replaced by a word for the same role."""
    if heads:
        yield heads
    for n, head in enumerate(heads):
        for other in _SAME_ROLE.get(head, ()):
            yield [*heads[:n], other, *heads[n + 1 :]]


def _names_another_role(title: str, heads: list[str]) -> bool:
    """Whether each title word asked for only qualifies another title word after it, not asked for ("Hezbollah's
    chief negotiator" negotiates for Hezbollah and does not lead it), or stands after what the person is to the
    office's holder ("son of the defence minister", "adviser to the president", "spokesman for the minister")."""
    words = _words(title)
    for head in heads:
        at = [n for n, w in enumerate(words) if w == head]
        after = [words[n + 1] if n + 1 < len(words) else "" for n in at]
        if after and all(a in TITLE_HEADS and a not in heads for a in after):
            return True
        if at and _is_to_another(words[: at[0]], heads):
            return True
    return False


def _is_to_another(before: list[str], heads: list[str]) -> bool:
    """Whether the words before a title word asked for say what someone is to its holder: a person's word, not
    asked for, then "of", "to" or "for"."""
    return any(
        w in {"of", "to", "for"} and n > 0 and before[n - 1] in _ROLE_BEFORE and before[n - 1] not in heads
        for n, w in enumerate(before)
    )


@dataclass(frozen=True)
class Qualifier:
    """Words of a question that a title or its sentence must have (each in one of its spellings), or, when they name
    a stored body, one of the body's names instead."""

    words: tuple[set[str], ...]
    body: set[str] | None = None

    def spellings(self) -> set[str]:
        """Every word this qualifier is written with."""
        return {w for forms in (*self.words, self.body or set()) for form in forms for w in form.split()}


def _qualifiers(store: Store, words: list[str]) -> list[Qualifier]:
    """The words of a question besides its title and fillers, each with its other spellings; a run of them that
    names a stored body is one qualifier, written any way the body is stored ("the Rapid Support Forces" is found in
    "leader of the RSF", and "the RSF" in "head of the Rapid Support Forces")."""
    runs: list[list[str]] = []
    follows = False  # whether the word before was a qualifier too
    for word in words:
        qualifier = word not in TITLE_HEADS and word not in TITLE_MODIFIERS and word not in _FILLER
        if qualifier and follows:
            runs[-1].append(word)
        elif qualifier:
            runs.append([word])
        follows = qualifier
    return [Qualifier(tuple(_forms(word) for word in run), _body_named(store, " ".join(run))) for run in runs]


def _body_named(store: Store, name: str) -> set[str] | None:
    """Every stored name of the organisation called `name`, when one is, as title words are compared."""
    if DEMONYMS.get(name) or COUNTRY_VARIANTS.get(name) or name in _INITIALS:
        return None  # a country or a body with its own list of forms
    bodies = [e for e in store.entities_by_key(name) if e.type is EntityType.ORGANISATION]
    if len(bodies) != 1:
        return None
    return {" ".join(_words(key)) for key in store.alias_keys(bodies[0].id)} | {name}


def _points(said: Said, modifiers: list[str], qualifiers: list[Qualifier], heads: list[str]) -> int | None:
    """How specifically a stated title fits the question; None when it does not fit. Of two offices joined by "and"
    ("the defence minister and a former army chief"), the one with the title word asked for says whether it is held."""
    title, sentence = " ".join(_words(said.text)), " ".join(_words(said.sentence))
    if not all(_has(title, [m]) for m in modifiers):
        return None
    offices = [part for part in re.split(r"\band\b", title) if any(_has(part, [head]) for head in heads)] or [title]
    if all(any(_has(part, [word]) for word in _OTHER_OFFICE - set(modifiers)) for part in offices):
        return None  # "Deputy Foreign Minister Mikhail Bogdanov" answers no "who is Russia's foreign minister?"
    points = 0
    for qualifier in qualifiers:
        found = _found(title, sentence, qualifier)
        if found is None:
            return None
        points += found
    return points


def _found(title: str, sentence: str, qualifier: Qualifier) -> int | None:
    """The points a qualifier earns in a title and its sentence: the body by any of its names, or each word."""
    if qualifier.body and _has(title, qualifier.body):
        return IN_TITLE * len(qualifier.words)
    if qualifier.body and _has(sentence, qualifier.body):
        return IN_SENTENCE * len(qualifier.words)
    points = 0
    for forms in qualifier.words:
        if _has(title, forms):
            points += IN_TITLE
        elif _has(sentence, forms):
            points += IN_SENTENCE
        else:
            return None
    return points


def _has(text: str, forms: Iterable[str]) -> bool:
    return any(re.search(rf"(?<![\w.]){re.escape(form)}(?![\w])", text) for form in forms)


def _forms(word: str) -> set[str]:
    """A word and its other spellings: a country's name, demonym and variants; a body's initials."""
    country = DEMONYMS.get(word) or COUNTRY_VARIANTS.get(word)
    if country is None and any(names.fold(c) == word for c in DEMONYMS.values()):
        country = next(c for c in DEMONYMS.values() if names.fold(c) == word)
    forms = {word, *_INITIALS.get(word, ())}
    if country is not None:
        forms |= {names.fold(country)} | {d for d, c in DEMONYMS.items() if c == country}
        forms |= {v for v, c in COUNTRY_VARIANTS.items() if c == country}
    return forms


def _words(text: str) -> list[str]:
    folded = names.fold(text).replace("'s ", " ").replace("'s", " ")
    words = re.findall(r"[a-z0-9](?:[a-z0-9.]*[a-z0-9])?\.?", folded)
    words = [w.replace(".", "") if re.fullmatch(r"(?:[a-z]\.)+", w) else w for w in words]  # "U.N." is "un"
    return [_SAME_WORD.get(w, w) for w in words]
