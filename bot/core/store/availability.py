"""What a database that cannot be reached looks like, so every entry point can say so in one line.

PostgreSQL down or restarting, a connection cut, a pool with no connection to give, an SQLite file that cannot be
opened or stays locked: SQLAlchemy raises these as `OperationalError` (both drivers' "cannot talk to the
database"), `InterfaceError` (a connection already closed under us) or its own pool `TimeoutError`. None of them
says anything about the question asked, and all of them pass when the database is back.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.pool import ConnectionPoolEntry

# A pooled connection back in the pool for longer than this is checked (one round trip) before it is used again.
PING_AFTER_IDLE_SECONDS = 2.0
_RETURNED = "returned_at"


class StoreUnavailable(Exception):
    """The store cannot be opened for a reason of the machine's, not the driver's (its folder cannot be made, the
    file is not a database); the message says which."""


UNAVAILABLE: tuple[type[Exception], ...] = (
    OperationalError,
    InterfaceError,
    DisconnectionError,
    PoolTimeout,
    StoreUnavailable,
)


# PostgreSQL's SQLSTATE for a relation that does not exist.
UNDEFINED_TABLE = "42P01"


def is_outage(error: BaseException) -> bool:
    """Whether `error` says the database is unreachable, locked or gone (retrying later may work), rather than that
    one article could not be written (a value it refuses, a constraint): the one stops an ingestion with its files
    left to a later run; the other is that article's failure alone."""
    if isinstance(error, UNAVAILABLE):
        return True
    if not isinstance(error, DBAPIError):
        return False
    # A database being restored has, for a moment, no tables yet (PostgreSQL's undefined_table; SQLite's "no such
    # table" is an OperationalError already): like an outage, it passes by itself.
    return bool(error.connection_invalidated) or getattr(error.orig, "sqlstate", None) == UNDEFINED_TABLE


def outage(error: BaseException) -> str:
    """The driver's own first line about the outage (never the statement or its parameters), for one log line."""
    cause = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
    lines = str(cause).strip().splitlines()
    return lines[0] if lines else type(cause).__name__


def ping_when_idle(engine: Engine) -> None:
    """Check each pooled connection of `engine` before use when it has been idle, as `pool_pre_ping` does for every
    use: after an outage or a server restart, the first question is answered instead of failing on a connection
    that died while idle. A connection returned moments ago (the previous read of the same answer) is used as is:
    pinging every checkout cost a round trip for each of the several reads of one answer."""

    def returned(_dbapi: Any, record: ConnectionPoolEntry) -> None:
        record.info[_RETURNED] = time.monotonic()

    def checkout(dbapi: Any, record: ConnectionPoolEntry, _proxy: Any) -> None:
        since = record.info.get(_RETURNED)
        if since is None or time.monotonic() - since < PING_AFTER_IDLE_SECONDS:
            return  # new (just connected), or used a moment ago
        try:
            engine.dialect.do_ping(dbapi)
        except engine.dialect.loaded_dbapi.Error as error:
            # The pool drops this connection and hands out a fresh one (SQLAlchemy's pessimistic disconnect check).
            raise DisconnectionError(f"a pooled connection died while idle: {error}") from error

    event.listen(engine, "checkin", returned)
    event.listen(engine, "checkout", checkout)
