"""/search WORDS: ranked matches with the words highlighted, paging, a page past the last, usage and no match."""

from __future__ import annotations

import pytest

from bot.core.registry import Context
from bot.core.render.blockkit import plain
from bot.core.store import Store
from bot.core.store.search import MAX_QUERY_WORDS
from handlers import search
from tests.handlers.support import add_article, buttons, context_over, kinds, texts


def test_astana_finds_the_article_about_the_astana_process_first(corpus: Context) -> None:
    reply = search.answer("Astana", corpus)

    assert kinds(reply)[:3] == ["header", "context", "section"]
    assert texts(reply)[:2] == ["Search: Astana", "1 article match"]
    first = texts(reply)[2]
    assert first.startswith("*Foreign Ministers of Türkiye and Russia, Hakan Fidan and Sergey Lavrov, spoke by")
    assert first.split("\n")[0].endswith(" · 000_e459f33488a22445.txt")
    assert "the *Astana* process" in first, "the matched word is highlighted in the snippet"
    assert buttons(reply) == []


def test_only_the_words_of_the_query_are_searched_and_shown(corpus: Context) -> None:
    reply = search.answer('"Astana" AND (process)*', corpus)

    assert texts(reply)[0] == "Search: Astana AND process"
    assert "*Astana* *process*" in texts(reply)[2]


@pytest.mark.parametrize("text", ["", "   ", "?!", '(( "" *', "--page 2"])
def test_no_words_get_the_usage(text: str, corpus: Context) -> None:
    assert texts(search.answer(text, corpus)) == [
        "What should I search for? Usage: /search WORDS",
        "For example: /search Astana process",
    ]


def test_words_no_article_has_say_so(corpus: Context) -> None:
    reply = search.answer("zzyzx", corpus)

    assert texts(reply) == ["No articles mention “zzyzx”.", "Try fewer or different words."]


def test_a_very_long_query_is_answered_with_a_short_header(corpus: Context) -> None:
    reply = search.answer("Astana " * 500, corpus)

    assert texts(reply)[0].startswith("Search: Astana Astana")
    assert len(texts(reply)[0].split()) == 1 + MAX_QUERY_WORDS, "only the first words reach the search engine"
    assert "*Astana*" in texts(reply)[2]


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
