"""`python -m bot serve`, over HTTP (gunicorn) and Socket Mode, is gone within 10 s of a SIGTERM at any moment: while
starting, idle, and with a digest under way in its scheduler that Slack never answers; no process of it is left
(the scheduler in a worker stops with the worker)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import BACKENDS, fresh_database
from tests.jobs.test_scheduler_stop import drop
from tests.slack.bot_process import SECRET, bot_env, free_port
from tests.slack.slack_requests import JSON, send, unique
from tests.slack.slack_standin import SlackStandIn
from tests.slack.socket_server import SocketModeServer
from tests.stopping import REACH_SECONDS, ROOT, STOP_SECONDS, Running

SERVE = [sys.executable, "-m", "bot", "serve"]
APP_TOKEN = "xapp-1-A0NEWSBOT-1-standinapptoken"
FAST = {"DIGEST_SCHEDULE": "every 2 seconds", "INBOX_INTERVAL_SECONDS": "1", "SCHEDULER_SYNC_SECONDS": "1",
        "DIGEST_LEASE_SECONDS": "2", "WEB_CONCURRENCY": "1"}  # fmt: skip


@dataclass
class Setup:
    """How to start `serve` in one mode on one database, and where it reads and posts."""

    mode: str
    env: dict[str, str]
    channel: str
    inbox: Path
    socket: SocketModeServer | None
    directory: Path

    def start(self, name: str) -> Running:
        """Start serving, logging to NAME.log."""
        return Running(SERVE, self.env, self.directory / f"{name}.log").start()

    def wait_serving(self, running: Running) -> None:
        """Wait until it serves: a signed URL check answered (HTTP), or a Socket Mode connection."""
        if self.socket is not None:
            self.socket.wait_connected()
            return
        deadline = time.monotonic() + REACH_SECONDS
        url = f"http://127.0.0.1:{self.env['PORT']}/slack/events"
        while True:
            try:
                if send(url, SECRET, '{"type":"url_verification","challenge":"up"}', JSON).status == 200:
                    return
            except OSError:
                pass
            assert time.monotonic() < deadline, running.text()
            time.sleep(0.2)


@pytest.fixture(params=[(mode, backend) for mode in ("http", "socket-mode") for backend in BACKENDS],
                ids=lambda p: "-".join(p))  # fmt: skip
def setup(request: pytest.FixtureRequest, standin: SlackStandIn, tmp_path: Path) -> Iterator[Setup]:
    """A database of each backend, a digest channel and a drop folder, for serve in each mode."""
    mode, backend = request.param
    with fresh_database(backend, tmp_path) as url:
        channel, inbox = unique("C"), tmp_path / "inbox"
        env = bot_env(standin, tmp_path / "bot.db", free_port()) | FAST
        env |= {"DATABASE_URL": url, "DIGEST_CHANNELS": channel, "INBOX_DIR": str(inbox)}
        socket = None
        if mode == "socket-mode":
            socket = SocketModeServer().start()
            standin.socket_url = socket.url
            env |= {"SLACK_APP_TOKEN": APP_TOKEN}
            env.pop("SLACK_SIGNING_SECRET")
        yield Setup(mode, env, channel, inbox, socket, tmp_path)
        if socket is not None:
            socket.stop()


def _stops_in_time(process: Running) -> None:
    elapsed, status = process.terminate()
    assert status == 0, process.text()
    assert elapsed < STOP_SECONDS, f"{elapsed:.1f} s:\n{process.text()}"


def test_a_sigterm_while_starting_idle_or_during_a_digest_stops_serve_within_10_s(
    setup: Setup, standin: SlackStandIn
) -> None:
    processes = []
    try:
        starting = setup.start("starting")
        processes.append(starting)
        starting.wait_logged("Booting worker" if setup.socket is None else "took the leader lock")
        _stops_in_time(starting)

        idle = setup.start("idle")
        processes.append(idle)
        setup.wait_serving(idle)
        idle.wait_logged("scheduler started")
        _stops_in_time(idle)

        busy = setup.start("busy")
        processes.append(busy)
        standin.hold("chat.postMessage")
        drop(setup.inbox, f"Manbij{setup.mode.replace('-', '')}")
        standin.wait_for("chat.postMessage", lambda c: c.params.get("channel") == setup.channel, timeout=REACH_SECONDS)
        _stops_in_time(busy)  # the digest job waits on Slack, which holds the call for a minute
        assert "jobs still running" in busy.text()
    finally:
        standin.release("chat.postMessage")
        for process in processes:
            process.kill()


# The main thread waits for a stop while the kernel hands SIGTERM to another of its threads (as it may to any thread
# that does not block it): the handler still runs. An untimed Event.wait() slept through it until a second signal.
_SIGNAL_ELSEWHERE = textwrap.dedent("""
    import signal, threading, time
    from bot.slack.serve import until_set
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    def elsewhere():
        time.sleep(0.3)
        signal.pthread_kill(threading.get_ident(), signal.SIGTERM)
        time.sleep(60)
    threading.Thread(target=elsewhere, daemon=True).start()
    until_set(stopping)
    print("stopped")
""")


def test_a_sigterm_that_reaches_another_thread_still_stops_the_wait() -> None:
    done = subprocess.run([sys.executable, "-c", _SIGNAL_ELSEWHERE], cwd=ROOT, capture_output=True, text=True,
                          timeout=STOP_SECONDS)  # fmt: skip
    assert (done.returncode, done.stdout) == (0, "stopped\n"), done.stderr
