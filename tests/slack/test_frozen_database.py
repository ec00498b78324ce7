"""A PostgreSQL server that keeps its connections open but stops answering: Slack's askers are told the index is
unavailable within the answer's database deadline, not left waiting on a thread that never comes back."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.core.registry import ANSWER_DATABASE_SECONDS, Context
from bot.core.render.answers import UNAVAILABLE_TEXT
from bot.core.render.blockkit import Reply, plain
from bot.core.store import open_store
from bot.slack.core import build_core
from handlers import build_registry, message
from tests.conftest import TEST_DATABASE_URL, fresh_database
from tests.tcp_proxy import in_front_of

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


def test_commands_and_questions_while_postgresql_is_frozen_are_told_the_index_is_unavailable(tmp_path: Path) -> None:
    with fresh_database("postgresql", tmp_path) as url:
        proxy, through = in_front_of(url)
        store, registry = open_store(through), build_registry()
        core = build_core(store, registry, lambda: Context(store=store, registry=registry), message.answer, ["news"])
        try:
            assert UNAVAILABLE_TEXT not in plain(core.run_line("/news articles"))
            proxy.freeze()
            command = _in_time(lambda: core.run_line("/news who Lavrov"))
            question = _in_time(lambda: core.answer("who is Lavrov?"))
            proxy.thaw()
            assert [text.strip() for text in command] == [UNAVAILABLE_TEXT]
            assert [text.strip() for text in question] == [UNAVAILABLE_TEXT]
            assert UNAVAILABLE_TEXT not in plain(core.run_line("/news articles"))  # and answers again once it is back
        finally:
            proxy.stop()
            store.engine.dispose()
