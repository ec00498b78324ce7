"""`python -m bot scheduler` stops within 10 s of a SIGTERM at any moment: while starting to lead, idle, and with a
digest under way that Slack never answers; the interrupted digest is then finished by the next run, not re-posted."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.digest.run import EVENT_TYPE
from tests.conftest import BACKENDS, TEST_DATABASE_URL, fresh_database
from tests.slack.bot_process import bot_env, free_port
from tests.slack.slack_requests import unique
from tests.slack.slack_standin import SlackStandIn
from tests.stopping import STOP_SECONDS, Running
from tests.tcp_proxy import in_front_of

SCHEDULER = [sys.executable, "-m", "bot", "scheduler"]
# The real jobs on a time scale a test can wait for (as tests/slack/test_scheduler_e2e.py).
FAST = {"DIGEST_SCHEDULE": "every 2 seconds", "INBOX_INTERVAL_SECONDS": "1", "SCHEDULER_SYNC_SECONDS": "1",
        "DIGEST_LEASE_SECONDS": "2"}  # fmt: skip


@pytest.fixture(scope="module")
def standin() -> Iterator[SlackStandIn]:
    """The Web API stand-in the scheduler posts digests to."""
    server = SlackStandIn().start()
    yield server
    server.stop()


@pytest.fixture(params=BACKENDS)
def scheduler_env(request: pytest.FixtureRequest, standin: SlackStandIn, tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of a scheduler with a digest channel and a drop folder, on a fresh database."""
    with fresh_database(request.param, tmp_path) as url:
        env = bot_env(standin, tmp_path / "bot.db", free_port()) | FAST
        yield env | {"DATABASE_URL": url, "DIGEST_CHANNELS": unique("C"), "INBOX_DIR": str(tmp_path / "inbox")}


def _scheduler(env: dict[str, str], log: Path) -> Running:
    return Running(SCHEDULER, env, log).start()


def _stops_in_time(process: Running) -> None:
    elapsed, status = process.terminate()
    assert status == 0, process.text()
    assert elapsed < STOP_SECONDS, f"{elapsed:.1f} s:\n{process.text()}"


def drop(inbox: Path, word: str) -> str:
    """Drop an article file into the inbox as a copy job would (aside, then renamed in); return its headline."""
    inbox.mkdir(exist_ok=True)
    headline = f"Officials in {word} confirmed the reopening of the northern crossing."
    (inbox / f".{word}.tmp").write_text(f"{headline} Traffic resumed at dawn in {word}, the governor said. " * 3)
    (inbox / f".{word}.tmp").rename(inbox / f"{word}.txt")
    return headline


def digest_parts(standin: SlackStandIn, channel: str) -> list[tuple[str, int, str]]:
    """Every digest message posted to `channel`: (digest id, part number, text)."""
    parts = []
    for message in standin.channel_messages(channel):
        metadata = message.get("metadata") or {}
        if metadata.get("event_type") == EVENT_TYPE:
            payload = metadata["event_payload"]
            parts.append((str(payload["digest_id"]), int(payload["part"]), str(message.get("text", ""))))
    return parts


def test_a_sigterm_while_taking_the_lead_and_while_idle_stops_it(scheduler_env: dict[str, str], tmp_path: Path) -> None:
    starting = _scheduler(scheduler_env, tmp_path / "starting.log")
    try:
        starting.wait_logged("took the leader lock")
        _stops_in_time(starting)
        assert "this process runs the scheduler" not in starting.text()  # stopped before its jobs ever started

        idle = _scheduler(scheduler_env, tmp_path / "idle.log")
        idle.wait_logged("scheduler started")
        idle.wait_logged("inbox: 0 new articles")  # every job has run once and is waiting for its next time
        _stops_in_time(idle)
    finally:
        starting.kill()
        idle.kill() if "idle" in locals() else None


def test_a_sigterm_during_a_digest_slack_never_answers_stops_it_and_the_digest_is_resumed_once(
    scheduler_env: dict[str, str], standin: SlackStandIn, tmp_path: Path
) -> None:
    channel, inbox = scheduler_env["DIGEST_CHANNELS"], Path(scheduler_env["INBOX_DIR"])
    first = _scheduler(scheduler_env, tmp_path / "first.log")
    second = Running(SCHEDULER, scheduler_env, tmp_path / "second.log")
    standin.hold("chat.postMessage")
    try:
        headline = drop(inbox, "Qamishli")
        standin.wait_for("chat.postMessage", lambda c: c.params.get("channel") == channel, timeout=120)
        _stops_in_time(first)  # the digest job is waiting on Slack, which holds the call for a minute
        assert "jobs still running" in first.text()
        standin.release("chat.postMessage")

        second.start()
        second.wait_logged("resumed digest")  # its posted part found in the channel by its metadata, the rest sent
        parts = digest_parts(standin, channel)
        assert len({(digest, part) for digest, part, _ in parts}) == len(parts), parts  # no part posted twice
        assert any(headline in text for _, _, text in parts), parts
        _stops_in_time(second)
    finally:
        standin.release("chat.postMessage")
        first.kill()
        second.kill()


@pytest.mark.skipif(TEST_DATABASE_URL is None, reason="needs PostgreSQL (TEST_DATABASE_URL) behind a proxy")
def test_a_sigterm_while_the_database_is_frozen_stops_it(standin: SlackStandIn, tmp_path: Path) -> None:
    """A server that keeps its connections open but stops answering (a frozen host, a pooler waiting on a dead
    server) holds the lock check and the jobs inside libpq: the SIGTERM must still end the process in time."""
    with fresh_database("postgresql", tmp_path) as url:
        proxy, through = in_front_of(url)
        env = bot_env(standin, tmp_path / "bot.db", free_port()) | FAST
        env |= {"DATABASE_URL": through, "DIGEST_CHANNELS": unique("C"), "INBOX_DIR": str(tmp_path / "inbox")}
        process = _scheduler(env, tmp_path / "frozen.log")
        try:
            process.wait_logged("inbox: 0 new articles", count=2)
            proxy.freeze()
            time.sleep(3)  # the lock check and the jobs are now waiting on the server
            elapsed, _status = process.terminate()
            assert elapsed < STOP_SECONDS, f"{elapsed:.1f} s:\n{process.text()}"
        finally:
            process.kill()
            proxy.stop()
