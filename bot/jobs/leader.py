"""Running the scheduler in exactly one process: whoever holds the leader lock (see bot.jobs.lock)."""

from __future__ import annotations

import logging
import threading
import time

from apscheduler.schedulers.background import BackgroundScheduler

from bot.core import nlp
from bot.core.store import open_store
from bot.jobs import scheduler
from bot.jobs.config import JobsConfig
from bot.jobs.lock import FileLock, lock_for
from bot.settings import Settings
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
        nlp=nlp.load,
    )


def lead(settings: Settings, config: JobsConfig, lock: FileLock | None = None) -> BackgroundScheduler:
    """Wait until this process holds the leader lock, then start the scheduler (blocking until then)."""
    lock = lock or lock_for(settings.database_url)
    announced = False
    while not lock.try_acquire():
        if not announced:
            log.info("another process runs the scheduler; this one takes over if it stops")
            announced = True
        time.sleep(LEADER_RETRY_SECONDS)
    log.info("this process runs the scheduler (leader lock %s)", lock.path)
    return scheduler.start(runtime_for(settings, config))


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


def _lead_logged(settings: Settings, config: JobsConfig) -> None:
    try:
        lead(settings, config)
    except Exception:  # a thread's failure is otherwise silent: log it, the bot keeps answering
        log.exception("the scheduler could not start")
