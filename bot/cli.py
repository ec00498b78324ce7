"""`python -m bot COMMAND`: the command line; each sub-command's help is its function's docstring (`--help`)."""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from bot import settings as config
from bot.app import App, serve
from bot.core.digest import run as digest_run
from bot.core.digest import subscriptions
from bot.core.messenger import DeliveryFailed
from bot.core.registry import Context
from bot.core.render.answers import unavailable_reply
from bot.core.render.blockkit import Reply, plain
from bot.core.store import UNAVAILABLE, outage
from bot.core.store.deadline import database_deadline
from bot.logs import Deadline, configure_logging, leave_now

# The evaluation corpus and its gold file (see README: Evaluation).
EVAL_DIR = config.ROOT / "tests" / "eval"

Command = Callable[[argparse.Namespace, App], int]


def _console_context(app: App) -> Context:
    if app.store.article_count() == 0:  # every answer would be "not found": say why, once, beside the answers
        print("The index is empty: run `python -m bot index` (or `make run`) first.", file=sys.stderr)
    return app.console_context()


def answer_line(line: str, ctx: Context, dm: bool = False) -> Reply:
    """Answer one line as Slack would: a slash command, or a direct message."""
    from handlers import message

    line = line.strip()
    command = not dm and line.startswith("/")
    try:
        with database_deadline():
            return ctx.registry.run(line, ctx) if command else message.answer(line, ctx)
    except UNAVAILABLE:  # the database went away after start-up: it may be back for the next question
        return unavailable_reply()


def cmd_ask(args: argparse.Namespace, app: App) -> int:
    """Print the reply to one command or message, as Slack shows it (or its JSON payload)."""
    reply = answer_line(" ".join(args.text), _console_context(app), dm=args.dm)
    print(json.dumps(reply.payload(), ensure_ascii=False, indent=2) if args.json else plain(reply), end="\n")
    return 0


