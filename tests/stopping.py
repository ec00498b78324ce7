"""A `python -m bot …` process under test, logging to a file: waited on by what it logs, stopped with SIGTERM and
timed (the README promises every entry point is gone within 10 s of a SIGTERM)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What the README promises: a SIGTERM'd entry point has exited within this many seconds, whatever it was doing.
STOP_SECONDS = 10.0
# How long a test waits for a process to reach a moment (spaCy loading, a digest under way) on a loaded machine.
REACH_SECONDS = 120.0


@dataclass
class Running:
    """A process started in its own session (a SIGKILL at the end takes gunicorn's workers with it)."""

    command: list[str]
    env: dict[str, str]
    log: Path
    process: subprocess.Popen[bytes] | None = field(default=None)

    def start(self) -> Running:
        """Start the process, appending its output to the log."""
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(self.command, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                            start_new_session=True)  # fmt: skip
        return self

    def text(self) -> str:
        """Everything logged so far."""
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def wait_logged(self, line: str, count: int = 1, timeout: float = REACH_SECONDS) -> None:
        """Wait until `line` was logged `count` times; fail (with the log) if the process ends or time runs out."""
        deadline = time.monotonic() + timeout
        while self.text().count(line) < count:
            assert self.process is not None and self.process.poll() is None, f"exited early:\n{self.text()}"
            assert time.monotonic() < deadline, f"{line!r} never logged:\n{self.text()}"
            time.sleep(0.1)

    def terminate(self) -> tuple[float, int]:
        """SIGTERM to the main process, as a platform stops it; (seconds until it exited, its exit status)."""
        assert self.process is not None
        began = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            status = self.process.wait(timeout=STOP_SECONDS * 6)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"still running {STOP_SECONDS * 6} s after SIGTERM:\n{self.text()}") from None
        elapsed = time.monotonic() - began
        group = self.process.pid
        self.process = None
        assert not _group_alive(group), f"processes of the group outlived its leader:\n{self.text()}"
        return elapsed, status

    def kill(self) -> None:
        """Make sure nothing of the process is left (the end of a test)."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            self.process = None


def _group_alive(group: int) -> bool:
    """Whether any process of the session is left (gunicorn's workers, say), given a moment to be reaped."""
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return False
        time.sleep(0.05)
    return True
