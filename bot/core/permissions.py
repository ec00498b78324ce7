"""Who may change shared things (channel subscriptions, feeds, the corpus): never guests or people from another
organisation; the people ADMIN_USER_IDS lists, or without it the workspace's admins and owners (everyone in the
console)."""

from __future__ import annotations

from bot.core import roles
from bot.core.registry import Context
from bot.core.render.blockkit import Reply, context, section


def refusal(ctx: Context, action: str) -> Reply | None:
    """None when the asker may do `action`; otherwise a clear refusal saying who can."""
    if ctx.may_administer():
        return None
    role = ctx.asker_role()
    if role in roles.NEVER:
        who = "guests" if role == roles.GUEST else "people from another organisation"
        text = f"Sorry, {who} cannot {action}: only this workspace's own members can, and only its admins."
        hint = "Ask an admin or owner of this workspace."
    elif ctx.admins or ctx.role is None:
        text = f"Sorry, only the bot's administrators can {action}."
        hint = "Ask one of them, or an admin can add you to ADMIN_USER_IDS."
    else:
        text = f"Sorry, only this workspace's admins and owners can {action}."
        hint = "Ask one of them, or the bot's operator can name who may in ADMIN_USER_IDS."
    return Reply(text=text, blocks=[section(text), context(hint)])


def channel_link(channel_id: str) -> str:
    """A channel as mrkdwn (`<#C123>` shows its name and pings no one)."""
    safe = "".join(ch for ch in channel_id if ch.isalnum())
    return f"<#{safe}>"
