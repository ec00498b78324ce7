"""Watch messages as Block Kit: the direct message of new articles naming watched names, and the list of watches."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.render.answers import article_line
from bot.core.render.blockkit import MAX_BLOCKS, Reply, clip, context, header, more_line, section, sections
from bot.core.store.alerts import Alert, Watch

# A direct message lists articles in as many sections as Slack's 50 blocks allow (hundreds of lines); only
# past that are the rest counted. Blocks kept for the header and the two context lines:
ALERT_FRAME_BLOCKS = 4


def alert_reply(found: Sequence[Alert]) -> Reply:
    """The one direct message of an ingestion run: every new article naming something the person watches."""
    watched = sorted({name for alert in found for name in alert.names})
    title = f"New on {', '.join(watched)}"
    lines = [f"• {article_line(a.article)} — _{clip(', '.join(a.names), 300)}_" for a in found]
    listed = sections(lines)[: MAX_BLOCKS - ALERT_FRAME_BLOCKS]
    shown = sum(block["text"]["text"].count("\n• ") + 1 for block in listed)
    blocks = [header(title), *listed]
    if len(found) > shown:
        blocks.append(context(more_line(len(found) - shown, "article") + ". `/search` finds them."))
    shown_found = found[:shown]
    blocks.append(context("You get this because you watch these names. `/watches` lists them; `/unwatch NAME` stops."))
    text = f"{title}: " + "; ".join(a.article.headline for a in shown_found)
    return Reply(text=text, blocks=blocks)


def list_reply(watches: Sequence[Watch]) -> Reply:
    """/watches: what the person watches."""
    if not watches:
        text = "You are not watching anything. `/watch NAME` sends you a direct message when new articles name it."
        return Reply(text=text, blocks=[section(text)])
    lines = [f"• *{clip(w.name, 120)}* — since {w.since.strftime('%-d %b %Y')}" for w in watches]
    blocks = [header("Your watches"), *sections(lines), context("`/unwatch NAME` stops one.")]
    return Reply(text="Your watches: " + ", ".join(w.name for w in watches), blocks=blocks)
