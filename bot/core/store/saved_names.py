"""The typo-matching name keys kept on local disk, beside the search index, so that a new process does not read
every alias of the store before its first typo lookup (at a million articles, half a million aliases: seconds).

The file holds the keys, the ids of the entities bearing each, the generation they are current at (`changes`)
and the store's newest article when they were read (its id and content hash). A process that finds the file
takes it when that article is still the store's, then brings it up to date from the entities changed since, as
it does its own cache; a missing, damaged or foreign file (another store, another Python) is read afresh from the
store and written again. The file is derived data, like the search index: deleting it only costs a rebuild. It
is written with `marshal` (ten times faster to load than JSON here), so it is trusted as the database file is.
"""

from __future__ import annotations

import logging
import marshal
import os
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, desc, select

from bot.core.store import schema as s
from bot.core.store.changes import Generation
from bot.core.store.nogc import paused_collection

log = logging.getLogger(__name__)

FILE_NAME = "name-keys.marshal"
# Changed when what the file holds changes; marshal's own version is checked too.
FORMAT = 1


@dataclass(frozen=True)
class Saved:
    """Name keys as a process read them, and where the store stood then."""

    generation: Generation
    keys: list[str]
    owners: list[tuple[int, ...]]


def _newest_article(conn: Connection) -> tuple[int, str]:
    row = conn.execute(select(s.articles.c.id, s.articles.c.content_hash).order_by(desc(s.articles.c.id)).limit(1))
    found = row.first()
    return (int(found.id), str(found.content_hash)) if found else (0, "")


def save(path: Path, conn: Connection, saved: Saved) -> None:
    """Write the keys to `path` whole or not at all (another process may be reading or writing it)."""
    newest, fingerprint = _newest_article(conn)
    g = saved.generation
    payload = (FORMAT, marshal.version, g.token, g.number, g.reset, newest, fingerprint, saved.keys, saved.owners)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(marshal.dumps(payload))
        os.replace(partial, path)
    except OSError as error:  # a read-only or full disk: the next process reads the store instead
        log.warning("could not keep the name keys in %s: %s", path, error.strerror)
        with suppress(OSError):
            partial.unlink(missing_ok=True)


def load(path: Path, conn: Connection) -> Saved | None:
    """The keys kept at `path`, if they were read from this store (None: missing, damaged or another store's)."""
    try:
        data = path.read_bytes()
        with paused_collection():
            payload = marshal.loads(data)
        version, marshalled, token, number, reset, newest, fingerprint, keys, owners = payload
    except FileNotFoundError:
        return None
    except (OSError, EOFError, ValueError, TypeError) as error:
        log.warning("ignoring the name keys in %s: %s", path, error)
        return None
    if (version, marshalled) != (FORMAT, marshal.version) or not isinstance(keys, list) or len(keys) != len(owners):
        return None
    if newest:
        stored = conn.execute(select(s.articles.c.content_hash).where(s.articles.c.id == newest)).scalar()
        if stored != fingerprint:
            log.info("the name keys in %s were read from another store: reading them afresh", path)
            return None
    return Saved(Generation(token, number, reset), keys, owners)
