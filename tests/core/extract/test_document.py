"""The parsed article the rules read (`Parsed`: tokens and text built once, an index of line breaks) answers what
the spaCy Doc answers, and extraction finds the same through it. Text written for these tests."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bot.core.extract as extract_module
from bot.core.extract import extract, furniture
from bot.core.extract.document import Parsed, parsed

ARTICLE = (
    "ANALYSIS\n"
    "Rebuilt runway at a desert airbase draws new attention\n"
    "By Lina Haddad\n\n"
    "BEIRUT, March 3 (Reuters) - Satellite images show work at the Shayrat air base near Homs, two officials said.\n"
    "  An indented line follows, as some exporters print them.\n\n\n"
    '"We are watching it closely," said Colonel Omar Saleh, a spokesman for the Syrian army.\n'
    "(Reporting by Lina Haddad; Editing by Tom Reid)"
)


def _line_by_walking(doc: Any, i: int) -> str:
    """The line of token `i` found as extraction once found it: walking the tokens out from `i` to a line break."""
    start = i
    while start > 0 and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    end = i + 1
    while end < len(doc) and "\n" not in doc[end - 1].whitespace_ and "\n" not in doc[end].text:
        end += 1
    return "".join(t.text_with_ws for t in doc[start:end])


def test_tokens_text_and_slices_are_the_docs_own(nlp: Any) -> None:
    doc = nlp(ARTICLE)
    view = parsed(doc)
    assert view.text == doc.text and len(view) == len(doc)
    assert [t.i for t in view] == list(range(len(doc)))
    assert view[3] is view[3], "the same token object every time"
    assert view[-1].i == len(doc) - 1 and view[5].text == doc[5].text
    assert view[2:6].text == doc[2:6].text and view[2:6].start == 2
    assert [e.text for e in view.ents] == [e.text for e in doc.ents]
    assert view.char_span(0, 8) is not None and view.char_span(0, 8).text == "ANALYSIS"
    assert parsed(view) is view and Parsed(view).doc is doc


def test_each_tokens_line_is_the_line_walking_the_tokens_finds(nlp: Any) -> None:
    doc = nlp(ARTICLE)
    view = parsed(doc)
    lines = [view.line_of(i) for i in range(len(doc))]
    assert lines == [_line_by_walking(doc, i) for i in range(len(doc))]
    assert lines[0] == "ANALYSIS" and "By Lina Haddad" in lines


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Omar", "Saleh", "said", ".", ",", " ", "  ", "\n", "\n\n", " \n", "\n  ", "(AFP)", "-"]),
        min_size=1,
        max_size=40,
    )
)
def test_lines_match_the_walk_whatever_the_whitespace(nlp: Any, pieces: list[str]) -> None:
    doc = nlp("".join(pieces))
    view = parsed(doc)
    assert [view.line_of(i) for i in range(len(doc))] == [_line_by_walking(doc, i) for i in range(len(doc))]


def test_extraction_finds_the_same_as_from_the_bare_doc(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = nlp(ARTICLE)
    through_the_view = extract(doc)
    # The rules as they read the Doc before: spaCy's own tokens and text, and the walk for each line.
    monkeypatch.setattr(extract_module, "parsed", lambda d: d)
    monkeypatch.setattr(furniture, "_line_of", _line_by_walking)
    assert extract(doc) == through_the_view
    assert {e.name for e in through_the_view} >= {"Lina Haddad", "Omar Saleh", "Tom Reid"}
