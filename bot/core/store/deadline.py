"""A budget for waiting on the database: work done inside `database_deadline(seconds)` waits at most that long on
it in all, even on a PostgreSQL server that keeps its connections open but never answers, or an SQLite file
another program keeps locked.

Keep-alives, libpq's `tcp_user_timeout` and the connect timeout end a connection whose peer is gone; they do
nothing against a frozen host or a pooler waiting on a dead server, whose kernel still acknowledges every packet.
The driver (psycopg) waits on the socket for each round trip, a query, a commit or the pool's ping: inside a
deadline each of those waits gets what is left of the budget and spends what it took, a new connection's connect
timeout too, and a round trip the server leaves unanswered closes its connection (its state is unknown) and raises
`OperationalError`, which the callers already take for an outage. Only waiting is counted: fetching a page or
parsing an article inside a deadline costs none of it. On SQLite the budget bounds waiting for another writer's
lock (the busy timeout of each transaction). Outside a deadline (migrations, imports, ingestion, jobs) nothing
changes: a long statement on a live server is not cut off.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

import psycopg
from psycopg.abc import PQGen

RV = TypeVar("RV")

# The longest anything answering a person (a command, a question, App Home, an unfurl) waits on the database in
# all: past it, they are told the index is unavailable instead of waiting for nothing. Answers take milliseconds of
# it (see the README's performance table); an ingestion holds the write lock half a second at most
# (`pipeline.LOCK_HOLD_SECONDS`).
ANSWER_DATABASE_SECONDS = 5.0
# The acknowledgement Slack waits 3 s for records the request first (bot.slack.dedup): its share.
ACKNOWLEDGEMENT_DATABASE_SECONDS = 1.0

# libpq reads connect_timeout in whole seconds and takes less than 2 as 2.
_SHORTEST_CONNECT_SECONDS = 2
# How often psycopg's wait wakes up to let Ctrl-C in (its own default).
_WAIT_INTERVAL = 0.1


class _Budget:
    """Seconds of waiting left; spent by the waits of one thread of work (and the threads it hands a copy of its
    context to)."""

    def __init__(self, seconds: float) -> None:
        self._left = seconds
        self._lock = threading.Lock()

    def left(self) -> float:
        with self._lock:
            return max(0.0, self._left)

    def spend(self, seconds: float) -> None:
        with self._lock:
            self._left -= seconds


_budget: ContextVar[_Budget | None] = ContextVar("database_deadline", default=None)


@contextmanager
def database_deadline(seconds: float = ANSWER_DATABASE_SECONDS) -> Iterator[None]:
    """Bound the database waits of the code inside (this thread or task) to `seconds` in all; inside an outer
    deadline, the outer one holds (its budget is already being spent)."""
    if _budget.get() is not None:
        yield
        return
    token = _budget.set(_Budget(seconds))
    try:
        yield
    finally:
        _budget.reset(token)


def remaining() -> float | None:
    """Seconds of waiting left in the current deadline (0 when spent), or None outside any."""
    budget = _budget.get()
    return None if budget is None else budget.left()


@contextmanager
def _spending() -> Iterator[float | None]:
    """What is left of the budget, for one wait; the time the wait took is spent from it."""
    budget = _budget.get()
    if budget is None:
        yield None
        return
    began = time.monotonic()
    try:
        yield budget.left()
    finally:
        budget.spend(time.monotonic() - began)


def _late() -> psycopg.OperationalError:
    return psycopg.OperationalError("the database did not answer in time")


class DeadlineConnection(psycopg.Connection[Any]):
    """A psycopg connection whose every wait for the server ends when the budget is spent."""

    def wait(self, gen: PQGen[RV], interval: float = _WAIT_INTERVAL, timeout: float | None = None) -> RV:
        """Consume `gen` as psycopg does, within what is left of the budget."""
        with _spending() as left:
            if left is None or (timeout is not None and timeout <= left):
                return super().wait(gen, interval, timeout)
            began = time.monotonic()
            try:
                return super().wait(gen, interval, left)
            except psycopg.OperationalError:
                if time.monotonic() - began < left:  # failed of itself (the server went away), not out of time
                    raise
                self.close()  # a round trip left halfway: the connection cannot be used again
                raise _late() from None


def connect(*args: Any, **kwargs: Any) -> DeadlineConnection:
    """`psycopg.connect` for SQLAlchemy's `do_connect` event: inside a deadline, the connect timeout is what is left
    of it (never more than the one configured)."""
    with _spending() as left:
        if left is not None:
            if left == 0.0:
                raise _late()
            configured = int(kwargs.get("connect_timeout") or 0) or math.inf
            kwargs["connect_timeout"] = max(_SHORTEST_CONNECT_SECONDS, math.ceil(min(configured, left)))
        return DeadlineConnection.connect(*args, **kwargs)


# SQLite's wait for another writer's lock outside any deadline (bot.core.store sets it on every connection).
SQLITE_BUSY_MS = 10_000


def sqlite_busy_ms() -> int:
    """The busy timeout a transaction beginning now gets on SQLite: what is left of the budget, or the usual."""
    left = remaining()
    return SQLITE_BUSY_MS if left is None else min(SQLITE_BUSY_MS, int(left * 1000))
