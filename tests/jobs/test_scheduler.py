"""The scheduler in-process (APScheduler 3, real database job store): missed runs coalesced, slow feeds isolated."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from apscheduler.job import Job
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from sqlalchemy import create_engine

from bot.core.alerts import watches
from bot.core.digest import subscriptions
from bot.core.digest.schedule import parse
from bot.core.ingest import feeds
from bot.core.ingest.article import to_article
from bot.core.ingest.pipeline import ingest
from bot.core.messenger import Metadata
from bot.core.models import Document
from bot.core.render.blockkit import Reply
from bot.core.store import Store
from bot.core.store.team import Team
from bot.jobs import runs, scheduler
from bot.settings import JobsConfig
from tests.conftest import ROOT
from tests.web_server import LOOPBACK, Page, WebServer, article_page, rss

FIXTURES = ROOT / "tests" / "fixtures" / "articles"
# Generous bounds for a loaded 2-core machine; the assertions are about what happens, not how fast.
WAIT = 30.0


@dataclass
class RecordingPoster:
    """Records digests and direct messages instead of sending them."""

    posts: list[tuple[str, str]] = field(default_factory=list)
    dms: list[tuple[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def post(self, channel: str, reply: Reply, metadata: Metadata | None, thread_ts: str | None = None) -> str:
        """Record a channel message."""
        with self.lock:
            self.posts.append((channel, reply.text))
            return str(len(self.posts))

    def posted_parts(
        self, channel: str, digest_id: str, since: datetime, thread_ts: str | None = None
    ) -> dict[int, str]:
        """Nothing is ever half-posted here."""
        return {}

    def reach(self, channel: str) -> str | None:
        """Every channel is reachable here."""
        return None

    def direct_message(self, user_id: str, reply: Reply) -> None:
        """Record a direct message."""
        with self.lock:
            self.dms.append((user_id, reply.text))


def _until(check: Any, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.fixture
def running() -> Iterator[list[Any]]:
    """Schedulers started by a test, shut down after it."""
    started: list[Any] = []
    yield started
    for each in started:
        each.shutdown(wait=False)


def _runtime(store: Store, nlp: Any, tmp_path: Path, **config: Any) -> scheduler.Runtime:
    jobs = JobsConfig(inbox_dir=tmp_path / "inbox", sync_every=0.2, watch_quiet=0.2, **config)
    return scheduler.Runtime(store=store, poster=RecordingPoster(), config=jobs, nlp=lambda: nlp)


def _add(store: Store, headline: str) -> None:
    text = f"{headline}. Officials gave details of {headline.lower()} to reporters on the day."
    store.add_article(to_article(Document(text=text, source="wire"), datetime.now(UTC)), [], datetime.now(UTC))


@pytest.mark.parametrize(
    ("every", "late", "posted"),
    [
        ("every 1 hour", timedelta(hours=3), 1),  # three runs missed: one digest at start, not three
        ("every 1 day", timedelta(hours=13), 0),  # the only missed run is past the grace: it waits for the next
    ],
)
def test_runs_missed_while_down_are_coalesced_into_one_within_the_grace(
    store: Store, nlp: Any, tmp_path: Path, running: list[Any], every: str, late: timedelta, posted: int
) -> None:
    channel = "C0DOWNTIME"
    subscriptions.subscribe(
        store, channel, parse(every, allow_short=True), "U0ADMIN", datetime.now(UTC), threaded=False
    )
    _add(store, "Talks resume in Ankara")
    runtime = _runtime(store, nlp, tmp_path)
    # The bot's last run left this job in the database; then it was down for `late`, missing every hourly run.
    sub = subscriptions.get(store, channel)
    assert sub is not None
    offline = scheduler.build(runtime)
    jobs = SQLAlchemyJobStore(engine=store.engine, tablename=scheduler.JOBS_TABLE)
    jobs.start(offline, scheduler.DB_STORE)
    jobs.add_job(
        Job(offline, id=f"digest:{channel}", func=scheduler.digest_job, args=[channel], kwargs={},
            trigger=scheduler.trigger(sub.schedule), executor="default", name=f"{sub.schedule.spec} UTC",
            misfire_grace_time=int(scheduler.DIGEST_MISFIRE_GRACE.total_seconds()), coalesce=True,
            max_instances=1, next_run_time=datetime.now(UTC) - late)
    )  # fmt: skip
    running.append(scheduler.start(runtime))
    poster = runtime.poster
    assert isinstance(poster, RecordingPoster)
    if posted:
        _until(lambda: poster.posts, "the coalesced digest")
    time.sleep(1.0)  # several sync rounds: a second (uncoalesced) run would have shown by now
    assert len(poster.posts) == posted
    assert subscriptions.waiting_articles(store, channel) == (0 if posted else 1)  # skipped: kept for the next
    # Renamed with its workspace (the legacy one here), its missed run carried over from the old name.
    job = running[0].get_job(f"digest::{channel}", jobstore=scheduler.DB_STORE)
    assert job is not None and job.next_run_time > datetime.now(UTC)


def test_a_dead_feed_never_delays_the_others_and_watchers_get_one_message(
    store: Store, nlp: Any, tmp_path: Path, running: list[Any]
) -> None:
    web = WebServer()
    try:
        ingest([FIXTURES / "ankara_talks.txt"], store, nlp, report=lambda _line: None)
        [erdogan] = store.entities_by_key("Recep Tayyip Erdoğan")
        watches.add(store, "U0WATCHER", erdogan, datetime.now(UTC))
        paragraphs = [
            "Turkish President Recep Tayyip Erdoğan spoke with Russian President Vladimir Putin on Friday "
            "about the situation in northern Syria, the Turkish presidency said in a statement.",
            "Erdoğan told Putin that Ankara expected the ceasefire in Idlib to hold, and both leaders agreed "
            "to keep their foreign ministers in close contact over the coming weeks.",
        ]
        web.pages["/call.html"] = article_page("Erdogan and Putin discuss Idlib", paragraphs)
        quiet = "Shares in Istanbul closed flat on Friday as traders waited for the central bank's rate decision."
        web.pages["/quiet.html"] = article_page("Markets calm in Istanbul", [quiet, quiet])
        items = [{"guid": "call", "title": "Erdogan and Putin discuss Idlib", "link": web.url("/call.html")},
                 {"guid": "quiet", "title": "Markets calm in Istanbul", "link": web.url("/quiet.html")}]  # fmt: skip
        web.pages["/good.xml"] = Page(rss("Good feed", items), "application/rss+xml")
        feeds.add(store, web.url("/hang"), None, datetime.now(UTC))
        feeds.add(store, web.url("/good.xml"), None, datetime.now(UTC))
        runtime = _runtime(store, nlp, tmp_path, fetch_timeout=5.0, fetch_allow=LOOPBACK)
        running.append(scheduler.start(runtime))
        poster = runtime.poster
        assert isinstance(poster, RecordingPoster)
        good = next(f for f in feeds.all_feeds(store) if f.url.endswith("/good.xml"))
        _until(lambda: (feeds.get(store, good.id) or good).last_fetch_at, "the good feed's fetch")
        dead = next(f for f in feeds.all_feeds(store) if f.url.endswith("/hang"))
        assert dead.last_fetch_at is None  # the good feed was done while the dead one still hung
        # Alerts come from the cursor job once no ingestion run is under way, so after the dead feed gave up.
        _until(lambda: poster.dms, "the watch alert")
        assert poster.dms == [("U0WATCHER", poster.dms[0][1])]  # one message for the run, not one per article
        assert "Erdogan and Putin discuss Idlib" in poster.dms[0][1] and "Markets" not in poster.dms[0][1]
        _until(lambda: (feeds.get(store, dead.id) or dead).last_error, "the dead feed's error")
        assert "no answer within 5 s" in str((feeds.get(store, dead.id) or dead).last_error)
    finally:
        web.stop()


def test_an_address_several_workspaces_read_is_fetched_once_and_at_once_for_a_new_reader(
    store: Store, nlp: Any, tmp_path: Path, running: list[Any]
) -> None:
    web = WebServer()
    try:
        web.pages["/shared.xml"] = Page(rss("Shared wire", []), "application/rss+xml")
        url = web.url("/shared.xml")
        one, two, three = (store.for_team(Team(team)) for team in ("T1", "T2", "T3"))
        for scoped in (one, two):
            assert feeds.add(scoped, url, "U1", datetime.now(UTC))
        runtime = _runtime(store, nlp, tmp_path, fetch_timeout=5.0, fetch_allow=LOOPBACK)  # feeds every 15 min
        running.append(scheduler.start(runtime))
        _until(lambda: all(f.last_fetch_at for f in feeds.all_feeds(store)), "the first poll")
        time.sleep(1.0)  # several sync rounds: a fetch per workspace would have shown by now
        assert len(web.hits("/shared.xml")) == 1
        assert [f.title for f in feeds.all_feeds(one) + feeds.all_feeds(two)] == ["Shared wire"] * 2

        assert feeds.add(three, url, "U3", datetime.now(UTC))  # its first fetch: now, not in 15 minutes
        _until(lambda: feeds.all_feeds(three)[0].last_fetch_at, "the new reader's first fetch")
        time.sleep(1.0)
        assert len(web.hits("/shared.xml")) == 2
    finally:
        web.stop()


def test_a_digest_the_database_kept_from_running_is_retried_sooner_than_its_schedule_and_backs_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # A real database that cannot be opened: SQLite's folder does not exist.
    gone = Store(create_engine(f"sqlite:///{tmp_path / 'missing' / 'bot.db'}"))
    now = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    runtime = scheduler.Runtime(store=gone, poster=RecordingPoster(), config=JobsConfig(inbox_dir=tmp_path),
                                nlp=lambda: None, now=lambda: now)  # fmt: skip
    runtime.scheduler = scheduler.build(runtime)  # not started: added jobs wait in it, to be looked at
    monkeypatch.setattr(scheduler, "_runtime", runtime)
    monkeypatch.setattr(scheduler, "_retries", {})
    delays = []
    for _ in range(8):
        scheduler.digest_job("C0NEWS", "T0NEWS")
        # Not started, the scheduler keeps every added job in order (replacing happens when it starts): the last.
        retry = [j for j in runtime.scheduler.get_jobs() if j.id == "digest-retry:T0NEWS:C0NEWS"][-1]
        assert retry.args == ("C0NEWS", "T0NEWS", None), "retried in its own workspace"
        delays.append(retry.trigger.run_date - now)
    assert delays[:3] == [scheduler.DIGEST_RETRY_FIRST * n for n in (1, 2, 4)]
    assert delays == sorted(delays) and delays[-1] == scheduler.DIGEST_RETRY_LAST

    clock = [0.0]
    monkeypatch.setattr(runs, "BACKOFF", runs.Backoff(first=5.0, last=60.0, clock=lambda: clock[0]))
    logged = []
    for second in range(200):  # the other jobs: one line per failure, their runs skipped for longer each time
        clock[0] = float(second)
        scheduler.sync_job()
        logged.append(caplog.text.count("sync_job: the database is unavailable (unable to open database file)"))
    failed_at = [second for second in range(200) if logged[second] > (logged[second - 1] if second else 0)]
    assert failed_at == [0, 5, 15, 35, 75, 135, 195]  # waits of 5, 10, 20, 40, then 60 s at most
    assert "Traceback" not in caplog.text
