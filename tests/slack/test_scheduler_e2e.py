"""End to end: `python -m bot serve` runs the scheduler; files dropped in the inbox reach the channel as digests
(the Web API stand-in), only new articles, none twice, in order — across a restart and a kill -9 between
posting a digest and recording it."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.core.digest.run import EVENT_TYPE
from bot.core.store import open_store
from bot.core.store.state import digests
from tests.conftest import BACKENDS, fresh_database
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


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database of each backend for the serve processes of one test."""
    with fresh_database(request.param, tmp_path) as url:
        yield url


def _serving(standin: SlackStandIn, database: str, log: Path, channel: str, inbox: Path) -> Serving:
    port = free_port()
    env = bot_env(standin, log.with_suffix(".db"), port) | FAST
    env |= {"DATABASE_URL": database, "DIGEST_CHANNELS": channel, "INBOX_DIR": str(inbox)}
    return Serving(env, log, f"http://127.0.0.1:{port}/slack/events")


@pytest.fixture
def serving(standin: SlackStandIn, database: str, tmp_path: Path) -> Iterator[tuple[Serving, str, Path]]:
    """A serve process with one digest channel (from the environment) and a drop folder."""
    channel, inbox = unique("C"), tmp_path / "inbox"
    bot = _serving(standin, database, tmp_path / "bot.log", channel, inbox)
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
    serving: tuple[Serving, str, Path], standin: SlackStandIn, database: str
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
    store = open_store(database)
    with store.engine.connect() as conn:
        states = conn.execute(select(digests.c.state, func.count()).group_by(digests.c.state)).all()
    store.engine.dispose()
    assert {state: n for state, n in states}.get("posting", 0) == 0
    assert sorted(p.name for p in (inbox / "processed").iterdir()) == sorted(f"{w}.txt" for w in words)
    log = bot.log.read_text(errors="replace")
    assert "resumed digest" in log  # the killed digest was found in the channel and recorded, not re-posted


def test_two_serve_processes_post_each_digest_once_and_the_other_takes_over(
    standin: SlackStandIn, database: str, tmp_path: Path
) -> None:
    channel, inbox = unique("C"), tmp_path / "inbox"
    bots = [_serving(standin, database, tmp_path / f"bot{i}.log", channel, inbox) for i in (1, 2)]
    for bot in bots:
        bot.start()
    try:
        headlines = {"Idlib": _drop(inbox, "Idlib")}
        _wait_digest_with(standin, channel, headlines["Idlib"])
        [leader] = [b for b in bots if "this process runs the scheduler" in b.log.read_text(errors="replace")]
        leader.stop(signal.SIGKILL)  # the leader dies without a word
        headlines["Deir"] = _drop(inbox, "Deir")
        _wait_digest_with(standin, channel, headlines["Deir"])
        time.sleep(3)  # a digest period and more: a second scheduler would have posted a duplicate by now
        texts = _digests(standin, channel)
        for word, headline in headlines.items():
            assert sum(headline in text for text in texts) == 1, (word, texts)
        [follower] = [b for b in bots if b is not leader]
        assert "this process runs the scheduler" in follower.log.read_text(errors="replace")
    finally:
        for bot in bots:
            bot.stop()
