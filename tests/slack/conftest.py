"""Fixtures for the Slack tests: the Web API stand-in and the real bot process serving over HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import BACKENDS, fresh_database
from tests.slack.bot_process import Bot, bot_env, free_port, start_bot
from tests.slack.slack_standin import SlackStandIn


@pytest.fixture(scope="module")
def standin() -> Iterator[SlackStandIn]:
    """The Web API stand-in, shared by one test module."""
    server = SlackStandIn().start()
    yield server
    server.stop()


@pytest.fixture(scope="module", params=BACKENDS)
def bot(
    request: pytest.FixtureRequest, standin: SlackStandIn, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Bot]:
    """The bot serving HTTP on a free port, with its own database on each backend."""
    directory = tmp_path_factory.mktemp("slack-bot")
    port = free_port()
    with fresh_database(request.param, directory) as url:
        env = bot_env(standin, directory / "bot.db", port) | {"DATABASE_URL": url}
        running = start_bot(
            Bot(f"http://127.0.0.1:{port}/slack/events", directory / "bot.db", directory / "bot.log", env)
        )
        yield running
        running.stop()
