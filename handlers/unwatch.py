"""/unwatch NAME: stop the direct messages about a watched name."""

from __future__ import annotations

from bot.core import query
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
    watch = watches.find(mine, name) or _as_watch_resolved(ctx, mine, name)
    if watch is None:
        listed = ", ".join(w.name for w in mine) or "nothing"
        return message_reply(f"You are not watching “{name}”.", hint=f"You watch: {listed}.")
    watches.remove(ctx.store, ctx.user_id, watch)
    return message_reply(f"Stopped watching {watch.name}.")


def _as_watch_resolved(ctx: Context, mine: list[watches.Watch], name: str) -> watches.Watch | None:
    """The watch on what /watch made of `name` ("Tartus" started a watch on "Tartus naval base"): the text that
    started a watch always stops it."""
    found = query.lookup(ctx.store, name)
    return watches.find(mine, found.entity.name) if found.entity is not None and not found.fuzzy else None


command = Command(name="unwatch", usage="/unwatch NAME", help="stop watching a name", answer=answer)


def register(registry: Registry) -> None:
    """Add /unwatch to a registry."""
    registry.add(command)
