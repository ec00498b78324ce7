"""The parsed article the rules read (`Parsed`: tokens and text built once, an index of line breaks) answers what
the spaCy Doc answers, and extraction finds the same through it. Text written for these tests."""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bot.core.extract as extract_module
from bot.core.extract import extract, furniture
from bot.core.extract.clauses import paragraph_numbers
from bot.core.extract.document import SENT, Parsed, char_bounds, once, parsed, reading, span_text, tokens, view_of
from bot.core.extract.placecues import dateline

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
    monkeypatch.setattr(extract_module, "reading", nullcontext)
    monkeypatch.setattr(furniture, "_line_of", _line_by_walking)
    assert extract(doc) == through_the_view
    assert {e.name for e in through_the_view} >= {"Lina Haddad", "Omar Saleh", "Tom Reid"}


def _sentences(doc: Any) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Each token's sentence and each two-token span's, as (start, end)."""
    tokens = [(t.sent.start, t.sent.end) for t in doc]
    spans = [(doc[i : i + 2].sent.start, doc[i : i + 2].sent.end) for i in range(len(doc) - 1)]
    return tokens, spans


def test_sentences_read_through_the_view_are_spacys_own(nlp: Any) -> None:
    doc = nlp(ARTICLE)
    walked = _sentences(doc)
    with reading(doc) as view:
        assert _sentences(doc) == walked == _sentences(view)
        sentence = view[40].sent
        assert all(t.sent is sentence for t in view if sentence.start <= t.i < sentence.end), "built once"
        assert view[40].sent.text == doc[40:41].sent.text
    assert SENT not in doc.user_token_hooks and SENT not in doc.user_span_hooks, "the hooks are taken away"
    assert _sentences(doc) == walked
    with pytest.raises(KeyError), reading(doc):
        raise KeyError("a rule failed")
    assert not doc.user_token_hooks and not doc.user_span_hooks, "taken away after a failure too"


def test_a_view_made_for_the_block_is_spent_after_it_and_one_handed_in_is_not(nlp: Any) -> None:
    doc = nlp(ARTICLE)
    with reading(doc) as view:
        token, sentence = view[12], view.sentence(12)
        assert token.head.i == doc[12].head.i and sentence.view is view
    assert len(view) == 0 and not hasattr(token, "view") and not hasattr(sentence, "view"), "no cycles left"
    assert view_of(token) is doc and view_of(doc[12]) is doc, "a spent view's token, spaCy's own: the Doc"
    own = parsed(doc)
    assert view_of(own[12]) is own and view_of(own[12]).ents is own.ents
    with reading(own) as view:
        assert view is own
    assert len(own) == len(doc) and own[12].head.i == doc[12].head.i


def test_a_doc_without_sentences_or_with_hooks_of_its_own_is_read_as_it_is(nlp: Any) -> None:
    bare = nlp.make_doc("No parser has seen this text.")
    with reading(bare) as view:
        assert len(view) == len(bare) and not bare.user_token_hooks
    doc = nlp(ARTICLE)
    doc.user_token_hooks[SENT] = own = lambda token: token.doc[0:1]
    with reading(doc):
        assert doc[30].sent.start == 0
    assert doc.user_token_hooks[SENT] is own


@settings(max_examples=200, deadline=None)
@given(start=st.integers(-80, 80), end=st.integers(-80, 80))
def test_texts_and_tokens_of_a_stretch_are_the_slices_own(nlp: Any, start: int, end: int) -> None:
    doc = nlp(ARTICLE)
    view = parsed(doc)
    assert span_text(view, start, end) == doc[start:end].text == span_text(doc, start, end)
    if start >= 0:  # `tokens` takes a start below 0 as the article's start, as the rules ask
        assert [t.i for t in tokens(view, start, end)] == [t.i for t in doc[start:end]]


def _token_facts(tok: Any) -> tuple[Any, ...]:
    """What the rules read of a token, with its neighbours in the parse as their indexes."""
    return (
        type(tok).__mro__[-2].__name__,  # a spaCy Token, whatever the view makes of it
        tok.i, tok.text, tok.lower_, tok.dep_, tok.text_with_ws, tok.head.i,
        [t.i for t in tok.children], [t.i for t in tok.lefts], [t.i for t in tok.rights],
        [t.i for t in tok.subtree], [t.i for t in tok.ancestors], tok.left_edge.i, tok.right_edge.i,
        (tok.sent.start, tok.sent.end),
    )  # fmt: skip


def test_the_views_tokens_read_and_walk_the_parse_as_spacys_own(nlp: Any) -> None:
    doc = nlp(ARTICLE)
    view = parsed(doc)
    assert [_token_facts(t) for t in view] == [_token_facts(t) for t in doc]
    assert view[12].head is view[view[12].head.i], "the view's own tokens"
    assert all(c is view[c.i] for t in view for c in t.children)
    assert next(view[5].children, None) is not None or not list(doc[5].children), "an iterator, as spaCy's"
    assert view[3].is_ancestor(view[3]) is doc[3].is_ancestor(doc[3])
    assert [(a.i, b.i, a.is_ancestor(b)) for a in view for b in view[:20]] == [
        (a.i, b.i, a.is_ancestor(b)) for a in doc for b in doc[:20]
    ]


def _span_facts(span: Any) -> tuple[Any, ...]:
    return (
        span.start, span.end, span.text, span.start_char, span.end_char, span.label_, span.root.i,
        [t.i for t in span], [e.text for e in span.ents], (span.sent.start, span.sent.end),
        span[0].i if len(span) else None, span[-1].i if len(span) else None,
        (span[1:3].start, span[1:3].end, span[1:3].text),
    )  # fmt: skip


def test_the_views_spans_are_the_docs_slices_sentences_and_entities(nlp: Any) -> None:
    doc = nlp(ARTICLE)
    view = parsed(doc)
    assert [_span_facts(s) for s in view.ents] == [_span_facts(s) for s in doc.ents]
    assert view.ents is view.ents, "built once"
    assert [_span_facts(s) for s in view.sents] == [_span_facts(s) for s in doc.sents]
    slices = [(0, 1), (2, 9), (20, 45), (40, len(doc))]
    assert [_span_facts(view[a:b]) for a, b in slices] == [_span_facts(doc[a:b]) for a, b in slices]
    assert all(t is view[t.i] for t in view[2:9]), "the view's own tokens"
    assert view[-5:].text == doc[-5:].text and view[5:2].text == "" and view[:3].start == 0
    with pytest.raises(IndexError):
        view[2:4][2]
    with pytest.raises(ValueError):
        view[0:10:2]


@settings(max_examples=200, deadline=None)
@given(start=st.integers(-80, 80), end=st.integers(-80, 80))
def test_where_a_stretch_lies_in_the_text_is_its_slices_own(nlp: Any, start: int, end: int) -> None:
    doc = nlp(ARTICLE[:300])
    view = parsed(doc)
    span = doc[start:end]
    assert char_bounds(view, start, end) == (span.start_char, span.end_char) == char_bounds(doc, start, end)


def test_a_whole_article_reading_is_worked_out_once_per_view(nlp: Any) -> None:
    doc = nlp(ARTICLE)
    calls: list[int] = []

    def count(read: Any) -> int:
        calls.append(len(read))
        return len(calls)

    view = parsed(doc)
    assert once(view, count) == once(view, count) == 1 and calls == [len(doc)], "the view's answer, kept"
    assert once(doc, count) == 2 and once(doc, count) == 3, "a bare Doc is read every time"
    assert dateline(view) == dateline(doc) and dateline(view)[0] == "Beirut"  # type: ignore[index]
    assert paragraph_numbers(view) is paragraph_numbers(view)
    assert paragraph_numbers(view) == paragraph_numbers(doc) == [_paragraph_of(doc, i) for i in range(len(doc))]
    assert paragraph_numbers(view)[-1] == 6, "seven printed lines, a blank line or two between some of them"
    view.release()
    assert once(view, count) == 4, "a spent view keeps nothing"


def _paragraph_of(doc: Any, i: int) -> int:
    """Token `i`'s paragraph, counted by walking: the tokens before it whose text or space after holds a line break."""
    return sum("\n" in t.text_with_ws for t in doc[:i])
