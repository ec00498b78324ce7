"""The real bot process serving HTTP for the end-to-end tests: how to start, reach and stop it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.slack.slack_requests import JSON, send
from tests.slack.slack_standin import SlackStandIn

ROOT = Path(__file__).resolve().parents[2]
SECRET = "8f742231b10e8888abcd99aaabbb85a5"
BOT_TOKEN = "xoxb-1111-2222-standintokenvalue"
# Starting gunicorn and its workers takes well under a second on a laptop; a loaded 2-core CI box is slower.
START_TIMEOUT = 90
# The fake core (tests/slack/fake_core.py) lets the transport be checked exactly, whatever the corpus holds.
SERVE_REAL_CORE = [sys.executable, "-m", "bot", "serve"]
SERVE_FAKE_CORE = [
    sys.executable,
    "-c",
    "from tests.slack import fake_core; from bot.settings import load; from bot.app import serve; "
    "raise SystemExit(serve(load(), fake_core.load))",
]


@dataclass
class Bot:
    """A running `serve` process and how to reach it."""

    url: str
    database: Path
    log: Path
    env: dict[str, str]
    command: list[str] = field(default_factory=lambda: list(SERVE_FAKE_CORE))
    process: subprocess.Popen[bytes] | None = field(default=None)

    def stop(self) -> None:
        """Stop the process the way a platform does (SIGTERM), then make sure it is gone."""
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def log_text(self) -> str:
        """Everything the process logged."""
        return self.log.read_text(errors="replace")


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_bot(bot: Bot) -> Bot:
    """Start the serve process and wait until it answers a signed URL verification."""
    with bot.log.open("ab") as log:
        bot.process = subprocess.Popen(bot.command, cwd=ROOT, env=bot.env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if bot.process.poll() is not None:
            raise AssertionError(f"serve exited with {bot.process.returncode}:\n{bot.log_text()}")
        try:
            if send(bot.url, SECRET, '{"type":"url_verification","challenge":"up"}', JSON).status == 200:
                return bot
        except OSError:
            pass
        time.sleep(0.2)
    bot.stop()
    raise AssertionError(f"serve did not start within {START_TIMEOUT} s:\n{bot.log_text()}")


def bot_env(standin: SlackStandIn, database: Path, port: int) -> dict[str, str]:
    """The environment of a serve process talking to the stand-in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL", "WEB_CONCURRENCY"))}
    return env | {
        "DATABASE_URL": f"sqlite:///{database}",
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": standin.api_url,
        "PORT": str(port),
        "HOST": "127.0.0.1",  # the tests talk to it over loopback only
        # Two workers: the event de-duplication must hold across processes, not only threads.
        "WEB_CONCURRENCY": "2",
        "PYTHONUNBUFFERED": "1",
    }


@dataclass(frozen=True)
class Ran:
    """A finished `python -m MODULE` run."""

    returncode: int
    stdout: str
    stderr: str


def run_module(module: str, *args: str, env: dict[str, str] | None = None) -> Ran:
    """Run `python -m module args` from the repository with the environment less Slack's, plus `env`."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    done = subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, env=base | (env or {}), capture_output=True, text=True,
        timeout=START_TIMEOUT, check=False,
    )  # fmt: skip
    return Ran(done.returncode, done.stdout, done.stderr)
