"""/bases [FILTER]: every installation once with operator, location and context; a filter by operator, country or
name; one match as a profile; paging; and what is said when nothing matches."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.core.models import Article, BaseFact, EntityType, Extracted, Mention
from bot.core.registry import Context
from bot.core.store import Store
from handlers import bases
from tests.handlers.support import NORTHLAND_BASES, buttons, context_over, kinds, shown, texts

CONTEXT = (
    "> Russia has maintained a military presence in Syria for years, with key outposts at the Tartous naval port and "
    "the Hmeimim airbase on the Mediterranean coast—the only such Russian bases outside the former Soviet Union."
)


def test_every_installation_is_listed_with_kind_operator_location_and_context(corpus: Context) -> None:
    reply = bases.answer("", corpus)

    assert kinds(reply) == ["header", "context", "section", "section"]
    assert texts(reply) == [
        "Military installations",
        "2 installations in the corpus",
        f"*Hmeimim airbase* — air base · operator: Russia · location: Syria · 1 article\n{CONTEXT}",
        f"*Tartous naval port* — naval port · operator: Russia · location: Tartous · 1 article\n{CONTEXT}",
    ]
    assert reply.text == "Military installations: Hmeimim airbase (Russia); Tartous naval port (Russia)"
    assert buttons(reply) == []


@pytest.mark.parametrize("wanted", ["Russia", "russia", "Russian", "  Russia  "])
def test_a_filter_by_operator_or_country_narrows_and_titles_the_list(wanted: str, corpus: Context) -> None:
    reply = bases.answer(wanted, corpus)

    assert texts(reply)[0] == f"Military installations — {wanted.strip()}"
    assert "*Hmeimim airbase*" in shown(reply) and "*Tartous naval port*" in shown(reply)


@pytest.mark.parametrize("wanted", ["Hmeimim", "hmeimim airbase"])
def test_a_filter_matching_one_installation_shows_its_profile(wanted: str, corpus: Context) -> None:
    reply = bases.answer(wanted, corpus)

    assert texts(reply)[:2] == ["Hmeimim airbase", "*Military installation* · air base · in 1 article"]
    assert f"*Kind:* air base · *Operator:* Russia · *Location:* Syria\n{CONTEXT}" in texts(reply)
    assert "*Tartous naval port*" not in shown(reply)


@pytest.mark.parametrize("wanted", ["US", "U.S.", "American", "Turkish"])
def test_a_country_matches_whole_words_and_its_demonyms_never_a_piece_of_russia(wanted: str, corpus: Context) -> None:
    reply = bases.answer(wanted, corpus)

    assert texts(reply)[0] == f"No military installations match “{wanted}”."


def test_a_filter_matching_nothing_lists_the_operators_there_are(corpus: Context) -> None:
    reply = bases.answer("Atlantis", corpus)

    assert texts(reply) == ["No military installations match “Atlantis”.", "Operators in the corpus: Russia."]


def test_a_very_long_filter_is_a_clear_no_match(corpus: Context) -> None:
    reply = bases.answer("Russia " * 800, corpus)

    assert reply.text.startswith("No military installations match “Russia Russia")
    assert texts(reply)[-1] == "Operators in the corpus: Russia."


def test_a_corpus_without_installations_says_so(store: Store) -> None:
    reply = bases.answer("", context_over(store))

    assert texts(reply) == ["No military installations are named in the corpus yet."]


def test_more_installations_than_a_page_are_paged_with_a_button(northland: Context) -> None:
    first = bases.answer("", northland)
    second = bases.answer("--page 2", northland)

    def names(reply_texts: list[str]) -> list[str]:
        return [t.split("*")[1] for t in reply_texts if t.startswith("*")]

    assert texts(first)[1] == texts(second)[1] == "12 installations in the corpus"
    assert len(names(texts(first))) == bases.BASES_PER_PAGE
    assert buttons(first) == [("More", "/bases --page 2")]
    assert buttons(second) == []
    assert sorted(names(texts(first)) + names(texts(second))) == sorted(f"{b} naval base" for b in NORTHLAND_BASES)


def test_the_more_button_of_a_filtered_list_keeps_the_filter(northland: Context) -> None:
    first = bases.answer("Norway", northland)

    assert buttons(first) == [("More", "/bases Norway --page 2")]
    assert texts(bases.answer("Norway --page 2", northland))[0] == "Military installations — Norway"


def test_a_page_past_the_last_says_where_the_list_ends(corpus: Context) -> None:
    reply = bases.answer("--page 2", corpus)

    assert "*Hmeimim airbase*" in shown(reply) or "page 1" in shown(reply)
    assert not reply.text.endswith(": ")


def test_a_filter_sees_an_installation_indexed_after_the_last_answer(store: Store) -> None:
    sentence = "Russian jets flew from the Velmor air base near Latakia."
    facts = [BaseFact("air base", "Russia", "Latakia", sentence)]
    velmor = Extracted(
        "Velmor air base", "velmor", EntityType.INSTALLATION, {EntityType.INSTALLATION: 3.0}, {"Velmor air base"},
        [Mention("Velmor air base", 23, 38, 0, len(sentence))], base_facts=facts,
    )  # fmt: skip
    article = Article(sentence, "Jets over Latakia", datetime(2025, 10, 2, tzinfo=UTC), "t.txt", "h-velmor")
    ctx = context_over(store)
    assert "Velmor" not in " ".join(texts(bases.answer("Russia", ctx)))  # the summaries of an empty list, kept

    store.add_article(article, [velmor])

    assert "Velmor air base" in " ".join(texts(bases.answer("Russia", ctx)))
    assert "Velmor air base" in " ".join(texts(bases.answer("Latakia", ctx)))
