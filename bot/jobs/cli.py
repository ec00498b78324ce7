"""`python -m bot digest` and `python -m bot scheduler`: the scheduled work, run from a terminal."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from datetime import UTC, datetime

from bot.core.digest import run as digest_run
from bot.core.digest import subscriptions
from bot.core.messenger import Metadata
from bot.core.render.blockkit import Reply, plain
from bot.core.store import open_store
from bot.settings import Settings


class PrintingPoster:
    """A poster for --dry-run: prints each message as Slack shows it, and finds nothing posted before."""

    def post(self, channel: str, reply: Reply, metadata: Metadata | None) -> str:
        """Print the message."""
        print(plain(reply))
        return ""

    def posted_parts(self, channel: str, digest_id: str, since: datetime) -> set[int]:
        """Nothing was posted by a dry run."""
        return set()


def cmd_digest(args: argparse.Namespace, settings: Settings) -> int:
    """Post one channel's digest now (what its schedule would post); --dry-run prints it and changes nothing."""
    store = open_store(settings.database_url)
    sub = subscriptions.get(store, args.channel)
    if sub is None:
        print(f"error: {args.channel} has no digest subscription: use /digest subscribe in the channel, or "
              "DIGEST_CHANNELS", file=sys.stderr)  # fmt: skip
        return 1
    if args.dry_run:
        pages = digest_run.preview(store, args.channel)
        for page in pages:
            PrintingPoster().post(args.channel, page, None)
        print(f"(dry run: {len(pages)} message(s) for {args.channel}; nothing posted or recorded)", file=sys.stderr)
        return 0
    from bot.slack.poster import SlackPoster, bot_client

    jobs = settings.jobs
    outcome = digest_run.run(
        store, SlackPoster(bot_client(settings)), args.channel, lambda: datetime.now(UTC),
        lease=jobs.digest_lease, note_when_empty=jobs.empty_note,
    )  # fmt: skip
    print(f"{args.channel}: {outcome}")
    return 1 if outcome.status in {"busy", "unsubscribed"} else 0


def cmd_scheduler(_args: argparse.Namespace, settings: Settings) -> int:
    """Run the scheduled jobs (digests, feeds, the drop folder) without serving Slack; stops on SIGTERM or Ctrl-C."""
    from bot.jobs.leader import keep_leading
    from bot.logs import configure_logging

    configure_logging(settings.secrets())
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with contextlib.suppress(KeyboardInterrupt):
        keep_leading(settings, settings.jobs, stop)
    return 0


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    """The arguments of this module's sub-commands."""
    if name == "digest":
        parser.add_argument("--channel", required=True, help="the Slack channel id, such as C0123ABC")
        parser.add_argument("--dry-run", action="store_true", help="print the digest instead of posting it")


COMMANDS = {"digest": cmd_digest, "scheduler": cmd_scheduler}
