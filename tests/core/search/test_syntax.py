"""The search language: what each form parses to, notes for what was ignored, and any text parsing to a tree
that types back as itself."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.search import Filters, SearchQuery, Sort, Terms, parse
from bot.core.search.syntax import MAX_FILTERS_PER_KIND, MAX_QUERY_WORDS

TODAY = date(2025, 11, 29)


def words(*texts: str) -> tuple[Terms, ...]:
    return tuple(Terms(tuple(t.split())) for t in texts)


def test_every_form_of_the_language() -> None:
    query = parse(
        '"Astana process" -Turkey -"walked out" talks OR negotiations from:2025-11 to:2025-11-20 '
        'source:"Levant Wire" about:Lavrov sort:new',
        TODAY,
    )

    assert query == SearchQuery(
        clauses=(words("Astana process"), words("talks", "negotiations")),
        excluded=words("Turkey", "walked out"),
        filters=Filters(date(2025, 11, 1), date(2025, 11, 20), ("Levant Wire",), ("Lavrov",)),
        sort=Sort.NEW,
    )
    assert query.text() == (
        '"Astana process" talks OR negotiations -Turkey -"walked out" from:2025-11-01 to:2025-11-20 '
        'source:"Levant Wire" about:Lavrov sort:new'
    )


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        ("a OR b OR c d", (words("a", "b", "c"), words("d"))),
        ("OR a OR", (words("a"),)),  # a dangling OR joins nothing
        ("a or b", (words("a"), words("or"), words("b"))),  # only the capitals are the operator
        ('"OR"', (words("OR"),)),
        ("co-operation U.S. foo_bar", (words("co operation"), words("U S"), words("foo bar"))),
        ("“smart quotes” here", (words("smart quotes"), words("here"))),
        ('"unclosed phrase', (words("unclosed phrase"),)),
        ("10:30 http://x.example/a", (words("10 30"), words("http x example a"))),
        ("astana astana", (words("astana"),)),
    ],
)
def test_words_phrases_and_or(text: str, clauses: tuple[tuple[Terms, ...], ...]) -> None:
    assert parse(text, TODAY).clauses == clauses


@pytest.mark.parametrize(
    ("text", "since", "until"),
    [
        ("from:2025-11-03", date(2025, 11, 3), None),
        ("from:2025-02 to:2025-02", date(2025, 2, 1), date(2025, 2, 28)),
        ("from:2024 to:2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("FROM:today", TODAY, None),
        ("to:yesterday", None, date(2025, 11, 28)),
    ],
)
def test_dates(text: str, since: date | None, until: date | None) -> None:
    filters = parse(text, TODAY).filters
    assert (filters.since, filters.until) == (since, until)


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("from:yesterdayish", "“from:yesterdayish” was ignored: from: takes a date such as 2025-11-03"),
        ("to:2025-02-30", "“to:2025-02-30” was ignored: to: takes a date such as 2025-11-30"),
        ("from:0000", "“from:0000” was ignored"),
        ("from:2025-11-05 to:2025-11-01", "“from:2025-11-05” is after “to:2025-11-01”: both were ignored."),
        ("sort:sideways", "“sort:sideways” was ignored: sort: is new or relevance."),
        ("-source:reuters", "“-source:reuters” was ignored: a filter cannot be negated."),
        ("about:", "“about:” was ignored: it needs a value, such as about:Lavrov."),
    ],
)
def test_a_filter_that_cannot_be_read_is_dropped_with_one_line(text: str, note: str) -> None:
    query = parse(f"ceasefire {text}", TODAY)

    [line] = query.notes
    assert line.startswith(note) and "\n" not in line
    assert query.clauses == (words("ceasefire"),) and not query.filtered and query.sort is Sort.RELEVANCE


def test_limits() -> None:
    many = parse(" ".join(f"w{n}" for n in range(100)) + " source:a " * 9, TODAY)
    assert len(many.clauses) == MAX_QUERY_WORDS
    assert many.notes[0] == f"Only the first {MAX_QUERY_WORDS} words were searched."
    assert len(parse(" ".join(f"source:s{n}" for n in range(9)), TODAY).filters.sources) == MAX_FILTERS_PER_KIND
    assert parse("to:9999-12-31 from:0001-01-01", TODAY).filters == Filters(date(1, 1, 1), date(9999, 12, 31))


@given(st.text())
def test_any_text_parses_to_plain_words_and_types_back_as_the_same_query(text: str) -> None:
    query = parse(text, TODAY)

    for terms in (*query.positive, *query.excluded):
        assert terms.words and all(w.isalnum() for w in terms.words)
    assert sum(len(t.words) for t in (*query.positive, *query.excluded)) <= MAX_QUERY_WORDS
    again = parse(query.text(), TODAY)
    assert again.clauses == query.clauses
    assert again.excluded == query.excluded
    assert (again.filters, again.sort) == (query.filters, query.sort)


@given(st.lists(st.sampled_from(['"', "-", " ", "OR", "from:", "about:", "source:", "x", "é", ":", "“", "2025-11"])))
def test_any_mix_of_the_syntax_parses_and_types_back(parts: list[str]) -> None:
    query = parse("".join(parts), TODAY)
    again = parse(query.text(), TODAY)
    assert (again.clauses, again.excluded, again.filters, again.sort) == (
        query.clauses,
        query.excluded,
        query.filters,
        query.sort,
    )
