"""Which process runs the scheduler: the one holding the leader lock.

APScheduler's job store must never be shared by two schedulers, and a digest job run by two processes would
be claimed twice (harmless, but wasteful). Every `serve` worker, the Socket Mode process and `python -m bot
scheduler` compete for this lock; the holder runs the jobs, the others retry now and then and take over when
it dies. Neither lock can go stale: the operating system releases a file lock with its process, and
PostgreSQL releases a session's advisory lock when its connection ends, however the process died.

SQLite (one machine): a file lock beside the database. PostgreSQL (any number of machines): a session-level
advisory lock held on a connection of its own for as long as this process leads.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import tempfile
from pathlib import Path
from typing import IO, Protocol

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from bot.core.store import bound_by_deadlines
from bot.core.store.deadline import database_deadline

# The PostgreSQL advisory lock key of the scheduler's leader ("newsschd").
LEADER_LOCK_KEY = 0x6E657773_63686564
# The longest a check of the lock may take on PostgreSQL, whatever the network does: the connection attempt
# and an unanswered query are both cut off by then (libpq's connect timeout, TCP keep-alives and user timeout for
# a peer that is gone, a deadline on every wait for one that stays connected and silent: bot.core.store.deadline).
# A new leader waits longer than this before starting (bot.jobs.leader.TAKEOVER_SECONDS).
CHECK_TIMEOUT_SECONDS = 5.0
LOCK_IDLE_SECONDS = 10
_BOUNDED = {
    "connect_timeout": int(CHECK_TIMEOUT_SECONDS),
    "keepalives": 1,
    "keepalives_idle": 1,
    "keepalives_interval": 1,
    "keepalives_count": 3,
    "tcp_user_timeout": int(CHECK_TIMEOUT_SECONDS * 1000),
    # The server ends a lock's session idle this long: a leader cut off without the server noticing (its host
    # frozen, the path dropped) loses the lock then, not hours later when TCP gives up, and another process takes
    # over. A live leader checks every second (bot.jobs.leader.CHECK_SECONDS), so its session is never idle long.
    "options": f"-c idle_session_timeout={LOCK_IDLE_SECONDS * 1000:d}",
}


class LeaderLock(Protocol):
    """A lock one process at a time holds."""

    def try_acquire(self) -> bool:
        """Take the lock if nobody holds it; True when this process now holds it."""

    def release(self) -> None:
        """Let another process take over."""

    def describe(self) -> str:
        """Where the lock lives, for the log."""


class FileLock:
    """An exclusive, non-blocking `flock` on a file, held until released or until the process ends."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[str] | None = None

    def try_acquire(self) -> bool:
        """Take the lock if nobody holds it; True when this process now holds it."""
        if self._handle is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._handle = handle
        return True

    def release(self) -> None:
        """Let another process take over."""
        if self._handle is not None:
            fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None

    def describe(self) -> str:
        """The lock file."""
        return str(self.path)


class AdvisoryLock:
    """A PostgreSQL session-level advisory lock, held on a dedicated connection while this process leads."""

    def __init__(self, database_url: str, key: int = LEADER_LOCK_KEY) -> None:
        # One connection, outside any pool: closing it (or the process dying) is what releases the lock.
        self._engine = create_engine(database_url, poolclass=NullPool, connect_args=_BOUNDED)
        bound_by_deadlines(self._engine)
        self._key = key
        self._conn: Connection | None = None

    def try_acquire(self) -> bool:
        """Take the lock if no process holds it; True when this one does (also when it already did). False
        while the database cannot be reached, and once when the connection holding the lock was lost: nobody can
        be sure of holding the lock then. Over within CHECK_TIMEOUT_SECONDS, whatever the server does."""
        with database_deadline(CHECK_TIMEOUT_SECONDS):
            return self._try_acquire()

    def _try_acquire(self) -> bool:
        if self._conn is not None:
            if self._alive(self._conn):
                return True
            # The connection that held the lock is gone, and the lock with it: another process may hold it now.
            # Say so (the leader stops its jobs); the next call competes again.
            self.release()
            return False
        try:
            conn = self._engine.connect()
        except DBAPIError:
            return False
        try:
            got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": self._key}).scalar())
            conn.commit()
        except DBAPIError:
            got = False
        if got:
            self._conn = conn
        else:
            conn.close()
        return got

    def _alive(self, conn: Connection) -> bool:
        try:
            conn.execute(text("SELECT 1"))
            conn.commit()
        except DBAPIError:  # the server went away: so did the lock
            return False
        return True

    def release(self) -> None:
        """Unlock by closing the connection that holds the lock."""
        if self._conn is not None:
            with contextlib.suppress(DBAPIError):  # a connection already broken holds no lock either
                self._conn.close()
            self._conn = None

    def describe(self) -> str:
        """The advisory lock's key."""
        return f"PostgreSQL advisory lock {self._key}"


def lock_for(database_url: str) -> LeaderLock:
    """The leader lock of the bot using `database_url`: a PostgreSQL advisory lock, or a file lock."""
    if database_url.startswith("postgresql"):
        return AdvisoryLock(database_url)
    if database_url.startswith("sqlite:///"):
        return FileLock(Path(database_url.removeprefix("sqlite:///") + ".scheduler.lock"))
    digest = hashlib.sha256(database_url.encode()).hexdigest()[:16]
    return FileLock(Path(tempfile.gettempdir()) / f"newsbot-scheduler-{digest}.lock")
