"""Running the scheduler in exactly one process: whoever holds the leader lock (see bot.jobs.lock).

One scheduler at every moment, through database outages too. The leader checks its lock every
`CHECK_SECONDS`, each check bounded in time (bot.jobs.lock), and stops its scheduler as soon as a check fails.
A process that takes the lock waits `TAKEOVER_SECONDS`, longer than a previous leader can take to notice it
lost the lock, and checks it still holds it before starting: so when an outage cuts the leader's connection
and the database comes back, the old leader has stopped before the new one starts, whichever gets the lock.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from bot.core.store import UNAVAILABLE, outage
from bot.jobs import runs, scheduler
from bot.jobs.lock import CHECK_TIMEOUT_SECONDS, LeaderLock

log = logging.getLogger(__name__)

# How often a process that is not the leader tries the lock: a dead leader's jobs resume within this.
LEADER_RETRY_SECONDS = 5.0
# How often the leader checks it still holds the lock (one `SELECT 1` on PostgreSQL).
CHECK_SECONDS = 1.0
# A new leader waits this long before starting its jobs: a previous leader that lost its lock in an outage
# has seen a check fail by then (a check every CHECK_SECONDS, each over within CHECK_TIMEOUT_SECONDS).
TAKEOVER_SECONDS = CHECK_SECONDS + CHECK_TIMEOUT_SECONDS + 1.0
# At a stop, jobs under way get this long to finish; past it the process leaves without them (an interrupted
# job is like a crash: a digest is resumed by its lease and metadata, an article's transaction rolls back).
JOB_GRACE_SECONDS = 4.0
# What a stop allows the leader's thread beyond the jobs' grace: shutting the scheduler down, a lock check.
STOP_MARGIN_SECONDS = 2.0

# The jobs' runtime (store, messenger, NLP), built by the composition root each time this process leads.
RuntimeFactory = Callable[[], scheduler.Runtime]


class Leadership:
    """Competing for the scheduler on a background thread (in each serving process), until `stop`."""

    def __init__(self, runtime: RuntimeFactory, lock: LeaderLock) -> None:
        self._stop = threading.Event()
        self._finished = True
        self._thread = threading.Thread(target=self._run, args=(runtime, lock), name="scheduler-leader", daemon=True)

    def start(self) -> Leadership:
        """Start competing."""
        self._thread.start()
        return self

    def stop(self) -> bool:
        """Stop the scheduler if this process runs it; True when no job is left running (see `keep_leading`)."""
        self._stop.set()
        self._thread.join(JOB_GRACE_SECONDS + STOP_MARGIN_SECONDS)
        return self._finished and not self._thread.is_alive()

    def _run(self, runtime: RuntimeFactory, lock: LeaderLock) -> None:
        try:
            self._finished = keep_leading(runtime, lock, self._stop)
        except Exception:  # a thread's failure is otherwise silent: log it, the bot keeps answering
            log.exception("the scheduler stopped")


def keep_leading(runtime: RuntimeFactory, lock: LeaderLock, stop: threading.Event) -> bool:
    """Lead whenever this process holds the lock: if a check fails (the database went away), stop the jobs at
    once and compete again. Returns when `stop` is set: True when every job has finished, False when some are
    still running after JOB_GRACE_SECONDS (the process should leave without waiting for them; the lock is
    then kept until it does, so that nobody else leads while they run)."""
    while not stop.is_set() and _acquire(lock, stop):
        if _lead(runtime, lock, stop):
            log.warning("lost the scheduler's leader lock; jobs stopped until this process leads again")
            while not runs.ACTIVE.wait_idle(CHECK_SECONDS) and not stop.is_set():
                pass  # the last round's jobs end before another round starts
    finished = runs.ACTIVE.wait_idle(JOB_GRACE_SECONDS)
    if finished:
        lock.release()
    else:
        log.warning("stopping with jobs still running after %g s: they are interrupted", JOB_GRACE_SECONDS)
    return finished


def _acquire(lock: LeaderLock, stop: threading.Event) -> bool:
    """Wait until this process holds the leader lock and has waited out a previous leader (True), or until
    `stop` is set (False)."""
    announced = False
    while True:
        if lock.try_acquire():
            log.info("took the leader lock; the jobs start in %g s if it still holds", TAKEOVER_SECONDS)
            if not stop.wait(TAKEOVER_SECONDS) and lock.try_acquire():
                log.info("this process runs the scheduler (leader lock: %s)", lock.describe())
                return True
        if stop.is_set():
            return False
        if not announced:
            log.info("another process runs the scheduler (or the database is away); this one takes over if it stops")
            announced = True
        if stop.wait(LEADER_RETRY_SECONDS):
            return False


def _lead(runtime: RuntimeFactory, lock: LeaderLock, stop: threading.Event) -> bool:
    """Run the jobs while the lock holds; True when it was lost, False when `stop` was set (or the database
    failed at the start, then after a pause)."""
    try:
        jobs = runtime()
        running = scheduler.start(jobs)
    except UNAVAILABLE as error:
        log.warning("the scheduler could not start, the database is unavailable (%s); trying again in %g s",
                    outage(error), LEADER_RETRY_SECONDS)  # fmt: skip
        lock.release()
        stop.wait(LEADER_RETRY_SECONDS)
        return False
    try:
        while not stop.wait(CHECK_SECONDS) and lock.try_acquire():
            pass
    finally:
        # Never wait here: shutdown holds the scheduler's job-store lock while it waits, and a sync job that is
        # running needs that lock (a deadlock). The caller waits for the jobs instead (runs.ACTIVE).
        running.shutdown(wait=False)
        jobs.store.engine.dispose()
    if stop.is_set():
        log.info("scheduler stopped")
        return False
    lock.release()
    return True
