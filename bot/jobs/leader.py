"""Running the scheduler in exactly one process: whoever holds the leader lock (see bot.jobs.lock)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from bot.jobs import scheduler
from bot.jobs.lock import LeaderLock

log = logging.getLogger(__name__)

# How often a process that is not the leader tries the lock: a dead leader's jobs resume within this.
LEADER_RETRY_SECONDS = 5.0

# The jobs' runtime (store, messenger, NLP), built by the composition root each time this process leads.
RuntimeFactory = Callable[[], scheduler.Runtime]


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


def lead_in_background(runtime: RuntimeFactory, lock: LeaderLock) -> threading.Thread:
    """Compete for the leader lock on a daemon thread (in each serving process)."""
    thread = threading.Thread(target=_lead_logged, args=(runtime, lock), name="scheduler-leader", daemon=True)
    thread.start()
    return thread


def keep_leading(runtime: RuntimeFactory, lock: LeaderLock, stop: threading.Event) -> None:
    """Lead for as long as the lock is held; if it is lost (the database connection holding it dropped),
    stop the jobs at once, since another process may lead now, and compete again. Returns when `stop` is set."""
    while not stop.is_set() and _acquire(lock, stop):  # the lock is still ours after a stop: ask first
        running = scheduler.start(runtime())
        while not stop.wait(LEADER_RETRY_SECONDS) and lock.try_acquire():
            pass
        # Never wait here: shutdown holds the scheduler's job-store lock while it waits, and a sync job that is
        # running needs that lock (a deadlock). Jobs under way still finish: the interpreter joins their threads.
        running.shutdown(wait=False)
        if not stop.is_set():  # the lock was lost
            log.warning("lost the scheduler's leader lock; jobs stopped until this process leads again")
    lock.release()


def _lead_logged(runtime: RuntimeFactory, lock: LeaderLock) -> None:
    try:
        keep_leading(runtime, lock, threading.Event())
    except Exception:  # a thread's failure is otherwise silent: log it, the bot keeps answering
        log.exception("the scheduler stopped")
