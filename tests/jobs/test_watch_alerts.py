"""Watch alerts follow a cursor in the store: every ingestion path, one message per run and person, none lost."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.core.alerts import watches
from bot.core.ingest.pipeline import ingest
from bot.core.render.blockkit import Reply
from bot.core.store import Store
from bot.jobs import scheduler
from bot.settings import JobsConfig
from tests.conftest import ROOT
from tests.jobs.test_scheduler import RecordingPoster

FIXTURES = ROOT / "tests" / "fixtures" / "articles"
QUIET = timedelta(seconds=60)
T0 = datetime(2025, 10, 16, 12, 0, tzinfo=UTC)
# Generous bound for the test that runs the real scheduler and a `python -m bot ingest` process.
WAIT = 60.0
ERDOGAN, PEDERSEN = "U0ERDOGAN", "U0PEDERSEN"
NEWS = {
    "call.txt": "Erdogan and Putin discuss Idlib. Turkish President Recep Tayyip Erdoğan spoke with Russian "
    "President Vladimir Putin on Friday about the ceasefire in Idlib, the Turkish presidency said.",
    "geneva.txt": "Pedersen briefs the Security Council. The UN envoy Geir Pedersen told the Security Council "
    "in Geneva that President Recep Tayyip Erdoğan had backed a new round of talks.",
    "markets.txt": "Markets calm in Istanbul. Shares in Istanbul closed flat on Friday as traders waited for "
    "the central bank's rate decision.",
}


class Killed(BaseException):
    """The process dying: not an error the job could catch and carry on from."""


@dataclass
class Clock:
    """The time the job sees, moved by the test."""

    now: datetime = T0

    def __call__(self) -> datetime:
        return self.now


@dataclass
class DyingPoster(RecordingPoster):
    """Sends (records) `sent_before_death` direct messages, then the process dies right after the last one."""

    sent_before_death: int = 1

    def direct_message(self, user_id: str, reply: Reply) -> None:
        """Record the message; die once enough were sent."""
        super().direct_message(user_id, reply)
        if len(self.dms) >= self.sent_before_death:
            raise Killed


@dataclass
class RefusingPoster(RecordingPoster):
    """Slack refuses messages to one person (a deactivated account)."""

    refused: str = ""

    def direct_message(self, user_id: str, reply: Reply) -> None:
        """Refuse the one person, record the others."""
        if user_id == self.refused:
            raise RuntimeError("account_inactive")
        super().direct_message(user_id, reply)


def _runtime(store: Store, nlp: Any, clock: Clock, poster: RecordingPoster | None = None) -> scheduler.Runtime:
    config = JobsConfig(watch_quiet=QUIET.total_seconds())
    return scheduler.Runtime(store=store, poster=poster or RecordingPoster(), config=config, nlp=lambda: nlp, now=clock)


def _ingest(store: Store, nlp: Any, folder: Path, names: list[str], at: datetime) -> list[int]:
    """Index some of NEWS the way `python -m bot ingest` does, stamped `at`."""
    folder.mkdir(exist_ok=True)
    paths = []
    for name in names:
        (folder / name).write_text(NEWS[name], encoding="utf-8")
        paths.append(folder / name)
    summary = ingest(paths, store, nlp, report=lambda _line: None, now=lambda: at)
    assert summary.new == len(names)
    return summary.new_ids


@pytest.fixture
def watched(store: Store, nlp: Any) -> Store:
    """A store holding one earlier article, with Erdoğan and Pedersen each watched by one person."""
    ingest([FIXTURES / "ankara_talks.txt"], store, nlp, report=lambda _line: None, now=lambda: T0 - QUIET)
    for user, name in ((ERDOGAN, "Recep Tayyip Erdoğan"), (PEDERSEN, "Geir Pedersen")):
        [entity] = store.entities_by_key(name)
        watches.add(store, user, entity, T0)
    return store


def _received(poster: RecordingPoster) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for user, text in poster.dms:
        found.setdefault(user, []).append(text)
    return found


def test_the_first_round_sets_the_cursor_without_alerting_about_the_backlog(watched: Store, nlp: Any) -> None:
    runtime = _runtime(watched, nlp, Clock(T0 + 2 * QUIET))
    assert watches.alert_cursor(watched) is None
    scheduler.alert_watchers(runtime)
    scheduler.alert_watchers(runtime)
    assert watches.alert_cursor(watched) == watches.newest_article_id(watched) > 0
    assert runtime.poster.dms == []  # type: ignore[union-attr]


def test_articles_from_the_plain_ingest_path_give_one_message_per_watcher_none_twice(
    watched: Store, nlp: Any, tmp_path: Path
) -> None:
    clock = Clock()
    runtime = _runtime(watched, nlp, clock)
    scheduler.alert_watchers(runtime)  # the first round: the cursor is set
    new_ids = _ingest(watched, nlp, tmp_path / "run", list(NEWS), T0)
    clock.now = T0 + QUIET
    scheduler.alert_watchers(runtime)
    poster = runtime.poster
    assert isinstance(poster, RecordingPoster)
    got = _received(poster)
    assert sorted(got) == [ERDOGAN, PEDERSEN] and all(len(texts) == 1 for texts in got.values())
    assert "Erdogan and Putin discuss Idlib" in got[ERDOGAN][0] and "Pedersen briefs" in got[ERDOGAN][0]
    assert "Pedersen briefs" in got[PEDERSEN][0] and "Erdogan and Putin" not in got[PEDERSEN][0]
    assert not any("Markets" in text for texts in got.values() for text in texts)
    assert watches.alert_cursor(watched) == max(new_ids)
    clock.now += QUIET
    scheduler.alert_watchers(runtime)  # nothing new: nothing sent twice
    assert len(poster.dms) == 2


def test_a_round_while_articles_are_still_arriving_waits_for_the_run_to_end(
    watched: Store, nlp: Any, tmp_path: Path
) -> None:
    clock = Clock()
    runtime = _runtime(watched, nlp, clock)
    scheduler.alert_watchers(runtime)
    _ingest(watched, nlp, tmp_path / "run", ["call.txt"], T0)
    clock.now = T0 + QUIET / 2
    scheduler.alert_watchers(runtime)  # the newest article is too recent: its run may not be over
    _ingest(watched, nlp, tmp_path / "run", ["geneva.txt"], clock.now)
    clock.now = T0 + QUIET
    scheduler.alert_watchers(runtime)  # the first article is quiet long enough, the second not yet
    poster = runtime.poster
    assert isinstance(poster, RecordingPoster)
    assert poster.dms == []
    clock.now = T0 + 2 * QUIET
    with runtime.ingesting.running():  # a feed or drop-folder job of this process under way
        scheduler.alert_watchers(runtime)
    assert poster.dms == []
    scheduler.alert_watchers(runtime)
    got = _received(poster)
    assert len(got[ERDOGAN]) == 1 and "Erdogan and Putin" in got[ERDOGAN][0] and "Pedersen" in got[ERDOGAN][0]
    assert len(got[PEDERSEN]) == 1


def test_alerts_waiting_past_the_longest_wait_are_sent_even_while_runs_follow_each_other(
    watched: Store, nlp: Any, tmp_path: Path
) -> None:
    clock = Clock()
    runtime = _runtime(watched, nlp, clock)
    scheduler.alert_watchers(runtime)
    _ingest(watched, nlp, tmp_path / "run", ["call.txt"], T0)
    _ingest(watched, nlp, tmp_path / "run", ["geneva.txt"], T0 + watches.ALERT_LONGEST_WAIT)
    clock.now = T0 + watches.ALERT_LONGEST_WAIT
    scheduler.alert_watchers(runtime)
    assert sorted(_received(runtime.poster)) == [ERDOGAN, PEDERSEN]  # type: ignore[arg-type]


def test_a_crash_between_sending_and_advancing_repeats_at_most_that_message_and_loses_none(
    watched: Store, nlp: Any, tmp_path: Path
) -> None:
    clock = Clock()
    dying = DyingPoster(sent_before_death=1)
    runtime = _runtime(watched, nlp, clock, dying)
    scheduler.alert_watchers(runtime)
    cursor = watches.alert_cursor(watched)
    _ingest(watched, nlp, tmp_path / "run", list(NEWS), T0)
    clock.now = T0 + QUIET
    with pytest.raises(Killed):
        scheduler.alert_watchers(runtime)  # one person's message sent, then the process dies
    assert watches.alert_cursor(watched) == cursor  # not advanced: the restart looks at the same articles
    [(first_user, first_text)] = dying.dms
    restarted = _runtime(watched, nlp, clock)
    scheduler.alert_watchers(restarted)
    scheduler.alert_watchers(restarted)
    again = _received(restarted.poster)  # type: ignore[arg-type]
    # Documented behaviour: the message sent just before the crash is sent once more; every other is sent once.
    assert sorted(again) == [ERDOGAN, PEDERSEN] and all(len(texts) == 1 for texts in again.values())
    assert again[first_user] == [first_text]
    assert watches.alert_cursor(watched) == watches.newest_article_id(watched)


def test_a_refused_message_neither_holds_back_nor_repeats_the_others(watched: Store, nlp: Any, tmp_path: Path) -> None:
    clock = Clock()
    poster = RefusingPoster(refused=PEDERSEN)
    runtime = _runtime(watched, nlp, clock, poster)
    scheduler.alert_watchers(runtime)
    _ingest(watched, nlp, tmp_path / "run", list(NEWS), T0)
    clock.now = T0 + QUIET
    scheduler.alert_watchers(runtime)
    scheduler.alert_watchers(runtime)
    assert [user for user, _text in poster.dms] == [ERDOGAN]
    assert watches.alert_cursor(watched) == watches.newest_article_id(watched)


def test_the_running_scheduler_alerts_about_articles_from_the_ingest_command(
    watched: Store, database_url: str, tmp_path: Path, nlp: Any
) -> None:
    # Quiet for 3 s: long enough that one `bot ingest` run stays one run on a loaded machine (with 0.5 s, a busy
    # CI machine stored the two articles far enough apart to send two alerts).
    config = JobsConfig(inbox_dir=tmp_path / "inbox", sync_every=0.2, watch_quiet=3.0)
    runtime = scheduler.Runtime(store=watched, poster=RecordingPoster(), config=config, nlp=lambda: nlp)
    running = scheduler.start(runtime)
    try:
        folder = tmp_path / "news"
        folder.mkdir()
        for name, text in NEWS.items():
            (folder / name).write_text(text, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")} | {"DATABASE_URL": database_url}
        done = subprocess.run([sys.executable, "-m", "bot", "ingest", str(folder)], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=WAIT, check=False)  # fmt: skip
        assert done.returncode == 0, done.stderr
        poster = runtime.poster
        assert isinstance(poster, RecordingPoster)
        deadline = time.monotonic() + WAIT
        while len(poster.dms) < 2:
            assert time.monotonic() < deadline, "timed out waiting for the watch alerts"
            time.sleep(0.05)
        got = _received(poster)
        assert sorted(got) == [ERDOGAN, PEDERSEN]
        assert "Erdogan and Putin" in got[ERDOGAN][0] and "Pedersen briefs" in got[ERDOGAN][0]
    finally:
        running.shutdown(wait=False)
