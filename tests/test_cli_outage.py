"""The console and `python -m bot ask` when the database is away: a question is told the index is unavailable (not
a traceback) and the next one, once it is back, is answered; a store that cannot be opened is one line."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import cli
from bot.core.registry import Context
from bot.core.render.answers import UNAVAILABLE_TEXT
from bot.core.render.blockkit import plain
from bot.core.store import open_store
from handlers import build_registry
from tests.conftest import ROOT, TEST_DATABASE_URL, RunBot, fresh_database
from tests.stopping import STOP_SECONDS, Running
from tests.tcp_proxy import in_front_of

# Another process holding SQLite's exclusive lock: even readers get "database is locked" (after the store's busy
# timeout), as during a long write by a tool, a backup holding the file, or a stuck process.
HOLD_EXCLUSIVE = (
    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
    "c.execute('PRAGMA locking_mode=EXCLUSIVE'); c.execute('BEGIN EXCLUSIVE'); print('held', flush=True); "
    "sys.stdin.read()"
)


@pytest.fixture
def sqlite_store(migrated_sqlite: Path, tmp_path: Path) -> Iterator[Path]:
    """A migrated SQLite store file of this test's own."""
    path = tmp_path / "bot.db"
    shutil.copyfile(migrated_sqlite, path)
    yield path


def test_a_locked_sqlite_store_is_unavailable_then_answers_again(sqlite_store: Path) -> None:
    ctx = Context(store=open_store(f"sqlite:///{sqlite_store}"), registry=build_registry())
    answered = plain(cli.answer_line("/articles", ctx))
    assert UNAVAILABLE_TEXT not in answered
    ctx.store.engine.dispose()  # its idle connections closed (an exclusive lock waits for every one of them)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_EXCLUSIVE, str(sqlite_store)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert plain(cli.answer_line("/articles", ctx)).strip() == UNAVAILABLE_TEXT
        assert plain(cli.answer_line("who is anyone?", ctx, dm=True)).strip() == UNAVAILABLE_TEXT
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=60)
    assert plain(cli.answer_line("/articles", ctx)) == answered  # the same process, the same connections
    ctx.store.engine.dispose()


@pytest.mark.parametrize("problem", ["not a database", "folder is a file"])
def test_a_store_that_cannot_be_opened_is_one_line(run_bot: RunBot, tmp_path: Path, problem: str) -> None:
    if problem == "not a database":
        path = tmp_path / "bot.db"
        path.write_bytes(b"this is not SQLite " * 100)
    else:
        (tmp_path / "file").write_text("")
        path = tmp_path / "file" / "bot.db"
    ran = run_bot({"DATABASE_URL": f"sqlite:///{path}"}, "ask", "/articles")
    assert ran.returncode == 1
    assert ran.stdout == ""
    assert ran.stderr.startswith("error: the database is unavailable: ") and ran.stderr.count("\n") == 1, ran.stderr


@contextlib.contextmanager
def _silent_server() -> Iterator[int]:
    """A port that takes TCP connections and never says a word: a PostgreSQL host behind a network that drops
    packets, or a server frozen under load. Yields the port."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []

    def accept() -> None:
        with contextlib.suppress(OSError):
            while True:
                held.append(listener.accept()[0])

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield int(listener.getsockname()[1])
    finally:
        listener.close()
        for sock in held:
            sock.close()


def test_a_silent_database_at_start_up_is_one_line_soon_and_sigterm_stops_the_scheduler(tmp_path: Path) -> None:
    """A database that never answers must not hold the console for minutes (libpq waits 130 s by default), nor
    keep `python -m bot scheduler` alive long after a SIGTERM (the README: gone within 10 s, even when starting)."""
    with _silent_server() as port:
        env = {**os.environ, "DATABASE_URL": f"postgresql://postgres@127.0.0.1:{port}/test"}
        for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET"):
            env.pop(name, None)
        began = time.monotonic()
        asked = subprocess.run([sys.executable, "-m", "bot", "ask", "/who Lavrov"], env=env, cwd=ROOT,
                               capture_output=True, text=True, timeout=180)  # fmt: skip
        assert time.monotonic() - began < STOP_SECONDS, asked.stderr
        assert asked.stderr.startswith("error: the database is unavailable") and asked.stderr.count("\n") == 1
        scheduler = Running([sys.executable, "-m", "bot", "scheduler"], env, tmp_path / "scheduler.log").start()
        try:
            time.sleep(1.5)  # settings read, now waiting on the database
            elapsed, _status = scheduler.terminate()
        finally:
            scheduler.kill()
        assert elapsed < STOP_SECONDS, scheduler.text()


@pytest.mark.skipif(TEST_DATABASE_URL is None, reason="needs PostgreSQL (TEST_DATABASE_URL) behind a proxy")
def test_a_question_while_postgresql_is_frozen_is_told_the_index_is_unavailable(tmp_path: Path) -> None:
    with fresh_database("postgresql", tmp_path) as url:
        proxy, through = in_front_of(url)
        ctx = Context(store=open_store(through), registry=build_registry())
        try:
            assert UNAVAILABLE_TEXT not in plain(cli.answer_line("/articles", ctx))
            proxy.freeze()
            answers: list[str] = []
            asking = threading.Thread(target=lambda: answers.append(plain(cli.answer_line("/articles", ctx))))
            asking.daemon = True
            asking.start()
            asking.join(STOP_SECONDS)
            in_time = list(answers)
            proxy.thaw()
            asking.join(10)
            assert in_time, f"no answer within {STOP_SECONDS} s (then, once the server answered: {answers})"
            assert in_time[0].strip() == UNAVAILABLE_TEXT
        finally:
            proxy.stop()
            ctx.store.engine.dispose()
