"""A start-up that cannot work ends with one line naming the cause and a non-zero status, before gunicorn forks or
Socket Mode connects: an unreachable database, a token Slack refuses, Slack's API out of reach."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.slack.bot_process import START_TIMEOUT, bot_env, free_port
from tests.slack.slack_standin import Failure, SlackStandIn
from tests.stopping import ROOT

APP_TOKEN = "xapp-1-A0NEWSBOT-1-standinapptoken"


def _run(env: dict[str, str], *args: str) -> tuple[int, list[str]]:
    """Run `python -m bot ARGS`; its status and the non-empty lines it printed (stdout and stderr)."""
    done = subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=START_TIMEOUT, check=False)  # fmt: skip
    return done.returncode, [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]


def _env(standin: SlackStandIn, tmp_path: Path, mode: str) -> dict[str, str]:
    env = bot_env(standin, tmp_path / "bot.db", free_port())
    if mode == "socket-mode":
        env.pop("SLACK_SIGNING_SECRET")
        env["SLACK_APP_TOKEN"] = APP_TOKEN
    return env


def _unreachable_database() -> str:
    return f"postgresql://postgres@127.0.0.1:{free_port()}/newsbot"  # nothing listens there


@pytest.mark.parametrize("command", [["serve"], ["serve", "socket-mode"], ["scheduler"]], ids="-".join)
def test_an_unreachable_database_is_one_line(standin: SlackStandIn, tmp_path: Path, command: list[str]) -> None:
    env = _env(standin, tmp_path, command[-1]) | {"DATABASE_URL": _unreachable_database()}
    status, lines = _run(env, command[0])
    assert status == 1
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: the database is unavailable: ") and "Connection refused" in lines[0]


@pytest.mark.parametrize("command", [["serve"], ["serve", "socket-mode"], ["scheduler"]], ids="-".join)
def test_a_revoked_token_is_one_line(standin: SlackStandIn, tmp_path: Path, command: list[str]) -> None:
    standin.fail("auth.test", Failure(error="token_revoked"))
    status, lines = _run(_env(standin, tmp_path, command[-1]), command[0])
    assert status == 2
    assert lines == ["error: Slack refused SLACK_BOT_TOKEN: token_revoked"]


def test_slack_out_of_reach_is_one_line(standin: SlackStandIn, tmp_path: Path) -> None:
    nowhere = f"http://127.0.0.1:{free_port()}/api/"
    status, lines = _run(_env(standin, tmp_path, "http") | {"SLACK_API_URL": nowhere}, "serve")
    assert status == 2
    assert lines == [f"error: Slack's Web API cannot be reached at {nowhere}: [Errno 111] Connection refused"]
