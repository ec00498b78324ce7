"""`python -m bot serve`: the Slack bot over Socket Mode (with SLACK_APP_TOKEN) or HTTP at /slack/events.

HTTP runs under gunicorn, embedded through its `BaseApplication` rather than started as the `gunicorn`
command: the settings are checked here, before anything forks, so a bad variable is one line instead of a
worker boot failure; the same `python -m bot serve` works on a laptop, in the Procfile and in the end-to-end
tests; and `load()` builds the Bolt app inside each worker after the fork, so no database connection or thread
pool crosses a fork. Workers are `gthread`: a request thread only waits for the acknowledgement, which Bolt
gives at once, while answers run on a pool of their own (see `listeners`). WEB_CONCURRENCY sets the number of
worker processes (gunicorn's own convention); handled events are de-duplicated in the database, so several
workers or dynos never answer twice. Every worker (and the Socket Mode process) also competes for the
scheduler's leader lock (bot.jobs.lock): exactly one of them runs digests, feeds and the drop folder.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gunicorn.app.base import BaseApplication
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.jobs.leader import lead_in_background
from bot.logs import configure_logging
from bot.settings import JobsConfig, Settings, SlackConfig, slack_config
from bot.slack.app import build_app
from bot.slack.wiring import Core, load_core

log = logging.getLogger(__name__)

PATH = "/slack/events"
# Request threads per worker: each only waits for an acknowledgement, so a few dozen cost little.
HTTP_THREADS = 16
# Seconds a worker may go silent before gunicorn replaces it; answers run off the request thread, so this is
# only ever reached by a stuck worker.
WORKER_TIMEOUT = 60

CoreLoader = Callable[[Settings], Core]


def main(settings: Settings) -> int:
    """Serve Slack with the real core; a bad setting raises SettingsError, one line naming the variable."""
    return run(settings, load_core)


def run(settings: Settings, loader: CoreLoader) -> int:
    """Serve Slack with the core `loader` builds (tests pass their own)."""
    config = slack_config(settings)
    configure_logging(settings.secrets())
    if config.socket_mode:
        return socket_mode(settings, config, loader, Scheduling(settings, settings.jobs))
    return http(settings, config, loader, Scheduling(settings, settings.jobs))


@dataclass(frozen=True)
class Scheduling:
    """What a serving process needs to compete for running the scheduler (see bot.jobs.leader)."""

    settings: Settings
    jobs: JobsConfig

    def compete(self) -> None:
        """Start competing for the leader lock in the background (after any fork)."""
        lead_in_background(self.settings, self.jobs)


def socket_mode(
    settings: Settings, config: SlackConfig, loader: CoreLoader, scheduling: Scheduling | None = None
) -> int:
    """Connect to Slack over a WebSocket and serve until stopped; only one such process may run."""
    assert config.app_token is not None  # guaranteed by config.socket_mode
    app = build_app(config, loader(settings))
    if scheduling is not None:
        scheduling.compete()
    log.info("serving Slack in Socket Mode")
    SocketModeHandler(app, app_token=config.app_token).start()  # type: ignore[no-untyped-call]
    return 0


def http(settings: Settings, config: SlackConfig, loader: CoreLoader, scheduling: Scheduling | None = None) -> int:
    """Serve /slack/events under gunicorn until stopped; the exit status is gunicorn's."""
    log.info("serving Slack over HTTP on port %d at %s", config.port, PATH)
    try:
        SlackServer(settings, config, loader, scheduling).run()
    except SystemExit as stop:  # gunicorn's arbiter always leaves through sys.exit
        return stop.code if isinstance(stop.code, int) else 1
    return 0


class SlackServer(BaseApplication):  # type: ignore[misc]  # gunicorn ships no type hints
    """gunicorn running the Bolt app's WSGI adapter."""

    def __init__(
        self, settings: Settings, config: SlackConfig, loader: CoreLoader, scheduling: Scheduling | None = None
    ) -> None:
        self._settings = settings
        self._config = config
        self._loader = loader
        self._scheduling = scheduling
        super().__init__()

    def options(self) -> dict[str, Any]:
        """gunicorn settings."""
        return {
            "bind": f"0.0.0.0:{self._config.port}",
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
        """Build the app in the worker, after the fork; every worker competes to run the scheduler."""
        handler = SlackRequestHandler(build_app(self._config, self._loader(self._settings)), path=PATH)
        if self._scheduling is not None:
            self._scheduling.compete()
        return handler
