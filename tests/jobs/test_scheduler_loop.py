"""APScheduler's own loop meets a database outage: it looks again later instead of ending its thread."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy.exc import OperationalError

from bot.jobs import scheduler


class _FlakyStore(MemoryJobStore):  # type: ignore[misc]
    """A job store whose database goes away once, when the loop asks it for the next run time."""

    def __init__(self) -> None:
        super().__init__()
        self.failed = False

    def get_next_run_time(self) -> Any:
        if not self.failed:
            self.failed = True
            raise OperationalError("SELECT next_run_time", {}, Exception("terminating connection"), True)
        return super().get_next_run_time()


def test_the_loop_survives_an_outage_in_the_job_store_and_runs_its_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scheduler, "LOOP_RETRY_SECONDS", 0.2)
    flaky, ran = _FlakyStore(), threading.Event()
    steady = scheduler.SteadyScheduler(jobstores={"default": flaky})
    steady.start()
    try:
        steady.add_job(ran.set, "interval", seconds=0.3)
        assert ran.wait(10), "no job ran after the outage: the scheduler's loop ended"
        assert flaky.failed
    finally:
        steady.shutdown(wait=False)


def test_an_error_that_is_no_outage_is_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_self: Any) -> float:
        raise ZeroDivisionError

    monkeypatch.setattr(BackgroundScheduler, "_process_jobs", broken)
    with pytest.raises(ZeroDivisionError):
        scheduler.SteadyScheduler()._process_jobs()
