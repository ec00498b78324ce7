"""Full-text search on real databases: ranking, the any-word fallback, quoting, and the bound on ranked matches."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from itertools import count

import pytest

from bot.core.models import Article
from bot.core.render import answers as render
from bot.core.store import Store
from bot.core.store import search as search_module
from bot.core.store.search import HIT_END, HIT_START, MAX_RANKED, Hit, more_than_ranked

_serial = count()


def add(store: Store, headline: str, body: str, day: int = 1) -> None:
    """Index an article (no entities: search reads only the text) published on `day` November 2025."""
    unique = f"{headline}|{body}|{next(_serial)}"  # identical texts may still be separate articles
    article = Article(
        text=body,
        headline=headline,
        published=datetime(2025, 11, day, tzinfo=UTC),
        source=f"test-{day}.txt",
        content_hash=hashlib.sha256(unique.encode()).hexdigest(),
    )
    assert store.add_article(article, []) is not None


def headlines(hits: list[Hit]) -> list[str]:
    return [hit.headline for hit in hits]


def test_a_headline_match_ranks_above_a_passing_mention(store: Store) -> None:
    add(store, "Vienna talks", "Officials met in Vienna. The Astana process was mentioned once.", day=2)
    add(store, "Astana process resumes", "The Astana process resumed on Friday.", day=1)

    hits, total = store.search("astana process", limit=5)

    assert total == 2
    assert headlines(hits) == ["Astana process resumes", "Vienna talks"]


def test_equal_matches_list_the_newest_first(store: Store) -> None:
    for day in (3, 9, 5):
        add(store, f"Bulletin {day}", "Shelling was reported near the river crossing.", day=day)

    hits, _ = store.search("shelling", limit=5)

    assert headlines(hits) == ["Bulletin 9", "Bulletin 5", "Bulletin 3"]


def test_articles_with_every_word_come_before_any_with_only_some(store: Store) -> None:
    add(store, "Grain deal", "The grain corridor reopened after talks.")
    add(store, "Port", "The grain port was shelled.")
    add(store, "Talks", "The talks ended without a statement.")

    hits, total = store.search("grain talks", limit=5)

    assert (total, headlines(hits)) == (1, ["Grain deal"])


def test_when_no_article_has_every_word_any_word_is_enough(store: Store) -> None:
    add(store, "Grain deal", "The grain corridor reopened.")
    add(store, "Port", "The grain port was shelled.")
    add(store, "Weather", "Rain is expected on Monday.")

    hits, total = store.search("grain zeppelin", limit=5)

    assert total == 2
    assert sorted(headlines(hits)) == ["Grain deal", "Port"]


def test_search_syntax_in_a_query_is_just_words(store: Store) -> None:
    add(store, "Astana", "Delegates gathered in Astana.")
    add(store, "Vienna", "Delegates gathered in Vienna.")
    add(store, "Either", "Delegates gathered in Astana or Vienna.")

    # Were OR an operator, all three would match; as a word, only the article with all three words does.
    hits, total = store.search("astana OR vienna", limit=5)

    assert (total, headlines(hits)) == (1, ["Either"])
    for hostile in ['"', "AND OR NOT", "astana*", "(vienna", "NEAR(a b)", "headline:astana", "'; DROP TABLE articles"]:
        store.search(hostile, limit=5)  # must not raise
    assert store.search("", limit=5) == ([], 0)
    assert store.search("?! ()", limit=5) == ([], 0)
    assert store.article_count() == 3


def test_snippets_mark_the_matched_words(store: Store) -> None:
    add(store, "Front line", "Artillery fire continued overnight. Drone strikes hit a fuel depot near the border.")

    [hit], _ = store.search("depot", limit=5)

    assert f"{HIT_START}depot{HIT_END}" in hit.snippet


def test_pages_split_the_ranking_without_overlap(store: Store) -> None:
    for day in range(1, 8):
        add(store, f"Report {day}", "Drone strikes were reported." + " Drone" * day, day=day)

    whole, total = store.search("drone", limit=10)
    pages = [store.search("drone", limit=3, offset=offset)[0] for offset in (0, 3, 6, 9)]

    assert total == 7
    assert [headlines(page) for page in pages] == [headlines(whole[i : i + 3]) for i in (0, 3, 6, 9)]


def test_past_the_bound_only_the_most_recently_added_matches_are_ranked(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_module, "MAX_RANKED", 3)
    add(store, "Ceasefire holds", "The ceasefire held overnight.", day=28)  # the best match, but added first
    add(store, "Talks", "Talks went on; a ceasefire was mentioned.", day=1)
    add(store, "Market", "Prices rose. The ceasefire was not discussed at length.", day=2)
    add(store, "Ceasefire broken", "The ceasefire broke down.", day=3)
    add(store, "Weather", "Rain, then a ceasefire in the storms.", day=4)

    hits, total = store.search("ceasefire", limit=10)

    assert total == 4 and search_module.more_than_ranked(total)
    assert headlines(hits)[0] == "Ceasefire broken"
    assert sorted(headlines(hits)) == ["Ceasefire broken", "Market", "Weather"]
    assert store.search("ceasefire", limit=2, offset=2)[0] == hits[2:]
    assert store.search("ceasefire", limit=2, offset=4) == ([], 4)


def test_a_query_rare_among_the_newest_articles_still_ranks_its_most_recent_matches(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tiny bounds so that PostgreSQL's first range of newest ids (sized from a sample of two) falls short and
    # has to widen; SQLite ignores the sample and must give the same answer.
    monkeypatch.setattr(search_module, "MAX_RANKED", 3)
    monkeypatch.setattr(search_module, "SHARE_SAMPLE", 2)
    monkeypatch.setattr(search_module, "RANGE_MARGIN", 1)
    for number in range(1, 11):
        about = "a ceasefire" if number in (1, 2, 3, 4, 5, 10) else "the weather"
        add(store, f"Report {number}", f"Officials spoke about {about}.", day=number)

    hits, total = store.search("ceasefire", limit=10)

    assert total == 4 and search_module.more_than_ranked(total)
    assert headlines(hits) == ["Report 10", "Report 5", "Report 4"]  # equal scores: newest first


def test_under_the_bound_the_count_is_exact(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_module, "MAX_RANKED", 3)
    for day in (1, 2, 3):
        add(store, f"Brief {day}", "A ceasefire was announced.", day=day)

    hits, total = store.search("ceasefire", limit=10)

    assert (len(hits), total) == (3, 3) and not search_module.more_than_ranked(total)


# --- the reply ----------------------------------------------------------------------------------------------


def hit(number: int) -> Hit:
    return Hit(number, f"Headline {number}", datetime(2025, 11, 1, tzinfo=UTC), f"{number}.txt", None, "a snippet")


def reply_parts(total: int, page: int, shown: int) -> tuple[str, list[str]]:
    """The count line and the button commands of a /search reply page."""
    payload = render.search_reply("ceasefire", [hit(n) for n in range(shown)], total, page, 5).payload()
    [count_line] = [b["elements"][0]["text"] for b in payload["blocks"] if b["type"] == "context"]
    buttons = [e["value"] for b in payload["blocks"] if b["type"] == "actions" for e in b["elements"]]
    return count_line, buttons


def test_an_exact_count_is_shown_as_it_is() -> None:
    assert reply_parts(7, 1, 5) == ("7 articles match", ["/search ceasefire --page 2"])
    assert reply_parts(7, 2, 2) == ("7 articles match", [])


def test_a_count_past_the_bound_says_more_than_and_which_articles_were_ranked() -> None:
    total = MAX_RANKED + 1
    assert more_than_ranked(total)

    line, buttons = reply_parts(total, 1, 5)

    assert line.startswith(f"More than {MAX_RANKED:,} articles match")
    assert f"best of the {MAX_RANKED:,} most recently added" in line
    assert buttons == ["/search ceasefire --page 2"]
    # The last page of ranked matches offers no next page: there is nothing more to show.
    assert reply_parts(total, MAX_RANKED // 5, 5)[1] == []
