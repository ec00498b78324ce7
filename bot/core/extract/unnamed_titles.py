"""A title that opens a story before the name it belongs to, as press releases write it: "The Secretary-General's
Special Envoy for Syria told the Security Council today …", then "… said Geir O. Pedersen" in the next paragraph.
The title is the role of the first person the story then names, if no other person comes between."""

from __future__ import annotations

from bot.core.extract.clauses import paragraph_numbers
from bot.core.extract.mentions import Candidate, Doc, Token
from bot.core.lexicon import TITLE_HEADS
from bot.core.models import EntityType, Role

# How many paragraphs after the title's the name may come: the next one, as press releases go on.
NAME_WITHIN_PARAGRAPHS = 1
# Words in a title phrase at most: longer subjects are descriptions, not titles.
MAX_TITLE_WORDS = 10


def unnamed_titles(doc: Doc, found: list[Candidate]) -> list[tuple[Candidate, Role]]:
    """(the person named next, the title) for each title that stands as a sentence's subject with no name."""
    people = sorted((c for c in found if c.votes.get(EntityType.PERSON, 0.0) > 0), key=lambda c: c.start)
    named = {i for c in people for i in range(c.start, c.end)}
    paragraph = paragraph_numbers(doc)
    out = []
    for sent in doc.sents:
        subject = next((t for t in sent if t.dep_ in {"nsubj", "nsubjpass"} and t.head.dep_ == "ROOT"), None)
        title = _title(subject, named) if subject is not None else None
        if title is None or subject is None:
            continue
        after = [p for p in people if p.start >= sent.end]
        if (
            after
            and len(after[0].key.split()) >= 2
            and paragraph[after[0].start] - paragraph[sent.start] <= (NAME_WITHIN_PARAGRAPHS)
        ):
            out.append((after[0], Role(title, sent.text.strip())))
    return out


def _title(subject: Token, named: set[int]) -> str | None:
    """ "Secretary-General's Special Envoy for Syria" of "The Secretary-General's Special Envoy for Syria": a
    capitalised title word heading a definite subject that names no person."""
    words = list(subject.subtree)
    if (
        subject.lower_ not in TITLE_HEADS or not subject.text[:1].isupper() or subject.i == subject.sent.start
        or len(words) > MAX_TITLE_WORDS or words[0].lower_ != "the" or any(t.i in named for t in words)
    ):  # fmt: skip
        return None
    return "".join(t.text_with_ws for t in words[1:]).strip()
