"""The scheduler (APScheduler 3): digest jobs kept in the database; feed, drop-folder, sync and watch-alert jobs
in memory.

Digest jobs live in APScheduler's SQLAlchemy job store, in the bot's database, so their next run times survive a
restart: runs missed while the bot was down are coalesced into one run at start, within DIGEST_MISFIRE_GRACE.
The subscriptions themselves are in the store (`digest_subscriptions`); the `sync` job keeps the jobs in step
with them, so /digest and /feeds, answered in any process, only write to the database. Watch alerts follow a
cursor in the store rather than the jobs that ingest, so articles from every path (`python -m bot ingest`,
`/ingest URL`, feeds, the drop folder) are covered, and a crash loses none.

Job functions are module-level (a persistent job store refers to them by name) and read the running
`Runtime` set by `start`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.core.alerts import watches
from bot.core.digest import run as digest_run
from bot.core.digest import subscriptions
from bot.core.digest.schedule import DAYS, Schedule
from bot.core.ingest import feeds, inbox
from bot.core.messenger import DeliveryFailed, Messenger
from bot.core.store import UNAVAILABLE, Store, is_outage, outage, state
from bot.core.store.team import Team
from bot.jobs import runs
from bot.jobs.runs import Runs
from bot.jobs.workspaces import Workspaces, WorkspaceUnavailable
from bot.settings import JobsConfig

log = logging.getLogger(__name__)

DB_STORE = "database"
FEEDS_EXECUTOR = "feeds"
JOBS_TABLE = state.SCHEDULER_JOBS  # made by the migrations, like every table
# A digest whose time passed while the bot was down is still posted at start if it is at most this late;
# later than that, its articles simply go in the next regular digest (the cursor loses nothing either way).
# APScheduler's default of 1 s would skip every late run.
DIGEST_MISFIRE_GRACE = timedelta(hours=12)
# Feeds, the drop folder and the sync job run often; a late run is simply taken now (coalesced into one).
FREQUENT_MISFIRE_GRACE = timedelta(minutes=10)
# A digest the database kept from running is tried again after this long, then twice as long each time, up to
# the last: soon enough that a short outage delays it by seconds, rarely enough not to fill the log.
DIGEST_RETRY_FIRST = timedelta(seconds=15)
DIGEST_RETRY_LAST = timedelta(minutes=10)
# Threads for digests, the drop folder, sync and watch alerts: a digest waits out Slack's rate limits on its thread.
JOB_THREADS = 4
# Feed fetches have their own threads: a slow or dead feed (each fetch bounded by FETCH_TIMEOUT) never holds
# the threads digests run on, and a few slow feeds at once only delay other feeds.
FEED_THREADS = 4
# APScheduler's own loop reads the database job store between jobs; when the database is away there, the loop looks
# again after this long, the first wait of a job that met an outage (bot.jobs.runs.BACKOFF).
LOOP_RETRY_SECONDS = 5.0


@dataclass
class Runtime:
    """What the jobs work with."""

    store: Store
    poster: Messenger | None  # SLACK_BOT_TOKEN's, when no `workspaces` say which token posts where
    config: JobsConfig
    nlp: Callable[[], Any]
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    scheduler: BackgroundScheduler | None = None
    alerting: threading.Lock = field(default_factory=threading.Lock)  # one alert round at a time
    ingesting: Runs = field(default_factory=Runs)
    workspaces: Workspaces | None = None  # each workspace's own token (bot.jobs.workspaces)
    home: Team | None = None  # SLACK_BOT_TOKEN's workspace, whose channels DIGEST_CHANNELS names


_runtime: Runtime | None = None
# Failed attempts of each channel's digest since it last ran (its retries wait longer each time).
_retries: dict[str, int] = {}
# The feed ids polled at once for a workspace that began to read them, by when it did: once each.
_hurried: dict[int, datetime | None] = {}


def _current() -> Runtime:
    if _runtime is None:
        raise RuntimeError("the scheduler's runtime is not set: call bot.jobs.scheduler.start first")
    return _runtime


class SteadyScheduler(BackgroundScheduler):  # type: ignore[misc]
    """APScheduler's background scheduler, whose loop outlives a database outage. Its loop asks the database job
    store for the next run time after every round; an error there ends the loop's thread in APScheduler 3, and
    every job with it, while the process goes on as if it still ran them."""

    def _process_jobs(self) -> float | None:
        try:
            wait: float | None = super()._process_jobs()
        except Exception as error:
            if not is_outage(error):
                raise
            log.warning("scheduler: the database is unavailable (%s); jobs looked at again in %g s", outage(error),
                        LOOP_RETRY_SECONDS)  # fmt: skip
            return LOOP_RETRY_SECONDS
        return wait


def build(runtime: Runtime) -> BackgroundScheduler:
    """A scheduler over the store's database, not started. Its job store writes as a writer (BEGIN IMMEDIATE on
    SQLite): creating its table reads, then writes, and would fail at once while another process writes."""
    engine = runtime.store.engine.execution_options(writer=True)
    return SteadyScheduler(
        jobstores={"default": MemoryJobStore(), DB_STORE: SQLAlchemyJobStore(engine=engine, tablename=JOBS_TABLE)},
        executors={"default": ThreadPoolExecutor(JOB_THREADS), FEEDS_EXECUTOR: ThreadPoolExecutor(FEED_THREADS)},
        job_defaults={"coalesce": True, "max_instances": 1,
                      "misfire_grace_time": int(FREQUENT_MISFIRE_GRACE.total_seconds())},
        timezone=UTC,
    )  # fmt: skip


def start(runtime: Runtime) -> BackgroundScheduler:
    """Start the jobs: sync (which adds digest and feed jobs), the drop folder and watch alerts, right away."""
    global _runtime
    _runtime = runtime
    scheduler = runtime.scheduler = build(runtime)
    # Before any job ingests: on the very first start, what is already stored is not news to anyone.
    watches.begin_alerts(runtime.store)
    now = runtime.now()
    every = IntervalTrigger(seconds=runtime.config.sync_every)
    scheduler.add_job(sync_job, every, id="sync", next_run_time=now)
    scheduler.add_job(watch_alert_job, every, id="watch-alerts", next_run_time=now)
    scheduler.add_job(inbox_job, IntervalTrigger(seconds=runtime.config.inbox_every), id="inbox", next_run_time=now)
    scheduler.start()
    log.info("scheduler started: inbox %s, feeds every %g s", runtime.config.inbox_dir, runtime.config.feeds_every)
    return scheduler


def trigger(schedule: Schedule) -> BaseTrigger:
    """The APScheduler trigger of a digest schedule."""
    zone = ZoneInfo(schedule.timezone)
    if schedule.kind == "daily":
        return CronTrigger(hour=schedule.hour, minute=schedule.minute, timezone=zone)
    if schedule.kind == "weekly":
        return CronTrigger(
            day_of_week=DAYS[schedule.weekday], hour=schedule.hour, minute=schedule.minute, timezone=zone
        )
    return IntervalTrigger(seconds=schedule.every_seconds, timezone=zone)


# --- jobs -----------------------------------------------------------------------------------------------


@runs.job
def sync_job() -> None:
    """Bring the jobs in line with the database: subscriptions, /digest now requests and feeds."""
    runtime = _current()
    scheduler = runtime.scheduler
    assert scheduler is not None
    config, store = runtime.config, runtime.store
    if config.digest_channels:
        home = store.for_team(runtime.home) if runtime.home else store
        subscriptions.sync_environment(home, config.digest_channels, config.digest_schedule, runtime.now())
    _sync_digests(scheduler, subscriptions.all_subscriptions(store))
    for team, channel in subscriptions.take_requests(store):
        scheduler.add_job(digest_job, args=_job_args(team, channel), id=f"digest-now:{team.team_id}:{channel}",
                          replace_existing=True, misfire_grace_time=None)  # fmt: skip
    _sync_feeds(scheduler, feeds.all_feeds(store), config.feeds_every, runtime.now())


def _sync_digests(scheduler: BackgroundScheduler, subs: list[subscriptions.Subscription]) -> None:
    # A paused subscription (Slack refused its last digest) has no job until it is subscribed again.
    wanted = {f"digest:{s.team.team_id}:{s.channel_id}": s for s in subs if not s.paused_reason}
    # Jobs named by channel alone (before migration 15a0teams) hand their next run time, missed or not, on.
    carried = {job.id.split(":")[1]: job.next_run_time for job in scheduler.get_jobs(jobstore=DB_STORE)
               if job.id.count(":") == 1}  # fmt: skip
    for job in scheduler.get_jobs(jobstore=DB_STORE):
        if job.id not in wanted:
            job.remove()
            log.info("digest job %s removed (unsubscribed)", job.id)
    for job_id, sub in wanted.items():
        name = f"{sub.schedule.spec} {sub.schedule.timezone}"
        job = scheduler.get_job(job_id, jobstore=DB_STORE)
        if job is not None and job.name == name:
            continue  # unchanged: keep its next run time (a restart must not push a missed run away)
        when = {"next_run_time": carried[sub.channel_id]} if sub.channel_id in carried else {}
        scheduler.add_job(
            digest_job, trigger(sub.schedule), args=_job_args(sub.team, sub.channel_id), id=job_id, name=name,
            jobstore=DB_STORE, replace_existing=True, misfire_grace_time=int(DIGEST_MISFIRE_GRACE.total_seconds()),
            **when,
        )  # fmt: skip
        log.info("digest job %s scheduled: %s", job_id, sub.schedule.describe())


def _sync_feeds(scheduler: BackgroundScheduler, found: list[feeds.Feed], every: float, now: datetime) -> None:
    """One job per feed, so per address, however many workspaces read it; a feed a workspace has just begun to
    read is polled at once (its first fetch for that workspace), not at the feed's next turn."""
    wanted = {f"feed:{f.id}": f for f in found}
    for job in scheduler.get_jobs(jobstore="default"):
        if job.id.startswith("feed:") and job.id not in wanted:
            job.remove()
    for job_id, feed in wanted.items():
        job = scheduler.get_job(job_id)
        if job is None:
            scheduler.add_job(feed_job, IntervalTrigger(seconds=every), args=[feed.id], id=job_id,
                              executor=FEEDS_EXECUTOR, next_run_time=now)  # fmt: skip
        elif not _newly_read(feed) or _hurried.get(feed.id) == feed.added_at:
            continue
        else:
            job.modify(next_run_time=now)
        _hurried[feed.id] = feed.added_at


