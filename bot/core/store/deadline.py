"""A deadline for the database's answers: work done inside `database_deadline(seconds)` waits at most that long
on PostgreSQL in all, even on a server that keeps its connections open but never answers.

Keep-alives, libpq's `tcp_user_timeout` and the connect timeout end a connection whose peer is gone; they do
nothing against a frozen host or a pooler waiting on a dead server, whose kernel still acknowledges every packet.
The driver (psycopg) waits on the socket for each round trip, a query, a commit or the pool's ping: inside a
deadline each of those waits gets what is left of it, a new connection's connect timeout too, and a round trip the
server leaves unanswered closes its connection (its state is unknown) and raises `OperationalError`, which the
callers already take for an outage. Outside a deadline (migrations, imports, ingestion) nothing changes: a long
statement on a live server is not cut off.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

import psycopg
from psycopg.abc import PQGen

RV = TypeVar("RV")

# libpq reads connect_timeout in whole seconds and takes less than 2 as 2.
_SHORTEST_CONNECT_SECONDS = 2
# How often psycopg's wait wakes up to let Ctrl-C in (its own default).
_WAIT_INTERVAL = 0.1

_due: ContextVar[float | None] = ContextVar("database_deadline", default=None)


@contextmanager
def database_deadline(seconds: float) -> Iterator[None]:
    """Bound the database waits of the code inside (this thread or task) to `seconds` in all; an outer, earlier
    deadline still holds."""
    due = time.monotonic() + seconds
    outer = _due.get()
    token = _due.set(due if outer is None else min(outer, due))
    try:
        yield
    finally:
        _due.reset(token)


def remaining() -> float | None:
    """Seconds left before the current deadline (0 when it passed), or None outside any."""
    due = _due.get()
    return None if due is None else max(0.0, due - time.monotonic())


class DeadlineConnection(psycopg.Connection[Any]):
    """A psycopg connection whose every wait for the server ends at the current deadline."""

    def wait(self, gen: PQGen[RV], interval: float = _WAIT_INTERVAL, timeout: float | None = None) -> RV:
        """Consume `gen` as psycopg does, within what is left of the deadline."""
        left = remaining()
        if left is None or (timeout is not None and timeout <= left):
            return super().wait(gen, interval, timeout)
        try:
            return super().wait(gen, interval, left)
        except psycopg.OperationalError:
            if remaining() != 0.0:
                raise
            self.close()  # a round trip left halfway: the connection cannot be used again
            raise psycopg.OperationalError("the database did not answer in time") from None


def connect(*args: Any, **kwargs: Any) -> DeadlineConnection:
    """`psycopg.connect` for SQLAlchemy's `do_connect` event: inside a deadline, the connect timeout is what is left
    of it (never more than the one configured)."""
    left = remaining()
    if left is not None:
        if left == 0.0:
            raise psycopg.OperationalError("the database did not answer in time")
        configured = int(kwargs.get("connect_timeout") or 0) or math.inf
        kwargs["connect_timeout"] = max(_SHORTEST_CONNECT_SECONDS, math.ceil(min(configured, left)))
    return DeadlineConnection.connect(*args, **kwargs)
