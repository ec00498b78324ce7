"""/who NAME: who a person, place, organisation or installation is, from the corpus."""

from __future__ import annotations

import re

from bot.core import query
from bot.core.models import EntityType
from bot.core.registry import Command, Context, Registry, split_start
from bot.core.render import answers as render
from bot.core.render.blockkit import Reply
from bot.core.store.records import EntityRow

ARTICLES_PER_PAGE = 5


def answer(text: str, ctx: Context) -> Reply:
    """The profile of the best match for NAME, a "did you mean" list, or a clear not-found."""
    name, start = split_start(text, ARTICLES_PER_PAGE)
    if not name:
        return render.message_reply("Whom should I look up? Usage: /who NAME", hint="For example: /who Lavrov")
    found = query.lookup(ctx.store, name)
    # "the UN envoy for Syria" names a role, not an entity: the stored titles answer it, unless a name matches.
    holder = query.role_holder(ctx.store, name) if query.names_a_role(name) and not _exact(found) else None
    if holder is not None:
        profile = query.profile(ctx.store, holder.entity, ARTICLES_PER_PAGE, start)
        stated = render.article_day(holder.said.article)
        note = f"“{name}”: {holder.entity.name}, called “{holder.said.text}” in the corpus ({stated})."
        return render.profile_reply(profile, note, start)
    if holder is None and found.entity is None and (base := _installation_asked_of(ctx, name)) is not None:
        # "who runs Hmeimim?": a base has no head in the articles, but its profile says who keeps it
        profile = query.profile(ctx.store, base, ARTICLES_PER_PAGE, start)
        note = f"“{name}”: {base.name} is a military installation; who keeps it is its operator."
        return render.profile_reply(profile, note, start)
    if found.entity is not None:
        profile = query.profile(ctx.store, found.entity, ARTICLES_PER_PAGE, start)
        note = f"Closest match for “{name}”." if found.fuzzy else ""
        return render.profile_reply(profile, note, start)
    if found.choices:
        return render.choices_reply(name, found.choices, exact=not found.fuzzy)
    return render.not_found_reply(name, found.suggestions)


_ROLE_OF = re.compile(r"^(?:the\s+)?\w+\s+of\s+(?:the\s+)?(.+)$", re.I)


def _installation_asked_of(ctx: Context, role: str) -> EntityRow | None:
    """The installation a role is asked of ("head of Hmeimim"), when the name after "of" is exactly one."""
    if not query.names_a_role(role) or (match := _ROLE_OF.match(role)) is None:
        return None
    found = query.lookup(ctx.store, match.group(1))
    entity = found.entity
    return entity if entity is not None and not found.fuzzy and entity.type is EntityType.INSTALLATION else None


def _exact(found: query.Lookup) -> bool:
    return found.entity is not None and not found.fuzzy


command = Command(
    name="who",
    usage="/who NAME",
    help="who a person, place, organisation or military base is: roles, articles, quotes, company",
    answer=answer,
    direct="whois",
)


def register(registry: Registry) -> None:
    """Add /who to a registry."""
    registry.add(command)
