"""An entity's counts (its articles and its votes by type) after any mix of articles: the writer adds them up in
memory and writes them once per article (`writer.Tallies`), across entities found twice in one article, created
and found again in it, and merged in the middle of it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.core import names
from bot.core.models import EntityType, Extracted, Mention, decide_type
from bot.core.store import Store
from bot.core.store import schema as s
from bot.core.store.writer import MANY_ARTICLES
from tests.core.store.test_caches import _article

# Full names and the family names alone (a lone family name seen first is merged into the full name later), two
# people sharing one family name, and names that are places by some articles' evidence.
NAMES = ("Daniel Galosov", "Galosov", "Irina Galosova", "Marek Tovan", "Tovan", "Lena Tovan", "Korvik", "Sarnal")
KINDS = (EntityType.PERSON, EntityType.PLACE, EntityType.ORGANISATION)


@st.composite
def found(draw: st.DrawFn) -> Extracted:
    """One entity of an article, with votes for one or two types."""
    name = draw(st.sampled_from(NAMES))
    votes = {
        kind: draw(st.sampled_from((0.5, 1.0, 2.0, 3.5))) for kind in draw(st.sets(st.sampled_from(KINDS), min_size=1))
    }
    return Extracted(
        name=name,
        key=names.key(name),
        type=decide_type(votes),
        votes=votes,
        aliases={name},
        mentions=[Mention(name, 0, len(name), 0, 60)] * draw(st.integers(1, 3)),
    )


# An article's entities: a name may come twice (extraction kept two spellings apart that resolve to one entity).
ARTICLES = st.lists(st.lists(found(), min_size=1, max_size=5), min_size=1, max_size=8)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(articles=ARTICLES)
def test_counts_add_up_whatever_the_articles(store: Store, articles: list[list[Extracted]]) -> None:
    store.clear_entities()  # each example starts with no entities
    added: Counter[str] = Counter()
    for day, entities in enumerate(articles):
        assert store.add_article(_article(day), entities) is not None
        for entity in entities:
            added.update({s.VOTE_COLUMNS[kind.value]: weight for kind, weight in entity.votes.items()})
    e, links = s.entities.c, s.entity_articles.c
    linked = select(func.count()).where(links.entity_id == e.id).scalar_subquery()
    with store.engine.connect() as conn:
        rows = conn.execute(select(s.entities, linked.label("linked"))).all()
    for row in rows:
        assert row.article_count == row.linked, row  # each article counted once, merges included
        votes = {EntityType(kind): float(getattr(row, column)) for kind, column in s.VOTE_COLUMNS.items()}
        name_key = row.key if row.article_count >= MANY_ARTICLES else None  # a tie read across articles
        assert row.type == decide_type(votes, name_key).value, row  # the type the stored votes decide
    for column in s.VOTE_COLUMNS.values():  # no vote lost or counted twice: each went to one entity
        assert sum(getattr(row, column) for row in rows) == added[column]


def _entities(store: Store) -> list[tuple[object, ...]]:
    """Every stored entity as what a reader sees of it: name, type, counts and names (ids aside)."""
    with store.engine.connect() as conn:
        aliases = {
            entity_id: sorted(keys)
            for entity_id, keys in _grouped(conn.execute(select(s.aliases.c.entity_id, s.aliases.c.key)).all()).items()
        }
        rows = conn.execute(select(s.entities)).all()
    return sorted(
        (row.name, row.type, row.article_count, *(getattr(row, c) for c in s.VOTE_COLUMNS.values()), aliases[row.id])
        for row in rows
    )


def _grouped(pairs: Sequence[Any]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    for entity_id, key in pairs:
        grouped.setdefault(entity_id, []).append(key)
    return grouped


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(articles=ARTICLES)
def test_articles_stored_together_resolve_as_they_do_one_at_a_time(
    store: Store, articles: list[list[Extracted]]
) -> None:
    # One batch (one transaction, a savepoint each, as ingestion stores them) against a transaction each.
    store.clear_entities()
    for day, entities in enumerate(articles):
        assert store.add_article(_article(day), entities) is not None
    one_at_a_time = _entities(store)
    store.clear_entities()
    results = store.add_articles([(_article(day), entities) for day, entities in enumerate(articles)])
    assert all(isinstance(result, int) for result in results)
    assert _entities(store) == one_at_a_time
