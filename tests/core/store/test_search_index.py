"""The search index (Tantivy) beside the store: the ranking it gives, that nothing typed breaks it, and that it
follows the store: articles added by another process, a deleted or damaged index, another store's index, a
search while it is being built, and replicas each keeping their own."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import count
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from bot.core import names
from bot.core.models import Article, EntityType, Extracted, Mention
from bot.core.search.about import resolve_about
from bot.core.search.syntax import parse
from bot.core.store import Store, open_store, schema, search_index, search_tantivy
from bot.core.store.search import Hit

NOW = datetime(2025, 12, 1, tzinfo=UTC)
_serial = count()


def add(store: Store, headline: str, body: str, day: int, month: int = 11, people: tuple[str, ...] = ()) -> None:
    """Index an article published on `day` of `month` 2025, linked to `people`."""
    unique = f"{headline}|{body}|{next(_serial)}"
    article = Article(
        text=body,
        headline=headline,
        published=datetime(2025, month, day, 9, tzinfo=UTC),
        source="Harbour Times" if day % 2 else "Levant Wire",
        content_hash=hashlib.sha256(unique.encode()).hexdigest(),
    )
    linked = [
        Extracted(person, names.key(person), EntityType.PERSON, {EntityType.PERSON: 2.0}, {person},
                  [Mention(person, 0, len(person), 0, 100)])
        for person in people
    ]  # fmt: skip
    assert store.add_article(article, linked) is not None


def headlines(hits: list[Hit]) -> list[str]:
    return [hit.headline for hit in hits]


@pytest.fixture
def indexed(database_url: str, migrated_sqlite: Path, tmp_path: Path) -> Iterator[Store]:
    """A store on each backend that searches through a search index in a temporary directory."""
    if database_url.startswith("sqlite:///"):
        shutil.copyfile(migrated_sqlite, database_url.removeprefix("sqlite:///"))
    store = open_store(database_url, tmp_path / "index")
    yield store
    close(store)


def close(store: Store) -> None:
    assert store.search_index is not None
    store.search_index.close()
    store.engine.dispose()


def through_index(store: Store) -> bool:
    """Whether the store's last search could use its index: it held the newest article."""
    assert store.search_index is not None
    return store.search_index.indexed == store.newest_article_id()


def wire(store: Store) -> None:
    """Ten articles over November 2025, some about Ivan Petrov."""
    add(store, "Grain corridor reopens", "Ships sailed through the grain corridor.", 20, people=("Ivan Petrov",))
    add(store, "Port news", "A grain ship docked; the corridor was quiet.", 28)
    add(store, "Grain, grain, grain", "Grain prices, grain ships, the grain corridor and grain stores.", 25)
    add(store, "Grain in September", "Grain prices, grain ships, the grain corridor and grain stores.", 2, 9)
    add(store, "Talks", "Petrov spoke of the corridor and of grain exports.", 27, people=("Ivan Petrov",))
    add(store, "Weather", "Rain all week on the coast.", 29)
    add(store, "Drone strikes", "Drone strikes hit the fuel depot near the port.", 26)
    add(store, "Strikes and drones", "Workers' strikes; drones were seen.", 24)
    add(store, "Fuel depot", "The depot burned after drone strikes, the second time.", 10, people=("Ivan Petrov",))
    add(store, "Old strikes", "Drone strikes in the spring.", 1, 4)


# The order these queries rank in, pinned: BM25 (headline weighed four times the body) times 2^(-age/14 days).
# "Grain, grain, grain" (25 November) outranks the older, less relevant "Grain corridor reopens" (20 November);
# the same text as the first in September, a sixth of a year older, comes after passing mentions of this week.
PINNED = {
    "grain": ["Grain, grain, grain", "Grain corridor reopens", "Port news", "Talks", "Grain in September"],
    '"drone strikes"': ["Drone strikes", "Fuel depot", "Old strikes"],
    "drone strikes": ["Drone strikes", "Fuel depot", "Old strikes"],
    "grain -prices": ["Grain corridor reopens", "Port news", "Talks"],
    "corridor OR depot": ["Grain corridor reopens", "Fuel depot", "Drone strikes", "Port news", "Talks",
                          "Grain, grain, grain", "Grain in September"],
    "grain sort:new": ["Port news", "Talks", "Grain, grain, grain", "Grain corridor reopens", "Grain in September"],
    "grain source:levant": ["Grain corridor reopens", "Port news", "Grain in September"],
    "grain source:EVANT": ["Grain corridor reopens", "Port news", "Grain in September"],  # any part of the name
    'grain source:"harbour times"': ["Grain, grain, grain", "Talks"],
    'grain source:"levant.*" source:[(|': [],  # no regular expression: the characters themselves
    "strikes from:2025-11-20": ["Drone strikes", "Strikes and drones"],
    "strikes to:2025-11-10": ["Fuel depot", "Old strikes"],
    # Without words: listed newest first.
    "source:levant": ["Port news", "Drone strikes", "Strikes and drones", "Grain corridor reopens", "Fuel depot",
                      "Grain in September"],
    "-grain from:2025-11-25": ["Weather", "Drone strikes"],
}  # fmt: skip


