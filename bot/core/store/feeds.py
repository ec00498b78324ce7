"""RSS and Atom feeds in the store: the list of feeds, what each fetch did, and the items already taken.

A feed is one row per address, fetched once per poll; the workspaces that read it are its `feed_readers`, each
listing and removing it for itself alone. The operator's feeds (added from the command line) are everyone's."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, or_, select, update

from bot.core.store import Store
from bot.core.store import state as t
from bot.core.store.rows import insert_ignore
from bot.core.store.team import Team
from bot.core.store.teams import drop_unread_feeds, owner
from bot.core.store.timestamps import utc

_F = t.feeds.c
_R = t.feed_readers.c
_ITEMS = t.feed_items.c


@dataclass(frozen=True)
class Feed:
    """A feed and what its last fetch did (as a workspace lists it: what the fetches since it added it did)."""

    id: int
    url: str
    title: str | None
    etag: str | None
    last_modified: str | None
    last_fetch_at: datetime | None
    last_ok_at: datetime | None
    last_error: str | None
    articles: int
    # When its newest reader (as a workspace lists it: that workspace) added it; None when only the operator reads it.
    added_at: datetime | None = None


def feed(r: Any) -> Feed:
    """A row of the feeds table as a record (with `added_at` when the query reads it)."""
    added = r._mapping.get("added_at")
    return Feed(
        r.id, r.url, r.title, r.etag, r.last_modified, utc(r.last_fetch_at) if r.last_fetch_at else None,
        utc(r.last_ok_at) if r.last_ok_at else None, r.last_error, int(r.articles or 0), utc(added) if added else None,
    )  # fmt: skip


def add(store: Store, url: str, user_id: str | None, now: datetime) -> bool:
    """Add a feed by its (checked) URL for the store's team (unscoped: the operator's, listed everywhere); False
    when the team already reads it, or everyone does. Whether another workspace reads it is not told."""
    with store.writing() as conn:
        row = conn.execute(select(_F.id, _F.everyone).where(_F.url == url)).first()
        if row is not None and (row.everyone or (store.team is not None and _reads(conn, row.id, store.team))):
            return False
        feed_id = row.id if row is not None else _new_feed(conn, url, now)
        if store.team is None:
            conn.execute(update(t.feeds).where(_F.id == feed_id).values(everyone=True))
        else:
            reader = {"feed_id": feed_id, "added_by": user_id, "created_at": now, **owner(store)}
            conn.execute(insert(t.feed_readers).values(**reader))
    return True


def _new_feed(conn: Connection, url: str, now: datetime) -> int:
    values = {"url": url, "created_at": now, "articles": 0, "active": True}
    return int(conn.execute(insert(t.feeds).values(**values).returning(_F.id)).scalar_one())


def _reads(conn: Connection, feed_id: int, team: Team) -> bool:
    found = select(_R.feed_id).where(_R.feed_id == feed_id, _R.team_id == team.team_id)
    return conn.execute(found).first() is not None


def remove(store: Store, url: str) -> bool:
    """Stop reading a feed for the store's team (unscoped: for everyone); once nobody reads it, the feed and its
    remembered items go. False when the team did not read it."""
    with store.writing() as conn:
        feed_id = conn.execute(select(_F.id).where(_F.url == url)).scalar()
        if feed_id is None:
            return False
        readers = delete(t.feed_readers).where(_R.feed_id == feed_id)
        if store.team is None:  # the operator stops it for everyone
            conn.execute(update(t.feeds).where(_F.id == feed_id).values(everyone=False))
            conn.execute(readers)
        elif conn.execute(readers.where(_R.team_id == store.team.team_id)).rowcount == 0:
            return False
        drop_unread_feeds(conn)
    return True


def all_feeds(store: Store) -> list[Feed]:
    """The feeds the store's team reads (its own and the operator's; every feed when unscoped), oldest first."""
    if store.team is not None:
        return _read_by(store, store.team)
    newest = select(func.max(_R.created_at)).where(_R.feed_id == _F.id).scalar_subquery()
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.feeds, newest.label("added_at")).order_by(_F.id)).all()
    return [feed(r) for r in rows]


def _read_by(store: Store, team: Team) -> list[Feed]:
    """The feeds `team` reads, as it sees them (`since_added`), and the operator's, as everyone sees them."""
    since = select(func.count()).select_from(t.feed_items)
    since = since.where(_ITEMS.feed_id == _F.id, _ITEMS.article_id.is_not(None), _ITEMS.seen_at >= _R.created_at)
    query = (
        select(t.feeds, _R.created_at.label("added_at"), since.scalar_subquery().label("since"))
        .outerjoin(t.feed_readers, and_(_R.feed_id == _F.id, _R.team_id == team.team_id))
        .where(or_(_F.everyone, _R.team_id.is_not(None)))
        .order_by(_F.id)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [feed(r) if r.everyone else since_added(feed(r), int(r.since)) for r in rows]


def since_added(found: Feed, articles: int) -> Feed:
    """A feed as the workspace that added it at `found.added_at` sees it: the fetches since then, and the
    `articles` they brought; nothing of what it did for others before."""
    fetched = found.last_fetch_at
    if fetched is None or found.added_at is None or fetched < found.added_at:
        return replace(found, title=None, last_fetch_at=None, last_ok_at=None, last_error=None, articles=0)
    return replace(found, articles=articles)


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
