"""The README's restore path while `serve` runs on PostgreSQL: the database dropped and re-created, then
`python -m bot import` of an export. Without a restart, events are answered (the request log is made by the
migrations the import runs, not only at start-up), questions see the restored index, and the scheduler leads
again and posts digests (its job table is made by the migrations too)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, make_url

from bot.core.ingest.pipeline import ingest
from bot.core.store import open_store
from tests.conftest import ARTICLES, TEST_DATABASE_URL, RunBot, fresh_database
from tests.jobs.test_outage import Server
from tests.slack.bot_process import SECRET
from tests.slack.slack_requests import JSON, event_body, message_event, send, unique
from tests.slack.slack_standin import SlackStandIn
from tests.stopping import REACH_SECONDS

pytestmark = pytest.mark.skipif(TEST_DATABASE_URL is None, reason="re-creating a database needs PostgreSQL")

FAST = {"DIGEST_SCHEDULE": "every 2 seconds", "DIGEST_EMPTY_NOTE": "1", "DIGEST_LEASE_SECONDS": "2"}


@pytest.fixture
def indexed(tmp_path: Path, nlp: Any) -> Iterator[str]:
    """A PostgreSQL database holding the shipped corpus."""
    with fresh_database("postgresql", tmp_path) as url:
        store = open_store(url)
        assert ingest([ARTICLES], store, nlp, report=lambda _line: None).new >= 2
        store.engine.dispose()
        yield url


def _recreate(url: str) -> None:
    """What a restore starts with: the database dropped (its connections with it) and created again, empty."""
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE "{target.database}" WITH (FORCE)')
        conn.exec_driver_sql(f'CREATE DATABASE "{target.database}"')
    admin.dispose()


def _dm_answer(server: Server, standin: SlackStandIn, question: str) -> str:
    """Send a DM event; HTTP 200 expected; the text of the bot's answer in that DM."""
    channel = unique("D")
    response = send(server.url, SECRET, event_body(message_event(question, channel)), JSON)
    assert response.status == 200, server.running.text()
    [call] = standin.wait_for("chat.postMessage", lambda c: c.params.get("channel") == channel, timeout=REACH_SECONDS)
    return str(call.params.get("text", ""))


def test_a_database_restored_under_a_running_serve_works_without_a_restart(
    indexed: str, standin: SlackStandIn, run_bot: RunBot, tmp_path: Path
) -> None:
    export = tmp_path / "index.jsonl"
    assert run_bot({"DATABASE_URL": indexed}, "export", str(export)).returncode == 0
    channel = unique("C")
    server = Server(standin, indexed, tmp_path / "serve.log")
    server.running.env |= FAST | {"DIGEST_CHANNELS": channel}
    try:
        server.start()
        server.running.wait_logged("this process runs the scheduler")
        latest_before = server.ask("articles")
        assert "Not found" not in latest_before and latest_before

        _recreate(indexed)
        restored = run_bot({"DATABASE_URL": indexed}, "import", str(export))
        assert restored.returncode == 0, restored.stderr

        assert "unavailable" not in _dm_answer(server, standin, "latest news")  # no 500: the request log exists
        assert server.ask("articles") == latest_before  # the restored index, through the same process
        server.running.wait_logged("this process runs the scheduler", count=2)  # led again after the drop
        posted = len(standin.matching("chat.postMessage", lambda c: c.params.get("channel") == channel))
        standin.wait_for("chat.postMessage", lambda c: c.params.get("channel") == channel, count=posted + 1,
                         timeout=REACH_SECONDS)  # fmt: skip  # a digest (its empty note) from the new round
        assert "Traceback" not in server.running.text()
    finally:
        server.running.kill()
