"""Full-text search on real databases: ranking, the any-word fallback, quoting, and the bound on ranked matches."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from itertools import count

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.models import Article
from bot.core.render import answers as render
from bot.core.store import Store, search_postgres, search_tantivy
from bot.core.store import search as search_module
from bot.core.store.search import HIT_END, HIT_START, MAX_RANKED, Hit, more_than_ranked

NOW = datetime(2025, 12, 1, tzinfo=UTC)


@pytest.fixture
def store(searched_store: Store) -> Store:
    """Every test here runs on each backend, searched by the store's own SQL and through the search index."""
    return searched_store


_serial = count()


def add(store: Store, headline: str, body: str, day: int = 1, month: int = 11) -> None:
    """Index an article (no entities: search reads only the text) published on `day` November 2025 (or `month`)."""
    unique = f"{headline}|{body}|{next(_serial)}"  # identical texts may still be separate articles
    article = Article(
        text=body,
        headline=headline,
        published=datetime(2025, month, day, tzinfo=UTC),
        source=f"test-{day}.txt",
        content_hash=hashlib.sha256(unique.encode()).hexdigest(),
    )
    assert store.add_article(article, []) is not None


def headlines(hits: list[Hit]) -> list[str]:
    return [hit.headline for hit in hits]


def test_a_headline_match_ranks_above_a_passing_mention(store: Store) -> None:
    add(store, "Vienna talks", "Officials met in Vienna. The Astana process was mentioned once.", day=2)
    add(store, "Astana process resumes", "The Astana process resumed on Friday.", day=1)

    hits, total, _ = store.search("astana process", limit=5)

    assert total == 2
    assert headlines(hits) == ["Astana process resumes", "Vienna talks"]


def test_equal_matches_list_the_newest_first(store: Store) -> None:
    for day in (3, 9, 5):
        add(store, f"Bulletin {day}", "Shelling was reported near the river crossing.", day=day)

    hits, _, _ = store.search("shelling", limit=5)

    assert headlines(hits) == ["Bulletin 9", "Bulletin 5", "Bulletin 3"]


def test_articles_with_every_word_come_before_any_with_only_some(store: Store) -> None:
    add(store, "Grain deal", "The grain corridor reopened after talks.")
    add(store, "Port", "The grain port was shelled.")
    add(store, "Talks", "The talks ended without a statement.")

    hits, total, _ = store.search("grain talks", limit=5)

    assert (total, headlines(hits)) == (1, ["Grain deal"])


def test_when_no_article_has_every_word_any_word_is_enough(store: Store) -> None:
    add(store, "Grain deal", "The grain corridor reopened.")
    add(store, "Port", "The grain port was shelled.")
    add(store, "Weather", "Rain is expected on Monday.")

    hits, total, _ = store.search("grain zeppelin", limit=5)

    assert total == 2
    assert sorted(headlines(hits)) == ["Grain deal", "Port"]


def test_only_the_query_language_is_syntax_the_engines_syntax_is_just_characters(store: Store) -> None:
    add(store, "Astana", "Delegates gathered in Astana.")
    add(store, "Vienna", "Delegates gathered in Vienna.")
    add(store, "Either", "Delegates gathered near Astana and Vienna.")

    assert store.search("astana OR vienna", limit=5).total == 3
    assert headlines(store.search("astana AND vienna", limit=5).hits) == ["Either"], "AND is a word as well"
    assert headlines(store.search("NEAR(astana vienna)", limit=5).hits) == ["Either"]
    for hostile in ['"', "AND OR NOT", "astana*", "(vienna", "NEAR(a b)", "headline:astana", "'; DROP TABLE articles"]:
        store.search(hostile, limit=5)  # must not raise
    assert store.search("", limit=5)[:2] == ([], 0)
    assert store.search("?! ()", limit=5)[:2] == ([], 0)
    assert store.article_count() == 3


def test_snippets_mark_the_matched_words(store: Store) -> None:
    add(store, "Front line", "Artillery fire continued overnight. Drone strikes hit a fuel depot near the border.")

    [hit], _, _ = store.search("depot", limit=5)

    assert f"{HIT_START}depot{HIT_END}" in hit.snippet


def test_pages_split_the_ranking_without_overlap(store: Store) -> None:
    for day in range(1, 8):
        add(store, f"Report {day}", "Drone strikes were reported." + " Drone" * day, day=day)

    whole, total, _ = store.search("drone", limit=10)
    pages = [store.search("drone", limit=3, offset=offset)[0] for offset in (0, 3, 6, 9)]

    assert total == 7
    assert [headlines(page) for page in pages] == [headlines(whole[i : i + 3]) for i in (0, 3, 6, 9)]


