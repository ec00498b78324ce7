"""Watches: a person follows entities and gets one direct message per ingestion run about new articles naming them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select

from bot.core import names
from bot.core.render.answers import article_line, plural
from bot.core.render.blockkit import Reply, bullets, context, escape, header, section
from bot.core.store import Store
from bot.core.store import schema as s
from bot.core.store import state as t
from bot.core.store.reader import ArticleRow, EntityRow, utc
from bot.core.store.rows import insert_ignore

# A direct message lists at most this many articles; the rest are counted. One section stays under 3,000
# characters with lines of ~150.
MAX_ALERT_ARTICLES = 15
# Watches per person: enough for a beat, few enough that alerts stay readable and cheap to compute.
MAX_WATCHES = 50
# The store meta key holding the id of the newest article already considered for alerts.
ALERT_CURSOR = "watch_alert_cursor"
# Alerts wait for a quiet moment so that one ingestion run gives one message; when runs follow each other
# without a pause (a large `python -m bot ingest`, many feeds), people still hear at least this often.
ALERT_LONGEST_WAIT = timedelta(minutes=15)


@dataclass(frozen=True)
class Watch:
    """One entity a person watches, by its name when the watch was made."""

    name: str
    key: str
    since: datetime


@dataclass(frozen=True)
class Alert:
    """A new article and the watched names it mentions."""

    article: ArticleRow
    names: list[str]


def add(store: Store, user_id: str, entity: EntityRow, now: datetime) -> bool:
    """Watch an entity; False when the person already watches it."""
    key = names.key(entity.name)
    with store.writing() as conn:
        before = conn.execute(select(t.watches.c.name_key).where(t.watches.c.user_id == user_id)).scalars().all()
        if key in before:
            return False
        row = {"user_id": user_id, "name_key": key, "name": entity.name, "created_at": now}
        insert_ignore(conn, t.watches, [row], ("user_id", "name_key"))
    return True


def remove(store: Store, user_id: str, watch: Watch) -> None:
    """Stop watching."""
    w = t.watches.c
    with store.writing() as conn:
        conn.execute(delete(t.watches).where(w.user_id == user_id, w.name_key == watch.key))


def of(store: Store, user_id: str) -> list[Watch]:
    """A person's watches, oldest first."""
    w = t.watches.c
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.watches).where(w.user_id == user_id).order_by(w.created_at, w.name)).all()
    return [Watch(r.name, r.name_key, utc(r.created_at)) for r in rows]


def find(watches: Sequence[Watch], name: str) -> Watch | None:
    """The watch a typed name refers to: same key, spelling variant, or a family name of a watched person."""
    wanted = names.key(name)
    for watch in watches:
        if watch.key == wanted or names.same_name(watch.key, wanted):
            return watch
    family = [w for w in watches if names.surname(w.key) == wanted]
    return family[0] if len(family) == 1 else None


@dataclass(frozen=True)
class Pending:
    """The articles after the alert cursor: up to which id, and when the first and the last were ingested."""

    after: int
    newest: int
    first_at: datetime
    last_at: datetime


def alert_cursor(store: Store) -> int | None:
    """The id of the newest article already considered for alerts; None before the first alert run."""
    value = store.get_meta(ALERT_CURSOR)
    return None if value is None else int(value)


def begin_alerts(store: Store) -> int | None:
    """The alert cursor; None the very first time, after setting it past every stored article (a backlog is
    not news to anyone)."""
    cursor = alert_cursor(store)
    if cursor is None:
        set_alert_cursor(store, newest_article_id(store))
    return cursor


def set_alert_cursor(store: Store, article_id: int) -> None:
    """Record that every article up to `article_id` has been considered for alerts."""
    store.set_meta(ALERT_CURSOR, str(article_id))


def newest_article_id(store: Store) -> int:
    """The highest article id, 0 when the store is empty."""
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.coalesce(func.max(s.articles.c.id), 0))).scalar_one())


