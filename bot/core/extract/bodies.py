"""Bodies' names the small model cuts in two at "for" or "of": "the U.N. Office" + "the Coordination of Humanitarian
Affairs" is "the U.N. Office for the Coordination of Humanitarian Affairs"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Doc = Any  # spacy.tokens.Doc: spaCy ships no type information
Span = Any

# Nouns that head a civil body's name and say what it is for or of after them ("Office for …", "Mission of …").
# Not a unit's or a force's ("the 1st Infantry Brigade of the Tarvian Defence Forces" is a unit of another body).
_HEADS = frozenset(
    """
    office mission committee council commission agency ministry institute institution centre center foundation
    secretariat authority directorate department programme program fund observatory academy
    """.split()
)
# Words that carry a body's name on to what it is for or of.
_LINKS = frozenset({"for", "of"})


def bodies_joined(doc: Doc, ents: Sequence[Span]) -> list[Span]:
    """The model's entities, with a body's name it cut at "for" or "of" joined again: an organisation ending in a
    body's noun, then "for" or "of" (and "the"), then another organisation right after, are one organisation."""
    out: list[Span] = []
    for ent in ents:
        before = out[-1] if out else None
        if before is not None and _cut_at_a_link(doc, before, ent):
            out[-1] = doc.span(before.start, ent.end, "ORG")
        else:
            out.append(ent)
    return out


def _cut_at_a_link(doc: Doc, before: Span, ent: Span) -> bool:
    """Whether `ent` carries on the body `before` names: "for" or "of" alone between them ("the" may open `ent`)."""
    if before.label_ != "ORG" or ent.label_ != "ORG" or ent.start != before.end + 1:
        return False
    head = doc[before.end - 1]
    link = doc[before.end]
    return head.lower_ in _HEADS and head.text[:1].isupper() and link.lower_ in _LINKS and ent[-1].text[:1].isupper()
