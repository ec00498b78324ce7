"""Watch messages as Block Kit: the direct message of new articles naming watched names, and the list of watches."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.render.answers import article_line, plural
from bot.core.render.blockkit import Reply, bullets, context, escape, header, section
from bot.core.store.alerts import Alert, Watch

# A direct message lists at most this many articles; the rest are counted. One section stays under 3,000
# characters with lines of ~150.
MAX_ALERT_ARTICLES = 15


def alert_reply(found: Sequence[Alert]) -> Reply:
    """The one direct message of an ingestion run: every new article naming something the person watches."""
    watched = sorted({name for alert in found for name in alert.names})
    title = f"New on {', '.join(watched)}"
    shown = found[:MAX_ALERT_ARTICLES]
    lines = [f"{article_line(a.article)} — _{escape(', '.join(a.names))}_" for a in shown]
    blocks = [header(title), section(bullets(lines))]
    if len(found) > len(shown):
        blocks.append(context(f"…and {plural(len(found) - len(shown), 'more article')}. Try `/search` to see them."))
    blocks.append(context("You get this because you watch these names. `/watches` lists them; `/unwatch NAME` stops."))
    text = f"{title}: " + "; ".join(a.article.headline for a in shown)
    return Reply(text=text, blocks=blocks)


def list_reply(watches: Sequence[Watch]) -> Reply:
    """/watches: what the person watches."""
    if not watches:
        text = "You are not watching anything. `/watch NAME` sends you a direct message when new articles name it."
        return Reply(text=text, blocks=[section(text)])
    lines = [f"*{escape(w.name)}* — since {w.since.strftime('%-d %b %Y')}" for w in watches]
    blocks = [header("Your watches"), section(bullets(lines)), context("`/unwatch NAME` stops one.")]
    return Reply(text="Your watches: " + ", ".join(w.name for w in watches), blocks=blocks)