@pytest.mark.parametrize("typed", list(PINNED))
def test_the_ranking_order_on_a_small_corpus(indexed: Store, typed: str) -> None:
    wire(indexed)

    found = indexed.search(typed, limit=10, now=NOW)

    assert through_index(indexed)
    assert headlines(found.hits) == PINNED[typed]
    assert found.total == len(PINNED[typed])


def test_words_the_stores_leave_out_are_searched_and_still_get_a_snippet(indexed: Store) -> None:
    wire(indexed)

    found = indexed.search('"the grain"', limit=10, now=NOW)  # PostgreSQL's own search drops "the"

    assert headlines(found.hits) == ["Grain, grain, grain", "Grain corridor reopens", "Grain in September"]
    assert all(hit.snippet for hit in found.hits)


def test_a_match_the_stores_own_search_misses_is_still_shown(indexed: Store) -> None:
    add(indexed, "Shipyard", "The Æon shipyard reopened.", 3)  # the index folds "Æ" to "AE"; FTS5 keeps it

    [hit] = indexed.search("aeon", limit=5, now=NOW).hits

    assert (hit.headline, hit.snippet) == ("Shipyard", "The Æon shipyard reopened.")


def test_a_listing_without_words_shows_each_articles_opening(indexed: Store) -> None:
    wire(indexed)

    [first, second] = indexed.search("-grain from:2025-11-25", limit=10, now=NOW).hits

    assert (first.headline, first.snippet) == ("Weather", "Rain all week on the coast.")
    assert second.snippet == "Drone strikes hit the fuel depot near the port."
    assert through_index(indexed)


def test_about_keeps_the_articles_linked_to_the_entity(indexed: Store) -> None:
    wire(indexed)

    query = resolve_about(indexed, parse("grain OR depot about:Petrov", NOW.date()))
    found = indexed.search(query, limit=10, now=NOW)

    assert query.filters.entities and through_index(indexed)
    assert headlines(found.hits) == ["Fuel depot", "Grain corridor reopens", "Talks"]


def test_no_article_scores_above_the_ceiling_the_walk_stops_by(indexed: Store) -> None:
    wire(indexed)
    indexed.search("grain", limit=1, now=NOW)  # brings the index up to date
    assert indexed.search_index is not None
    with indexed.engine.connect() as conn:
        snapshot = indexed.search_index.searcher(conn)
    assert snapshot is not None
    searcher = snapshot.searcher

    for typed in ["grain", '"drone strikes"', "grain corridor", "corridor OR depot", "weather"]:
        rendered = search_tantivy.Rendered(searcher, indexed.search_index.schema, parse(typed, NOW.date()), False)
        scores = [score for score, _ in searcher.search(rendered.words(), 100).hits]
        assert scores and max(scores) <= rendered.ceiling()


_SYNTAX = ['"', "'", "-", "OR", "source:", "source:.*", "source:[(", "source:\\", "AND", "NOT", "NEAR(", ")", "*",
           ":", "^", "!", "&", "|", "\\", "~", "[", "]",
           "{", "}", "+", "/", "from:", "to:", "source:", "sort:new", "headline:", "body:", "id:1", "2025-11", "İ",
           "é", " ", "\x00", "grain", "corridor", "x" * 120]  # fmt: skip


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(), st.lists(st.sampled_from(_SYNTAX)).map("".join)))
@example("GRAIN:" + "0" * 102)  # a word the index leaves out: the phrase matches nothing (it once matched "grain")
def test_any_text_runs_through_the_index(indexed: Store, typed: str) -> None:
    if indexed.article_count() == 0:
        add(indexed, "Grain corridor", "Talks on the grain corridor; 100% of the 'grain' shipments.", 3)

    found = indexed.search(typed, limit=5, now=NOW)

    assert through_index(indexed) or not parse(typed, NOW.date()).positive  # without words, nothing to look up
    assert found.total <= 1 and len(found.hits) == found.total


