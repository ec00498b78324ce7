"""The grammar that attribution reads: a verb's subject, main and reported clauses, what a subject is about, names
set in apposition, and where each token and quotation stands in the article."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from typing import Generic, TypeVar

from bot.core.extract.document import once
from bot.core.extract.mentions import Candidate, Doc, Token
from bot.core.extract.quotations import Quoted

# How many heads a participle climbs to find its clause's subject ("…, adding that …", "…, insisting, “…”").
MAX_CLIMB = 4
# Prepositions that name what a subject is about ("the fight against …", "talks with …"), not who it belongs to.
_TOPIC_PREPOSITIONS = frozenset({"against", "on", "about", "over", "with", "toward", "towards", "into", "regarding"})


T = TypeVar("T")


class Latest(Generic[T]):
    """Items listed with a position each: which one, of those positioned before a limit, was listed last."""

    def __init__(self, entries: Iterable[tuple[int, T]]) -> None:
        by_position = sorted(enumerate(entries), key=lambda entry: entry[1][0])
        self.positions = [position for _, (position, _) in by_position]
        self.latest: list[T] = []
        newest: tuple[int, T] | None = None
        for order, (_, item) in by_position:
            if newest is None or order > newest[0]:
                newest = (order, item)
            self.latest.append(newest[1])

    def before(self, limit: int) -> T | None:
        """The item listed last among those whose position is below `limit`."""
        n = bisect_left(self.positions, limit)
        return self.latest[n - 1] if n else None


def by_word(entries: Iterable[tuple[str, int, T]]) -> dict[str, Latest[T]]:
    """(word, position, item) entries indexed by word, each word's items by position."""
    grouped: dict[str, list[tuple[int, T]]] = {}
    for word, position, item in entries:
        grouped.setdefault(word, []).append((position, item))
    return {word: Latest(items) for word, items in grouped.items()}


_DEMONSTRATIVES = frozenset({"those", "these", "this", "that"})


def demonstrative(noun: Token) -> bool:
    """Whether a noun is pointed at with "those", "these", "this" or "that"."""
    return any(child.lower_ in _DEMONSTRATIVES for child in noun.children)


def named_apposition(subject: Token, named: dict[int, Candidate]) -> Candidate | None:
    """ "His colleague at the same institute, Irina Volkova, was more cautious": the name set beside a subject."""
    return next((named[c.i] for c in subject.children if c.dep_ == "appos" and c.i in named), None)


def topic(name: Token, subject: Token) -> bool:
    """ "The fight against the PKK would continue": a name in what the subject is about is not who speaks, as it
    is in "a spokesman for the ministry" or "a statement from the Kremlin"."""
    tok = name
    while tok.i != subject.i and tok.head.i != tok.i:
        if tok.dep_ == "pobj" and tok.head.lower_ in _TOPIC_PREPOSITIONS:
            return True
        tok = tok.head
    return False


def reported(subject: Token) -> bool:
    """A subject inside a reported or asked clause ("Asked whether Türkiye was trying …, he said") is what was
    spoken about, not who "he" is."""
    return bool(subject.head.dep_ == "ccomp")


def main_clause(verb: Token) -> bool:
    """The sentence's root or a clause joined to it ("Peskov confirmed …, and al-Sharaa signaled …")."""
    return bool(verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT"))


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject governing a verb, climbing through participles and conjoined verbs."""
    tok = verb
    for _ in range(MAX_CLIMB):
        subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            return subjects[0]
        if tok.head is tok or tok.dep_ not in {"advcl", "conj", "xcomp", "ccomp", "parataxis", "acl", "relcl"}:
            return None
        tok = tok.head
    return None


def token_range(doc: Doc, quoted: Quoted) -> list[int]:
    """The positions of the tokens a quotation covers, marks included."""
    span = doc.char_span(quoted.start, quoted.end, alignment_mode="expand")
    return list(range(span.start, span.end)) if span is not None else []


def paragraph_numbers(doc: Doc) -> list[int]:
    """Each token's paragraph number (a run of line breaks, blank lines included, separates two paragraphs); one
    list per article, which its readers must not change."""
    return once(doc, _paragraph_numbers)


def _paragraph_numbers(doc: Doc) -> list[int]:
    numbers, current = [], 0
    for tok in doc:  # what follows a token is one space or nothing (spaCy): only its text holds a line break
        numbers.append(current)
        current += "\n" in tok.text
    return numbers
