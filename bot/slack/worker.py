"""The gunicorn worker `serve` runs: gunicorn's asyncio (ASGI) worker, with a deadline for a request's headers,
a cap on open connections, and gunicorn's log lines written through the bot's logging.

A threaded worker gives each connection a thread from the moment it is accepted until its request is read, so
twenty clients sending one header line and stopping occupy every thread. Here a connection waiting for its
headers or body is a few objects on the event loop; the gateway (bot.slack.gateway) bounds the body, and this
worker bounds the headers: a connection whose first request has not sent all its headers within
HEADER_SECONDS is closed, later requests on a kept-alive connection are bounded by gunicorn's keep-alive
timeout, and past `worker_connections` open connections a new one is closed at once.

gunicorn's ASGI worker builds its protocol by the module-level name `ASGIProtocol`; the worker points that name
at the bounded protocol in its own process only. The protocol relies on gunicorn's internals (the keep-alive
timer and its request counter), hence the version range in pyproject.toml and the tests in
tests/slack/test_bounded_server.py.
"""

from __future__ import annotations

import logging
import signal
from typing import Any

from gunicorn.asgi.protocol import ASGIProtocol
from gunicorn.glogging import Logger
from gunicorn.workers import gasgi

log = logging.getLogger(__name__)

# Slack sends a request's headers in one packet; a client that has not sent them all after this long is slow
# or hostile.
HEADER_SECONDS = 5.0


class BoundedProtocol(ASGIProtocol):  # type: ignore[misc]  # gunicorn ships no type hints
    """gunicorn's HTTP protocol with a deadline for the first request's headers and a cap on connections."""

    _headers_seen = False

    def connection_made(self, transport: Any) -> None:
        """Start serving the connection, unless too many are open; start the header deadline."""
        super().connection_made(transport)
        if self.worker.nr_conns > self.cfg.worker_connections:
            log.warning("connection closed at once: %d open, the limit is %d", self.worker.nr_conns,
                        self.cfg.worker_connections)  # fmt: skip
            transport.close()
            return
        self._header_deadline = self.worker.loop.call_later(HEADER_SECONDS, self._headers_overdue)

    def _on_headers_complete(self) -> Any:
        self._headers_seen = True
        return super()._on_headers_complete()

    def _headers_overdue(self) -> None:
        if self._closed or self._headers_seen:
            return  # the first request's headers came; later requests are the keep-alive timer's
        log.info("connection closed: no complete request headers within %g s", HEADER_SECONDS)
        self._keepalive_timeout()  # gunicorn's own way to close an idle connection and end its task

    def connection_lost(self, exc: Exception | None) -> None:
        """Forget the header deadline with the connection."""
        deadline = getattr(self, "_header_deadline", None)
        if deadline is not None:
            deadline.cancel()
        super().connection_lost(exc)


class BoundedWorker(gasgi.ASGIWorker):  # type: ignore[misc]
    """gunicorn's ASGI worker serving connections with `BoundedProtocol`."""

    def init_process(self) -> None:
        """Use the bounded protocol in this worker process, then start as gunicorn's ASGI worker does."""
        # Until gunicorn's own handlers are set (after the app is loaded, which takes a while), a SIGTERM would
        # reach the master's handler inherited through the fork and be lost: the worker would boot and serve until
        # killed. Here it means what it will mean later: stop (gunicorn's loop then never starts serving).
        signal.signal(signal.SIGTERM, self._stop_before_serving)
        gasgi.ASGIProtocol = BoundedProtocol
        super().init_process()

    def _stop_before_serving(self, _signum: int, _frame: Any) -> None:
        self.alive = False


class RootLogger(Logger):  # type: ignore[misc]
    """gunicorn's logger, writing through the root logger's handler (and so the redacting filter of bot.logs)
    instead of handlers of its own."""

    def setup(self, cfg: Any) -> None:
        """Set gunicorn's levels, then send its records to the root logger."""
        super().setup(cfg)
        for logger in (self.error_log, self.access_log):
            for handler in list(logger.handlers):
                logger.removeHandler(handler)
            logger.propagate = True
