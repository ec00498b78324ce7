"""Serving Slack: over Socket Mode (with SLACK_APP_TOKEN) or HTTP at /slack/events.

HTTP runs under gunicorn, embedded through its `BaseApplication` rather than started as the `gunicorn`
command: the settings are checked before anything forks, so a bad variable is one line instead of a worker
boot failure; the same `python -m bot serve` works on a laptop, in the Procfile and in the end-to-end tests;
and `load()` builds the Bolt app inside each worker after the fork, so no database connection or thread pool
crosses a fork. Workers are `gthread`: a request thread only waits for the acknowledgement, which Bolt gives at
once, while answers run on a pool of their own (see `listeners`). WEB_CONCURRENCY sets the number of worker
processes (gunicorn's own convention); handled events are de-duplicated in the database, so several workers
or dynos never answer twice. Each serving process (every worker, or the Socket Mode process) calls
`on_start` once its app is built: the composition root (bot.app) uses it to compete for running the scheduler.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.settings import SlackConfig
from bot.slack.app import build_app
from bot.slack.core import Core

log = logging.getLogger(__name__)

PATH = "/slack/events"
# Request threads per worker: each only waits for an acknowledgement, so a few dozen cost little.
HTTP_THREADS = 16
# Seconds a worker may go silent before gunicorn replaces it; answers run off the request thread, so this is
# only ever reached by a stuck worker.
WORKER_TIMEOUT = 60

# Builds the core in the process that serves (after gunicorn's fork), never before.
CoreLoader = Callable[[], Core]
OnStart = Callable[[], None]


def serve(config: SlackConfig, loader: CoreLoader, on_start: OnStart | None = None) -> int:
    """Serve Slack until stopped: Socket Mode with an app-level token, HTTP under gunicorn otherwise."""
    if config.socket_mode:
        return socket_mode(config, loader, on_start)
    return http(config, loader, on_start)


def socket_mode(config: SlackConfig, loader: CoreLoader, on_start: OnStart | None = None) -> int:
    """Connect to Slack over a WebSocket and serve until stopped; only one such process may run."""
    assert config.app_token is not None  # guaranteed by config.socket_mode
    app = build_app(config, loader())
    if on_start is not None:
        on_start()
    log.info("serving Slack in Socket Mode")
    SocketModeHandler(app, app_token=config.app_token).start()  # type: ignore[no-untyped-call]
    return 0


def http(config: SlackConfig, loader: CoreLoader, on_start: OnStart | None = None) -> int:
    """Serve /slack/events under gunicorn until stopped; the exit status is gunicorn's."""
    log.info("serving Slack over HTTP on port %d at %s", config.port, PATH)
    try:
        SlackServer(config, loader, on_start).run()
    except SystemExit as stop:  # gunicorn's arbiter always leaves through sys.exit
        return stop.code if isinstance(stop.code, int) else 1
    return 0


class SlackServer(BaseApplication):  # type: ignore[misc]  # gunicorn ships no type hints
    """gunicorn running the Bolt app's WSGI adapter."""

    def __init__(self, config: SlackConfig, loader: CoreLoader, on_start: OnStart | None = None) -> None:
        self._config = config
        self._loader = loader
        self._on_start = on_start
        super().__init__()

    def options(self) -> dict[str, Any]:
        """gunicorn settings."""
        return {
            "bind": f"0.0.0.0:{self._config.port}",
            "workers": self._config.workers,
            "worker_class": "gthread",
            "threads": HTTP_THREADS,
            "timeout": WORKER_TIMEOUT,
            "accesslog": None,
        }

    def load_config(self) -> None:
        """Apply `options` (gunicorn calls this once, in the master)."""
        for key, value in self.options().items():
            self.cfg.set(key, value)

    def load(self) -> SlackRequestHandler:
        """Build the app in the worker, after the fork; then `on_start` (competing for the scheduler)."""
        handler = SlackRequestHandler(build_app(self._config, self._loader()), path=PATH)
        if self._on_start is not None:
            self._on_start()
        return handler
