"""/watch NAME: get a direct message when new articles name a person, place, organisation or base."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core import query
from bot.core.alerts import watches
from bot.core.registry import Command, Context, Registry
from bot.core.render.answers import TYPE_LABELS, message_reply, plural
from bot.core.render.blockkit import Reply, actions, bullets, context, escape, section
from bot.core.store.records import EntityRow


def answer(text: str, ctx: Context) -> Reply:
    """Watch the entity NAME resolves to, or ask which one is meant."""
    name = text.strip()
    if ctx.user_id is None:
        return message_reply("/watch works in Slack: alerts come as direct messages.")
    if not name:
        return message_reply("Whom or what should I watch? Usage: /watch NAME", hint="For example: /watch Lavrov")
    found = query.lookup(ctx.store, name)
    if found.entity is None:
        return _which(name, found.choices or found.suggestions, exact=bool(found.choices) and not found.fuzzy)
    if len(watches.of(ctx.store, ctx.user_id)) >= watches.MAX_WATCHES:
        return message_reply(f"You already watch {watches.MAX_WATCHES} names; `/unwatch` one first.")
    entity = found.entity
    if not watches.add(ctx.store, ctx.user_id, entity, ctx.now):
        return message_reply(f"You already watch {entity.name}.", hint="/watches lists what you watch.")
    kind = TYPE_LABELS[entity.type].lower()
    count = plural(entity.article_count, "article")
    hint = "You get one direct message per ingestion run listing new articles that name it. /unwatch stops."
    text = f"Watching {entity.name} ({kind}, {count} so far)."
    return Reply(
        text=text, blocks=[section(f"Watching *{escape(entity.name)}* ({kind}, {count} so far)."), context(hint)]
    )


def _which(name: str, candidates: Sequence[EntityRow], exact: bool) -> Reply:
    if not candidates:
        text = f"Not found: nothing called “{name}” in the corpus, so there is nothing to watch yet."
        return message_reply(text, hint="Names come from the articles; try /search to look through their text.")
    intro = "Several match" if exact else "No exact match"
    lines = [f"*{escape(e.name)}* — {TYPE_LABELS[e.type].lower()}, {plural(e.article_count, 'article')}"
             for e in candidates]  # fmt: skip
    blocks = [
        section(f"{intro} for “{escape(name)}”. Which one should I watch?\n" + bullets(lines)),
        actions([(f"Watch {e.name}", f"/watch {e.name}") for e in candidates]),
    ]
    return Reply(text=f"Did you mean: {', '.join(e.name for e in candidates)}?", blocks=blocks)


command = Command(
    name="watch",
    usage="/watch NAME",
    help="get a direct message when new articles name this person, place, organisation or base",
    answer=answer,
)


def register(registry: Registry) -> None:
    """Add /watch to a registry."""
    registry.add(command)
