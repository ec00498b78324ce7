"""Who may change shared things (channel subscriptions, feeds, the corpus): ADMIN_USER_IDS, everyone when unset."""

from __future__ import annotations

from bot.core.registry import Context
from bot.core.render.blockkit import Reply, context, section


def refusal(ctx: Context, action: str) -> Reply | None:
    """None when the asker may do `action`; otherwise a clear refusal saying who can."""
    if ctx.may_administer():
        return None
    text = f"Sorry, only the bot's administrators can {action}."
    hint = "Ask one of them, or an admin can add you to ADMIN_USER_IDS."
    return Reply(text=text, blocks=[section(text), context(hint)])


def channel_link(channel_id: str) -> str:
    """A channel as mrkdwn (`<#C123>` shows its name and pings no one)."""
    safe = "".join(ch for ch in channel_id if ch.isalnum())
    return f"<#{safe}>"
