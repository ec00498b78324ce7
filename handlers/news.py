"""/news COMMAND …: the one command an install registers in Slack (SLACK_COMMAND), taking every other as its first
word (`/news who Lavrov`, `/news digest status`); anything else is answered as a plain-language question."""

from __future__ import annotations

from bot.core.registry import DEFAULT_MAIN, Command, Context, Registry
from bot.core.render.blockkit import Reply
from handlers import help, message


def answer(text: str, ctx: Context) -> Reply:
    """Run the sub-command named by the first word; no word gets the help, other words a plain-language answer."""
    word, _, rest = text.strip().partition(" ")
    if not word:
        return help.answer("", ctx)
    command = ctx.registry.get(word)
    if command is None or command is ctx.registry.main:
        return message.answer(text, ctx)
    # "who is Lavrov?" reads as a question about Lavrov, "bases Russia" as the command and its argument.
    routed = message.route(text)
    if routed is not None and ctx.registry.get(routed[0]) is command and routed[1]:
        return command.answer(routed[1], ctx)
    return command.answer(rest.strip(), ctx)


def command(name: str = DEFAULT_MAIN) -> Command:
    """The main command under `name` (without its slash)."""
    return Command(
        name=name,
        usage=f"/{name} COMMAND [ARGUMENTS]",
        help="news intelligence from the corpus: who is who, which bases, search, digests, watches",
        answer=answer,
    )


def register(registry: Registry, name: str = DEFAULT_MAIN) -> None:
    """Make /`name` the registry's main command."""
    registry.set_main(command(name))
