"""The scheduler's leader lock: one holder at a time, taken over when the holder dies, on each backend
(a file lock beside SQLite, a PostgreSQL advisory lock)."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bot.jobs.lock import CHECK_TIMEOUT_SECONDS, lock_for
from bot.settings import database_url as normalise_url
from tests.conftest import ROOT, TEST_DATABASE_URL, fresh_database
from tests.tcp_proxy import in_front_of

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


@pytest.mark.skipif(TEST_DATABASE_URL is None, reason="the advisory lock is PostgreSQL's")
def test_the_advisory_lock_is_lost_in_an_outage_without_an_error_and_taken_again_after(tmp_path: Path) -> None:
    with fresh_database("postgresql", tmp_path) as url:
        proxy, through = in_front_of(url)
        leader, other = lock_for(through), lock_for(url)
        try:
            assert leader.try_acquire()
            assert not other.try_acquire()
            proxy.cut()  # the server sees the connection end, and lets the lock go
            assert not leader.try_acquire()  # False, not an exception: a leader thread must survive this
            deadline = time.monotonic() + TAKE_OVER_SECONDS
            while not other.try_acquire():
                assert time.monotonic() < deadline, "the lock of a cut connection was never released"
                time.sleep(0.1)
            proxy.restore()
            assert not leader.try_acquire()  # reachable again, and someone else holds it
            other.release()
            assert leader.try_acquire()
            leader.release()
        finally:
            proxy.stop()


@pytest.mark.skipif(TEST_DATABASE_URL is None, reason="the advisory lock is PostgreSQL's")
def test_a_check_of_the_lock_against_a_frozen_server_is_over_within_its_bound(tmp_path: Path) -> None:
    with fresh_database("postgresql", tmp_path) as url:
        proxy, through = in_front_of(url)
        leader = lock_for(through)
        try:
            assert leader.try_acquire()
            proxy.freeze()
            check = threading.Thread(target=leader.try_acquire, daemon=True)
            check.start()
            check.join(CHECK_TIMEOUT_SECONDS + 2)
            stuck = check.is_alive()
            proxy.thaw()
            check.join(10)
            assert not stuck, f"the check was still waiting {CHECK_TIMEOUT_SECONDS + 2} s later"
        finally:
            leader.release()
            proxy.stop()


# A leader that can no longer reach the server has stopped its jobs after one failed check; someone else should
# lead well within this, or nobody runs the digests.
ORPHANED_TAKE_OVER_SECONDS = 12


@pytest.mark.skipif(TEST_DATABASE_URL is None, reason="the advisory lock is PostgreSQL's")
def test_a_leader_cut_off_without_a_word_to_the_server_is_taken_over(tmp_path: Path) -> None:
    with fresh_database("postgresql", tmp_path) as url:
        proxy, through = in_front_of(url)
        leader, other = lock_for(through), lock_for(url)
        try:
            assert leader.try_acquire()
            proxy.freeze()  # the server still has the leader's connection; nothing more comes through it
            assert not leader.try_acquire()  # the leader's check fails: it stops its jobs
            deadline = time.monotonic() + ORPHANED_TAKE_OVER_SECONDS
            taken = other.try_acquire()
            while not taken and time.monotonic() < deadline:
                time.sleep(0.5)
                taken = other.try_acquire()
            assert taken, f"nobody leads {ORPHANED_TAKE_OVER_SECONDS} s after the leader was cut off"
        finally:
            proxy.thaw()
            other.release()
            leader.release()
            proxy.stop()
