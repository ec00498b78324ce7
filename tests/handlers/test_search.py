"""/search QUERY: ranked matches with the words highlighted, the query language (phrases, exclusions, OR, filters,
sort), notes for what was ignored, paging, a page past the last, usage and no match."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.extract import extract
from bot.core.models import Article
from bot.core.registry import Context
from bot.core.render.blockkit import plain
from bot.core.search.syntax import MAX_QUERY_WORDS
from bot.core.store import Store, open_store
from handlers import build_registry, search
from tests.handlers.support import add_article, buttons, context_over, kinds, texts


# Every test here runs searched by the store's own SQL and through the search index (tests/conftest.py).
@pytest.fixture
def store(searched_store: Store) -> Store:
    return searched_store


@pytest.fixture
def corpus(corpus: Context, search_index: Path | None) -> Iterator[Context]:
    yield from _indexed(corpus, search_index)


@pytest.fixture
def northland(northland_url: str, search_index: Path | None) -> Iterator[Context]:
    yield from _indexed(Context(store=open_store(northland_url), registry=build_registry()), search_index)


def _indexed(context: Context, search_index: Path | None) -> Iterator[Context]:
    """The context over the same database, with a store keeping a search index in `search_index` (if any)."""
    store = open_store(context.store.engine.url.render_as_string(hide_password=False), search_index)
    context.store.engine.dispose()
    yield replace(context, store=store)
    if store.search_index is not None:
        store.search_index.close()
    store.engine.dispose()


def test_astana_finds_the_article_about_the_astana_process_first(corpus: Context) -> None:
    reply = search.answer("Astana", corpus)

    assert kinds(reply)[:3] == ["header", "context", "section"]
    assert texts(reply)[:2] == ["Search: Astana", "1 article match"]
    first = texts(reply)[2]
    assert first.startswith("*Foreign Ministers of Türkiye and Russia, Hakan Fidan and Sergey Lavrov, spoke by")
    assert first.split("\n")[0].endswith(" · 000_e459f33488a22445.txt")
    assert "the *Astana* process" in first, "the matched word is highlighted in the snippet"
    assert buttons(reply) == []


def test_the_query_is_shown_as_it_was_understood(corpus: Context) -> None:
    reply = search.answer("“Astana process” AND (talks)*", corpus)

    assert texts(reply)[0] == 'Search: "Astana process" AND talks'
    assert "*talks*" in texts(reply)[2]


@pytest.mark.parametrize("text", ["", "   ", "?!", '(( "" *', "--page 2", "OR", "-"])
def test_no_words_get_the_usage_and_the_syntax(text: str, corpus: Context) -> None:
    [usage, hint] = texts(search.answer(text, corpus))

    assert usage == "What should I search for? Usage: /search WORDS"
    assert hint.startswith('For example: /search "Astana process" -Turkey from:2025-11.')
    assert all(part in hint for part in ('"exact phrase"', "-word", " OR ", "from:", "to:", "source:", "about:"))


def test_words_no_article_has_say_so(corpus: Context) -> None:
    reply = search.answer("zzyzx", corpus)

    assert texts(reply) == ["No articles match “zzyzx”.", "Try fewer or different words, or fewer filters."]


def test_a_very_long_query_is_answered_with_a_short_header_and_says_so(corpus: Context) -> None:
    reply = search.answer(" ".join(f"Astana{n}" for n in range(500)) + " Astana", corpus)

    assert texts(reply)[0] == "No articles match “" + " ".join(f"Astana{n}" for n in range(MAX_QUERY_WORDS)) + "”."
    assert texts(reply)[1].startswith(f"Only the first {MAX_QUERY_WORDS} words were searched.")
    repeated = search.answer("Astana " * 500, corpus)
    assert texts(repeated)[:2] == ["Search: Astana", "1 article match"], "a repeated word is one term"


def test_more_matches_than_a_page_are_paged_without_overlap(northland: Context) -> None:
    first = search.answer("Petrov", northland)
    second = search.answer("Petrov --page 2", northland)

    def sources(reply_texts: list[str]) -> list[str]:
        return [t.split("\n")[0].rsplit(" · ", 1)[1] for t in reply_texts if t.startswith("*")]

    assert texts(first)[1] == texts(second)[1] == "6 articles match"
    assert len(sources(texts(first))) == search.RESULTS_PER_PAGE and len(sources(texts(second))) == 1
    assert sorted(sources(texts(first)) + sources(texts(second))) == [f"{n:02d}.txt" for n in range(6)]
    assert buttons(first) == [("More results", "/search Petrov --page 2")]
    assert buttons(second) == []


def test_a_page_past_the_last_says_where_the_results_end(store: Store) -> None:
    # Moved from tests/core/store/test_search.py: the reply is the handler's.
    for day in range(1, 8):
        add_article(store, f"Ceasefire talks, round {day}", "Delegations met again to discuss the ceasefire.", day=day)
    reply = plain(search.answer("ceasefire --page 9", context_over(store)))
    assert "The 7 ranked results for “ceasefire” end on page 2." in reply


def test_a_page_past_the_last_offers_the_last_page(corpus: Context) -> None:
    reply = search.answer("Astana --page 3", corpus)

    assert texts(reply)[-1] == "/search Astana --page 1, or add words to narrow the search."


# --- the query language, on articles written for each case -----------------------------------------------


@pytest.fixture
def wire(store: Store) -> Context:
    """Five articles from two outlets over October 2025, for phrases, exclusions, OR, dates and sources."""
    for headline, body, day, source in (
        ("Astana process resumes", "Envoys met for the Astana process in Kazakhstan.", 3, "Levant Wire"),
        ("Process in Astana stalls", "The process stalled in Astana; Turkey walked out.", 9, "Levant Wire"),
        ("Turkey and the talks", "Turkey joined talks on the Astana process.", 15, "Harbour Times"),
        ("Grain corridor", "Negotiations on grain shipments resumed.", 20, "Harbour Times"),
        ("Power cuts", "Electricity returned for a few hours.", 27, "Levant Wire"),
    ):
        digest = hashlib.sha256(headline.encode()).hexdigest()
        published = datetime(2025, 10, day, 12, tzinfo=UTC)
        article = Article(text=body, headline=headline, published=published, source=source, content_hash=digest)
        assert store.add_article(article, []) is not None
    return context_over(store)


def found(reply_texts: list[str]) -> list[str]:
    """The headlines of a reply's results, in order."""
    return [t.split("*")[1] for t in reply_texts if t.startswith("*")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"Astana process"', ["Turkey and the talks", "Astana process resumes"]),
        ("astana process", ["Turkey and the talks", "Process in Astana stalls", "Astana process resumes"]),
        ("astana -turkey", ["Astana process resumes"]),
        ('astana -"walked out"', ["Turkey and the talks", "Astana process resumes"]),
        ("grain OR electricity", ["Power cuts", "Grain corridor"]),
        ("astana from:2025-10-05 to:2025-10-10", ["Process in Astana stalls"]),
        ("source:levant", ["Power cuts", "Process in Astana stalls", "Astana process resumes"]),
        ('source:"harbour times" -turkey', ["Grain corridor"]),
        ("from:2025-10-20", ["Power cuts", "Grain corridor"]),
        ("astana sort:new", ["Turkey and the talks", "Process in Astana stalls", "Astana process resumes"]),
    ],
)
def test_the_query_language(query: str, expected: list[str], wire: Context) -> None:
    results = found(texts(search.answer(query, wire)))

    # Ranked by relevance and date, except with sort:new or without words, which list the newest first.
    assert (
        results == expected
        if "sort:new" in query or query.startswith(("source", "from"))
        else sorted(results) == sorted(expected)
    )


