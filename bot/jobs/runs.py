"""Jobs in flight: how many run (a stopping process waits for them, an alert round waits for ingestion), and how a
job that meets a database outage logs one line and backs off instead of failing at every run."""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec

from bot.core.store import is_outage, outage

log = logging.getLogger(__name__)
P = ParamSpec("P")


class Runs:
    """How many runs of some kind are under way in this process: ingestion jobs (their articles all carry the
    run's start time, so the quiet period alone cannot tell a long feed poll still going on from one that is
    over), or every job (`ACTIVE`: a stopping process waits for them, up to a grace period)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._count = 0

    @contextmanager
    def running(self) -> Iterator[None]:
        """Count a run for as long as the block lasts."""
        with self._changed:
            self._count += 1
        try:
            yield
        finally:
            with self._changed:
                self._count -= 1
                self._changed.notify_all()

    def busy(self) -> bool:
        """Whether any run is under way."""
        with self._changed:
            return self._count > 0

    def wait_idle(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for every run to end; True when none is under way."""
        with self._changed:
            return self._changed.wait_for(lambda: self._count == 0, timeout)


# Every job running in this process, whichever scheduler started it.
ACTIVE = Runs()


class Backoff:
    """After a database outage, a job skips its runs for a while, twice as long after each failure in a row (up to
    the last wait), so an outage costs a few log lines rather than one per run; a success ends it."""

    def __init__(self, first: float, last: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._first, self._last, self._clock = first, last, clock
        self._failures: dict[str, int] = {}
        self._until: dict[str, float] = {}
        self._lock = threading.Lock()

    def waiting(self, name: str) -> bool:
        """Whether `name` should skip this run."""
        with self._lock:
            return self._clock() < self._until.get(name, 0.0)

    def failed(self, name: str) -> float:
        """Record a failure; how many seconds `name` now waits."""
        with self._lock:
            failures = self._failures.get(name, 0)
            self._failures[name] = failures + 1
            wait = float(min(self._first * 2**failures, self._last))
            self._until[name] = self._clock() + wait
            return wait

    def succeeded(self, name: str) -> None:
        """Forget `name`'s failures."""
        with self._lock:
            self._failures.pop(name, None)
            self._until.pop(name, None)


# Jobs that met an outage wait 5 s, then 10, 20, 40, 60 s at most: back within a minute of the database.
BACKOFF = Backoff(first=5.0, last=60.0)


def job(function: Callable[P, None]) -> Callable[P, None]:
    """A job function counted in `ACTIVE` while it runs, whose database outage is one line, not a traceback, and
    whose next runs back off (a digest's own retry is scheduled by `digest_job`)."""
    name = function.__name__

    @functools.wraps(function)
    def counted(*args: P.args, **kwargs: P.kwargs) -> None:
        if BACKOFF.waiting(name):
            return
        with ACTIVE.running():
            try:
                function(*args, **kwargs)
            except Exception as error:
                if not is_outage(error):
                    raise
                wait = BACKOFF.failed(name)
                log.warning("%s: the database is unavailable (%s); tried again in %g s", name, outage(error), wait)
                return
        BACKOFF.succeeded(name)

    return counted
