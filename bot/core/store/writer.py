"""Writing one article and everything extracted from it, and resolving its entities against the corpus.

Called inside one transaction per article: either all of it is indexed or none of it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.core import names
from bot.core.models import Article, EntityType, Extracted, decide_type
from bot.core.store import schema as s
from bot.core.store.search import index_article


def find_duplicate(conn: Connection, article: Article) -> int | None:
    """The id of an article already stored with the same content or URL."""
    same = s.articles.c.content_hash == article.content_hash
    if article.url:
        same = or_(same, s.articles.c.url == article.url)
    return conn.execute(select(s.articles.c.id).where(same).limit(1)).scalar()


def add_article(conn: Connection, article: Article, extracted: Sequence[Extracted], now: datetime) -> int:
    """Store a new article and its entities; returns the article id."""
    inserted = conn.execute(
        insert(s.articles).values(
            content_hash=article.content_hash,
            url=article.url,
            source=article.source,
            headline=article.headline,
            text=article.text,
            published_at=article.published,
            ingested_at=now,
            word_count=len(article.text.split()),
        )
    ).inserted_primary_key
    assert inserted is not None
    article_id = int(inserted[0])
    index_article(conn, article_id, article.headline, article.text)
    add_entities(conn, article_id, extracted)
    return article_id


def add_entities(conn: Connection, article_id: int, extracted: Sequence[Extracted]) -> None:
    """Resolve an article's entities against the corpus and store what was found about each."""
    for found in extracted:
        entity_id = resolve(conn, found) or _create(conn, found)
        _attach(conn, entity_id, article_id, found)
        if found.type is EntityType.PERSON and names.surname(found.key):
            _absorb_surname_entities(conn, entity_id, found.key)


def insert_ignore(conn: Connection, table: Any, rows: Iterable[dict[str, Any]], keys: Sequence[str]) -> None:
    """Insert rows, skipping those whose key columns already exist (portable ON CONFLICT DO NOTHING)."""
    rows = list(rows)
    if not rows:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(dialect.insert(table).on_conflict_do_nothing(index_elements=list(keys)), rows)


def resolve(conn: Connection, found: Extracted) -> int | None:
    """The stored entity `found` is, by name, spelling variant or (for a lone family name) surname."""
    skel = names.skeleton(found.key)
    rows = conn.execute(
        select(s.aliases.c.entity_id, s.aliases.c.key, s.entities.c.type, s.entities.c.article_count)
        .join(s.entities, s.entities.c.id == s.aliases.c.entity_id)
        .where(or_(s.aliases.c.key == found.key, s.aliases.c.skeleton == skel))
    ).all()
    installation = found.type is EntityType.INSTALLATION
    named = [r for r in rows if names.same_name(found.key, r.key)]
    same_kind = [r for r in named if (r.type == EntityType.INSTALLATION) == installation]
    # A bare "Hmeimim" elsewhere is the airbase when nothing else bears that name; "Tartus" the city stays
    # a city when the corpus knows one.
    if not same_kind and found.type is EntityType.PLACE:
        same_kind = named
    if same_kind:
        return int(max(same_kind, key=lambda r: r.article_count).entity_id)
    if installation or names.surname(found.key) or _clearly_a_place(found.votes):
        return None
    owners = conn.execute(
        select(s.entities.c.id).where(s.entities.c.surname == skel, s.entities.c.type == EntityType.PERSON)
    ).all()
    return int(owners[0].id) if len(owners) == 1 else None


def _clearly_a_place(votes: dict[EntityType, float]) -> bool:
    return votes.get(EntityType.PLACE, 0.0) >= 2 and not votes.get(EntityType.PERSON)


def _create(conn: Connection, found: Extracted) -> int:
    surname = names.surname(found.key) if found.type is EntityType.PERSON else None
    values: dict[str, Any] = {
        "name": found.name,
        "key": found.key,
        "type": found.type.value,
        "surname": names.skeleton(surname) if surname else None,
        "article_count": 0,
    }
    values.update({column: 0.0 for column in s.VOTE_COLUMNS.values()})
    inserted = conn.execute(insert(s.entities).values(**values)).inserted_primary_key
    assert inserted is not None
    return int(inserted[0])


