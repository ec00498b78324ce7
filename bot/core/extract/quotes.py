"""Direct quotations and who said them.

A quotation is attributed by the speech verb beside it: after it ("…," Putin said / "…," said Putin / "…," he
told …) or before it in the same sentence (Lavrov … insisting, "…"). "He" and "she" resolve to the person last
named before the quote; a quote that runs on right after an attributed one keeps its speaker.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.core.extract.mentions import Candidate, Cluster, Doc, Token
from bot.core.lexicon import PRONOUNS, SPEECH_VERBS
from bot.core.models import Quote

# Shorter quotations are titles ("60 Minutes") or scare quotes ("big success"), not statements.
MIN_QUOTE_WORDS = 4
# A quote that starts this close after an attributed one, in the same paragraph, continues the same speech.
CONTINUATION_GAP_CHARS = 80
# How far past a closing quote the attribution ("Putin said") may stand.
MAX_TOKENS_AFTER = 6
# How many words of title may stand between "said" and the speaker's name.
MAX_TITLE_TOKENS = 7
_QUOTED = re.compile(r"“([^”]{2,}?)”|\"([^\"]{2,}?)\"")


@dataclass(frozen=True)
class _Quoted:
    text: str
    start: int  # character offsets of the quote marks
    end: int


def find_quotes(doc: Doc, found: list[Candidate], is_person: Callable[[Cluster], bool]) -> list[tuple[Cluster, Quote]]:
    """Each direct quotation long enough to be a statement, with the person it is attributed to."""
    people = sorted((c for c in found if c.cluster is not None and is_person(c.cluster)), key=lambda c: c.start)
    by_token = {i: c for c in people for i in range(c.start, c.end)}
    out: list[tuple[Cluster, Quote]] = []
    previous: tuple[_Quoted, Cluster] | None = None
    for quoted in _quotations(doc.text):
        speaker = _speaker(doc, quoted, by_token, people)
        if speaker is None and previous is not None and _continues(doc.text, previous[0], quoted):
            speaker = previous[1]
        if speaker is None:
            previous = None
            continue
        sentence = doc.char_span(quoted.start, quoted.end, alignment_mode="expand")
        context = sentence.sent.text.strip() if sentence is not None else quoted.text
        out.append((speaker, Quote(quoted.text, context)))
        previous = (quoted, speaker)
    return out


def _quotations(text: str) -> list[_Quoted]:
    found = []
    for match in _QUOTED.finditer(text):
        inner = (match.group(1) or match.group(2)).strip()
        if len(inner.split()) >= MIN_QUOTE_WORDS:
            found.append(_Quoted(inner.rstrip(",").strip(), match.start(), match.end()))
    return found


def _continues(text: str, before: _Quoted, after: _Quoted) -> bool:
    gap = text[before.end : after.start]
    return len(gap) <= CONTINUATION_GAP_CHARS and "\n" not in gap


def _speaker(doc: Doc, quoted: _Quoted, by_token: dict[int, Candidate], people: list[Candidate]) -> Cluster | None:
    opening = doc.char_span(quoted.start, quoted.start + 1, alignment_mode="expand")
    closing = doc.char_span(quoted.end - 1, quoted.end, alignment_mode="expand")
    if opening is None or closing is None:
        return None
    return _speaker_after(doc, closing.end, by_token, people, opening.start) or _speaker_before(
        doc, opening.start, by_token, people
    )


def _speaker_after(
    doc: Doc, i: int, by_token: dict[int, Candidate], people: list[Candidate], quote_start: int
) -> Cluster | None:
    """ "…," Putin said / "…," said Putin / "…," he told Putin."""
    limit = min(len(doc), i + MAX_TOKENS_AFTER)
    while i < limit and doc[i].is_punct:
        i += 1
    if i >= limit:
        return None
    tok = doc[i]
    if tok.lower_ in SPEECH_VERBS:  # "…," said Russian Foreign Minister Sergey Lavrov.
        for j in range(i + 1, min(len(doc), i + 1 + MAX_TITLE_TOKENS)):
            if doc[j].is_punct:
                break
            if j in by_token:
                return by_token[j].cluster
        return None
    if tok.lower_ in PRONOUNS and i + 1 < len(doc) and doc[i + 1].lower_ in SPEECH_VERBS:
        return _antecedent(people, quote_start)
    named = by_token.get(i)
    if named is not None and named.end < len(doc) and _speech_within(doc, named.end, 2):
        return named.cluster
    return None


def _speech_within(doc: Doc, i: int, width: int) -> bool:
    return any(doc[j].lower_ in SPEECH_VERBS for j in range(i, min(len(doc), i + width)))


def _speaker_before(doc: Doc, i: int, by_token: dict[int, Candidate], people: list[Candidate]) -> Cluster | None:
    """Lavrov … insisting, "…": the subject of the speech verb before the quote, in the same sentence."""
    sent_start = doc[i].sent.start
    verbs = [doc[j] for j in range(i - 1, sent_start - 1, -1) if doc[j].lower_ in SPEECH_VERBS]
    if not verbs:
        return None
    # A participle (", insisting, “…”", ", adding, “…”") speaks for the subject of the main clause.
    root = doc[i].sent.root
    participle = verbs[0].tag_ == "VBG" and root.i < i
    subject = (_subject_of(root) if participle else None) or _subject_of(verbs[0])
    if subject is not None:
        if subject.lower_ in PRONOUNS:
            return _antecedent(people, subject.i)
        named = by_token.get(subject.i)
        return named.cluster if named is not None else None
    first = next((c for c in people if sent_start <= c.start < verbs[0].i), None)
    return first.cluster if first is not None else None


def _subject_of(verb: Token) -> Token | None:
    """The grammatical subject governing a verb, climbing through participles ("…, insisting")."""
    tok = verb
    for _ in range(4):
        subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            return subjects[0]
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _antecedent(people: list[Candidate], before: int) -> Cluster | None:
    """The person most recently named before token `before`."""
    earlier = [c for c in people if c.end <= before]
    return earlier[-1].cluster if earlier else None
