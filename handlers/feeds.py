"""/feeds [add URL | remove URL]: the RSS and Atom feeds the bot reads, with their last fetch and errors."""

from __future__ import annotations

from datetime import datetime

from bot.core.ingest import feeds
from bot.core.ingest.fetch import FetchError
from bot.core.ingest.links import url_in
from bot.core.permissions import refusal
from bot.core.registry import Command, Context, Registry, split_start
from bot.core.render.answers import HEADLINE_CHARS, message_reply, plural
from bot.core.render.blockkit import MAX_SECTION_TEXT, Reply, actions, clip, context, header, more_line, section

USAGE = "/feeds [add URL | remove URL]"
# Feeds listed in one reply: each is one section, and a message holds 50 blocks.
MAX_LISTED = 40
# A feed's last problem as its line shows it (escaped), when its address leaves room.
ERROR_CHARS = 500
# What a feed's line holds besides its address, title and problem: the markup and the status line (which says
# how many articles and when it was last fetched, under a hundred characters).
LINE_FRAME = 120


def answer(text: str, ctx: Context) -> Reply:
    """List the feeds, or add or remove one."""
    listing, start = split_start(text, MAX_LISTED)
    if listing.lower() in {"", "list"}:
        return _list(feeds.all_feeds(ctx.store), start)
    action, _, rest = text.strip().partition(" ")
    action = action.lower()
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


def _list(found: list[feeds.Feed], start: int = 0) -> Reply:
    """The feeds from number start+1 on, one whole section each; past MAX_LISTED, the rest are counted, with a
    button that lists exactly them."""
    if not found:
        text = "No feeds yet. `/feeds add URL` adds an RSS or Atom feed."
        return Reply(text=text, blocks=[section(text)])
    page = found[start : start + MAX_LISTED]
    if not page:
        return message_reply(f"The {plural(len(found), 'feed')} end before number {start + 1}: /feeds lists them.")
    blocks = [header("Feeds"), context(f"{plural(len(found), 'feed')}")]
    blocks += [section(_line(f)) for f in page]
    text = "Feeds: " + "; ".join(f"{f.url} ({_status(f)})" for f in page)
    rest = len(found) - start - len(page)
    if rest > 0:
        blocks += [
            context(more_line(rest, "feed")),
            actions([("More feeds", f"/feeds list --from {start + len(page) + 1}")]),
        ]
        text += f" {more_line(rest, 'feed')}"
    return Reply(text=text, blocks=blocks)


def _line(feed: feeds.Feed) -> str:
    """One feed, short enough for a section of its own: the address whole (`/feeds remove` needs it), then the
    title and the last problem cut to the room left."""
    address = clip(feed.url, MAX_SECTION_TEXT - LINE_FRAME)
    room = MAX_SECTION_TEXT - LINE_FRAME - len(address)
    title = clip(feed.title, min(HEADLINE_CHARS, room // 2)) if feed.title else ""
    line = f"*{title}* — {address}" if title else f"*{address}*"
    line += f"\n{plural(feed.articles, 'article')} · {_status(feed)}"
    if feed.last_error:
        line += f"\n:warning: {clip(feed.last_error, min(ERROR_CHARS, room - len(title)))}"
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