def _attach(conn: Connection, entity_id: int, article_id: int, found: Extracted) -> None:
    """Add an article's mentions, roles, quotes and facts to an entity and update its counts and type."""
    insert_ignore(
        conn,
        s.aliases,
        [{"entity_id": entity_id, "key": names.key(a), "alias": a, "skeleton": names.skeleton(names.key(a))}
         for a in found.aliases if names.key(a)],
        ("entity_id", "key"),
    )  # fmt: skip
    first = found.mentions[0]
    link = s.entity_articles.c
    votes = {kind.value: weight for kind, weight in found.votes.items()}
    known = conn.execute(
        select(link.mentions, link.votes).where(link.entity_id == entity_id, link.article_id == article_id)
    ).first()
    if known is None:
        conn.execute(
            insert(s.entity_articles).values(
                entity_id=entity_id,
                article_id=article_id,
                mentions=len(found.mentions),
                sent_start=first.sent_start,
                sent_end=first.sent_end,
                votes=votes,
            )
        )
    else:  # two of the article's entities turned out to be one stored entity
        summed = {k: known.votes.get(k, 0.0) + votes.get(k, 0.0) for k in {*known.votes, *votes}}
        conn.execute(
            update(s.entity_articles)
            .where(link.entity_id == entity_id, link.article_id == article_id)
            .values(mentions=known.mentions + len(found.mentions), votes=summed)
        )
    conn.execute(
        insert(s.mentions),
        [{"entity_id": entity_id, "article_id": article_id, **vars(m)} for m in found.mentions],
    )
    owned = {"entity_id": entity_id, "article_id": article_id}
    if found.roles:
        conn.execute(insert(s.roles), [{**owned, "title": r.title, "sentence": r.sentence} for r in found.roles])
    insert_ignore(conn, s.quotes, [{**owned, "text": q.text, "sentence": q.sentence} for q in found.quotes],
                  ("entity_id", "article_id", "text"))  # fmt: skip
    if found.base_facts:
        conn.execute(insert(s.base_facts), [{**owned, **vars(f)} for f in found.base_facts])
    _add_votes(conn, entity_id, found.votes, articles=0 if known else 1, name=found.name)


def _add_votes(
    conn: Connection, entity_id: int, votes: dict[EntityType, float], articles: int, name: str | None
) -> None:
    e = s.entities.c
    changes: dict[str, Any] = {s.VOTE_COLUMNS[k.value]: e[s.VOTE_COLUMNS[k.value]] + w for k, w in votes.items()}
    changes["article_count"] = e.article_count + articles
    conn.execute(update(s.entities).where(e.id == entity_id).values(**changes))
    row = conn.execute(select(s.entities).where(e.id == entity_id)).one()
    totals = {kind: float(getattr(row, column)) for kind, column in _vote_columns()}
    kind = decide_type(totals)
    fuller = name is not None and kind is not EntityType.INSTALLATION and len(name.split()) > len(row.name.split())
    surname = names.surname(names.key(name or row.name)) if kind is EntityType.PERSON else None
    conn.execute(
        update(s.entities)
        .where(e.id == entity_id)
        .values(
            type=kind.value,
            name=name if fuller else row.name,
            key=names.key(name) if fuller and name else row.key,
            surname=names.skeleton(surname) if surname else None,
        )
    )


def _vote_columns() -> list[tuple[EntityType, str]]:
    return [(EntityType(kind), column) for kind, column in s.VOTE_COLUMNS.items()]


def _absorb_surname_entities(conn: Connection, person_id: int, full_key: str) -> None:
    """Entities known so far only by this person's family name join him, if no other person shares it."""
    skel = names.skeleton(names.surname(full_key) or "")
    people = conn.execute(
        select(s.entities.c.id).where(s.entities.c.surname == skel, s.entities.c.type == EntityType.PERSON)
    ).all()
    if len(people) != 1:
        return
    orphans = conn.execute(
        select(s.entities).where(
            s.entities.c.key.in_([names.surname(full_key)]) | (s.entities.c.key == skel),
            s.entities.c.id != person_id,
            s.entities.c.type != EntityType.INSTALLATION,
        )
    ).all()
    for orphan in orphans:
        votes = {kind: float(getattr(orphan, column)) for kind, column in _vote_columns()}
        if not _clearly_a_place(votes):
            merge(conn, orphan.id, person_id)


def merge(conn: Connection, source_id: int, target_id: int) -> None:
    """Fold entity `source_id` into `target_id`: its aliases, mentions, roles, quotes, facts and votes."""
    source = conn.execute(select(s.entities).where(s.entities.c.id == source_id)).one()
    for table in s.ENTITY_OWNED:
        conn.execute(update(table).where(table.c.entity_id == source_id).values(entity_id=target_id))
    alias_rows = conn.execute(select(s.aliases).where(s.aliases.c.entity_id == source_id)).mappings().all()
    insert_ignore(conn, s.aliases, [{**r, "entity_id": target_id} for r in alias_rows], ("entity_id", "key"))
    links = conn.execute(select(s.entity_articles).where(s.entity_articles.c.entity_id == source_id)).mappings()
    insert_ignore(conn, s.entity_articles, [{**r, "entity_id": target_id} for r in links], ("entity_id", "article_id"))
    conn.execute(delete(s.entity_articles).where(s.entity_articles.c.entity_id == source_id))
    conn.execute(delete(s.aliases).where(s.aliases.c.entity_id == source_id))
    conn.execute(delete(s.entities).where(s.entities.c.id == source_id))
    count = conn.execute(
        select(func.count()).select_from(s.entity_articles).where(s.entity_articles.c.entity_id == target_id)
    ).scalar_one()
    votes = {kind: float(getattr(source, column)) for kind, column in _vote_columns()}
    conn.execute(update(s.entities).where(s.entities.c.id == target_id).values(article_count=0))
    _add_votes(conn, target_id, votes, articles=int(count), name=None)


def co_counts(values: Iterable[str | None]) -> list[tuple[str, int]]:
    """Values by how often they occur, most common first, ignoring blanks."""
    return Counter(v for v in values if v).most_common()
