"""End to end: DMs, mentions, App Home, retries, signatures and Web API failures via the serve process."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bot.slack.errors import APOLOGY
from bot.slack.signing import MAX_AGE_SECONDS
from tests.slack.bot_process import BOT_TOKEN, SECRET, Bot, start_bot
from tests.slack.slack_requests import FORM, JSON, event_body, message_event, send, slash_body, unique
from tests.slack.slack_standin import BOT_ID, BOT_USER_ID, Failure, SlackStandIn

# After the last expected reply, how long to keep watching for a reply that must not come. Answers here take
# milliseconds; a retry that slipped through would be answered well within this.
QUIET_SECONDS = 2.0


def _posts_to(standin: SlackStandIn, channel: str) -> list[dict[str, object]]:
    return [c.params for c in standin.matching("chat.postMessage", lambda c: c.params.get("channel") == channel)]


def _dm(bot: Bot, text: str, channel: str, **extra: Any) -> int:
    return send(bot.url, SECRET, event_body(message_event(text, channel, **extra)), JSON).status


def test_direct_message_gets_the_plain_language_answer(bot: Bot, standin: SlackStandIn) -> None:
    channel = unique("D")
    assert _dm(bot, "who is Peskov?", channel) == 200
    [call] = standin.wait_for("chat.postMessage", lambda c: c.params.get("channel") == channel)
    assert call.params["text"] == "you asked [who is Peskov?]"
    assert "thread_ts" not in call.params
    assert call.authorized


def test_mention_in_a_channel_is_answered_in_a_thread_without_the_mention(bot: Bot, standin: SlackStandIn) -> None:
    channel = unique("C")
    event = message_event(f"<@{BOT_USER_ID}> who is Lavrov & co?", channel) | {"type": "app_mention"}
    assert send(bot.url, SECRET, event_body(event), JSON).status == 200
    [call] = standin.wait_for("chat.postMessage", lambda c: c.params.get("channel") == channel)
    assert call.params["text"] == "you asked [who is Lavrov &amp; co?]"
    assert call.params["thread_ts"] == event["ts"]


def test_subtypes_and_bots_are_acknowledged_without_a_reply(bot: Bot, standin: SlackStandIn) -> None:
    channel = unique("D")
    ignored = [
        message_event("edited", channel, subtype="message_changed"),
        message_event("gone", channel, subtype="message_deleted"),
        message_event("from another bot", channel, bot_id="B0OTHER", subtype="bot_message"),
        message_event("from myself", channel, user=BOT_USER_ID, bot_id=BOT_ID),
        message_event("in a channel, not for me", unique("C")),
    ]
    for event in ignored:
        assert send(bot.url, SECRET, event_body(event), JSON).status == 200  # never 404: Slack would retry
    assert _dm(bot, "the last one", channel) == 200
    standin.wait_for("chat.postMessage", lambda c: c.params.get("channel") == channel)
    time.sleep(QUIET_SECONDS)
    assert [p["text"] for p in _posts_to(standin, channel)] == ["you asked [the last one]"]


def test_app_home_publishes_stats_articles_and_help(bot: Bot, standin: SlackStandIn) -> None:
    user = unique("U")
    event = {
        "type": "app_home_opened",
        "user": user,
        "channel": unique("D"),
        "tab": "home",
        "event_ts": f"{time.time():.6f}",
    }
    assert send(bot.url, SECRET, event_body(event), JSON).status == 200
    [call] = standin.wait_for("views.publish", lambda c: c.params.get("user_id") == user)
    view = call.params["view"]
    view = json.loads(view) if isinstance(view, str) else view
    shown = json.dumps(view)
    assert view["type"] == "home"
    assert "*2* articles" in shown and "*7* entities" in shown
    assert "&lt;!channel&gt; Big news" in shown and "<!channel>" not in shown
    assert "/who TEXT" in shown and "what /bases does" in shown


def test_a_retried_event_is_answered_once_even_across_workers_and_restarts(bot: Bot, standin: SlackStandIn) -> None:
    channel, event_id = unique("D"), unique("EvRetry")
    body = event_body(message_event("once please", channel), event_id=event_id)
    retries = [
        {},
        {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"},
        {"X-Slack-Retry-Num": "2", "X-Slack-Retry-Reason": "http_timeout"},
    ]
    with ThreadPoolExecutor(len(retries) * 2) as pool:  # at once, so both gunicorn workers see copies
        statuses = list(pool.map(lambda h: send(bot.url, SECRET, body, JSON, h).status, retries * 2))
    assert statuses == [200] * len(statuses)
    standin.wait_for("chat.postMessage", lambda c: c.params.get("channel") == channel)
    bot.stop()
    start_bot(bot)
    assert send(bot.url, SECRET, body, JSON, retries[2]).status == 200
    time.sleep(QUIET_SECONDS)
    assert len(_posts_to(standin, channel)) == 1


def test_bad_missing_and_stale_signatures_get_401_and_have_no_effect(bot: Bot, standin: SlackStandIn) -> None:
    channel = unique("D")
    body = event_body(message_event("forged", channel))
    stale = time.time() - MAX_AGE_SECONDS - 60
    assert send(bot.url, "wrong-secret-0000000000", body, JSON).status == 401
    assert send(bot.url, None, body, JSON).status == 401
    assert send(bot.url, SECRET, body, JSON, now=lambda: stale).status == 401
    assert send(bot.url, SECRET, body, JSON, now=lambda: time.time() + MAX_AGE_SECONDS + 60).status == 401
    where = unique("forged")
    assert (
        send(bot.url, "wrong-secret-0000000000", slash_body("/who", "x", standin.response_url(where)), FORM).status
        == 401
    )
    time.sleep(QUIET_SECONDS)
    assert _posts_to(standin, channel) == []
    assert standin.matching(f"response:{where}") == []


def test_a_429_is_waited_out_and_the_answer_still_goes_out(bot: Bot, standin: SlackStandIn) -> None:
    channel = unique("D")
    standin.fail("chat.postMessage", Failure(status=429, retry_after=1))
    started = time.monotonic()
    assert _dm(bot, "busy day", channel) == 200
    [call] = standin.wait_for("chat.postMessage", lambda c: c.params.get("channel") == channel)
    assert call.params["text"] == "you asked [busy day]"
    assert len(standin.matching("chat.postMessage#refused")) >= 1
    assert time.monotonic() - started >= 1  # Retry-After was honoured, not ignored


def test_a_web_api_error_is_logged_apologised_for_and_serving_goes_on(bot: Bot, standin: SlackStandIn) -> None:
    channel, after = unique("D"), unique("D")
    standin.fail("chat.postMessage", Failure(error="channel_not_found"))
    assert _dm(bot, "please fail", channel) == 200
    [apology] = standin.wait_for("chat.postEphemeral", lambda c: c.params.get("channel") == channel)
    assert apology.params["text"] == APOLOGY
    assert apology.params["user"] == "U0ASKER"
    assert _dm(bot, "still there?", after) == 200
    standin.wait_for("chat.postMessage", lambda c: c.params.get("channel") == after)
    log = bot.log_text()
    assert "channel_not_found" in log
    assert BOT_TOKEN not in log and SECRET not in log
