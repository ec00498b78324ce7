"""Direct quotations in an article's text: the words between quotation marks, curly or straight, paragraph by
paragraph (each line is one), a quotation left open at a paragraph's end running to it, as newspapers print a long
quote."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Shorter quotations are titles ("60 Minutes") or scare quotes ("big success"), not statements.
MIN_QUOTE_WORDS = 4
# ... unless a speech verb governs them: 'said Russia respected Azerbaijan's "sovereign decisions"' quotes two words,
# 'said the drill was "routine"' one (see `quotes` for how closely the verb must govern a single word).
MIN_SAID_WORDS = 1
_OPENING_MARKS = "“«„"
_CLOSING_MARKS = "”»"
# Every mark that opens or closes a quotation: the only characters of a line `_spans` needs to look at.
_MARKS = re.compile(f'[{_OPENING_MARKS}{_CLOSING_MARKS}"]')


@dataclass(frozen=True)
class Quoted:
    """A quotation: its words, where it stands (marks included) and in which paragraph."""

    text: str
    start: int  # character offsets of the quotation, marks included
    end: int
    paragraph: int
    opens_paragraph: bool
    short: bool = False  # fewer words than a statement: kept only where a speech verb governs it


def find_quotations(text: str) -> list[Quoted]:
    """Quotations paragraph by paragraph (each line is one); one left open runs to its paragraph's end."""
    found: list[Quoted] = []
    offset, number = 0, -1
    for line in text.split("\n"):
        number += bool(line.strip())  # blank lines separate paragraphs, they are none themselves
        for start, end in _spans(line):
            inner = line[start + 1 : end - 1 if end <= len(line) and line[end - 1] in '”»"' else end]
            inner = inner.strip().rstrip(",").strip()
            words = len(inner.split())
            if words >= MIN_SAID_WORDS:
                opens = not line[:start].strip()
                short = words < MIN_QUOTE_WORDS and not _a_sentence(line[:start], inner)
                found.append(Quoted(inner, offset + start, offset + end, number, opens, short))
        offset += len(line) + 1
    return found


def _a_sentence(before: str, inner: str) -> bool:
    """'"Contacts will continue."' after another sentence: a quotation that is a sentence of its own is a statement,
    however short, unlike a few words quoted inside one."""
    opened = not before.strip() or before.rstrip()[-1:] in ".!?:"
    return opened and inner[:1].isupper() and inner[-1:] in ".!?"


def _spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation in a line, curly or straight marks; an unclosed one ends with the line."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for mark in _MARKS.finditer(line):
        i, ch = mark.start(), mark.group()
        if start is None and (ch in _OPENING_MARKS or (ch == '"' and _may_open(line, i))):
            start = i
        elif start is not None and (ch in _CLOSING_MARKS or ch == '"'):
            spans.append((start, i + 1))
            start = None
    if start is not None:
        spans.append((start, len(line)))
    return spans


def _may_open(line: str, i: int) -> bool:
    before = line[i - 1] if i else " "
    return before.isspace() or before in "([—–-:/"