def cmd_console(_args: argparse.Namespace, app: App) -> int:
    """An interactive prompt over the same handlers: slash commands or plain questions."""
    ctx = _console_context(app)
    print("News bot console. Type /help, a question such as “who is Peskov?”, or Ctrl-D to leave.")
    while True:
        try:
            line = input("> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if line.strip() in {"exit", "quit"}:
            return 0
        if line.strip():
            print(plain(answer_line(line, ctx)))


# `scheduler` and `ingest` leave this long after a SIGTERM whatever it is waiting on (the README promises 10 s).
STOP_DEADLINE_SECONDS = 9.0
# The exit status of an ingestion stopped by SIGTERM: 128 + the signal's number, as a shell reports a killed job.
STOPPED_STATUS = 128 + signal.SIGTERM


def cmd_ingest(args: argparse.Namespace, app: App) -> int:
    """Index files, folders, HTML pages and JSON lines; bad inputs are named and skipped. On SIGTERM it stops after
    the article being stored and says how many were indexed."""
    from bot.core.ingest.pipeline import ingest

    stop, deadline = threading.Event(), Deadline(STOP_DEADLINE_SECONDS, STOPPED_STATUS)

    def stopping() -> None:
        stop.set()
        deadline.start()  # for a write stuck on a frozen database: leaving then is a crash, rolled back

    with _on_sigterm(stopping):
        summary = ingest(
            args.paths, app.store, app.nlp(), progress=sys.stderr.isatty(), workers=args.workers, stop=stop
        )
    deadline.cancel()
    if summary.stopped:
        print(f"Stopped by SIGTERM: {summary}. Every stored article is whole; run it again for the rest.")
        return STOPPED_STATUS
    print(summary)
    return 1 if summary.failed else 0


@contextlib.contextmanager
def _on_sigterm(handler: Callable[[], None]) -> Iterator[None]:
    """Call `handler` on SIGTERM instead of dying, while the block runs (only the main thread can set it)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, lambda *_: handler())
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def cmd_index(_args: argparse.Namespace, app: App) -> int:
    """Index the shipped corpus (data/articles) when the index is missing or stale."""
    from bot.core.ingest import pipeline as ingest

    store, articles = app.store, app.settings.articles_dir
    reason = ingest.needs_indexing(store, articles)
    if reason is None:
        print(f"Index is up to date ({store.article_count()} articles).")
        return 0
    print(f"Indexing {articles}: {reason}.", file=sys.stderr)
    if store.get_meta("extractor_version") not in {None, ingest.EXTRACTOR_VERSION}:
        redone = ingest.reindex(store, app.nlp())
        print(f"Re-extracted the stored articles: {redone.entities} entities, {redone.seconds:.1f} s.", file=sys.stderr)
    summary = ingest.ingest([articles], store, app.nlp(), progress=sys.stderr.isatty())
    print(summary)
    ingest.mark_indexed(store, articles)
    return 1 if summary.failed else 0


def cmd_export(args: argparse.Namespace, app: App) -> int:
    """Write every article and everything extracted from it as JSON Lines (to a file, or - for stdout)."""
    from bot.core.ingest.transfer import export

    if args.path == "-":
        count = export(app.store, sys.stdout)
    else:
        with open(args.path, "w", encoding="utf-8") as out:
            count = export(app.store, out)
    print(f"Exported {count} articles.", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace, app: App) -> int:
    """Read an export into this store without running the NLP; articles it already holds are skipped."""
    from bot.core.ingest.transfer import import_lines

    try:
        with open(args.path, encoding="utf-8") as lines:
            summary = import_lines(app.store, lines, report=lambda line: print(line, file=sys.stderr))
    except OSError as error:
        print(f"error: {args.path}: {error.strerror}", file=sys.stderr)
        return 1
    print(summary)
    return 1 if summary.failed else 0


def cmd_migrate(_args: argparse.Namespace, app: App) -> int:
    """Bring the store's schema to this version (the bot also does this at start)."""
    from bot.core.store import migrate

    print(f"Schema at revision {migrate.current(app.store.engine)} (newest: {migrate.head()}).")
    return 0


def cmd_stats(_args: argparse.Namespace, app: App) -> int:
    """Print what the index holds."""
    stats = app.store.stats()
    width = max(len(k) for k in stats)
    for name, count in stats.items():
        print(f"{name:<{width}}  {count}")
    return 0


def cmd_serve(_args: argparse.Namespace, app: App) -> int:
    """Serve Slack: Socket Mode with SLACK_APP_TOKEN, otherwise HTTP on $PORT."""
    app.close()  # the serving processes open their own connections
    return serve(app.settings)


def cmd_run(args: argparse.Namespace, app: App) -> int:
    """Index if needed, then serve Slack when credentials are configured, else open the console."""
    status = cmd_index(args, app)
    if status != 0:
        print("Some articles could not be indexed; starting anyway.", file=sys.stderr)
    return cmd_serve(args, app) if app.settings.slack_configured else cmd_console(args, app)


def cmd_digest(args: argparse.Namespace, app: App) -> int:
    """Post one channel's digest now (what its schedule would post); --dry-run prints it and changes nothing."""
    jobs = app.settings.jobs
    store = app.home_store()
    if jobs.digest_channels and not args.dry_run:  # what the scheduler does first: DIGEST_CHANNELS works at once
        subscriptions.sync_environment(store, jobs.digest_channels, jobs.digest_schedule, datetime.now(UTC))
    # A dry run changes nothing: a listed channel not yet subscribed would start after the newest article.
    listed = args.dry_run and args.channel in jobs.digest_channels
    if subscriptions.get(store, args.channel) is None and not listed:
        print(f"error: {args.channel} has no digest subscription: use /digest subscribe in the channel, or "
              "DIGEST_CHANNELS", file=sys.stderr)  # fmt: skip
        return 1
    if args.dry_run:
        pages = digest_run.preview(store, args.channel) if subscriptions.get(store, args.channel) else []
        for page in pages:
            print(plain(page))
        print(f"(dry run: {len(pages)} message(s) for {args.channel}; nothing posted or recorded)", file=sys.stderr)
        return 0
    try:
        outcome = digest_run.run(
            store, app.messenger, args.channel, lambda: datetime.now(UTC),
            lease=jobs.digest_lease, note_when_empty=jobs.empty_note,
        )  # fmt: skip
    except DeliveryFailed as failed:
        print(f"{args.channel}: not posted: Slack answered {failed.code}; the next run resumes it", file=sys.stderr)
        return 1
    print(f"{args.channel}: {outcome}")
    return 1 if outcome.status in {"busy", "unsubscribed", "paused"} else 0


def cmd_scheduler(_args: argparse.Namespace, app: App) -> int:
    """Run the scheduled jobs (digests, feeds, the drop folder) without serving Slack; stops on SIGTERM or Ctrl-C."""
    stop, deadline = threading.Event(), Deadline(STOP_DEADLINE_SECONDS)

    def stopping(*_: object) -> None:
        stop.set()
        deadline.start()  # the jobs' grace comes first; this is for a process stuck on a frozen database

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, stopping)
    configure_logging(app.settings.secrets())
    app.check_ready()
    finished = app.lead(stop)
    deadline.cancel()
    if not finished:  # jobs still running after their grace: leave without them (see README)
        leave_now()
    return 0


