"""Running the scheduler in exactly one process: whoever holds the leader lock (see bot.jobs.lock)."""

from __future__ import annotations

import logging
import threading

from bot.core.ingest import nlp
from bot.core.store import open_store
from bot.jobs import scheduler
from bot.jobs.lock import LeaderLock, lock_for
from bot.settings import JobsConfig, Settings
from bot.slack.poster import SlackPoster, bot_client

log = logging.getLogger(__name__)

# How often a process that is not the leader tries the lock: a dead leader's jobs resume within this.
LEADER_RETRY_SECONDS = 5.0


def runtime_for(settings: Settings, config: JobsConfig) -> scheduler.Runtime:
    """The jobs' runtime: the store on DATABASE_URL, Slack through the bot token, the NLP loaded on first use."""
    return scheduler.Runtime(
        store=open_store(settings.database_url),
        poster=SlackPoster(bot_client(settings)),
        config=config,
        nlp=lambda: nlp.load(settings.nlp_model),
    )


def _acquire(lock: LeaderLock, stop: threading.Event) -> bool:
    """Wait until this process holds the leader lock (True), or until `stop` is set (False)."""
    announced = False
    while not lock.try_acquire():
        if not announced:
            log.info("another process runs the scheduler; this one takes over if it stops")
            announced = True
        if stop.wait(LEADER_RETRY_SECONDS):
            return False
    log.info("this process runs the scheduler (leader lock: %s)", lock.describe())
    return True


def lead_in_background(settings: Settings, config: JobsConfig) -> threading.Thread | None:
    """Compete for the leader lock on a daemon thread (serve's workers); None when the scheduler is off."""
    if not config.enabled:
        log.info("scheduler off (SCHEDULER_OFF)")
        return None
    if not settings.slack_bot_token:
        log.warning("scheduler not started: digests and alerts are posted with SLACK_BOT_TOKEN, which is unset")
        return None
    thread = threading.Thread(target=_lead_logged, args=(settings, config), name="scheduler-leader", daemon=True)
    thread.start()
    return thread


def keep_leading(settings: Settings, config: JobsConfig, stop: threading.Event, lock: LeaderLock | None = None) -> None:
    """Lead for as long as the lock is held; if it is lost (the database connection holding it dropped),
    stop the jobs at once, since another process may lead now, and compete again. Returns when `stop` is set."""
    lock = lock or lock_for(settings.database_url)
    while _acquire(lock, stop):
        running = scheduler.start(runtime_for(settings, config))
        while not stop.wait(LEADER_RETRY_SECONDS) and lock.try_acquire():
            pass
        running.shutdown(wait=stop.is_set())
        if not stop.is_set():  # the lock was lost
            log.warning("lost the scheduler's leader lock; jobs stopped until this process leads again")
    lock.release()


def _lead_logged(settings: Settings, config: JobsConfig) -> None:
    try:
        keep_leading(settings, config, threading.Event())
    except Exception:  # a thread's failure is otherwise silent: log it, the bot keeps answering
        log.exception("the scheduler stopped")
