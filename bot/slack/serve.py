"""Serving Slack: over Socket Mode (with SLACK_APP_TOKEN) or HTTP at /slack/events.

HTTP runs under gunicorn, embedded through its `BaseApplication` rather than started as the `gunicorn`
command: the settings are checked before anything forks, so a bad variable is one line instead of a worker
boot failure; the same `python -m bot serve` works on a laptop, in the Procfile and in the end-to-end tests;
and `load()` builds the Bolt app inside each worker after the fork, so no database connection or thread pool
crosses a fork. Workers are asyncio workers (bot.slack.worker) in front of the gateway (bot.slack.gateway): a
slow or stalled client costs a coroutine, never a thread; a request reaches Bolt only whole, small and
signed, and Bolt's dispatch, which only waits for the acknowledgement, runs on a thread. Answers run on a
bounded pool of their own with deadlines (bot.slack.answers); when the worker stops, answers still running
after a grace period are interrupted and their askers told. WEB_CONCURRENCY sets the number of worker
processes (gunicorn's own convention); handled events and requests are de-duplicated in the database, so
several workers or dynos never answer twice. Each serving process (every worker, or the Socket Mode process) calls
`on_start` once its app is built: the composition root (bot.app) uses it to compete for running the scheduler.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from gunicorn.app.base import BaseApplication
from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot.logs import leave_now
from bot.settings import SlackConfig
from bot.slack.answers import AnswerPool
from bot.slack.app import build_app
from bot.slack.core import Core
from bot.slack.gateway import PATH, Gateway

log = logging.getLogger(__name__)

# Seconds a worker may go silent before gunicorn replaces it; its event loop reports every second, so this is
# only ever reached by a stuck worker.
WORKER_TIMEOUT = 60
# Open connections per worker; past this a new connection is closed at once (bot.slack.worker).
MAX_CONNECTIONS = 1000
# Seconds a kept-alive connection may sit idle (or take to send the headers of its next request).
KEEPALIVE_SECONDS = 5
# At a stop, answers still running get this long to finish before their askers are told they were interrupted
# (the scheduler's jobs get bot.jobs.leader.JOB_GRACE_SECONDS meanwhile).
ANSWER_GRACE_SECONDS = 3.0
# What gunicorn allows a stopping worker before killing it: in-flight requests (acknowledgements, a moment),
# the answers' grace, and the notices to the askers (bot.slack.answers.NOTICE_SECONDS). The whole of `serve`
# is gone within 10 s of a SIGTERM (Heroku sends SIGKILL after 30 s; Kubernetes by default too).
GRACEFUL_SECONDS = 8
# Python runs a signal's handler on the main thread, between two steps of Python code, but the kernel may hand
# SIGTERM to any thread (Slack's socket client, the scheduler's workers): the main thread, asleep in an untimed
# wait, would then never wake to run the handler. Waiting for a stop, it wakes this often instead.
SIGNAL_CHECK_SECONDS = 0.25

# Builds the core in the process that serves (after gunicorn's fork), never before.
CoreLoader = Callable[[], Core]
# Stops what `OnStart` started (the scheduler): True when nothing it ran is left running.
OnStop = Callable[[], bool]
OnStart = Callable[[], OnStop | None]


def serve(config: SlackConfig, loader: CoreLoader, on_start: OnStart | None = None) -> int:
    """Serve Slack until stopped: Socket Mode with an app-level token, HTTP under gunicorn otherwise."""
    if config.socket_mode:
        return socket_mode(config, loader, on_start)
    return http(config, loader, on_start)


def socket_mode(config: SlackConfig, loader: CoreLoader, on_start: OnStart | None = None) -> int:
    """Connect to Slack over a WebSocket and serve until SIGTERM or Ctrl-C; only one such process may run."""
    assert config.app_token is not None  # guaranteed by config.socket_mode
    stopping = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.set())
    answers = AnswerPool(config.answer_deadline)
    app = build_app(config, loader(), answers)
    stop_jobs = on_start() if on_start is not None else None
    handler = SocketModeHandler(app, app_token=config.app_token)
    try:
        if not stopping.is_set():
            handler.connect()  # type: ignore[no-untyped-call]
            log.info("serving Slack in Socket Mode")
            until_set(stopping)
        log.info("stopping: no new requests are taken")
        handler.close()  # type: ignore[no-untyped-call]
    finally:
        stop(answers, stop_jobs)
    return 0


def until_set(stopping: threading.Event) -> None:
    """Wait on the main thread until a signal's handler sets `stopping`, whichever thread the signal reached."""
    while not stopping.wait(SIGNAL_CHECK_SECONDS):
        pass


def stop(answers: AnswerPool, stop_jobs: OnStop | None) -> None:
    """Stop a serving process: answers get their grace while the scheduler's jobs get theirs; if anything is
    still running after that (a thread cannot be stopped from outside), the process ends without waiting for
    it, as a crash would, and nothing is half-done (see README, Failure behaviour)."""
    with ThreadPoolExecutor(1, thread_name_prefix="stop-jobs") as side:
        jobs_done = side.submit(stop_jobs) if stop_jobs is not None else None
        interrupted = answers.shutdown(ANSWER_GRACE_SECONDS)
        finished = jobs_done.result() if jobs_done is not None else True
    if interrupted or not finished:
        leave_now()


def http(config: SlackConfig, loader: CoreLoader, on_start: OnStart | None = None) -> int:
    """Serve /slack/events under gunicorn until stopped; the exit status is gunicorn's."""
    log.info("serving Slack over HTTP on %s port %d at %s", config.host, config.port, PATH)
    try:
        SlackServer(config, loader, on_start).run()
    except SystemExit as stop:  # gunicorn's arbiter always leaves through sys.exit
        return stop.code if isinstance(stop.code, int) else 1
    return 0


class SlackServer(BaseApplication):  # type: ignore[misc]  # gunicorn ships no type hints
    """gunicorn running the gateway in front of the Bolt app."""

    def __init__(self, config: SlackConfig, loader: CoreLoader, on_start: OnStart | None = None) -> None:
        self._config = config
        self._loader = loader
        self._on_start = on_start
        super().__init__()

    def options(self) -> dict[str, Any]:
        """gunicorn settings."""
        return {
            "bind": f"[{self._config.host}]:{self._config.port}"
            if ":" in self._config.host
            else f"{self._config.host}:{self._config.port}",
            "workers": self._config.workers,
            "worker_class": "bot.slack.worker.BoundedWorker",
            "worker_connections": MAX_CONNECTIONS,
            "keepalive": KEEPALIVE_SECONDS,
            "timeout": WORKER_TIMEOUT,
            "graceful_timeout": GRACEFUL_SECONDS,
            "asgi_loop": "asyncio",
            "asgi_lifespan": "on",  # the gateway's shutdown is where interrupted answers are announced
            "accesslog": None,
            "logger_class": "bot.slack.worker.RootLogger",
            "control_socket_disable": True,  # nothing uses gunicorn's control socket; it would live in $HOME
        }

    def load_config(self) -> None:
        """Apply `options` (gunicorn calls this once, in the master)."""
        for key, value in self.options().items():
            self.cfg.set(key, value)

    def load(self) -> Gateway:
        """Build the app in the worker, after the fork; then `on_start` (competing for the scheduler)."""
        answers = AnswerPool(self._config.answer_deadline)
        bolt = build_app(self._config, self._loader(), answers)
        stop_jobs = self._on_start() if self._on_start is not None else None
        return Gateway(bolt, self._config.signing_secret or "", lambda: stop(answers, stop_jobs))