def cmd_eval(args: argparse.Namespace, app: App) -> int:
    """Score extraction on the evaluation corpus (tests/eval): index it into a scratch store, compare with the gold
    file, print one table; exit 1 when a measure misses its target."""
    from bot.evaluation import report
    from bot.evaluation.run import evaluate

    evaluation = evaluate(args.articles, args.gold, app.nlp(), report=lambda line: print(line, file=sys.stderr))
    print(json.dumps(report.as_json(evaluation), indent=1) if args.json else report.table(evaluation))
    verdicts = [r["met"] for split in report.as_json(evaluation)["splits"].values() for r in split.values()]
    return 1 if False in verdicts or evaluation.unread else 0


COMMANDS: dict[str, Command] = {
    "ask": cmd_ask, "console": cmd_console, "ingest": cmd_ingest, "index": cmd_index, "stats": cmd_stats,
    "serve": cmd_serve, "run": cmd_run, "export": cmd_export, "import": cmd_import, "migrate": cmd_migrate,
    "digest": cmd_digest, "scheduler": cmd_scheduler, "eval": cmd_eval,
}  # fmt: skip


def _add_arguments(name: str, p: argparse.ArgumentParser) -> None:
    if name == "ask":
        p.add_argument("text", nargs="+", help='a command ("/who Lavrov") or, with --dm, a question')
        p.add_argument("--json", action="store_true", help="print the Slack message payload")
        p.add_argument("--dm", action="store_true", help="treat the text as a direct message")
    if name == "ingest":
        p.add_argument("paths", nargs="+", help="files or folders (.txt .md .html .json .jsonl)")
        p.add_argument(
            "--workers", type=int, default=1, metavar="N", help="processes parsing articles in parallel (default 1)"
        )
    if name == "digest":
        p.add_argument("--channel", required=True, help="the Slack channel id, such as C0123ABC")
        p.add_argument("--dry-run", action="store_true", help="print the digest instead of posting it")
    if name == "eval":
        p.add_argument("--json", action="store_true", help="print every measure as JSON")
        p.add_argument("--articles", type=Path, default=EVAL_DIR / "articles", help="the corpus folder")
        p.add_argument("--gold", type=Path, default=EVAL_DIR / "gold.json", help="the gold file")
    if name in {"export", "import"}:
        p.add_argument("path", help="the JSON Lines file" + (" (- for standard output)" if name == "export" else ""))


def parser() -> argparse.ArgumentParser:
    """The command-line interface; each sub-command's help is its function's docstring."""
    top = argparse.ArgumentParser(prog="python -m bot", description="A news-intelligence bot for Slack.")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, function in COMMANDS.items():
        doc = (function.__doc__ or "").strip()
        p = sub.add_parser(name, help=doc, description=doc)
        p.set_defaults(function=function)
        _add_arguments(name, p)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse arguments, load settings (a bad one is one line, not a traceback), run."""
    args = parser().parse_args(argv)
    try:
        return int(args.function(args, App(config.load())))
    except config.SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except UNAVAILABLE as error:  # at start-up, or a command that needs it throughout (ingest, export)
        print(f"error: the database is unavailable: {outage(error)}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader went away (`python -m bot ask … | head`): nothing left to say
        sys.stderr.close()
        return 0