def test_a_bad_filter_is_explained_in_one_line_and_the_rest_still_runs(wire: Context) -> None:
    reply = search.answer("astana from:yesterdayish sort:sideways", wire)

    assert texts(reply)[:4] == [
        "Search: astana",
        "3 articles match",
        "“from:yesterdayish” was ignored: from: takes a date such as 2025-11-03 (or a month, 2025-11, a year, "
        "today or yesterday).",
        "“sort:sideways” was ignored: sort: is new or relevance.",
    ]
    assert len(found(texts(reply))) == 3


def test_without_any_word_every_term_is_not_needed_and_the_reply_says_so(wire: Context) -> None:
    reply = search.answer("grain zeppelin", wire)

    assert texts(reply)[1] == "No article has every word; 1 article have some of them"
    assert found(texts(reply)) == ["Grain corridor"]


def test_the_more_button_repeats_the_query_as_understood(northland: Context) -> None:
    reply = search.answer("Petrov  -zzyzx  from:2025-03", northland)

    assert buttons(reply) == [("More results", "/search Petrov -zzyzx from:2025-03-01 --page 2")]
    assert texts(search.answer("Petrov -zzyzx from:2025-03-01 --page 2", northland))[1] == "6 articles match"


def test_about_finds_the_articles_linked_to_an_entity_with_a_typo_read_as_the_name(northland: Context) -> None:
    exact = search.answer("about:Petrov", northland)
    typo = search.answer("about:Petrof", northland)

    assert texts(exact)[:2] == ["Search: about:Petrov", "6 articles match"]
    assert texts(typo)[1:3] == ["6 articles match", "“about:Petrof” was read as Ivan Petrov."]


