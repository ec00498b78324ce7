"""Which process runs the scheduler: the one holding the leader lock.

APScheduler's job store must never be shared by two schedulers, and a digest job run by two processes would
be claimed twice (harmless, but wasteful). Every `serve` worker, the Socket Mode process and `python -m bot
scheduler` compete for this lock; the holder runs the jobs, the others retry now and then and take over when
it dies (the operating system releases a file lock with its process, so there is no stale lock to expire).

CHOICE POINT: this is a file lock, so it elects one leader per machine — right for SQLite and for one
dyno. With PostgreSQL and several machines, hold `pg_try_advisory_lock(LEADER_LOCK_KEY)` on a dedicated
connection instead (a later issue); `lock_for` is where that switch goes.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
from pathlib import Path
from typing import IO

# The PostgreSQL advisory lock key the later implementation will use ("newsschd").
LEADER_LOCK_KEY = 0x6E657773_63686564


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


def lock_for(database_url: str) -> FileLock:
    """The leader lock of the bot using `database_url`: beside a SQLite file, else in the temporary folder."""
    if database_url.startswith("sqlite:///"):
        return FileLock(Path(database_url.removeprefix("sqlite:///") + ".scheduler.lock"))
    digest = hashlib.sha256(database_url.encode()).hexdigest()[:16]
    return FileLock(Path(tempfile.gettempdir()) / f"newsbot-scheduler-{digest}.lock")
