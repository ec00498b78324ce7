"""A core for the Slack tests: the real registry and store, with commands whose answers are easy to spot.

It lets the end-to-end tests check the transport exactly, whatever the corpus holds; the real handlers are
checked through the same process in test_core.py.
"""

from __future__ import annotations

import time
from typing import Any

from bot.app import App
from bot.core.registry import Command, Context, Registry
from bot.core.render.blockkit import Reply, actions, escape, section
from bot.slack.core import Core, HomeData, keep_line, recall_line
from bot.slack.surfaces import ArticleLine

COMMANDS = ("who", "bases", "search", "articles", "help")
CRASH = "please crash"
# Answers that take a while: past a short deadline ("dawdle"), or until the process stops ("hang").
DAWDLE, DAWDLE_SECONDS = "please dawdle", 3.0
HANG, HANG_SECONDS = "please hang", 60.0


def _answer_for(name: str) -> Any:
    def answer(text: str, ctx: Context) -> Reply:
        if text == CRASH:
            raise RuntimeError("a bug in a handler")
        if text in (DAWDLE, HANG):
            time.sleep(DAWDLE_SECONDS if text == DAWDLE else HANG_SECONDS)
        body = f"answer of /{name} to [{text}]"  # a Reply's text is plain; the payload escapes it
        buttons = actions([("more", f"/{name} {text} --page 2".replace("  ", " "))])
        return Reply(body, [section(escape(body)), buttons])

    return answer


# Direct commands Slack may register beside the main one (issue 14): /whois for /who.
DIRECT = {"who": "whois", "bases": "bases"}
MAIN = "news"


def _main(text: str, ctx: Context) -> Reply:
    word, _, rest = text.partition(" ")
    command = ctx.registry.get(word)
    return command.answer(rest, ctx) if command is not None else converse(text, ctx)


def registry() -> Registry:
    """The five commands of issue 3, answering `answer of /NAME to [TEXT]`, under the main command /news."""
    commands = Registry()
    for name in COMMANDS:
        commands.add(Command(name, f"/{name} TEXT", f"what /{name} does", _answer_for(name), DIRECT.get(name)))
    commands.set_main(Command(MAIN, f"/{MAIN} COMMAND", "the news commands", _main))
    return commands


def converse(text: str, ctx: Context) -> Reply:
    """Plain-language answers: `you asked [TEXT]` (plain text: the payload escapes it, as for every reply)."""
    return Reply(f"you asked [{text}]")


def home() -> HomeData:
    """Statistics and one article whose headline tries to ping everyone."""
    return {"articles": 2, "entities": 7}, [ArticleLine("<!channel> Big news", "Reuters", "01 Jan 2025", None)]


def load(app: App) -> Core:
    """The core the end-to-end tests serve, over the app's store."""
    commands, store = registry(), app.store
    return Core(
        registry=commands,
        context=lambda: Context(store=store, registry=commands),
        converse=converse,
        home=home,
        engine=store.engine,
        keep=lambda line: keep_line(store, line),
        recall=lambda value: recall_line(store, value),
    )
