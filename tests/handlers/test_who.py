"""/who NAME: a profile for the best match, a "did you mean" list, a not-found with suggestions, usage, paging."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from bot.core.extract import extract
from bot.core.models import Article
from bot.core.registry import Context
from bot.core.store import Store
from handlers import who
from tests.handlers.support import NOW, buttons, context_over, shown, texts


def test_a_person_is_shown_with_name_role_articles_and_company(corpus: Context) -> None:
    reply = who.answer("Lavrov", corpus)

    assert reply.blocks[0] == {"type": "header", "text": {"type": "plain_text", "text": "Sergey Lavrov"}}
    summary = texts(reply)[1]
    assert summary.startswith("*Person* · ") and "Foreign Minister" in summary and "in 2 articles" in summary
    assert reply.text.startswith("Sergey Lavrov: Person · ")
    listed = shown(reply)
    assert "*Roles*" in listed and "*Articles*" in listed and "*Appears with*" in listed
    assert "000_e459f33488a22445.txt" in listed and "003_25f37bf15139f9bb.txt" in listed
    assert buttons(reply) == [], "both articles fit on the first page"


@pytest.mark.parametrize("name", ["Sergey Lavrov", "sergey lavrov", "LAVROV", "  Lavrov  "])
def test_case_and_surrounding_space_do_not_matter(name: str, corpus: Context) -> None:
    assert who.answer(name, corpus) == who.answer("Lavrov", corpus)


def test_a_misspelt_person_is_answered_and_the_reply_says_it_was_the_closest_match(corpus: Context) -> None:
    reply = who.answer("lavrof", corpus)

    assert texts(reply)[0] == "Sergey Lavrov"
    assert "Closest match for “lavrof”." in texts(reply)


def test_an_installation_is_found_by_its_bare_name_or_another_spelling_of_its_kind(corpus: Context) -> None:
    for name in ("Hmeimim", "Hmeimim air base"):
        reply = who.answer(name, corpus)
        assert texts(reply)[0] == "Hmeimim airbase", name
        assert "*Kind:* air base · *Operator:* Russia · *Location:* Syria" in shown(reply)


def test_a_misspelt_place_is_offered_not_assumed(corpus: Context) -> None:
    # A place one letter off is often another place, so the user chooses.
    reply = who.answer("Moscw", corpus)

    assert reply.text == "Did you mean: Moscow?"
    assert texts(reply)[0] == "No exact match for “Moscw”. Did you mean:\n• *Moscow* — place, 2 articles"
    assert buttons(reply) == [("Moscow", "/who Moscow")]


def test_an_unknown_name_is_not_found_and_points_at_search(corpus: Context) -> None:
    reply = who.answer("Zzyzx", corpus)

    assert reply.text == "Not found: no person, place, organisation or installation called “Zzyzx” in the corpus."
    assert texts(reply)[-1] == "Try `/search Zzyzx` to look through the articles' text."
    assert buttons(reply) == []


def test_a_name_like_a_known_one_is_not_found_but_suggested(corpus: Context) -> None:
    reply = who.answer("Hakan", corpus)

    assert reply.text.startswith("Not found:")
    assert "Closest names: *Hakan Fidan*" in texts(reply)
    assert buttons(reply) == [("Hakan Fidan", "/who Hakan Fidan")]


@pytest.mark.parametrize("text", ["", "   ", "--page 2"])
def test_no_name_gets_the_usage(text: str, corpus: Context) -> None:
    reply = who.answer(text, corpus)

    assert reply.text == "Whom should I look up? Usage: /who NAME"
    assert texts(reply) == ["Whom should I look up? Usage: /who NAME", "For example: /who Lavrov"]


def test_a_very_long_name_is_a_clear_not_found(corpus: Context) -> None:
    reply = who.answer("Lavrov " * 800, corpus)

    assert reply.text.startswith("Not found: no person, place, organisation or installation called “Lavrov Lavrov")
    assert texts(reply)[-1].startswith("Try `/search Lavrov Lavrov")


def test_the_user_text_is_escaped_in_the_blocks(corpus: Context) -> None:
    reply = who.answer("<!channel> & co", corpus)

    assert "“&lt;!channel&gt; &amp; co”" in texts(reply)[0]
    assert "<!channel>" not in shown(reply)


def test_more_articles_than_a_page_are_paged_with_a_button(northland: Context) -> None:
    first = who.answer("Ivan Petrov", northland)
    second = who.answer("Ivan Petrov --from 6", northland)

    assert buttons(first) == [("More articles", "/who Ivan Petrov --from 6")]
    assert "…and 1 more article" in texts(first)
    assert who.answer("Ivan Petrov --page 2", northland) == second, "buttons of an older answer still work"
    assert "in 6 articles" in texts(first)[1]
    assert sum(f"· {n:02d}.txt" in shown(first) for n in range(6)) == who.ARTICLES_PER_PAGE
    assert [n for n in range(6) if f"· {n:02d}.txt" in shown(second)] == [0], "the oldest article is on page 2"
    assert texts(second)[0] == "Ivan Petrov" and buttons(second) == []


def test_a_page_past_the_last_article_says_where_the_articles_end(corpus: Context) -> None:
    shown_text = shown(who.answer("Lavrov --page 2", corpus))
    assert "*Articles*" in shown_text or "page 1" in shown_text


def test_a_nul_typed_in_the_name_is_dropped_not_sent_to_the_store(corpus: Context) -> None:
    # PostgreSQL refuses NUL in text parameters (DataError); a command line never carries control characters.
    assert corpus.registry.run("/who Lav\x00rov", corpus) == who.answer("Lavrov", corpus)


@pytest.mark.parametrize(
    ("role", "holder"),
    [
        ("Russia's foreign minister", "Sergey Lavrov"),
        ("the Russian Foreign Minister", "Sergey Lavrov"),
        ("Turkish foreign minister", "Hakan Fidan"),
        ("foreign minister of Türkiye", "Hakan Fidan"),
    ],
)
def test_a_role_is_answered_with_the_profile_of_who_the_corpus_says_holds_it(
    role: str, holder: str, corpus: Context
) -> None:
    reply = who.answer(role, corpus)

    assert texts(reply)[0] == holder
    assert any(t.startswith(f"“{role}”: {holder}, called “") for t in texts(reply))


def test_a_role_nobody_holds_in_the_corpus_is_not_found(corpus: Context) -> None:
    reply = who.answer("Japanese foreign minister", corpus)

    assert reply.text.startswith("Not found")


@pytest.mark.parametrize("role", ["head of Hmeimim", "the commander of the Hmeimim air base"])
def test_a_role_asked_of_a_base_is_answered_with_the_bases_profile(role: str, corpus: Context) -> None:
    reply = who.answer(role, corpus)  # "who runs Hmeimim?"

    assert texts(reply)[0] == "Hmeimim airbase"
    assert any("is a military installation; who keeps it is its operator" in t for t in texts(reply))


def test_a_place_lists_the_installations_it_keeps_or_has(corpus: Context) -> None:
    syria = texts(who.answer("Syria", corpus))
    russia = texts(who.answer("Russia", corpus))

    assert "*Military installations*\n• *Hmeimim airbase* — air base · operator: Russia · location: Syria" in syria
    assert any(
        t.startswith("*Military installations*\n• *Hmeimim airbase*") and "*Tartous naval port*" in t for t in russia
    )
    assert "`/bases Russia` lists them with their context" in russia
    assert not any("Military installations" in t for t in texts(who.answer("Lavrov", corpus)))


def test_a_role_asked_of_a_person_is_still_not_found(corpus: Context) -> None:
    assert who.answer("head of Lavrov", corpus).text.startswith("Not found")


@pytest.mark.parametrize("typed", ["Abdel-Rashid", "abdel rashid", "Hassan Abdel-Rashid"])
def test_a_family_name_of_two_words_finds_the_person_exactly(typed: str, store: Store, nlp: Any) -> None:
    _add(store, nlp, 'Ministry spokesman Hassan Abdel-Rashid said the strikes were "a flagrant violation".')

    reply = who.answer(typed, context_over(store))

    assert texts(reply)[0] == "Hassan Abdel-Rashid"
    assert not any(t.startswith("Closest match") for t in texts(reply))


def test_several_things_named_exactly_so_are_offered_as_several_matches(store: Store, nlp: Any) -> None:
    _add(
        store, nlp, "Fighting was reported in Velmor on Monday. Residents of Velmor fled north. Shops in Velmor closed."
    )
    _add(
        store, nlp, "Drones hit the Velmor naval base on Tuesday, the army said. Russian sailors are based at the base."
    )

    reply = who.answer("Velmor", context_over(store))

    assert texts(reply)[0].startswith("Several match “Velmor”. Which one?\n")


def test_a_given_and_a_family_name_is_no_family_name_of_a_longer_name(store: Store, nlp: Any) -> None:
    _add(store, nlp, "Governor Khalid Ahmed Hassan said the army had retaken the town.")

    reply = who.answer("Ahmed Hassan", context_over(store))  # his father's name, in an Arabic chain of names

    assert any(t.startswith("Closest match") for t in texts(reply))  # a guess, not him by name


def _add(store: Store, nlp: Any, text: str) -> None:
    """Index one article of `text`, headed by its first sentence."""
    digest = hashlib.sha256(text.encode()).hexdigest()
    article = Article(text=text, headline=text.split(".")[0], published=NOW, source=f"{digest[:8]}.txt",
                      content_hash=digest)  # fmt: skip
    assert store.add_article(article, extract(nlp(text))) is not None
