"""/help: generated from the registry it is given, in registration order, never from a list of its own."""

from __future__ import annotations

from bot.core.registry import Command, Context, Registry
from bot.core.render.blockkit import Reply
from bot.core.store import Store
from handlers import build_registry, help
from tests.handlers.support import kinds, texts

EXAMPLES = (
    "Or just ask me in a direct message or a mention: “who is Peskov?”, “which bases does Russia have?”, "
    "“news about Aleppo”"
)


def _echo(text: str, ctx: Context) -> Reply:
    """A command that is in no handler module: if /help lists it, /help reads the registry."""
    return Reply(f"echo [{text}]")


def test_every_registered_command_is_listed_with_its_usage_and_help_in_order(corpus: Context) -> None:
    registry = build_registry()

    reply = help.answer("", corpus)

    assert kinds(reply) == ["header", "section", "context"]
    assert texts(reply)[0] == "What I can do"
    assert texts(reply)[1].split("\n") == [f"• `{c.usage}` — {c.help}" for c in registry]
    assert texts(reply)[2] == EXAMPLES
    assert reply.text.split("\n") == ["Commands:", *(f"{c.usage} - {c.help}" for c in registry)]
    assert len(registry) == len(texts(reply)[1].split("\n")) > 1


def test_the_list_comes_from_the_registry_in_the_context(store: Store) -> None:
    registry = Registry()
    registry.add(Command("echo", "/echo TEXT", "repeat the text", _echo))
    help.register(registry)

    reply = help.answer("", Context(store=store, registry=registry))

    assert reply.text == "Commands:\n/echo TEXT - repeat the text\n/help - this list of commands"
    assert texts(reply)[1] == "• `/echo TEXT` — repeat the text\n• `/help` — this list of commands"


def test_words_after_help_do_not_change_it(corpus: Context) -> None:
    assert help.answer("who", corpus) == help.answer("", corpus)


def test_app_home_shows_the_same_blocks(corpus: Context) -> None:
    assert help.help_blocks(corpus.registry) == help.answer("", corpus).blocks
