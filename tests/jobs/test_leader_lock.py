"""The scheduler's leader lock: one holder at a time, taken over when the holder dies, on each backend
(a file lock beside SQLite, a PostgreSQL advisory lock)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

from bot.jobs.lock import lock_for
from bot.settings import database_url as normalise_url
from tests.conftest import ROOT

HOLD = (
    "import sys, time; from bot.jobs.lock import lock_for; lock = lock_for(sys.argv[1]); "
    "assert lock.try_acquire(); print('held', flush=True); time.sleep(600)"
)
# A killed holder's lock is released when the kernel closes its file or socket: at once, give or take a poll.
TAKE_OVER_SECONDS = 30


def test_one_holder_at_a_time_and_release_hands_over(database_url: str) -> None:
    url = normalise_url(database_url)
    first, second = lock_for(url), lock_for(url)
    assert first.try_acquire()
    assert first.try_acquire()  # holding it already
    assert not second.try_acquire()
    first.release()
    assert second.try_acquire()
    assert not first.try_acquire()
    second.release()


def test_a_killed_holder_is_taken_over(database_url: str) -> None:
    url = normalise_url(database_url)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, url], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        follower = lock_for(url)
        assert not follower.try_acquire()
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        deadline = time.monotonic() + TAKE_OVER_SECONDS
        while not follower.try_acquire():
            assert time.monotonic() < deadline, "the lock of a killed process was never released"
            time.sleep(0.1)
        follower.release()
    finally:
        holder.kill()
        holder.wait()