def test_every_match_is_ranked_not_only_the_most_recently_added(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_module, "MAX_RANKED", 3)
    add(store, "Ceasefire holds, ceasefire monitors say", "The ceasefire held. Ceasefire monitors agree.", day=26)
    for day in range(1, 8):  # added later, published earlier, and barely about it
        add(store, f"Market report {day}", "Prices rose; a ceasefire was mentioned." + " Prices" * 30, day=day)
    add(store, "Weather", "Rain all week.", day=28)

    hits, total, _ = store.search("ceasefire", limit=10, now=NOW)

    assert total == 4 and search_module.more_than_ranked(total)
    assert headlines(hits) == ["Ceasefire holds, ceasefire monitors say", "Market report 7", "Market report 6"]
    assert store.search("ceasefire", limit=2, offset=2, now=NOW).hits == hits[2:]
    assert store.search("ceasefire", limit=2, offset=4, now=NOW)[:2] == ([], 4)


def test_a_query_rare_among_the_newest_articles_is_still_counted_and_ranked(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tiny bounds so that PostgreSQL's first range of newest ids for counting (sized from a sample of two) falls
    # short and has to widen; SQLite ignores the sample and must give the same answer.
    monkeypatch.setattr(search_module, "MAX_RANKED", 3)
    monkeypatch.setattr(search_postgres, "SHARE_SAMPLE", 2)
    monkeypatch.setattr(search_postgres, "RANGE_MARGIN", 1)
    for number in range(1, 11):
        about = "a ceasefire" if number in (1, 2, 3, 4, 5, 10) else "the weather"
        add(store, f"Report {number}", f"Officials spoke about {about}.", day=number)

    hits, total, _ = store.search("ceasefire", limit=10, now=NOW)

    assert total == 4 and search_module.more_than_ranked(total)
    assert headlines(hits) == ["Report 10", "Report 5", "Report 4"]  # equal texts: newest first


def test_recency_weighs_against_relevance_by_its_half_life(store: Store) -> None:
    add(store, "Corridor", "Talks on the grain corridor.", day=21)
    add(store, "Corridor again", "Talks on the grain corridor.", day=28)
    add(store, "Grain, grain, grain", "Grain grain grain: the grain corridor and grain prices.", day=25)
    add(store, "Grain, grain, grain, in September", "Grain grain grain: the grain corridor and grain prices.", 1, 9)

    hits = store.search("grain", limit=5, now=NOW).hits

    # Equal texts: the newer first. Three days older but far more relevant: first. The same text three months
    # old (six half-lives: 1/64 of the score): behind even the passing mention a week older.
    later = "Grain, grain, grain, in September"
    assert headlines(hits) == ["Grain, grain, grain", "Corridor again", "Corridor", later]
    newest = store.search("grain sort:new", limit=5, now=NOW).hits
    assert headlines(newest) == ["Corridor again", "Grain, grain, grain", "Corridor", later]


def test_the_walk_over_id_ranges_gives_the_order_of_scoring_every_match(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Articles added out of date order, first ranges of one id: the walk must still find the best."""
    days = [5, 27, 2, 14, 28, 9, 20, 1, 23, 11, 16, 3]
    for number, day in enumerate(days):
        body = "Ceasefire talks. " + "Ceasefire. " * (number % 4) + " Filler text." * number
        add(store, f"Report {number}", body, day=day)
    # The reference: a first range holding every article, so that every match is scored at once.
    monkeypatch.setattr(search_module, "FIRST_RANGE_HALF_LIVES", 10_000)
    monkeypatch.setattr(search_tantivy, "FIRST_RANGE", timedelta(days=10_000))
    expected = headlines(store.search("ceasefire talks", limit=12, now=NOW).hits)
    monkeypatch.setattr(search_module, "FIRST_RANGE_HALF_LIVES", 0)  # a first range of one day's articles
    monkeypatch.setattr(search_tantivy, "FIRST_RANGE", timedelta(microseconds=1))  # of one moment (the index)
    monkeypatch.setattr(search_tantivy, "MIN_RANGE", timedelta(microseconds=1))

    assert len(expected) == 12
    for limit in range(1, 13):
        assert headlines(store.search("ceasefire talks", limit=limit, now=NOW).hits) == expected[:limit]


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

    assert line == f"More than {MAX_RANKED:,} articles match; the best {MAX_RANKED:,} are listed"
    assert buttons == ["/search ceasefire --page 2"]
    # The last page of ranked matches offers no next page: there is nothing more to show.
    assert reply_parts(total, MAX_RANKED // 5, 5)[1] == []


# --- nothing typed breaks a query or reaches SQL ----------------------------------------------------------

_SYNTAX = ['"', "'", "-", "OR", "AND", "NOT", "NEAR(", ")", "*", ":", "^", "!", "&", "|", "<->", "\\", ";", "%", "_",
           "from:", "to:", "source:", "about:", "sort:", "headline:", "2025-11", "é", "ü", " ", "\x00", "--page 2",
           "'; DROP TABLE articles; --", "grain", "corridor"]  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(), st.lists(st.sampled_from(_SYNTAX)).map("".join)))
def test_any_text_is_a_query_that_runs(store: Store, typed: str) -> None:
    if store.article_count() == 0:
        add(store, "Grain corridor", "Talks on the grain corridor; 100% of the 'grain' shipments.", day=3)

    found = store.search(typed, limit=5, now=NOW)

    assert found.total <= 1 and len(found.hits) == found.total
    assert store.article_count() == 1
