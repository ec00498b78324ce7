"""/articles [N]: the newest N articles (10 by default, 1 to 20), or the usage for anything but a number."""

from __future__ import annotations

import pytest

from bot.core.registry import Context
from bot.core.store import Store
from handlers import articles
from tests.handlers.support import add_article, context_over, kinds, texts

# The two seed articles print no date of their own, so both are dated by their files' times.
SEEDS = {
    "000_e459f33488a22445.txt": "*Foreign Ministers of Türkiye and Russia, Hakan Fidan and Sergey Lavrov, spoke by "
    "telephone to…*",
    "003_25f37bf15139f9bb.txt": "*On October 15, 2025, a remarkable scene unfolded in Moscow: Syria's interim "
    "President Ahmed…*",
}


def newest(ctx: Context) -> str:
    """How the newest article's headline is listed."""
    return next(line for name, line in SEEDS.items() if ctx.store.latest_articles(1)[0].source.endswith(name))


def _listed(reply_texts: list[str]) -> list[str]:
    """The bullet lines of an /articles reply."""
    return [line for text in reply_texts for line in text.splitlines() if line.startswith("• ")]


def test_the_latest_articles_are_listed_newest_first_with_date_and_source(corpus: Context) -> None:
    reply = articles.answer("", corpus)

    assert kinds(reply) == ["header", "context", "section"]
    assert texts(reply)[:2] == ["Latest articles", "2 articles indexed"]
    first, second = _listed(texts(reply))
    assert first.startswith(f"• {newest(corpus)} · ")
    for line, (name, headline) in zip(sorted([first, second]), sorted(SEEDS.items(), key=lambda x: x[1]), strict=True):
        assert line.startswith(f"• {headline} · ") and line.endswith(f" · {name}")
    assert reply.text.startswith("Latest articles: " + newest(corpus).strip("*…"))


def test_an_article_without_a_date_of_its_own_says_its_date_is_when_it_was_indexed(store: Store) -> None:
    add_article(store, "Dated dispatch", "News of the day.", day=3)
    add_article(store, "Undated dispatch", "News without a date.", day=4, dated=False)

    first, second = _listed(texts(articles.answer("", context_over(store))))

    assert first.startswith("• *Undated dispatch* · undated (indexed 4 Oct 2025) · ")
    assert second.startswith("• *Dated dispatch* · 3 Oct 2025 · ")


def test_the_seeds_which_print_no_date_are_listed_as_undated(corpus: Context) -> None:
    assert all(" · undated (indexed " in line for line in _listed(texts(articles.answer("", corpus))))


@pytest.mark.parametrize(("text", "listed"), [("1", 1), (" 1 ", 1), ("0", 1), ("2", 2), ("100000", 2)])
def test_n_is_kept_between_one_and_what_there_is(text: str, listed: int, corpus: Context) -> None:
    reply = articles.answer(text, corpus)

    assert len(_listed(texts(reply))) == listed
    assert _listed(texts(reply))[0].startswith(f"• {newest(corpus)}")
    assert texts(reply)[1] == "2 articles indexed", "the count is of the whole index, not of the list"


def test_by_default_ten_and_at_most_twenty_are_listed(store: Store) -> None:
    for day in range(1, 26):
        add_article(store, f"Dispatch of {day} October", f"News of the day, number {day}.", day=day)
    ctx = context_over(store)

    default, many = articles.answer("", ctx), articles.answer("50", ctx)

    assert len(_listed(texts(default))) == articles.DEFAULT_COUNT == 10
    assert _listed(texts(default))[0].startswith("• *Dispatch of 25 October* · 25 Oct 2025")
    assert len(_listed(texts(many))) == articles.MAX_COUNT == 20
    assert _listed(texts(many))[-1].startswith("• *Dispatch of 6 October*")
    assert texts(many)[1] == "25 articles indexed"


def test_an_empty_index_shows_the_count_and_no_list(store: Store) -> None:
    reply = articles.answer("", context_over(store))

    assert texts(reply) == ["Latest articles", "0 articles indexed"]


@pytest.mark.parametrize("text", ["abc", "-5", "2.5", "five", "10 please"])
def test_anything_but_a_number_gets_the_usage(text: str, corpus: Context) -> None:
    reply = articles.answer(text, corpus)

    assert reply.text == f"“{text}” is not a number. Usage: /articles [N]"
    assert texts(reply)[-1] == "For example: /articles 5"


def test_the_user_text_in_the_usage_is_escaped(corpus: Context) -> None:
    assert texts(articles.answer("<!here>", corpus))[0] == "“&lt;!here&gt;” is not a number. Usage: /articles [N]"


@pytest.mark.parametrize("text", ["²", "9" * 5000], ids=["superscript", "5000-digits"])
def test_digits_int_cannot_read_get_an_answer_not_an_exception(text: str, corpus: Context) -> None:
    reply = articles.answer(text, corpus)

    assert reply.text.startswith(("Latest articles", f"“{text}” is not a number"))


def test_a_5000_digit_count_is_the_most_there_is(corpus: Context) -> None:
    assert articles.answer("9" * 5000, corpus) == articles.answer(str(articles.MAX_COUNT), corpus)
    assert articles.answer("0" * 5000 + "1", corpus) == articles.answer("1", corpus)
