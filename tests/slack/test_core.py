"""End to end with the real core: `python -m bot serve` with the real handlers over the indexed seed corpus."""

from __future__ import annotations

import importlib
import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.registry import Command, Context, Registry
from bot.core.render.blockkit import Reply, actions
from bot.core.store import Store
from bot.slack.core import build_core
from bot.slack.surfaces import MAX_BUTTON_VALUE
from tests.slack.bot_process import SECRET, SERVE_REAL_CORE, Bot, bot_env, free_port, start_bot
from tests.slack.slack_requests import FORM, JSON, event_body, message_event, send, slash_body, unique
from tests.slack.slack_standin import SlackStandIn


@pytest.fixture(scope="module")
def real_bot(standin: SlackStandIn, corpus_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    """The real `python -m bot serve` over a copy of the indexed seed corpus."""
    directory: Path = tmp_path_factory.mktemp("real-bot")
    port = free_port()
    env = bot_env(standin, directory / "bot.db", port)
    if corpus_db.startswith("sqlite:///"):
        # SQLite's backup API, not a file copy: the index may still sit partly in its write-ahead log.
        with sqlite3.connect(corpus_db.removeprefix("sqlite:///")) as source, sqlite3.connect(env_db(env)) as copy:
            source.backup(copy)
    else:
        env["DATABASE_URL"] = corpus_db
    bot = Bot(f"http://127.0.0.1:{port}/slack/events", directory / "bot.db", directory / "bot.log", env)
    bot.command = list(SERVE_REAL_CORE)
    yield start_bot(bot)
    bot.stop()


def env_db(env: dict[str, str]) -> str:
    return env["DATABASE_URL"].removeprefix("sqlite:///")


# A link, mention or channel the bot wrote into a fallback text, shown escaped: notifications would read it as is.
BOT_MARKUP_ESCAPED = re.compile(r"&lt;(?:[#@!]|https?:)")


def test_every_real_command_is_answered_on_response_url(real_bot: Bot, standin: SlackStandIn) -> None:
    handlers = importlib.import_module("handlers")
    registry = handlers.build_registry()
    typed = [("/news", f"{c.name} Lavrov") for c in registry] + [(f"/{c.direct}", "Lavrov") for c in registry.direct()]
    for slash, text in typed:
        where = unique(slash.strip("/"))
        answer = send(real_bot.url, SECRET, slash_body(slash, text, standin.response_url(where)), FORM)
        assert answer.status == 200
        [call] = standin.wait_for(f"response:{where}", timeout=120)
        assert call.params["text"]
        assert not BOT_MARKUP_ESCAPED.search(call.params["text"]), "the fallback text shows markup the bot made"
        assert call.params.get("response_type", "ephemeral") == "ephemeral"


def test_news_who_answers_from_the_corpus(real_bot: Bot, standin: SlackStandIn) -> None:
    where = unique("who")
    send(real_bot.url, SECRET, slash_body("/news", "who Lavrov", standin.response_url(where)), FORM)
    [call] = standin.wait_for(f"response:{where}", timeout=120)
    assert "Sergey Lavrov" in call.params["text"]
    assert any("Russian Foreign Minister" in str(block) for block in call.params["blocks"])


def test_a_real_direct_message_is_answered(real_bot: Bot, standin: SlackStandIn) -> None:
    channel = unique("D")
    assert send(real_bot.url, SECRET, event_body(message_event("who is Peskov?", channel)), JSON).status == 200
    [call] = standin.wait_for("chat.postMessage", lambda c: c.params.get("channel") == channel, timeout=120)
    assert "Dmitry Peskov" in call.params["text"]


def test_hints_in_answers_name_the_commands_slack_has(real_bot: Bot, standin: SlackStandIn) -> None:
    """Slack has no /search (a built-in) and no /watches: a hint says `/news search`, never a name Slack lacks."""
    where = unique("hint")
    send(real_bot.url, SECRET, slash_body("/news", "who Qwxzvbnm", standin.response_url(where)), FORM)
    [call] = standin.wait_for(f"response:{where}", timeout=120)
    shown = json.dumps(call.params["blocks"])
    assert "`/news search Qwxzvbnm`" in shown and "`/search" not in shown


@pytest.fixture(scope="module")
def renamed_bot(standin: SlackStandIn, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    """The real `python -m bot serve` of a second install: its main command renamed, no direct commands."""
    directory: Path = tmp_path_factory.mktemp("renamed-bot")
    env = bot_env(standin, directory / "bot.db", free_port()) | {
        "SLACK_COMMAND": "/news-staging",
        "SLACK_DIRECT_COMMANDS": "none",
    }
    bot = Bot(f"http://127.0.0.1:{env['PORT']}/slack/events", directory / "bot.db", directory / "bot.log", env)
    bot.command = list(SERVE_REAL_CORE)
    yield start_bot(bot)
    bot.stop()


def test_a_renamed_install_answers_its_own_command_and_names_it_in_hints(
    renamed_bot: Bot, standin: SlackStandIn
) -> None:
    where = unique("renamed")
    send(renamed_bot.url, SECRET, slash_body("/news-staging", "who Qwxzvbnm", standin.response_url(where)), FORM)
    [call] = standin.wait_for(f"response:{where}", timeout=120)
    shown = json.dumps(call.params["blocks"])
    assert "`/news-staging search Qwxzvbnm`" in shown and "`/news search" not in shown
    where = unique("renamed-help")
    send(renamed_bot.url, SECRET, slash_body("/news-staging", "help", standin.response_url(where)), FORM)
    [call] = standin.wait_for(f"response:{where}", timeout=120)
    assert "/news-staging bases" in json.dumps(call.params["blocks"])
    assert "/news who" not in json.dumps(call.params["blocks"])


def test_a_button_too_long_to_carry_its_line_carries_the_kept_lines_id(store: Store) -> None:
    """A button holds 2,000 characters: a longer command line is kept in the store and the button names it (a cut
    copy would run another command), as the Share button does."""
    line = "/echo " + " ".join(["word"] * 1_000)

    def more(_text: str, _ctx: Context) -> Reply:
        return Reply("more", [actions([("Next", line), ("Short", "/echo short")])])

    registry = Registry()
    registry.add(Command("more", "/more", "a button", more))
    core = build_core(store, registry, lambda: Context(store=store, registry=registry), more, ["more"])
    [long_value, short_value] = [e["value"] for b in core.run_line("/more").blocks for e in b["elements"]]
    assert len(long_value) <= MAX_BUTTON_VALUE and core.recall(long_value) == line
    assert short_value == "/echo short", "a line that fits is carried as it is"
