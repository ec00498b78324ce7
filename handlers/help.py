"""/help: every command with its usage, generated from the registry."""

from __future__ import annotations

from bot.core.registry import Command, Context, Registry
from bot.core.render.blockkit import Block, Reply, bullets, context, header, section

EXAMPLES = ("who is Peskov?", "which bases does Russia have?", "news about Aleppo")


def help_blocks(registry: Registry, prefix: str = "/") -> list[Block]:
    """The command list as blocks, each typed as it is where `prefix` starts a command (also used by App Home)."""
    lines = [f"`{c.typed(prefix)}` — {c.help}" for c in registry]
    examples = ", ".join(f"“{e}”" for e in EXAMPLES)
    blocks = [
        header("What I can do"),
        section(bullets(lines)),
        context(f"Or just ask me in a direct message or a mention: {examples}"),
    ]
    direct = [f"`/{c.direct}`" for c in registry.direct()]
    if prefix != "/" and direct:
        blocks.append(context(f"Also typed on their own: {', '.join(direct)} (where this workspace has them)."))
    return blocks


def answer(text: str, ctx: Context) -> Reply:
    """The generated help."""
    plain = "\n".join(f"{c.typed(ctx.prefix)} - {c.help}" for c in ctx.registry)
    return Reply(text=f"Commands:\n{plain}", blocks=help_blocks(ctx.registry, ctx.prefix))


command = Command(name="help", usage="/help", help="this list of commands", answer=answer)


def register(registry: Registry) -> None:
    """Add /help to a registry."""
    registry.add(command)
