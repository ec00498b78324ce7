"""RSS and Atom feeds in the store: the list of feeds, what each fetch did, and the items already taken."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update

from bot.core.store import Store
from bot.core.store import state as t
from bot.core.store.rows import insert_ignore
from bot.core.store.teams import mine, owner
from bot.core.store.timestamps import utc

_F = t.feeds.c
_ITEMS = t.feed_items.c


@dataclass(frozen=True)
class Feed:
    """A feed and what its last fetch did."""

    id: int
    url: str
    title: str | None
    etag: str | None
    last_modified: str | None
    last_fetch_at: datetime | None
    last_ok_at: datetime | None
    last_error: str | None
    articles: int


def feed(r: Any) -> Feed:
    """A row of the feeds table as a record."""
    return Feed(
        r.id, r.url, r.title, r.etag, r.last_modified, utc(r.last_fetch_at) if r.last_fetch_at else None,
        utc(r.last_ok_at) if r.last_ok_at else None, r.last_error, int(r.articles or 0),
    )  # fmt: skip


def add(store: Store, url: str, user_id: str | None, now: datetime) -> bool:
    """Add a feed by its (checked) URL; False when it is already there."""
    with store.writing() as conn:
        if conn.execute(select(_F.id).where(_F.url == url)).first() is not None:
            return False
        team = owner(store) if store.team is not None else {}  # the command line's feeds are the operator's
        values = {"url": url, "added_by": user_id, "created_at": now, "articles": 0, "active": True, **team}
        conn.execute(insert(t.feeds).values(**values))
    return True


def remove(store: Store, url: str) -> bool:
    """Remove a feed (one the store's team added) and its remembered items; False when there was no such feed."""
    with store.writing() as conn:
        feed_id = conn.execute(select(_F.id).where(_F.url == url, mine(store, t.feeds))).scalar()
        if feed_id is None:
            return False
        conn.execute(delete(t.feed_items).where(_ITEMS.feed_id == feed_id))
        conn.execute(delete(t.feeds).where(_F.id == feed_id))
    return True


def all_feeds(store: Store) -> list[Feed]:
    """Every feed the store's team sees (its own and the operator's; every feed when unscoped), oldest first."""
    seen = mine(store, t.feeds) | _F.team_id.is_(None)
    with store.engine.connect() as conn:
        return [feed(r) for r in conn.execute(select(t.feeds).where(seen).order_by(_F.id)).all()]


def get(store: Store, feed_id: int) -> Feed | None:
    """One feed by id."""
    with store.engine.connect() as conn:
        row = conn.execute(select(t.feeds).where(_F.id == feed_id)).first()
    return feed(row) if row else None


def seen(store: Store, feed_id: int, keys: Sequence[str]) -> set[str]:
    """Which of these item keys the feed has already taken."""
    with store.engine.connect() as conn:
        query = select(_ITEMS.item_key).where(_ITEMS.feed_id == feed_id, _ITEMS.item_key.in_(list(keys)))
        return set(conn.execute(query).scalars())


def remember(store: Store, feed_id: int, item_key: str, article_id: int | None, now: datetime) -> None:
    """Remember that the feed's item was taken (as this article, or None when it was a duplicate)."""
    row = {"feed_id": feed_id, "item_key": item_key, "article_id": article_id, "seen_at": now}
    with store.writing() as conn:
        insert_ignore(conn, t.feed_items, [row], ("feed_id", "item_key"))


def record_failure(store: Store, feed_id: int, now: datetime, problem: str) -> None:
    """Record a fetch that failed, and why."""
    with store.writing() as conn:
        conn.execute(update(t.feeds).where(_F.id == feed_id).values(last_fetch_at=now, last_error=problem))


def record_success(
    store: Store, feed_id: int, now: datetime, error: str | None, new_articles: int, changes: Mapping[str, Any]
) -> None:
    """Record a fetch that worked: its problems with single items, the articles it added, and the feed's new
    title, etag or last-modified (`changes`; None values leave a column as it is)."""
    values = {k: v for k, v in changes.items() if v is not None}
    values |= {"last_fetch_at": now, "last_ok_at": now, "last_error": error}
    values["articles"] = _F.articles + new_articles
    with store.writing() as conn:
        conn.execute(update(t.feeds).where(_F.id == feed_id).values(**values))
