"""Watches: a person follows entities and gets one direct message per ingestion run about new articles naming them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from bot.core import names

# Names imported "as" themselves are re-exported: callers import them from here.
from bot.core.alerts.render import alert_reply as alert_reply
from bot.core.alerts.render import list_reply as list_reply
from bot.core.store import Store
from bot.core.store import alerts as stored
from bot.core.store.alerts import Alert as Alert
from bot.core.store.alerts import Pending as Pending
from bot.core.store.alerts import Watch as Watch
from bot.core.store.records import EntityRow
from bot.core.store.team import Team

# A person to alert: their workspace and user id (a Grid user has one id in every workspace of the org).
Watcher = tuple[Team, str]

# Watches per person: enough for a beat, few enough that alerts stay readable and cheap to compute.
MAX_WATCHES = 50
# The store meta key holding the id of the newest article already considered for alerts.
ALERT_CURSOR = "watch_alert_cursor"
# Alerts wait for a quiet moment so that one ingestion run gives one message; when runs follow each other
# without a pause (a large `python -m bot ingest`, many feeds), people still hear at least this often.
ALERT_LONGEST_WAIT = timedelta(minutes=15)


def add(store: Store, user_id: str, entity: EntityRow, now: datetime) -> bool:
    """Watch an entity; False when the person already watches it."""
    return stored.add(store, user_id, names.key(entity.name), entity.name, now)


def remove(store: Store, user_id: str, watch: Watch) -> None:
    """Stop watching."""
    stored.remove(store, user_id, watch.key)


def of(store: Store, user_id: str) -> list[Watch]:
    """A person's watches, oldest first."""
    return stored.of(store, user_id)


def find(watches: Sequence[Watch], name: str) -> Watch | None:
    """The watch a typed name refers to: same key, spelling variant, or a family name of a watched person."""
    wanted = names.key(name)
    for watch in watches:
        if watch.key == wanted or names.same_name(watch.key, wanted):
            return watch
    family = [w for w in watches if names.surname(w.key) == wanted]
    return family[0] if len(family) == 1 else None


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
    return store.newest_article_id()


def pending(store: Store, after: int) -> Pending | None:
    """The articles not yet considered for alerts (ids above `after`), or None when there are none."""
    return stored.pending(store, after)


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


def alerts(store: Store, article_ids: Iterable[int]) -> dict[Watcher, list[Alert]]:
    """Per person (in their workspace), the given articles that name one of their watched entities, oldest
    first."""
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    watchers: dict[str, list[tuple[Watcher, str]]] = {}
    for team, user_id, name in stored.watchers(store):
        watchers.setdefault(names.key(name), []).append(((team, user_id), name))
    found: dict[Watcher, dict[int, Alert]] = {}
    for people in watchers.values():
        entity_ids = [e.id for e in store.entities_by_key(people[0][1])]
        for article in stored.articles_naming(store, entity_ids, ids):
            for person, name in people:
                alert = found.setdefault(person, {}).setdefault(article.id, Alert(article, []))
                if name not in alert.names:
                    alert.names.append(name)
    return {user: [by_id[i] for i in sorted(by_id)] for user, by_id in found.items()}