def _newly_read(feed: feeds.Feed) -> bool:
    """Whether a workspace began to read the feed after its last fetch."""
    return feed.added_at is not None and (feed.last_fetch_at is None or feed.last_fetch_at < feed.added_at)


def _job_args(team: Team, channel: str) -> list[str | None]:
    return [channel, team.team_id, team.enterprise_id]


def _poster(runtime: Runtime, team: Team) -> Messenger | None:
    """What posts for `team`: its installation's messenger, or the bot token's in single-workspace mode."""
    return runtime.poster if runtime.workspaces is None else runtime.workspaces.messenger(team)


@runs.job
def digest_job(channel: str, team_id: str = "", enterprise_id: str | None = None) -> None:
    """Post the channel's digest in its workspace, with that workspace's token (the same code as /digest now
    and `python -m bot digest`)."""
    runtime = _current()
    team = Team(team_id, enterprise_id)
    poster = _poster(runtime, team)
    if poster is None:
        return  # not installed there, or its token was refused: said once by bot.jobs.workspaces
    try:
        outcome = digest_run.run(
            runtime.store.for_team(team),
            poster,
            channel,
            runtime.now,
            lease=runtime.config.digest_lease,
            note_when_empty=runtime.config.empty_note,
        )
    except DeliveryFailed as failed:  # passing trouble (Slack down, rate limits): the next run resumes it
        log.warning("digest for %s not posted this time: %s", channel, failed.code)
        return
    except WorkspaceUnavailable:  # logged once when the workspace was paused; resumed after a reinstall
        return
    except UNAVAILABLE as error:
        _retry_digest(runtime, team, channel, error)
        return
    _retries.pop(f"{team.team_id}:{channel}", None)
    log.info("digest for %s: %s", channel, outcome)


