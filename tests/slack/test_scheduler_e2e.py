"""End to end: `python -m bot serve` runs the scheduler; files dropped in the inbox reach the channel as digests
(the Web API stand-in), only new articles, none twice, in order — across a restart and a kill -9 between
posting a digest and recording it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.core.digest_run import EVENT_TYPE
from tests.slack.bot_process import ROOT, SECRET, SERVE_FAKE_CORE, START_TIMEOUT, bot_env, free_port
from tests.slack.slack_requests import JSON, send, unique
from tests.slack.slack_standin import SlackStandIn

# A digest every 2 s, the inbox and the database looked at every second, an unfinished digest taken over after
# 2 s: the real scheduler on a time scale a test can wait for.
FAST = {
    "DIGEST_SCHEDULE": "every 2 seconds",
    "INBOX_INTERVAL_SECONDS": "1",
    "SCHEDULER_SYNC_SECONDS": "1",
    "DIGEST_LEASE_SECONDS": "2",
}
# Loading spaCy in the worker that leads takes a few seconds; a loaded CI box is slower.
DIGEST_TIMEOUT = 120


@dataclass
class Serving:
    """A serve process in its own process group, so a kill -9 takes gunicorn's workers down with it."""

    env: dict[str, str]
    log: Path
    url: str
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start serving and wait until it answers."""
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(SERVE_FAKE_CORE, cwd=ROOT, env=self.env, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text(errors="replace")
            try:
                if send(self.url, SECRET, '{"type":"url_verification","challenge":"up"}', JSON).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"serve did not start:\n{self.log.read_text(errors='replace')}")

    def stop(self, how: signal.Signals = signal.SIGTERM) -> None:
        """SIGTERM (a platform's restart) or SIGKILL (a crash) to the whole process group."""
        if self.process is None:
            return
        os.killpg(self.process.pid, how)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process = None


@pytest.fixture
def serving(standin: SlackStandIn, tmp_path: Path) -> Iterator[tuple[Serving, str, Path]]:
    """A serve process with one digest channel (from the environment) and a drop folder."""
    channel, inbox = unique("C"), tmp_path / "inbox"
    port = free_port()
    env = bot_env(standin, tmp_path / "bot.db", port) | FAST | {"DIGEST_CHANNELS": channel, "INBOX_DIR": str(inbox)}
    bot = Serving(env, tmp_path / "bot.log", f"http://127.0.0.1:{port}/slack/events")
    bot.start()
    yield bot, channel, inbox
    bot.stop()


def _drop(inbox: Path, word: str) -> str:
    """Drop an article file (written aside, then renamed in, as a copy job would); return its headline."""
    inbox.mkdir(exist_ok=True)
    headline = f"Officials in {word} confirmed the reopening of the northern crossing."
    body = f"{headline} The governor of {word} said traffic resumed at dawn and aid lorries were waiting. " * 3
    temporary = inbox / f".{word}.tmp"
    temporary.write_text(body, encoding="utf-8")
    settled = time.time() - 60
    os.utime(temporary, (settled, settled))
    temporary.rename(inbox / f"{word}.txt")
    return headline


def _digests(standin: SlackStandIn, channel: str) -> list[str]:
    return [m["text"] for m in standin.channel_messages(channel)
            if (m.get("metadata") or {}).get("event_type") == EVENT_TYPE]  # fmt: skip


def _wait_digest_with(standin: SlackStandIn, channel: str, headline: str) -> None:
    deadline = time.monotonic() + DIGEST_TIMEOUT
    while not any(headline in text for text in _digests(standin, channel)):
        assert time.monotonic() < deadline, f"no digest with {headline!r}: {_digests(standin, channel)}"
        time.sleep(0.2)


def test_digests_hold_only_new_articles_once_in_order_across_a_restart_and_a_kill(
    serving: tuple[Serving, str, Path], standin: SlackStandIn, tmp_path: Path
) -> None:
    bot, channel, inbox = serving
    words = ["Aleppo", "Hama", "Homs", "Daraa", "Raqqa"]
    headlines = {}
    for word in words[:2]:
        headlines[word] = _drop(inbox, word)
        _wait_digest_with(standin, channel, headlines[word])

    bot.stop()  # a restart, with an article arriving while the bot is down
    headlines["Homs"] = _drop(inbox, "Homs")
    bot.start()
    _wait_digest_with(standin, channel, headlines["Homs"])

    standin.hold("chat.postMessage")  # Slack takes the next digest, the bot never hears back: kill it then
    try:
        headlines["Daraa"] = _drop(inbox, "Daraa")
        _wait_digest_with(standin, channel, headlines["Daraa"])
        bot.stop(signal.SIGKILL)
    finally:
        standin.release("chat.postMessage")
    headlines["Raqqa"] = _drop(inbox, "Raqqa")
    bot.start()
    _wait_digest_with(standin, channel, headlines["Raqqa"])
    time.sleep(3)  # a digest period and more: a duplicate of the killed digest would have arrived by now

    texts = _digests(standin, channel)
    for word in words:  # every article in exactly one digest
        assert sum(headlines[word] in text for text in texts) == 1, (word, texts)
    first_seen = [next(i for i, text in enumerate(texts) if headlines[w] in text) for w in words]
    assert first_seen == sorted(first_seen)  # in the order they arrived
    with sqlite3.connect(tmp_path / "bot.db") as db:
        states = db.execute("SELECT state, count(*) FROM digests GROUP BY state").fetchall()
    assert dict(states).get("posting", 0) == 0
    assert sorted(p.name for p in (inbox / "processed").iterdir()) == sorted(f"{w}.txt" for w in words)
    log = bot.log.read_text(errors="replace")
    assert "resumed digest" in log  # the killed digest was found in the channel and recorded, not re-posted
