"""End to end: slash commands and buttons through the real serve process, answered on response_url."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.core.store import open_store
from bot.slack.core import KEPT_PREFIX, keep_line
from bot.slack.errors import APOLOGY
from bot.slack.listeners import GONE, LOST
from bot.slack.surfaces import SHARE_ACTION
from tests.slack.bot_process import SECRET, Bot
from tests.slack.fake_core import COMMANDS, CRASH, DIRECT, MAIN
from tests.slack.slack_requests import FORM, JSON, click_body, send, slash_body, unique
from tests.slack.slack_standin import SlackStandIn

# Slack's limit; the assertion is about correctness of the ack path, the benchmark measures speed.
ACK_LIMIT_SECONDS = 3


def _buttons(payload: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for b in payload.get("blocks", []) if b["type"] == "actions" for e in b["elements"]]


def test_url_verification_echoes_the_challenge(bot: Bot) -> None:
    answer = send(bot.url, SECRET, json.dumps({"type": "url_verification", "challenge": "abc123"}), JSON)
    assert answer.status == 200
    assert "abc123" in answer.body


# As Slack sends them: the main command with each sub-command as its first word, and the direct commands.
TYPED = [(f"/{MAIN}", f"{name} Sergey Lavrov", name) for name in COMMANDS] + [
    (f"/{direct}", "Sergey Lavrov", name) for name, direct in DIRECT.items()
]


@pytest.mark.parametrize(("slash", "text", "name"), TYPED)
def test_each_command_is_acked_then_answered_ephemerally_with_a_share_button(
    bot: Bot, standin: SlackStandIn, slash: str, text: str, name: str
) -> None:
    where = unique("cmd")
    answer = send(bot.url, SECRET, slash_body(slash, text, standin.response_url(where)), FORM)
    assert answer.status == 200
    assert answer.seconds < ACK_LIMIT_SECONDS
    [call] = standin.wait_for(f"response:{where}")
    assert call.params["response_type"] == "ephemeral"
    assert f"answer of /{name} to [Sergey Lavrov]" in call.params["text"]
    share = [b for b in _buttons(call.params) if b["action_id"] == SHARE_ACTION]
    assert len(share) == 1


def test_other_words_after_the_main_command_are_a_question(bot: Bot, standin: SlackStandIn) -> None:
    where = unique("question")
    send(bot.url, SECRET, slash_body(f"/{MAIN}", "anything new?", standin.response_url(where)), FORM)
    [call] = standin.wait_for(f"response:{where}")
    assert call.params["text"] == "you asked [anything new?]"


def test_the_public_word_answers_in_channel_without_a_share_button(bot: Bot, standin: SlackStandIn) -> None:
    where = unique("public")
    send(bot.url, SECRET, slash_body("/whois", "Peskov public", standin.response_url(where)), FORM)
    [call] = standin.wait_for(f"response:{where}")
    assert call.params["response_type"] == "in_channel"
    assert "answer of /who to [Peskov]" in call.params["text"]
    assert SHARE_ACTION not in [b["action_id"] for b in _buttons(call.params)]


def test_command_text_is_escaped_in_the_answer(bot: Bot, standin: SlackStandIn) -> None:
    where = unique("escape")
    send(bot.url, SECRET, slash_body("/news", "search <!channel> & co", standin.response_url(where)), FORM)
    [call] = standin.wait_for(f"response:{where}")
    shown = [
        call.params["text"],
        *[b["text"]["text"] for b in call.params["blocks"] if b["type"] == "section"],
    ]
    assert all("<!channel>" not in text for text in shown)
    assert "&lt;!channel&gt; &amp; co" in call.params["text"]


def test_share_button_posts_the_answer_in_channel_and_removes_the_ephemeral(bot: Bot, standin: SlackStandIn) -> None:
    where = unique("share")
    body = click_body(SHARE_ACTION, "/bases Russia", "U0SHARER", standin.response_url(where))
    assert send(bot.url, SECRET, body, FORM).status == 200
    shared, deleted = standin.wait_for(f"response:{where}", count=2)
    assert shared.params["response_type"] == "in_channel"
    assert shared.params["replace_original"] is False
    assert "answer of /bases to [Russia]" in shared.params["text"]
    assert "<@U0SHARER>" in json.dumps(shared.params["blocks"])
    assert deleted.params == {"delete_original": True}


def test_a_long_command_is_shared_whole_through_the_id_its_button_carries(bot: Bot, standin: SlackStandIn) -> None:
    """A button holds 2,000 characters: the Share button of a longer command names the kept line, and sharing
    answers the whole command, not a cut one."""
    where, words = unique("long"), " ".join(f"word{i}" for i in range(300))  # about 2,300 characters
    send(bot.url, SECRET, slash_body("/news", f"search {words}", standin.response_url(where)), FORM)
    [answer] = standin.wait_for(f"response:{where}")
    [button] = answer.params["blocks"][-1]["elements"]
    assert button["action_id"] == SHARE_ACTION and len(button["value"]) < 100
    shared_where = unique("share-long")
    send(
        bot.url, SECRET, click_body(SHARE_ACTION, button["value"], "U0SHARER", standin.response_url(shared_where)), FORM
    )
    shared, _deleted = standin.wait_for(f"response:{shared_where}", count=2)
    assert f"[{words}]" in shared.params["text"] and shared.params["response_type"] == "in_channel"


def test_a_share_button_whose_line_is_gone_says_so(bot: Bot, standin: SlackStandIn) -> None:
    where = unique("gone")
    send(
        bot.url,
        SECRET,
        click_body(SHARE_ACTION, "kept:000000000000000000000000", "U0SHARER", standin.response_url(where)),
        FORM,
    )
    [call] = standin.wait_for(f"response:{where}")
    assert call.params["text"] == GONE


def test_a_run_button_naming_a_kept_line_runs_the_whole_line(bot: Bot, standin: SlackStandIn) -> None:
    words = " ".join(f"word{i}" for i in range(300))  # about 2,300 characters: more than a button holds
    store = open_store(bot.env["DATABASE_URL"])
    value = keep_line(store, f"/bases {words}")
    store.engine.dispose()
    where = unique("kept-more")
    send(bot.url, SECRET, click_body("run_command_0", value, "U0CLICKER", standin.response_url(where)), FORM)
    [call] = standin.wait_for(f"response:{where}")
    assert f"answer of /bases to [{words}]" in call.params["text"]
    lost = unique("lost-more")
    send(bot.url, SECRET, click_body("run_command_0", KEPT_PREFIX + "0" * 24, "U0X", standin.response_url(lost)), FORM)
    [call] = standin.wait_for(f"response:{lost}")
    assert call.params["text"] == LOST


def test_run_button_runs_its_command_line(bot: Bot, standin: SlackStandIn) -> None:
    where = unique("more")
    body = click_body("run_command_0", "/bases Russia --page 2", "U0CLICKER", standin.response_url(where))
    assert send(bot.url, SECRET, body, FORM).status == 200
    [call] = standin.wait_for(f"response:{where}")
    assert "answer of /bases to [Russia --page 2]" in call.params["text"]
    assert call.params["replace_original"] is True  # paging an ephemeral list replaces it


def test_app_home_button_answers_in_the_apps_dm(bot: Bot, standin: SlackStandIn) -> None:
    user = unique("U")
    body = click_body("run_command_1", "/who Peskov", user, response_url=None)
    assert send(bot.url, SECRET, body, FORM).status == 200
    [call] = standin.wait_for("chat.postMessage", lambda c: c.params.get("channel") == user)
    assert "answer of /who to [Peskov]" in call.params["text"]
    assert call.authorized


def test_a_failing_handler_gets_a_short_apology_and_the_bot_keeps_serving(bot: Bot, standin: SlackStandIn) -> None:
    where, after = unique("crash"), unique("after")
    send(bot.url, SECRET, slash_body("/news", f"search {CRASH}", standin.response_url(where)), FORM)
    [apology] = standin.wait_for(f"response:{where}")
    assert apology.params["text"] == APOLOGY
    send(bot.url, SECRET, slash_body("/news", "search ok", standin.response_url(after)), FORM)
    standin.wait_for(f"response:{after}")
    assert "a bug in a handler" in bot.log_text()


def test_unknown_command_line_on_a_button_says_so(bot: Bot, standin: SlackStandIn) -> None:
    where = unique("unknown")
    send(
        bot.url,
        SECRET,
        click_body("run_command_0", "/nope <!here>", "U0X", standin.response_url(where)),
        FORM,
    )
    [call] = standin.wait_for(f"response:{where}")
    assert "Unknown command /nope" in call.params["text"] and "/help" in call.params["text"]
    assert "<!here>" not in call.params["text"]