def _retry_digest(runtime: Runtime, team: Team, channel: str, error: Exception) -> None:
    """A digest the database kept from running is tried again soon, not at its next time (a day later for a
    daily one), waiting longer after each failure; whatever it had posted is found again by its metadata."""
    where = f"{team.team_id}:{channel}"
    attempt = _retries.get(where, 0)
    _retries[where] = attempt + 1
    delay = min(DIGEST_RETRY_FIRST * 2**attempt, DIGEST_RETRY_LAST)
    log.warning("digest for %s: the database is unavailable (%s); trying again in %d s", channel, outage(error),
                delay.total_seconds())  # fmt: skip
    if runtime.scheduler is not None:
        retry = DateTrigger(runtime.now() + delay)
        runtime.scheduler.add_job(digest_job, retry, args=_job_args(team, channel), id=f"digest-retry:{where}",
                                  replace_existing=True, misfire_grace_time=None)  # fmt: skip


@runs.job
def inbox_job() -> None:
    """Ingest what was dropped in the inbox folder (watchers hear of it from `watch_alert_job`)."""
    runtime = _current()
    with runtime.ingesting.running():
        run = inbox.process(runtime.config.inbox_dir, runtime.store, runtime.nlp, runtime.now())
    log.info("inbox: %d new articles, %d failed", len(run.new_ids), len(run.failed))


