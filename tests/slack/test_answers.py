"""The answer pool against the Slack stand-in over real HTTP: too many waiting, too slow, and stopping each tell
the asker once on the way they asked (response_url, or the DM), and an answer that comes after that is dropped."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from slack_sdk import WebClient

from bot.slack.answers import BUSY, INTERRUPTED, SLOW_FACTOR, TOO_SLOW, AnswerPool, recipient
from bot.slack.listeners import post_response
from handlers import build_registry
from tests.slack.slack_requests import unique
from tests.slack.slack_standin import SlackStandIn

# Long enough that a job is surely still running when the test acts, short enough to keep the tests quick.
HOLD = 10.0
# After a notice or an answer, how long to wait to be sure nothing else is posted.
QUIET = 1.0


@pytest.fixture
def client(standin: SlackStandIn) -> WebClient:
    """A Web API client talking to the stand-in."""
    return WebClient(token="xoxb-1-2-test", base_url=standin.api_url)


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """Set to let held answers finish (and set at the end of each test, so none outlives it)."""
    event = threading.Event()
    yield event
    event.set()


def _command(standin: SlackStandIn, name: str) -> dict[str, Any]:
    return {"command": "/who", "text": "Lavrov", "response_url": standin.response_url(name)}


def _answering(release: threading.Event, hold: float = HOLD) -> Any:
    """Work that waits for `release`, then answers on the response_url."""

    def work(body: dict[str, Any], client: WebClient) -> None:
        release.wait(hold)
        post_response(body["response_url"], {"text": "the answer"})

    return work


def _texts(standin: SlackStandIn, name: str) -> list[str]:
    return [c.params["text"] for c in standin.matching(f"response:{name}")]


def test_past_the_waiting_limit_the_asker_is_told_at_once(
    standin: SlackStandIn, client: WebClient, release: threading.Event
) -> None:
    pool = AnswerPool(threads=1, waiting=1)
    first, second, third = unique("first"), unique("second"), unique("third")
    for name in (first, second, third):
        pool.submit(_answering(release), _command(standin, name), client)

    standin.wait_for(f"response:{third}")
    assert _texts(standin, third) == [BUSY]
    release.set()
    standin.wait_for(f"response:{second}")
    assert _texts(standin, first) == ["the answer"] and _texts(standin, second) == ["the answer"]
    pool.shutdown(0)


def test_an_answer_past_its_deadline_is_announced_once_and_dropped_when_it_comes(
    standin: SlackStandIn, client: WebClient, release: threading.Event
) -> None:
    pool = AnswerPool(deadline=0.5)
    name = unique("slow")

    pool.submit(_answering(release), _command(standin, name), client)
    standin.wait_for(f"response:{name}")
    release.set()
    time.sleep(QUIET)

    assert _texts(standin, name) == [TOO_SLOW]
    pool.shutdown(0)


def test_an_answer_within_its_deadline_is_delivered_and_nothing_else(
    standin: SlackStandIn, client: WebClient, release: threading.Event
) -> None:
    pool = AnswerPool(deadline=QUIET)
    name = unique("quick")
    release.set()

    pool.submit(_answering(release), _command(standin, name), client)
    standin.wait_for(f"response:{name}")
    time.sleep(2 * QUIET)  # past the deadline: a delivered answer is never followed by "too slow"

    assert _texts(standin, name) == ["the answer"]
    pool.shutdown(0)


def test_commands_that_fetch_get_a_longer_deadline_also_under_the_main_command() -> None:
    pool = AnswerPool(deadline=2.0, slow=build_registry().is_slow)
    assert pool.deadline_for("/who") == pool.deadline_for("/news who Lavrov") == 2.0
    assert pool.deadline_for("app_mention") == 2.0
    assert pool.deadline_for("/ingest https://example.com/a") == pool.deadline_for("/digest now") == 2.0 * SLOW_FACTOR
    assert pool.deadline_for("/news ingest https://example.com/a") == 2.0 * SLOW_FACTOR
    pool.shutdown(0)


def test_at_shutdown_running_and_waiting_answers_are_interrupted_and_their_askers_told(
    standin: SlackStandIn, client: WebClient, release: threading.Event
) -> None:
    pool = AnswerPool(threads=1)
    running, waiting, done = unique("running"), unique("waiting"), unique("done")
    quick = threading.Event()
    quick.set()
    pool.submit(_answering(quick), _command(standin, done), client)
    standin.wait_for(f"response:{done}")
    pool.submit(_answering(release), _command(standin, running), client)
    pool.submit(_answering(release), _command(standin, waiting), client)

    assert pool.shutdown(0.2) == 2
    release.set()
    time.sleep(QUIET)

    assert _texts(standin, running) == [INTERRUPTED]
    assert _texts(standin, waiting) == [INTERRUPTED]
    assert _texts(standin, done) == ["the answer"]


def test_an_answer_finishing_within_the_grace_period_is_delivered(
    standin: SlackStandIn, client: WebClient, release: threading.Event
) -> None:
    pool = AnswerPool()
    name = unique("graceful")
    pool.submit(_answering(release, hold=0.3), _command(standin, name), client)

    assert pool.shutdown(5.0) == 0
    assert _texts(standin, name) == ["the answer"]


def test_after_shutdown_a_new_question_is_told_to_ask_again(standin: SlackStandIn, client: WebClient) -> None:
    pool = AnswerPool()
    pool.shutdown(0)
    name = unique("late")

    pool.submit(_answering(threading.Event()), _command(standin, name), client)

    standin.wait_for(f"response:{name}")
    assert _texts(standin, name) == [INTERRUPTED]


def test_a_direct_message_is_told_in_its_channel(standin: SlackStandIn, client: WebClient) -> None:
    channel = unique("D")
    event = {"type": "message", "channel_type": "im", "channel": channel, "user": "U0ASKER", "text": "hi"}

    notify = recipient(event, client)
    assert notify is not None
    notify(INTERRUPTED)

    [call] = standin.wait_for("chat.postMessage", lambda c: c.params.get("channel") == channel)
    assert call.params["text"] == INTERRUPTED


@pytest.mark.parametrize(
    "payload",
    [
        {"type": "message", "channel_type": "im", "channel": "D1", "user": "U1", "subtype": "message_changed"},
        {"type": "message", "channel_type": "im", "channel": "D1", "user": "U1", "bot_id": "B1"},
        {"type": "message", "channel_type": "channel", "channel": "C1", "user": "U1"},
        {"type": "app_mention", "channel": "D1", "user": "U1", "ts": "1.0"},
        {"type": "app_home_opened", "user": "U1", "tab": "home"},
    ],
    ids=["an-edit", "a-bot", "a-channel-message", "a-mention-in-a-dm", "app-home"],
)
def test_nobody_is_told_about_events_nobody_waits_for(payload: dict[str, Any], client: WebClient) -> None:
    assert recipient(payload, client) is None
