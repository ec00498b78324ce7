"""/feeds [add URL | remove URL]: the RSS and Atom feeds the bot reads, with their last fetch and errors."""

from __future__ import annotations

from datetime import datetime

from bot.core.ingest import feeds
from bot.core.ingest.fetch import FetchError
from bot.core.ingest.links import url_in
from bot.core.permissions import refusal
from bot.core.registry import Command, Context, Registry
from bot.core.render.answers import message_reply, plural
from bot.core.render.blockkit import Reply, context, escape, header, more_line, section, truncate

USAGE = "/feeds [add URL | remove URL]"
# Feeds listed in one reply: each is one section, and a message holds 50 blocks.
MAX_LISTED = 40


def answer(text: str, ctx: Context) -> Reply:
    """List the feeds, or add or remove one."""
    action, _, rest = text.strip().partition(" ")
    action = action.lower()
    if not action or action == "list":
        return _list(feeds.all_feeds(ctx.store))
    if action in {"add", "remove"}:
        refused = refusal(ctx, f"{action} feeds")
        if refused:
            return refused
        url = url_in(rest)
        if not url:
            return message_reply(f"Which feed? Usage: /feeds {action} URL")
        return _add(ctx, url) if action == "add" else _remove(ctx, url)
    return message_reply(
        f"I don't know “{action}”. Usage: {USAGE}", hint="For example: /feeds add https://example.com/rss"
    )


def _add(ctx: Context, url: str) -> Reply:
    try:
        added = feeds.add(ctx.store, url, ctx.user_id, ctx.now)
    except FetchError as error:
        return message_reply(f"Not added: {error}.")
    if not added:
        return message_reply(f"I already read {url}.", hint="/feeds shows how its last fetch went.")
    return message_reply(f"Added {url}. I fetch it within a minute, then regularly.", hint="/feeds shows how it went.")


def _remove(ctx: Context, url: str) -> Reply:
    if feeds.remove(ctx.store, url):
        return message_reply(f"Removed {url}. Its articles stay in the corpus.")
    if any(f.url == url for f in feeds.all_feeds(ctx.store)):  # listed, not this workspace's: the operator's
        return message_reply(
            f"{url} was added from the command line for every workspace: only there can it be removed."
        )
    return message_reply(f"I don't read {url}.", hint="/feeds lists the feeds I read.")


def _list(found: list[feeds.Feed]) -> Reply:
    if not found:
        text = "No feeds yet. `/feeds add URL` adds an RSS or Atom feed."
        return Reply(text=text, blocks=[section(text)])
    blocks = [header("Feeds"), context(f"{plural(len(found), 'feed')}")]
    blocks += [section(_line(f)) for f in found[:MAX_LISTED]]
    text = "Feeds: " + "; ".join(f"{f.url} ({_status(f)})" for f in found[:MAX_LISTED])
    if len(found) > MAX_LISTED:
        blocks.append(context(more_line(len(found) - MAX_LISTED, "feed")))
        text += f" {more_line(len(found) - MAX_LISTED, 'feed')}"
    return Reply(text=text, blocks=blocks)


def _line(feed: feeds.Feed) -> str:
    name = f"*{escape(feed.title)}* — {escape(feed.url)}" if feed.title else f"*{escape(feed.url)}*"
    line = f"{name}\n{plural(feed.articles, 'article')} · {_status(feed)}"
    if feed.last_error:
        line += f"\n:warning: {escape(truncate(feed.last_error, 500))}"
    return line


def _status(feed: feeds.Feed) -> str:
    if feed.last_fetch_at is None:
        return "not fetched yet"
    ok = feed.last_ok_at is not None and feed.last_ok_at >= feed.last_fetch_at
    return f"last fetched {_when(feed.last_fetch_at)}" + ("" if ok else " (failed)")


def _when(moment: datetime) -> str:
    return moment.strftime("%-d %b %H:%M UTC")


command = Command(
    name="feeds",
    usage=USAGE,
    help="the RSS and Atom feeds I read, with their last fetch and errors; add or remove one",
    answer=answer,
    slow=True,
)


def register(registry: Registry) -> None:
    """Add /feeds to a registry."""
    registry.add(command)