def pending(store: Store, after: int) -> Pending | None:
    """The articles not yet considered for alerts (ids above `after`), or None when there are none."""
    a = s.articles.c
    with store.engine.connect() as conn:
        row = conn.execute(
            select(func.max(a.id), func.min(a.ingested_at), func.max(a.ingested_at)).where(a.id > after)
        ).one()
    if row[0] is None:
        return None
    return Pending(after, int(row[0]), utc(row[1]), utc(row[2]))


def due(
    waiting: Pending | None,
    now: datetime,
    quiet: timedelta,
    running: bool = False,
    longest: timedelta = ALERT_LONGEST_WAIT,
) -> range:
    """The article ids to alert about now: none while their ingestion run may still be going on (`running`,
    or the newest ingested less than `quiet` ago), unless the oldest has already waited `longest`."""
    if waiting is None:
        return range(0)
    settled = not running and now - waiting.last_at >= quiet
    if not settled and now - waiting.first_at < longest:
        return range(0)
    return range(waiting.after + 1, waiting.newest + 1)


def alerts(store: Store, article_ids: Iterable[int]) -> dict[str, list[Alert]]:
    """Per person, the given articles that name one of their watched entities, oldest first."""
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.watches.c.user_id, t.watches.c.name)).all()
    watchers: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        watchers.setdefault(names.key(row.name), []).append((row.user_id, row.name))
    found: dict[str, dict[int, Alert]] = {}
    for people in watchers.values():
        entity_ids = [e.id for e in store.entities_by_key(people[0][1])]
        for article in _articles_naming(store, entity_ids, ids):
            for user_id, name in people:
                alert = found.setdefault(user_id, {}).setdefault(article.id, Alert(article, []))
                if name not in alert.names:
                    alert.names.append(name)
    return {user: [by_id[i] for i in sorted(by_id)] for user, by_id in found.items()}


def _articles_naming(store: Store, entity_ids: Sequence[int], article_ids: Sequence[int]) -> list[ArticleRow]:
    """`article_ids` is sorted; a range query, not a list of parameters, keeps a long backlog within the
    database's limit on bound parameters."""
    if not entity_ids:
        return []
    a, ea = s.articles.c, s.entity_articles.c
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(a.id, a.headline, a.published_at, a.source, a.url)
            .distinct()
            .join(s.entity_articles, ea.article_id == a.id)
            .where(ea.entity_id.in_(list(entity_ids)), a.id.between(article_ids[0], article_ids[-1]))
        ).all()
    wanted = set(article_ids)
    return [ArticleRow(r.id, r.headline, utc(r.published_at), r.source, r.url) for r in rows if r.id in wanted]


def alert_reply(found: Sequence[Alert]) -> Reply:
    """The one direct message of an ingestion run: every new article naming something the person watches."""
    watched = sorted({name for alert in found for name in alert.names})
    title = f"New on {', '.join(watched)}"
    shown = found[:MAX_ALERT_ARTICLES]
    lines = [f"{article_line(a.article)} — _{escape(', '.join(a.names))}_" for a in shown]
    blocks = [header(title), section(bullets(lines))]
    if len(found) > len(shown):
        blocks.append(context(f"…and {plural(len(found) - len(shown), 'more article')}. Try `/search` to see them."))
    blocks.append(context("You get this because you watch these names. `/watches` lists them; `/unwatch NAME` stops."))
    text = f"{title}: " + "; ".join(a.article.headline for a in shown)
    return Reply(text=text, blocks=blocks)


def list_reply(watches: Sequence[Watch]) -> Reply:
    """/watches: what the person watches."""
    if not watches:
        text = "You are not watching anything. `/watch NAME` sends you a direct message when new articles name it."
        return Reply(text=text, blocks=[section(text)])
    lines = [f"*{escape(w.name)}* — since {w.since.strftime('%-d %b %Y')}" for w in watches]
    blocks = [header("Your watches"), section(bullets(lines)), context("`/unwatch NAME` stops one.")]
    return Reply(text="Your watches: " + ", ".join(w.name for w in watches), blocks=blocks)
