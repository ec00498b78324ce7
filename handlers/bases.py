"""/bases [FILTER]: the military installations in the corpus, with operator, location and context."""

from __future__ import annotations

import math

from bot.core import query
from bot.core.registry import Command, Context, Registry, split_page
from bot.core.render import answers as render
from bot.core.render.blockkit import Reply

BASES_PER_PAGE = 10


def answer(text: str, ctx: Context) -> Reply:
    """Every installation once; a filter narrows by operator, country or name; one match shows its detail."""
    wanted, page = split_page(text)
    items = query.installations(ctx.store, wanted)
    if not items:
        return (
            render.no_bases_reply(wanted, query.installations(ctx.store))
            if wanted
            else render.message_reply("No military installations are named in the corpus yet.")
        )
    if wanted and len(items) == 1:
        profile = query.profile(ctx.store, items[0].entity, articles=5)
        return render.profile_reply(profile)
    last = math.ceil(len(items) / BASES_PER_PAGE)
    if page > last:  # typed, or the button of a list that has since shrunk
        return render.message_reply(
            f"The {render.plural(len(items), 'installation')}{f' matching “{wanted}”' if wanted else ''} end on "
            f"page {last}.",
            hint=f"/bases {wanted} --page {last}".replace("  ", " "),
        )
    return render.bases_reply(items, wanted, page, BASES_PER_PAGE)


command = Command(
    name="bases",
    usage="/bases [OPERATOR | COUNTRY | NAME]",
    help="military installations in the news, with operator, location and context",
    answer=answer,
    direct="bases",
)


def register(registry: Registry) -> None:
    """Add /bases to a registry."""
    registry.add(command)
