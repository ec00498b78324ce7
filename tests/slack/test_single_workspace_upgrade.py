"""A single-workspace store made by the release before workspaces were told apart keeps its subscriptions,
watches and feeds: `serve` upgrades it, asks Slack which workspace its bot token belongs to (auth.test), and moves
the rows there, so the channel's digest, the person's watches and the feeds answer as before."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import text

from bot.core.store import _engine, migrate
from bot.core.store.schema import SCHEMA_LOCK_KEY, write_transaction
from tests.conftest import BACKENDS, fresh_database
from tests.slack.bot_process import SECRET, SERVE_REAL_CORE, Bot, bot_env, free_port, start_bot
from tests.slack.slack_requests import FORM, send, slash_body, unique
from tests.slack.slack_standin import TEAM_ID, SlackStandIn

CHANNEL, WATCHER = "C0LEGACYNEWS", "U0LEGACYWATCHER"
FEED = "http://127.0.0.1:9/legacy.xml"
_BEFORE_TEAMS = [
    "INSERT INTO digest_subscriptions (channel_id, schedule, timezone, cursor_article_id, origin, created_by, "
    f"created_at, threaded) VALUES ('{CHANNEL}', 'daily 08:00', 'Europe/Istanbul', 0, 'slack', 'U0ADMIN', "
    "'2025-01-01 00:00:00', true)",
    "INSERT INTO watches (user_id, name_key, name, created_at) "
    f"VALUES ('{WATCHER}', 'sergey lavrov', 'Sergey Lavrov', '2025-01-01 00:00:00')",
    # Added from Slack; a loopback address, which the fetch policy refuses: no request leaves the machine.
    "INSERT INTO feeds (url, added_by, created_at, articles, active) "
    f"VALUES ('{FEED}', 'U0ADMIN', '2025-01-01 00:00:00', 0, true)",
]


@pytest.fixture(scope="module", params=BACKENDS)
def upgraded(
    request: pytest.FixtureRequest, standin: SlackStandIn, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Bot]:
    """The bot serving (with SLACK_BOT_TOKEN) a store made by the release before migration 15a0teams."""
    directory = tmp_path_factory.mktemp("upgrade")
    with fresh_database(request.param, directory) as url:
        engine = _engine(url)
        with write_transaction(engine, SCHEMA_LOCK_KEY) as conn:
            command.upgrade(migrate.config(conn), "14a0digestdelivery")
        with engine.begin() as conn:
            for statement in _BEFORE_TEAMS:
                conn.execute(text(statement))
        engine.dispose()
        port = free_port()
        env = bot_env(standin, directory / "bot.db", port) | {"DATABASE_URL": url, "WEB_CONCURRENCY": "1"}
        bot = Bot(f"http://127.0.0.1:{port}/slack/events", directory / "bot.db", directory / "bot.log", env)
        bot.command = list(SERVE_REAL_CORE)
        yield start_bot(bot)
        bot.stop()


def _ask(bot: Bot, standin: SlackStandIn, text: str, user: str) -> str:
    where = unique("resp")
    body = slash_body("/news", text, standin.response_url(where), user, CHANNEL, TEAM_ID)
    assert send(bot.url, SECRET, body, FORM).status == 200
    [call] = standin.wait_for(f"response:{where}", timeout=120)
    return str(call.params["text"])


def test_the_old_subscription_watch_and_feed_answer_in_the_bot_tokens_workspace(
    upgraded: Bot, standin: SlackStandIn
) -> None:
    assert "Schedule: daily at 08:00 (Europe/Istanbul)" in _ask(upgraded, standin, "digest status", WATCHER)
    assert "Sergey Lavrov" in _ask(upgraded, standin, "watches", WATCHER)
    assert FEED in _ask(upgraded, standin, "feeds", WATCHER)
    assert "moved to the bot's workspace T0STANDIN" in upgraded.log_text()
