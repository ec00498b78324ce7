"""/watches: the names you watch."""

from __future__ import annotations

from bot.core.alerts import render, watches
from bot.core.registry import Command, Context, Registry
from bot.core.render.answers import message_reply
from bot.core.render.blockkit import Reply


def answer(text: str, ctx: Context) -> Reply:
    """The asker's watches, oldest first."""
    if ctx.user_id is None:
        return message_reply("/watches works in Slack.")
    return render.list_reply(watches.of(ctx.store, ctx.user_id))


command = Command(name="watches", usage="/watches", help="the names you watch", answer=answer)


def register(registry: Registry) -> None:
    """Add /watches to a registry."""
    registry.add(command)