def test_about_a_name_nobody_has_is_dropped_with_a_note(northland: Context) -> None:
    reply = search.answer("Petrov about:Zzyzxville", northland)

    assert texts(reply)[:3] == [
        "Search: Petrov",
        "6 articles match",
        "“about:Zzyzxville” was ignored: nothing in the index is called Zzyzxville.",
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["about:", "Petrov", "Petrof", '"', "-", "OR", "source:", "from:", "x", " ", "é"])))
def test_any_query_gets_an_answer(northland: Context, parts: list[str]) -> None:
    reply = search.answer("".join(parts), northland)

    assert texts(reply)[0].startswith(("Search: ", "No articles match", "What should I search for?"))


def test_about_alone_shows_the_sentence_that_names_the_entity(store: Store, nlp: Any) -> None:
    openings = ("Rain fell on the capital all week.", "Markets were calm on Tuesday.")
    for day, opening in enumerate(openings, 1):
        text = f"{opening} Later, Defence Minister Ivan Torvik visited the port of Velmar."
        digest = hashlib.sha256(text.encode()).hexdigest()
        article = Article(text=text, headline=opening, published=datetime(2025, 10, day, tzinfo=UTC),
                          source=f"{day}.txt", content_hash=digest)  # fmt: skip
        assert store.add_article(article, extract(nlp(text))) is not None

    results = [t for t in texts(search.answer("about:Torvik", context_over(store))) if t.startswith("*")]

    assert [r.split("\n", 1)[1] for r in results] == [
        "Later, Defence Minister Ivan Torvik visited the port of Velmar."
    ] * 2


def test_a_name_searched_for_finds_the_articles_that_spell_it_otherwise(store: Store, nlp: Any) -> None:
    for day, name in enumerate(("Khmelvor", "Hmelvor"), 1):
        _add_extracted(
            store, nlp, f"Russian jets took off from the {name} air base on Monday.", f"Jets leave {name}", day
        )

    reply = search.answer("Hmelvor", context_over(store))

    assert {t.split(" · ")[0] for t in texts(reply) if t.startswith("*Jets")} == {
        "*Jets leave Khmelvor*",
        "*Jets leave Hmelvor*",
    }
    assert any("Also searched for other spellings: khmelvor." in t for t in texts(reply))
    assert texts(search.answer("Velmar", context_over(store)))[0].startswith("No articles match")


def test_a_word_that_names_nothing_is_not_matched_against_every_stored_name(
    store: Store, nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Respelling asks the store for a name's exact keys only: typo matching, a pass over every stored name, would
    cost each searched word that names no entity ('jets') that pass."""
    _add_extracted(store, nlp, "Russian jets took off from the Khmelvor air base on Monday.", "Jets leave", 1)
    monkeypatch.setattr("bot.core.query.resolve._fuzzy", _no_typo_matching)

    reply = search.answer("jets", context_over(store))

    assert any(t.startswith("*Jets leave*") for t in texts(reply))
    assert not any("other spellings" in t for t in texts(reply))


def _no_typo_matching(*_: object) -> list[object]:
    raise AssertionError("a search word was matched against every stored name")


def _add_extracted(store: Store, nlp: Any, text: str, headline: str, day: int) -> None:
    """Store an article with the entities extraction finds in it."""
    digest = hashlib.sha256(text.encode()).hexdigest()
    article = Article(text=text, headline=headline, published=datetime(2025, 10, day, tzinfo=UTC),
                      source=f"{day}.txt", content_hash=digest)  # fmt: skip
    assert store.add_article(article, extract(nlp(text))) is not None
