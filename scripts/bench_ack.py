"""Acknowledgement times of slash commands: 200 signed requests from 20 concurrent clients on loopback.

By default it indexes data/articles into a new SQLite file, starts the Web API stand-in and `python -m bot serve`
(HTTP, gunicorn) on free ports, sends the commands, waits for every answer on response_url and prints p50 / p99 /
max of the acknowledgements. Slack needs each acknowledgement within 3 s. `--database-url URL` indexes and serves
from that database instead (SQLite or PostgreSQL; give it an empty one, which this script leaves in place:
`python -m bench.run --only ack` creates and drops one per backend). `--fake-core` serves the test core instead
of the real handlers (no corpus needed); `--url URL --secret SECRET` measures a running bot (answers are then not
awaited).

    .venv/bin/python scripts/bench_ack.py [--database-url URL] [--fake-core] [--requests 200] [--clients 20]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: make the repository importable

from tests.slack.bot_process import (  # noqa: E402
    SECRET,
    SERVE_FAKE_CORE,
    SERVE_REAL_CORE,
    Bot,
    bot_env,
    free_port,
    start_bot,
)
from tests.slack.slack_requests import FORM, send, slash_body  # noqa: E402
from tests.slack.slack_standin import SlackStandIn  # noqa: E402

ACK_LIMIT_SECONDS = 3.0
COMMANDS = ["/news who Sergey Lavrov", "/bases Russia", "/news search missile", "/news articles", "/news help"]
# Answers may be slow (that is why they go through response_url); wait for them generously.
ANSWER_TIMEOUT_SECONDS = 600


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of `values` fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def fire(url: str, secret: str, response_url: str, count: int, clients: int) -> list[tuple[int, float]]:
    """Send `count` slash commands from `clients` threads; (status, seconds) for each."""

    def one(i: int) -> tuple[int, float]:
        command, _, text = COMMANDS[i % len(COMMANDS)].partition(" ")
        answer = send(url, secret, slash_body(command, text, f"{response_url}-{i}"), FORM)
        return answer.status, answer.seconds

    with ThreadPoolExecutor(clients) as pool:
        return list(pool.map(one, range(count)))


def report(results: list[tuple[int, float]]) -> int:
    """Print the figures; non-zero when any request failed or was acknowledged too late."""
    times = [seconds for _, seconds in results]
    failed = [status for status, _ in results if status != 200]
    late = [t for t in times if t > ACK_LIMIT_SECONDS]
    print(f"requests: {len(results)}  non-200: {len(failed)}  over {ACK_LIMIT_SECONDS:.0f} s: {len(late)}")
    print(
        f"ack p50: {percentile(times, 0.50) * 1000:.1f} ms  p99: {percentile(times, 0.99) * 1000:.1f} ms  "
        f"max: {max(times) * 1000:.1f} ms  mean: {statistics.mean(times) * 1000:.1f} ms"
    )
    return 1 if failed or late else 0


def main() -> int:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--fake-core", action="store_true", help="serve tests/slack/fake_core.py")
    parser.add_argument("--url", help="a running bot's /slack/events URL")
    parser.add_argument("--secret", default=SECRET, help="its signing secret")
    parser.add_argument("--database-url", help="an empty database to index into and serve from (default: new SQLite)")
    args = parser.parse_args()
    if args.url:
        return report(fire(args.url, args.secret, "http://127.0.0.1:9/unused", args.requests, args.clients))
    command = SERVE_FAKE_CORE if args.fake_core else SERVE_REAL_CORE
    return run_locally(args.requests, args.clients, command, args.database_url)


def run_locally(count: int, clients: int, command: list[str], database_url: str | None = None) -> int:
    """Start the stand-in and the bot (on `database_url`, else a new SQLite file), measure, wait for answers, stop."""
    standin = SlackStandIn().start()
    with tempfile.TemporaryDirectory() as directory:
        port, database = free_port(), Path(directory) / "bot.db"
        env = bot_env(standin, database, port) | ({"DATABASE_URL": database_url} if database_url else {})
        print(f"database: {env['DATABASE_URL'].partition(':')[0]}")
        bot = Bot(f"http://127.0.0.1:{port}/slack/events", database, Path(directory) / "bot.log", env, command)
        try:
            if command == SERVE_REAL_CORE:  # answer from the shipped corpus, as a deployment would
                index(env)
            start_bot(bot)
            status = report(fire(bot.url, SECRET, standin.response_url("bench"), count, clients))
            answered = sum(
                len(standin.wait_for(f"response:bench-{i}", timeout=ANSWER_TIMEOUT_SECONDS)) for i in range(count)
            )
            print(f"answers received on response_url: {answered}/{count}")
        finally:
            bot.stop()
            standin.stop()
    return status


def index(env: dict[str, str]) -> None:
    """`python -m bot index` into the bot's database; its own output explains a failure."""
    done = subprocess.run([sys.executable, "-m", "bot", "index"], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"indexing the corpus failed (exit {done.returncode}):\n{done.stdout}{done.stderr}")


if __name__ == "__main__":
    sys.exit(main())
