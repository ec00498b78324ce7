"""Watches in the store, and the articles their alerts are about: those after the alert cursor, those naming an
entity."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select

from bot.core.store import Store
from bot.core.store import schema as s
from bot.core.store import state as t
from bot.core.store.records import ARTICLE_COLUMNS, ArticleRow, article_row
from bot.core.store.rows import insert_ignore
from bot.core.store.team import Team
from bot.core.store.teams import mine, owner
from bot.core.store.timestamps import utc

_W = t.watches.c


@dataclass(frozen=True)
class Watch:
    """One entity a person watches, by its name when the watch was made."""

    name: str
    key: str
    since: datetime


@dataclass(frozen=True)
class Pending:
    """The articles after the alert cursor: up to which id, and when the first and the last were ingested."""

    after: int
    newest: int
    first_at: datetime
    last_at: datetime


@dataclass(frozen=True)
class Alert:
    """A new article and the watched names it mentions."""

    article: ArticleRow
    names: list[str]


def watch(r: Any) -> Watch:
    """A row of the watches table as a record."""
    return Watch(r.name, r.name_key, utc(r.created_at))


def add(store: Store, user_id: str, key: str, name: str, now: datetime) -> bool:
    """Store a watch of the entity with this name and key; False when the person already watches that key."""
    team = owner(store)
    with store.writing() as conn:
        before = (
            conn.execute(select(_W.name_key).where(_W.user_id == user_id, _W.team_id == team["team_id"]))
            .scalars()
            .all()
        )
        if key in before:
            return False
        row = {"user_id": user_id, "name_key": key, "name": name, "created_at": now, **team}
        insert_ignore(conn, t.watches, [row], ("team_id", "user_id", "name_key"))
    return True


def remove(store: Store, user_id: str, key: str) -> None:
    """Delete a person's watch of this key."""
    with store.writing() as conn:
        conn.execute(delete(t.watches).where(_W.user_id == user_id, _W.name_key == key, mine(store, t.watches)))


def of(store: Store, user_id: str) -> list[Watch]:
    """A person's watches, oldest first."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(t.watches).where(_W.user_id == user_id, mine(store, t.watches)).order_by(_W.created_at, _W.name)
        ).all()
    return [watch(r) for r in rows]


def watchers(store: Store) -> list[tuple[Team, str, str]]:
    """Every watch (of the store's team) as (the person's workspace, their user id, the watched name)."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(_W.team_id, _W.enterprise_id, _W.user_id, _W.name).where(mine(store, t.watches)))
        return [(Team(r.team_id, r.enterprise_id), r.user_id, r.name) for r in rows.all()]


def pending(store: Store, after: int) -> Pending | None:
    """The articles with ids above `after`, or None when there are none."""
    a = s.articles.c
    with store.engine.connect() as conn:
        row = conn.execute(
            select(func.max(a.id), func.min(a.ingested_at), func.max(a.ingested_at)).where(a.id > after)
        ).one()
    if row[0] is None:
        return None
    return Pending(after, int(row[0]), utc(row[1]), utc(row[2]))


def articles_naming(store: Store, entity_ids: Sequence[int], article_ids: Sequence[int]) -> list[ArticleRow]:
    """Which of the articles `article_ids` (sorted) name one of the entities, each once.

    A range query, not a list of parameters, keeps a long backlog within the database's limit on bound parameters.
    """
    if not entity_ids:
        return []
    a, ea = s.articles.c, s.entity_articles.c
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(*ARTICLE_COLUMNS)
            .distinct()
            .join(s.entity_articles, ea.article_id == a.id)
            .where(ea.entity_id.in_(list(entity_ids)), a.id.between(article_ids[0], article_ids[-1]))
        ).all()
    wanted = set(article_ids)
    return [article_row(r) for r in rows if r.id in wanted]
