"""A PostgreSQL server that keeps its connections open but stops answering: Slack's askers are told the index is
unavailable within the answer's database deadline, not left waiting on a thread that never comes back."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.core.registry import Context
from bot.core.render.answers import UNAVAILABLE_TEXT
from bot.core.render.blockkit import Reply, plain
from bot.core.store import open_store
from bot.core.store.deadline import ANSWER_DATABASE_SECONDS
from bot.slack.core import Core, build_core
from handlers import build_registry, message
from tests.conftest import TEST_DATABASE_URL, fresh_database
from tests.slack.bot_process import SECRET, SERVE_REAL_CORE, Bot, bot_env, free_port, start_bot
from tests.slack.slack_requests import FORM, send, slash_body, unique
from tests.slack.slack_standin import SlackStandIn
from tests.tcp_proxy import Proxy, in_front_of

pytestmark = pytest.mark.skipif(TEST_DATABASE_URL is None, reason="needs PostgreSQL (TEST_DATABASE_URL)")
# The deadline, and time for the thread to notice and to build the reply on a loaded machine.
WITHIN_SECONDS = ANSWER_DATABASE_SECONDS + 3


def _in_time(answer: Callable[[], Reply]) -> list[str]:
    """The reply's text if it came within WITHIN_SECONDS, else nothing."""
    answers: list[str] = []
    asking = threading.Thread(target=lambda: answers.append(plain(answer())), daemon=True)
    asking.start()
    asking.join(WITHIN_SECONDS)
    return list(answers)


@contextmanager
def _core_behind_proxy(tmp_path: Path) -> Iterator[tuple[Proxy, Core]]:
    """The Slack core over a new PostgreSQL database reached through a proxy the test can freeze; thawed, stopped
    and disconnected afterwards."""
    with fresh_database("postgresql", tmp_path) as url:
        proxy, through = in_front_of(url)
        store, registry = open_store(through), build_registry()
        try:
            yield (
                proxy,
                build_core(store, registry, lambda: Context(store=store, registry=registry), message.answer, ["news"]),
            )
        finally:
            proxy.thaw()
            proxy.stop()
            store.engine.dispose()


def test_commands_and_questions_while_postgresql_is_frozen_are_told_the_index_is_unavailable(tmp_path: Path) -> None:
    with _core_behind_proxy(tmp_path) as (proxy, core):
        assert UNAVAILABLE_TEXT not in plain(core.run_line("/news articles"))
        proxy.freeze()
        command = _in_time(lambda: core.run_line("/news who Lavrov"))
        question = _in_time(lambda: core.answer("who is Lavrov?"))
        proxy.thaw()
        assert [text.strip() for text in command] == [UNAVAILABLE_TEXT]
        assert [text.strip() for text in question] == [UNAVAILABLE_TEXT]
        assert UNAVAILABLE_TEXT not in plain(core.run_line("/news articles"))  # and answers again once it is back


def _acknowledged_within(url: str, body: str, seconds: float) -> int | None:
    """The HTTP status of a signed slash command if it came within `seconds`, else None."""
    statuses: list[int] = []
    sending = threading.Thread(target=lambda: statuses.append(send(url, SECRET, body, FORM).status), daemon=True)
    sending.start()
    sending.join(seconds)
    return statuses[0] if statuses else None


def test_a_signed_command_to_serve_while_postgresql_is_frozen_is_acknowledged_and_told_the_index_is_unavailable(
    tmp_path: Path, standin: SlackStandIn
) -> None:
    with fresh_database("postgresql", tmp_path) as url:
        proxy, through = in_front_of(url)
        env = bot_env(standin, tmp_path / "bot.db", port := free_port()) | {"DATABASE_URL": through}
        bot = Bot(
            f"http://127.0.0.1:{port}/slack/events", tmp_path / "bot.db", tmp_path / "bot.log", env, SERVE_REAL_CORE
        )
        try:
            start_bot(bot)
            proxy.freeze()
            name = unique("frozen")
            status = _acknowledged_within(bot.url, slash_body("/news", "who Lavrov", standin.response_url(name)), 3.0)
            answered = standin.matching(f"response:{name}")
            deadline = time.monotonic() + WITHIN_SECONDS
            while not answered and time.monotonic() < deadline:
                time.sleep(0.1)
                answered = standin.matching(f"response:{name}")
            assert status == 200
            assert [str(call.params.get("text", "")).strip() for call in answered] == [UNAVAILABLE_TEXT]
        finally:
            proxy.thaw()
            bot.stop()
            proxy.stop()


def _over_in_time(work: Callable[[], object]) -> bool:
    """Whether `work` returned or raised within WITHIN_SECONDS."""
    over = threading.Event()

    def run() -> None:
        try:
            work()
        except Exception:  # an outage raised is "over": what matters here is that it did not hang
            pass
        finally:
            over.set()

    threading.Thread(target=run, daemon=True).start()
    return over.wait(WITHIN_SECONDS)


@pytest.mark.parametrize("part", ["home", "personal", "unfurl", "keep", "recall"])
def test_app_home_unfurls_and_share_buttons_while_postgresql_is_frozen_are_over_within_the_deadline(
    tmp_path: Path, part: str
) -> None:
    with _core_behind_proxy(tmp_path) as (proxy, core):
        kept = core.keep("/news who Lavrov")
        work: dict[str, Callable[[], object]] = {
            "home": core.home,
            "personal": lambda: core.personal("U0ASKER", None),
            "unfurl": lambda: core.unfurl("https://example.com/a"),
            "keep": lambda: core.keep("/news who Peskov"),
            "recall": lambda: core.recall(kept),
        }
        proxy.freeze()
        assert _over_in_time(work[part])


@pytest.mark.parametrize("line", ["/news digest status", "/news feeds"])
def test_reading_commands_of_slow_handlers_while_postgresql_is_frozen_are_told_the_index_is_unavailable(
    tmp_path: Path, line: str
) -> None:
    with _core_behind_proxy(tmp_path) as (proxy, core):
        assert UNAVAILABLE_TEXT not in plain(core.run_line(line, "U0ASKER", "C0GENERAL"))
        proxy.freeze()
        answered = _in_time(lambda: core.run_line(line, "U0ASKER", "C0GENERAL"))
        proxy.thaw()
        assert [text.strip() for text in answered] == [UNAVAILABLE_TEXT]