@runs.job
def feed_job(feed_id: int) -> None:
    """Poll one feed (watchers hear of its new articles from `watch_alert_job`)."""
    runtime = _current()
    feed = feeds.get(runtime.store, feed_id)
    if feed is None:
        return  # removed since the job was scheduled; the next sync drops the job
    with runtime.ingesting.running():
        result = feeds.poll(runtime.store, feed, runtime.nlp, runtime.now(), runtime.config.fetch_policy)
    log.info("feed %s: %d items, %d new articles, %d problems", feed.url, result.items, len(result.new_ids),
             len(result.errors))  # fmt: skip


@runs.job
def watch_alert_job() -> None:
    """Tell watchers about the articles ingested since the last alerts, by any path."""
    alert_watchers(_current())


def alert_watchers(runtime: Runtime) -> None:
    """One direct message per person about the articles after the alert cursor that name what they watch,
    once the run that ingested them is over; then the cursor moves past them.

    The messages are sent before the cursor advances: a crash in between sends them again after the restart
    (a repeated message), but no alert is ever lost. The very first round only sets the cursor.
    """
    store = runtime.store
    with runtime.alerting:
        cursor = watches.begin_alerts(store)
        if cursor is None:
            return
        # Asked before reading the articles: a run that starts after this stamps its articles too late to pass
        # the quiet period.
        running = runtime.ingesting.busy()
        quiet = timedelta(seconds=runtime.config.watch_quiet)
        ids = watches.due(watches.pending(store, cursor), runtime.now(), quiet, running)
        if not ids:
            return
        for (team, user_id), found in watches.alerts(store, ids).items():
            poster = _poster(runtime, team)
            if poster is not None:  # else not installed there, or paused: said once by bot.jobs.workspaces
                _send_alert(poster, user_id, found)
        watches.set_alert_cursor(store, ids[-1])


def _send_alert(poster: Messenger, user_id: str, found: list[watches.Alert]) -> None:
    try:
        poster.direct_message(user_id, watches.alert_reply(found))
    except WorkspaceUnavailable:
        return  # logged once when the workspace was paused
    except Exception:
        # Logged and not retried: one refused message (a deactivated account, Slack down) must neither hold
        # back the others' alerts nor, by keeping the cursor where it is, resend them at every round.
        log.exception("watch alert to %s failed", user_id)
        return
    log.info("watch alert to %s: %d articles", user_id, len(found))
