"""A PostgreSQL outage while two `serve` processes compete for the scheduler (a TCP proxy the test controls stands
between them and the database): never two schedulers at any moment, questions asked during the outage are told
the index is unavailable, and everything recovers by itself once the database is back."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from itertools import pairwise
from pathlib import Path

import pytest

from tests.conftest import TEST_DATABASE_URL, fresh_database
from tests.slack.bot_process import SECRET, bot_env, free_port
from tests.slack.slack_requests import FORM, JSON, send, slash_body, unique
from tests.slack.slack_standin import SlackStandIn
from tests.stopping import REACH_SECONDS, Running
from tests.tcp_proxy import Proxy, in_front_of

pytestmark = pytest.mark.skipif(TEST_DATABASE_URL is None, reason="needs PostgreSQL (TEST_DATABASE_URL)")

SERVE = [sys.executable, "-m", "bot", "serve"]
FAST = {"SCHEDULER_SYNC_SECONDS": "1", "INBOX_INTERVAL_SECONDS": "1", "WEB_CONCURRENCY": "1"}
UNAVAILABLE = "The index is unavailable"
LEADS = "this process runs the scheduler"
# A leader stops: it lost the lock, its scheduler could not start (the outage came as it was starting), or SIGTERM.
LOST = ("lost the scheduler's leader lock", "the scheduler could not start")
STOPS = (*LOST, "scheduler stopped")
STAMP = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) .*?(" + "|".join(map(re.escape, (LEADS, *STOPS))) + ")",
                   re.MULTILINE)  # fmt: skip


@pytest.fixture(scope="module")
def standin() -> Iterator[SlackStandIn]:
    """The Web API stand-in (answers go to its response_url)."""
    server = SlackStandIn().start()
    yield server
    server.stop()


@pytest.fixture
def proxied(tmp_path: Path) -> Iterator[tuple[Proxy, str]]:
    """A fresh PostgreSQL database, reached through a proxy: (the proxy, the URL through it)."""
    with fresh_database("postgresql", tmp_path) as url:
        proxy, through = in_front_of(url)
        try:
            yield proxy, through
        finally:
            proxy.stop()


class Server:
    """One `python -m bot serve` process and how to ask it something."""

    def __init__(self, standin: SlackStandIn, url: str, log: Path) -> None:
        self.standin, self.port = standin, free_port()
        env = bot_env(standin, log.with_suffix(".db"), self.port) | FAST
        env |= {"DATABASE_URL": url, "INBOX_DIR": str(log.with_suffix(".inbox"))}
        self.running = Running(SERVE, env, log)
        self.url = f"http://127.0.0.1:{self.port}/slack/events"

    def start(self) -> Server:
        """Start it and wait until it answers HTTP."""
        self.running.start()
        deadline = time.monotonic() + REACH_SECONDS
        while True:
            try:
                if send(self.url, SECRET, '{"type":"url_verification","challenge":"up"}', JSON).status == 200:
                    return self
            except OSError:
                pass
            assert time.monotonic() < deadline, self.running.text()
            time.sleep(0.2)

    def ask(self, text: str) -> str:
        """Type `/news TEXT`; the answer's text as it reaches the response_url."""
        where = unique("resp")
        body = slash_body("/news", text, self.standin.response_url(where))
        assert send(self.url, SECRET, body, FORM).status == 200
        [call] = self.standin.wait_for(f"response:{where}", timeout=REACH_SECONDS)
        return str(call.params.get("text", ""))


def _leading(servers: list[Server]) -> int:
    return sum(s.running.text().count(LEADS) for s in servers)


def _lost(servers: list[Server]) -> int:
    return sum(s.running.text().count(line) for s in servers for line in LOST)


def _wait(condition: Callable[[], bool], what: str, servers: list[Server]) -> None:
    deadline = time.monotonic() + REACH_SECONDS
    while not condition():
        assert time.monotonic() < deadline, what + "\n".join(s.running.text() for s in servers)
        time.sleep(0.2)


def _intervals(log: str, ended: float) -> list[tuple[float, float]]:
    """When a process ran the scheduler, from its log: each start to its stop (or to `ended`)."""
    spans, began = [], None
    for stamp, what in STAMP.findall(log):
        at = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S,%f").timestamp()
        if what == LEADS:
            began = at
        elif began is not None:
            spans.append((began, at))
            began = None
    return spans + ([(began, ended)] if began is not None else [])


def test_an_outage_leaves_one_scheduler_at_every_moment_and_answers_recover(
    standin: SlackStandIn, proxied: tuple[Proxy, str], tmp_path: Path
) -> None:
    proxy, url = proxied
    servers = [Server(standin, url, tmp_path / f"serve{i}.log") for i in (1, 2)]
    ended: dict[int, float] = {}
    try:
        for server in servers:
            server.start()
        _wait(lambda: _leading(servers) == 1, "nobody leads", servers)
        assert UNAVAILABLE not in servers[0].ask("articles")

        for outage in range(2):  # the same process or the other may lead after each
            leads_before = _leading(servers)
            proxy.cut()
            _wait(lambda n=outage: _lost(servers) > n, "the leader kept on", servers)  # type: ignore[misc]
            assert UNAVAILABLE in servers[outage].ask("articles")  # said at once, not a traceback or a 500
            proxy.restore()
            _wait(lambda b=leads_before: _leading(servers) > b, "nobody leads after the outage", servers)  # type: ignore[misc]
            assert UNAVAILABLE not in servers[1 - outage].ask("articles")
    finally:
        for i, server in enumerate(servers):
            if server.running.process is not None:
                server.running.terminate()
            ended[i] = time.time()
            server.running.kill()

    spans = sorted(span for i, s in enumerate(servers) for span in _intervals(s.running.text(), ended[i]))
    assert len(spans) >= 3, spans  # the first leader, then one after each outage
    for (_, first_end), (second_start, _) in pairwise(spans):
        assert first_end <= second_start, f"two schedulers at once: {spans}"