def test_articles_another_process_adds_are_found(indexed: Store, database_url: str) -> None:
    wire(indexed)
    assert indexed.search("weather", limit=5, now=NOW).total == 1
    other = open_store(database_url)  # `python -m bot ingest` beside the bot: no index of its own

    add(other, "Weather again", "Weather warning: more rain on the coast.", 30)
    found = indexed.search("weather", limit=5, now=NOW)

    assert headlines(found.hits) == ["Weather again", "Weather"]
    assert through_index(indexed)
    other.engine.dispose()


@pytest.mark.parametrize("damage", ["deleted", "unreadable", "of another version"])
def test_a_deleted_or_damaged_index_is_rebuilt_from_the_store(
    database_url: str, migrated_sqlite: Path, tmp_path: Path, damage: str
) -> None:
    if database_url.startswith("sqlite:///"):
        shutil.copyfile(migrated_sqlite, database_url.removeprefix("sqlite:///"))
    directory = tmp_path / "index"
    first = open_store(database_url, directory)
    wire(first)
    expected = headlines(first.search("grain", limit=10, now=NOW).hits)
    close(first)
    if damage == "deleted":
        shutil.rmtree(directory)
    elif damage == "unreadable":
        (directory / "meta.json").write_text("{not json", encoding="utf-8")
    else:
        (directory / search_index.SIDECAR).write_text('{"version": 0}', encoding="utf-8")

    again = open_store(database_url, directory)
    assert headlines(again.search("grain", limit=10, now=NOW).hits) == expected
    assert through_index(again)
    close(again)


def test_an_index_made_from_another_store_is_rebuilt(tmp_path: Path) -> None:
    directory = tmp_path / "index"
    one = open_store(f"sqlite:///{tmp_path / 'one.db'}", directory)
    add(one, "Grain one", "Grain from the first store.", 3)
    add(one, "Grain two", "Grain again from the first store.", 4)
    assert one.search("grain", limit=5, now=NOW).total == 2
    close(one)

    other = open_store(f"sqlite:///{tmp_path / 'other.db'}", directory)
    add(other, "Weather", "Rain.", 3)
    add(other, "Grain elsewhere", "Grain in the other store.", 4)

    found = other.search("grain", limit=5, now=NOW)

    assert headlines(found.hits) == ["Grain elsewhere"] and found.total == 1  # none of the first store's
    assert through_index(other)
    close(other)


def test_a_search_while_the_index_is_built_is_answered_by_the_store(
    indexed: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    wire(indexed)
    plain = open_store(indexed.engine.url.render_as_string(hide_password=False))
    expected = headlines(plain.search("grain", limit=10, now=NOW).hits)
    plain.engine.dispose()
    monkeypatch.setattr(search_index, "INLINE_ARTICLES", 0)  # any gap is left to a thread
    monkeypatch.setattr(search_index, "BUILD_LOG_EVERY", 3)

    during = indexed.search("grain", limit=10, now=NOW)
    assert indexed.search_index is not None
    indexed.search_index.close()  # waits for the thread
    after = indexed.search("grain", limit=10, now=NOW)

    assert headlines(during.hits) == expected  # from the store's own search, while the thread ran
    assert headlines(after.hits) == PINNED["grain"] and through_index(indexed)


def test_a_build_steps_over_gaps_in_the_ids(indexed: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL leaves an id unused when a transaction that took it rolls back; a build reads ranges of ids."""
    wire(indexed)
    with indexed.engine.begin() as conn:  # ids 3 to 8 never committed
        conn.execute(delete(schema.articles).where(schema.articles.c.id.between(3, 8)))
    monkeypatch.setattr(search_index, "BUILD_LOG_EVERY", 2)
    assert indexed.search_index is not None

    indexed.search_index.catch_up()

    assert through_index(indexed)
    assert headlines(indexed.search("grain", limit=10, now=NOW).hits) == ["Grain corridor reopens", "Port news"]


def test_replicas_each_keep_an_index_of_the_one_database(indexed: Store, database_url: str, tmp_path: Path) -> None:
    replica = open_store(database_url, tmp_path / "replica-index")
    wire(indexed)
    assert headlines(replica.search("grain", limit=10, now=NOW).hits) == PINNED["grain"]

    add(replica, "Harvest in", "The harvest came in on the coast.", 29)
    add(indexed, "Harvest, the figures", "Harvest figures for the grain corridor.", 30)

    answers = [headlines(store.search("harvest", limit=5, now=NOW).hits) for store in (indexed, replica)]

    assert answers[0] == answers[1] and sorted(answers[0]) == ["Harvest in", "Harvest, the figures"]
    assert through_index(indexed) and through_index(replica)
    close(replica)
