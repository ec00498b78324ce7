"""`python -m bot COMMAND`: ingest, index, ask, console, stats, serve and run."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime

from bot import settings as config
from bot.core.registry import Context, Registry
from bot.core.render.blockkit import Reply, plain
from bot.core.store import Store, open_store
from bot.jobs import cli as jobs_commands


def _context(store: Store, registry: Registry) -> Context:
    if store.article_count() == 0:  # every answer would be "not found": say why, once, beside the answers
        print("The index is empty: run `python -m bot index` (or `make run`) first.", file=sys.stderr)
    return Context(store=store, registry=registry, now=datetime.now(UTC))


def answer_line(line: str, ctx: Context, dm: bool = False) -> Reply:
    """Answer one line as Slack would: a slash command, or a direct message."""
    from handlers import message

    line = line.strip()
    if not dm and line.startswith("/"):
        return ctx.registry.run(line, ctx)
    return message.answer(line, ctx)


def cmd_ask(args: argparse.Namespace, settings: config.Settings) -> int:
    """Print the reply to one command or message, as Slack shows it (or its JSON payload)."""
    from handlers import build_registry

    ctx = _context(open_store(settings.database_url), build_registry())
    reply = answer_line(" ".join(args.text), ctx, dm=args.dm)
    print(json.dumps(reply.payload(), ensure_ascii=False, indent=2) if args.json else plain(reply), end="\n")
    return 0


def cmd_console(_args: argparse.Namespace, settings: config.Settings) -> int:
    """An interactive prompt over the same handlers: slash commands or plain questions."""
    from handlers import build_registry

    ctx = _context(open_store(settings.database_url), build_registry())
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


def cmd_ingest(args: argparse.Namespace, settings: config.Settings) -> int:
    """Index files, folders, HTML pages and JSON lines; bad inputs are named and skipped."""
    from bot.core.ingest import nlp
    from bot.core.ingest.pipeline import ingest

    store = open_store(settings.database_url)
    summary = ingest(
        args.paths, store, nlp.load(settings.nlp_model), progress=sys.stderr.isatty(), workers=args.workers
    )
    print(summary)
    return 1 if summary.failed else 0


def cmd_index(_args: argparse.Namespace, settings: config.Settings) -> int:
    """Index the shipped corpus (data/articles) when the index is missing or stale."""
    from bot.core.ingest import nlp
    from bot.core.ingest import pipeline as ingest

    store = open_store(settings.database_url)
    reason = ingest.needs_indexing(store, settings.articles_dir)
    if reason is None:
        print(f"Index is up to date ({store.article_count()} articles).")
        return 0
    print(f"Indexing {settings.articles_dir}: {reason}.", file=sys.stderr)
    if store.get_meta("extractor_version") not in {None, ingest.EXTRACTOR_VERSION}:
        redone = ingest.reindex(store, nlp.load(settings.nlp_model))
        print(f"Re-extracted the stored articles: {redone.entities} entities, {redone.seconds:.1f} s.", file=sys.stderr)
    summary = ingest.ingest([settings.articles_dir], store, nlp.load(settings.nlp_model), progress=sys.stderr.isatty())
    print(summary)
    ingest.mark_indexed(store, settings.articles_dir)
    return 1 if summary.failed else 0


def cmd_export(args: argparse.Namespace, settings: config.Settings) -> int:
    """Write every article and everything extracted from it as JSON Lines (to a file, or - for stdout)."""
    from bot.core.ingest.transfer import export

    store = open_store(settings.database_url)
    if args.path == "-":
        count = export(store, sys.stdout)
    else:
        with open(args.path, "w", encoding="utf-8") as out:
            count = export(store, out)
    print(f"Exported {count} articles.", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace, settings: config.Settings) -> int:
    """Read an export into this store without running the NLP; articles it already holds are skipped."""
    from bot.core.ingest.transfer import import_lines

    store = open_store(settings.database_url)
    try:
        with open(args.path, encoding="utf-8") as lines:
            summary = import_lines(store, lines, report=lambda line: print(line, file=sys.stderr))
    except OSError as error:
        print(f"error: {args.path}: {error.strerror}", file=sys.stderr)
        return 1
    print(summary)
    return 1 if summary.failed else 0


def cmd_migrate(_args: argparse.Namespace, settings: config.Settings) -> int:
    """Bring the store's schema to this version (the bot also does this at start)."""
    from bot.core.store import migrate

    store = open_store(settings.database_url)
    print(f"Schema at revision {migrate.current(store.engine)} (newest: {migrate.head()}).")
    return 0


def cmd_stats(_args: argparse.Namespace, settings: config.Settings) -> int:
    """Print what the index holds."""
    stats = open_store(settings.database_url).stats()
    width = max(len(k) for k in stats)
    for name, count in stats.items():
        print(f"{name:<{width}}  {count}")
    return 0


def cmd_serve(_args: argparse.Namespace, settings: config.Settings) -> int:
    """Serve Slack: Socket Mode with SLACK_APP_TOKEN, otherwise HTTP on $PORT."""
    from bot.slack import serve

    return serve.main(settings)


def cmd_run(args: argparse.Namespace, settings: config.Settings) -> int:
    """Index if needed, then serve Slack when credentials are configured, else open the console."""
    status = cmd_index(args, settings)
    if status != 0:
        print("Some articles could not be indexed; starting anyway.", file=sys.stderr)
    return cmd_serve(args, settings) if settings.slack_configured else cmd_console(args, settings)


def parser() -> argparse.ArgumentParser:
    """The command-line interface; each sub-command's help is its function's docstring."""
    top = argparse.ArgumentParser(prog="python -m bot", description="A news-intelligence bot for Slack.")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands = {
        "ask": cmd_ask, "console": cmd_console, "ingest": cmd_ingest, "index": cmd_index,
        "stats": cmd_stats, "serve": cmd_serve, "run": cmd_run, "export": cmd_export, "import": cmd_import,
        "migrate": cmd_migrate, **jobs_commands.COMMANDS,
    }  # fmt: skip
    for name, function in commands.items():
        doc = (function.__doc__ or "").strip()
        p = sub.add_parser(name, help=doc, description=doc)
        p.set_defaults(function=function)
        if name == "ask":
            p.add_argument("text", nargs="+", help='a command ("/who Lavrov") or, with --dm, a question')
            p.add_argument("--json", action="store_true", help="print the Slack message payload")
            p.add_argument("--dm", action="store_true", help="treat the text as a direct message")
        if name == "ingest":
            p.add_argument("paths", nargs="+", help="files or folders (.txt .md .html .json .jsonl)")
            p.add_argument(
                "--workers", type=int, default=1, metavar="N", help="processes parsing articles in parallel (default 1)"
            )
        jobs_commands.add_arguments(name, p)
        if name in {"export", "import"}:
            p.add_argument(
                "path", help="the JSON Lines file" + (" (- for standard output)" if name == "export" else "")
            )
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse arguments, load settings (a bad one is one line, not a traceback), run."""
    args = parser().parse_args(argv)
    try:
        settings = config.load()
    except config.SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        return int(args.function(args, settings))
    except config.SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (`python -m bot ask … | head`): nothing left to say
        sys.stderr.close()
        return 0
