"""The drop folder (processed/, failed/ with the reason) and watches (resolution, alerts per person)."""

from __future__ import annotations

import contextlib
import logging
import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.core.alerts import watches
from bot.core.ingest import inbox, pipeline
from bot.core.ingest.article import to_article
from bot.core.models import Document
from bot.core.registry import Context
from bot.core.store import Store
from bot.core.store.team import LEGACY
from handlers import build_registry
from tests.conftest import ROOT

NOW = datetime(2025, 10, 16, 12, 0, tzinfo=UTC)
FIXTURES = ROOT / "tests" / "fixtures" / "articles"


def _settled(path: Path) -> None:
    past = time.time() - 60
    os.utime(path, (past, past))


def test_dropped_files_are_ingested_and_moved_with_their_outcome(store: Store, nlp: Any, tmp_path: Path) -> None:
    box = tmp_path / "inbox"
    box.mkdir()
    good = box / "ankara.txt"
    good.write_text((FIXTURES / "ankara_talks.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (box / "empty.txt").write_text("", encoding="utf-8")
    (box / "notes.docx").write_bytes(b"PK\x03\x04")
    fresh = box / "still-copying.txt"
    fresh.write_text("Half a file", encoding="utf-8")
    for path in (good, box / "empty.txt", box / "notes.docx"):
        _settled(path)
    run = inbox.process(box, store, lambda: nlp, NOW)
    assert (len(run.new_ids), run.processed, sorted(run.failed)) == (1, ["ankara.txt"], ["empty.txt", "notes.docx"])
    assert (box / "processed" / "ankara.txt").exists()
    assert "empty file" in (box / "failed" / "empty.txt.reason.txt").read_text(encoding="utf-8")
    assert "unsupported file type" in (box / "failed" / "notes.docx.reason.txt").read_text(encoding="utf-8")
    assert fresh.exists()  # not settled yet: left for the next run
    again = box / "ankara.txt"
    again.write_text(good.name, encoding="utf-8")
    _settled(again)
    inbox.process(box, store, lambda: nlp, NOW)
    assert (box / "processed" / "ankara.1.txt").exists()  # a second file of the same name overwrites nothing


def test_watch_resolves_like_who_and_alerts_once_per_person(corpus: Context, tmp_path: Path) -> None:
    registry = build_registry()
    ctx = Context(store=corpus.store, registry=registry, now=NOW, user_id=f"U{time.time_ns()}")
    watch, unwatch, listing = registry.get("watch"), registry.get("unwatch"), registry.get("watches")
    assert watch is not None and unwatch is not None and listing is not None
    assert watch.answer("lavrof", ctx).text.startswith("Watching Sergey Lavrov")
    assert "already watch" in watch.answer("Sergey Lavrov", ctx).text
    assert "Not found" in watch.answer("Zzyzx Qwerty", ctx).text
    assert "Sergey Lavrov" in listing.answer("", ctx).text
    ids = [a.id for a in corpus.store.latest_articles(50)]
    found = watches.alerts(corpus.store, ids)[(LEGACY, str(ctx.user_id))]
    assert found and all(alert.names == ["Sergey Lavrov"] for alert in found)
    reply = watches.alert_reply(found)
    assert reply.text.startswith("New on Sergey Lavrov")
    assert unwatch.answer("lavrov", ctx).text == "Stopped watching Sergey Lavrov."
    assert (LEGACY, ctx.user_id) not in watches.alerts(corpus.store, ids)
    assert "/watch works in Slack" in watch.answer("Lavrov", Context(store=corpus.store, registry=registry)).text


def test_alerts_are_due_once_the_run_that_ingested_the_articles_is_over() -> None:
    quiet, longest = timedelta(seconds=60), timedelta(minutes=15)
    waiting = watches.Pending(after=10, newest=13, first_at=NOW, last_at=NOW + timedelta(seconds=30))
    settled = NOW + timedelta(seconds=90)

    def due(now: datetime, running: bool = False) -> list[int]:
        return list(watches.due(waiting, now, quiet, running, longest))

    assert list(watches.due(None, settled, quiet)) == []  # nothing after the cursor
    assert due(settled) == [11, 12, 13]  # every id after the cursor, up to the newest
    assert due(settled - timedelta(seconds=1)) == []  # the newest is less than `quiet` old: the run may go on
    assert due(settled, running=True) == []  # an ingestion job of this process is under way
    assert due(NOW + longest, running=True) == [11, 12, 13]  # runs back to back: the oldest waited long enough
    assert due(NOW + longest - timedelta(seconds=1), running=True) == []


def test_pending_articles_are_those_after_the_cursor(store: Store) -> None:
    assert watches.pending(store, 0) is None and watches.newest_article_id(store) == 0
    assert watches.begin_alerts(store) is None and watches.alert_cursor(store) == 0  # the first round sets it
    later = NOW + timedelta(seconds=30)
    ids = []
    for headline, at in (("Talks resume in Ankara", NOW), ("Ceasefire holds in Idlib", later)):
        text = f"{headline}. Officials gave details of {headline.lower()} to reporters on the day."
        article_id = store.add_article(to_article(Document(text=text, source="wire"), at), [], at)
        assert article_id is not None
        ids.append(article_id)
    assert watches.begin_alerts(store) == 0  # set once: later rounds read it
    assert watches.pending(store, 0) == watches.Pending(0, ids[1], NOW, later)
    assert watches.pending(store, ids[0]) == watches.Pending(ids[0], ids[1], later, later)
    watches.set_alert_cursor(store, ids[1])
    assert watches.alert_cursor(store) == watches.newest_article_id(store) == ids[1]
    assert watches.pending(store, ids[1]) is None


def test_a_file_named_like_an_outcome_folder_blocks_nothing(store: Store, nlp: Any, tmp_path: Path) -> None:
    """A plain file called `failed` (or `processed`) dropped in the folder is a bad file like any other: it must
    not stop the pass, nor every later pass, from moving the files after it."""
    box = tmp_path / "inbox"
    box.mkdir()
    (box / "failed").write_text("a note someone dropped", encoding="utf-8")
    (box / "zz-empty.txt").write_text("", encoding="utf-8")
    good = box / "zz-good.txt"
    good.write_text((FIXTURES / "ankara_talks.txt").read_text(encoding="utf-8"), encoding="utf-8")
    for path in box.iterdir():
        _settled(path)
    inbox.process(box, store, lambda: nlp, NOW)
    inbox.process(box, store, lambda: nlp, NOW)
    assert not good.exists() and not (box / "zz-empty.txt").exists()


def test_a_file_with_a_long_name_fails_with_its_reason_beside_it(store: Store, nlp: Any, tmp_path: Path) -> None:
    """A name near the file system's limit (255 bytes) still gets its reason file and lets the pass go on."""
    box = tmp_path / "inbox"
    box.mkdir()
    long_name = box / ("n" * 245 + ".txt")
    long_name.write_text("", encoding="utf-8")
    good = box / "zz-good.txt"
    good.write_text((FIXTURES / "ankara_talks.txt").read_text(encoding="utf-8"), encoding="utf-8")
    for path in box.iterdir():
        _settled(path)
    run = inbox.process(box, store, lambda: nlp, NOW)
    assert run.processed == ["zz-good.txt"]
    reasons = [p for p in (box / "failed").iterdir() if p.name != long_name.name]
    assert len(reasons) == 1 and "empty file" in reasons[0].read_text(encoding="utf-8")


def test_a_link_dropped_in_the_folder_is_refused_not_followed(store: Store, nlp: Any, tmp_path: Path) -> None:
    """Whoever may drop files must not make the bot index any file it can read (a `.env` with the Slack tokens,
    the database password) by dropping a link to it: the shared index is readable from every workspace."""
    secret = tmp_path / "app.env"
    secret.write_text("SLACK_BOT_TOKEN=xoxb-leaked-token and the database password is hunter2.\n", encoding="utf-8")
    box = tmp_path / "inbox"
    box.mkdir()
    (box / "notes.txt").symlink_to(secret)
    good = box / "zz-good.txt"
    good.write_text((FIXTURES / "ankara_talks.txt").read_text(encoding="utf-8"), encoding="utf-8")
    for path in (secret, good):
        _settled(path)
    past = time.time() - 60
    os.utime(box / "notes.txt", (past, past), follow_symlinks=False)
    run = inbox.process(box, store, lambda: nlp, NOW)
    assert (run.processed, run.failed, len(run.new_ids)) == (["zz-good.txt"], ["notes.txt"], 1)
    assert "link" in (box / "failed" / "notes.txt.reason.txt").read_text(encoding="utf-8")
    with store.engine.connect() as conn:
        texts = [row[0] for row in conn.exec_driver_sql("SELECT text FROM articles")]
    assert not any("hunter2" in text for text in texts) and secret.exists()


def test_a_link_planted_in_failed_under_a_reason_files_name_is_not_written_through(
    store: Store, nlp: Any, tmp_path: Path
) -> None:
    """Whoever may drop files can also make folders in the drop folder: a `failed/` made in advance, holding a
    link named like the reason file of a bad file they drop next, must not make the bot write outside the folder."""
    precious = tmp_path / "precious.db"
    precious.write_bytes(b"SQLite format 3\x00 the bot's index")
    box = tmp_path / "inbox"
    (box / "failed").mkdir(parents=True)
    (box / "failed" / "bad.txt.reason.txt").symlink_to(precious)
    bad = box / "bad.txt"
    bad.write_text("", encoding="utf-8")
    _settled(bad)
    run = inbox.process(box, store, lambda: nlp, NOW)
    assert run.failed == ["bad.txt"]
    assert precious.read_bytes() == b"SQLite format 3\x00 the bot's index"


def test_a_file_swapped_for_a_link_after_the_check_is_not_followed(
    store: Store, nlp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whoever drops files can replace one with a link (an atomic rename) again and again; the pass that sees a
    plain file and then reads a link must not index what the link points to. The swap is made to land between
    the check and the read here, as a loop of renames eventually does."""
    secret = tmp_path / "app.env"
    secret.write_text("SLACK_BOT_TOKEN=xoxb-leaked-token and the database password is hunter2.\n", encoding="utf-8")
    box = tmp_path / "inbox"
    box.mkdir()
    dropped = box / "notes.txt"
    dropped.write_text((FIXTURES / "ankara_talks.txt").read_text(encoding="utf-8"), encoding="utf-8")
    _settled(dropped)
    real_ingest = pipeline.ingest

    def swapped_then_ingested(paths: list[Path], *args: Any, **kwargs: Any) -> Any:
        link = box / ".swap"
        link.symlink_to(secret)
        link.replace(dropped)  # what the attacker's rename loop does
        return real_ingest(paths, *args, **kwargs)

    monkeypatch.setattr(inbox, "ingest", swapped_then_ingested)  # the name inbox.process calls
    inbox.process(box, store, lambda: nlp, NOW)
    with store.engine.connect() as conn:
        texts = [row[0] for row in conn.exec_driver_sql("SELECT text FROM articles")]
    assert not any("hunter2" in text for text in texts)


def test_a_file_dated_in_the_future_is_not_left_in_the_drop_folder_for_good(
    store: Store, nlp: Any, tmp_path: Path
) -> None:
    box = tmp_path / "inbox"
    box.mkdir()
    dropped = box / "ankara.txt"
    dropped.write_text((FIXTURES / "ankara_talks.txt").read_text(encoding="utf-8"), encoding="utf-8")
    tomorrow = time.time() + 86_400
    os.utime(dropped, (tomorrow, tomorrow))
    for _ in range(3):  # passes long after it was dropped: nothing about it changes any more
        inbox.process(box, store, lambda: nlp, NOW, settle=0.0)
    assert not dropped.exists()


def test_a_line_break_in_a_dropped_files_name_cannot_forge_a_log_line(
    store: Store, nlp: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    box = tmp_path / "inbox"
    box.mkdir()
    forged = "2026-01-01 00:00:00,000 WARNING bot.jobs.leader: lost the scheduler's leader lock"
    dropped = box / f"notes\n{forged}.txt"
    dropped.write_text("", encoding="utf-8")  # empty: refused, and its name logged with the reason
    _settled(dropped)
    with caplog.at_level(logging.INFO):
        run = inbox.process(box, store, lambda: nlp, NOW)
    assert len(run.failed) == 1
    lines = [line for record in caplog.records for line in record.getMessage().splitlines()]
    assert not any(line.startswith(forged[:24]) for line in lines)


def test_a_file_that_cannot_be_moved_does_not_block_the_files_after_it(
    store: Store, nlp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    box = tmp_path / "inbox"
    box.mkdir()
    stuck = box / "a-someone-elses.txt"
    stuck.write_text((FIXTURES / "ankara_talks.txt").read_text(encoding="utf-8"), encoding="utf-8")
    good = box / "b-good.txt"
    good.write_text((FIXTURES / "latakia_coast.txt").read_text(encoding="utf-8"), encoding="utf-8")
    for path in (stuck, good):
        _settled(path)
    real_replace = Path.replace

    def replace(self: Path, target: str | os.PathLike[str]) -> Path:
        if self.name == stuck.name:  # what rename(2) answers in a sticky folder for a file of another owner
            raise PermissionError(1, "Operation not permitted", str(self))
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", replace)
    for _ in range(2):
        with contextlib.suppress(PermissionError):
            inbox.process(box, store, lambda: nlp, NOW)
    assert not good.exists() and (box / "processed" / good.name).exists()


def test_a_file_that_cannot_be_moved_is_logged_once_until_it_changes(
    store: Store, nlp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    box = tmp_path / "inbox"
    box.mkdir()
    stuck = box / "stuck.txt"
    stuck.write_text("", encoding="utf-8")
    _settled(stuck)

    def replace(self: Path, target: str | os.PathLike[str]) -> Path:
        raise PermissionError(1, "Operation not permitted", str(self))

    monkeypatch.setattr(Path, "replace", replace)

    def passes(count: int) -> int:
        caplog.clear()
        with caplog.at_level(logging.INFO):
            for _ in range(count):
                inbox.process(box, store, lambda: nlp, NOW)
        return sum("could not be moved" in record.getMessage() for record in caplog.records)

    assert passes(3) == 1  # read and logged once, then left alone
    stuck.write_text("", encoding="utf-8")  # changed: taken again
    _settled(stuck)
    assert passes(1) == 1
