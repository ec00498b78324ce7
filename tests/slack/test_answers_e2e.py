"""End to end: an answer outliving its deadline, and answers still running when the server is stopped, each
tell the asker on its response_url, through the real serve process."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.slack.answers import INTERRUPTED, TOO_SLOW
from tests.slack.bot_process import SECRET, Bot, bot_env, free_port, start_bot
from tests.slack.fake_core import DAWDLE, DAWDLE_SECONDS, HANG
from tests.slack.slack_requests import FORM, send, slash_body, unique
from tests.slack.slack_standin import SlackStandIn


def _bot(standin: SlackStandIn, directory: Path, **env: str) -> Bot:
    port = free_port()
    environment = bot_env(standin, directory / "bot.db", port) | env
    return Bot(f"http://127.0.0.1:{port}/slack/events", directory / "bot.db", directory / "bot.log", environment)


@pytest.fixture
def impatient_bot(standin: SlackStandIn, tmp_path: Path) -> Iterator[Bot]:
    """A bot whose answers may take one second."""
    bot = start_bot(_bot(standin, tmp_path, ANSWER_DEADLINE_SECONDS="1"))
    yield bot
    bot.stop()


def test_an_answer_past_its_deadline_is_announced_and_never_arrives(impatient_bot: Bot, standin: SlackStandIn) -> None:
    where = unique("dawdle")
    assert (
        send(impatient_bot.url, SECRET, slash_body("/news", "who " + DAWDLE, standin.response_url(where)), FORM).status
        == 200
    )

    [call] = standin.wait_for(f"response:{where}")
    time.sleep(DAWDLE_SECONDS + 1)  # the answer is done by now: it must not be posted after the notice

    assert call.params["text"] == TOO_SLOW
    assert len(standin.matching(f"response:{where}")) == 1
    assert "/news not answered within 1 s; the asker was told" in impatient_bot.log_text()


def test_answers_running_at_a_stop_are_interrupted_and_their_askers_told(standin: SlackStandIn, tmp_path: Path) -> None:
    bot = start_bot(_bot(standin, tmp_path))
    hanging = [unique("hang") for _ in range(3)]
    try:
        for where in hanging:
            assert (
                send(bot.url, SECRET, slash_body("/news", "who " + HANG, standin.response_url(where)), FORM).status
                == 200
            )
        time.sleep(1)  # acknowledged, and the answers are running
    finally:
        bot.stop()  # SIGTERM, as a platform stops a process; returns once it has exited

    for where in hanging:
        assert [c.params["text"] for c in standin.matching(f"response:{where}")] == [INTERRUPTED]
    assert "answer(s) interrupted, their askers told to ask again" in bot.log_text()
