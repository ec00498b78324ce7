"""/unwatch NAME: stop the direct messages about a watched name."""

from __future__ import annotations

from bot.core.alerts import watches
from bot.core.registry import Command, Context, Registry
from bot.core.render.answers import message_reply
from bot.core.render.blockkit import Reply


def answer(text: str, ctx: Context) -> Reply:
    """Remove the asker's watch on NAME (matched like /who: case, accents and spelling variants ignored)."""
    name = text.strip()
    if ctx.user_id is None:
        return message_reply("/unwatch works in Slack.")
    if not name:
        return message_reply("Which name should I stop watching? Usage: /unwatch NAME", hint="/watches lists them.")
    mine = watches.of(ctx.store, ctx.user_id)
    watch = watches.find(mine, name)
    if watch is None:
        listed = ", ".join(w.name for w in mine) or "nothing"
        return message_reply(f"You are not watching “{name}”.", hint=f"You watch: {listed}.")
    watches.remove(ctx.store, ctx.user_id, watch)
    return message_reply(f"Stopped watching {watch.name}.")


command = Command(name="unwatch", usage="/unwatch NAME", help="stop watching a name", answer=answer)


def register(registry: Registry) -> None:
    """Add /unwatch to a registry."""
    registry.add(command)
