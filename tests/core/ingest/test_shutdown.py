"""`python -m bot ingest` on SIGTERM: a real process, a real store, the signal at several moments. It stops within
10 s, says how many articles it indexed, and every stored article is whole; a second run indexes the rest."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, func, select

from bot.cli import STOPPED_STATUS
from bot.core.ingest.article import normalise_text
from bot.core.store import open_store
from bot.core.store import schema as s
from tests.conftest import ROOT, TEST_DATABASE_URL, fresh_database
from tests.core.ingest.test_isolation import story
from tests.tcp_proxy import in_front_of

ARTICLES = 200
# How long the process may take to stop after SIGTERM (issue #12).
STOP_SECONDS = 10
# Generous: loading spaCy in a fresh process on a busy machine.
START_SECONDS = 120


def stored_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(s.articles)).scalar_one())


@pytest.mark.parametrize(
    ("moment", "workers"),
    [("after the first article", 1), ("mid-run", 1), ("mid-run", 2)],
    ids=["first", "mid", "pool"],
)
def test_sigterm_stops_ingestion_soon_with_whole_articles_and_a_count(
    tmp_path: Path, database_url: str, moment: str, workers: int
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    texts = {}
    for number in range(ARTICLES):
        text = story(number, f"Town{number}") + "\n".join(story(number * 1000 + k, "Oldtown") for k in range(3))
        (folder / f"{number:03}.txt").write_text(text, encoding="utf-8")
        texts[normalise_text(text)] = number
    open_store(database_url).engine.dispose()  # migrated before the process starts
    engine = create_engine(database_url)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")} | {"DATABASE_URL": database_url}
    command = [sys.executable, "-m", "bot", "ingest", "--workers", str(workers), str(folder)]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        threshold = {"after the first article": 1, "mid-run": ARTICLES // 5}[moment]
        deadline = time.monotonic() + START_SECONDS
        while stored_count(engine) < threshold:
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "no article stored in time"
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)  # to the ingesting process only, as `kill PID` does
        out, err = process.communicate(timeout=STOP_SECONDS)  # its output closes when every process it had ends
        with pytest.raises(ProcessLookupError):
            os.killpg(process.pid, 0)  # no parsing process left behind
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        engine.dispose()

    assert process.returncode == STOPPED_STATUS, (out, err)
    assert "Traceback" not in err
    store = open_store(database_url)
    done = store.article_count()
    store.engine.dispose()
    assert done < ARTICLES
    assert out.startswith(f"Stopped by SIGTERM: {done} new, 0 duplicate, 0 failed"), out
    store = open_store(database_url)
    try:
        for _, text in store.stored_articles():
            assert text in texts  # whole: exactly one file's text, nothing cut short
    finally:
        store.engine.dispose()

    if moment == "after the first article" or workers > 1:
        return  # the rest is indexed by a second run: shown once per store, below
    rerun = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.startswith(f"{ARTICLES - done} new, {done} duplicate, 0 failed"), rerun.stdout


@pytest.mark.skipif(TEST_DATABASE_URL is None, reason="needs PostgreSQL (TEST_DATABASE_URL) behind a proxy")
def test_sigterm_stops_ingestion_soon_while_the_database_is_frozen(tmp_path: Path) -> None:
    """A server that keeps its connection open and stops answering holds a write inside libpq, where no check of
    the stop flag runs: the SIGTERM must still end the run in time (what was being written is rolled back)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for number in range(ARTICLES):
        (folder / f"{number:03}.txt").write_text(story(number, f"Town{number}"), encoding="utf-8")
    with fresh_database("postgresql", tmp_path) as url:
        open_store(url).engine.dispose()
        proxy, through = in_front_of(url)
        env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")} | {"DATABASE_URL": through}
        command = [sys.executable, "-m", "bot", "ingest", str(folder)]
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        engine = create_engine(url)
        try:
            deadline = time.monotonic() + START_SECONDS
            while stored_count(engine) < 3:
                assert process.poll() is None and time.monotonic() < deadline, "never started storing"
                time.sleep(0.2)
            proxy.freeze()
            time.sleep(2)
            began = time.monotonic()
            process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(STOP_SECONDS * 4)
            elapsed = time.monotonic() - began
            assert process.poll() == STOPPED_STATUS and elapsed < STOP_SECONDS, f"{elapsed:.1f} s"
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            proxy.stop()
            engine.dispose()
