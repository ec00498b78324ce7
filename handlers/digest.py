"""/digest: this channel's news digest — subscribe on a schedule, unsubscribe, status, or one right now."""

from __future__ import annotations

from bot.core.digest import run as digest_run
from bot.core.digest import subscriptions
from bot.core.digest.schedule import DEFAULT_SCHEDULE, ScheduleError, parse
from bot.core.permissions import channel_link, refusal
from bot.core.registry import Command, Context, Registry
from bot.core.render.answers import message_reply, plural
from bot.core.render.blockkit import Reply, context, header, section

USAGE = "/digest subscribe [daily HH:MM | weekly DAY HH:MM | every N hours] [TIMEZONE] | unsubscribe | status | now"
_EXAMPLES = "For example: /digest subscribe daily 08:00 Europe/Paris, /digest subscribe every 6 hours, /digest status"


def answer(text: str, ctx: Context) -> Reply:
    """Subscribe, unsubscribe, show the status of, or request a digest for the channel the command came from."""
    action, _, rest = text.strip().partition(" ")
    action = action.lower() or "status"
    if ctx.channel_id is None:
        return message_reply(
            "/digest works in a Slack channel.", hint="From a terminal: python -m bot digest --channel C123 [--dry-run]"
        )
    if action == "subscribe":
        return _subscribe(rest, ctx, ctx.channel_id)
    if action == "unsubscribe":
        return refusal(ctx, "stop a channel's digest") or _unsubscribe(ctx, ctx.channel_id)
    if action == "status":
        return _status(ctx, ctx.channel_id)
    if action == "now":
        return refusal(ctx, "post a digest") or _now(ctx, ctx.channel_id)
    return message_reply(f"I don't know “{action}”. Usage: {USAGE}", hint=_EXAMPLES)


def _subscribe(rest: str, ctx: Context, channel: str) -> Reply:
    refused = refusal(ctx, "subscribe a channel to digests")
    if refused:
        return refused
    try:
        schedule = parse(rest or DEFAULT_SCHEDULE)
    except ScheduleError as error:
        return message_reply(f"Not subscribed: {error}.", hint=_EXAMPLES)
    new = subscriptions.subscribe(ctx.store, channel, schedule, ctx.user_id, ctx.now)
    first = "The first digest holds the articles ingested from now on." if new else "Its place in the news is kept."
    text = (
        f"{'Subscribed' if new else 'Rescheduled'}: {channel_link(channel)} gets a news digest {schedule.describe()}."
    )
    return Reply(
        text=text, blocks=[section(text), context(f"{first} Nothing new, no digest. `/digest now` posts one.")]
    )


def _unsubscribe(ctx: Context, channel: str) -> Reply:
    if subscriptions.unsubscribe(ctx.store, channel):
        return message_reply("Unsubscribed: no more digests here.", hint="/digest subscribe starts them again.")
    return message_reply("This channel has no digest subscription.", hint=_EXAMPLES)


def _now(ctx: Context, channel: str) -> Reply:
    if not subscriptions.request_run(ctx.store, channel, ctx.now):
        return message_reply("This channel has no digest subscription yet.", hint=_EXAMPLES)
    waiting = subscriptions.waiting_articles(ctx.store, channel)
    if waiting == 0:
        return message_reply("Nothing new since the last digest, so there is nothing to post.")
    return message_reply(f"A digest of {plural(waiting, 'new article')} is on its way (within a few seconds).")


def _status(ctx: Context, channel: str) -> Reply:
    sub = subscriptions.get(ctx.store, channel)
    if sub is None:
        return message_reply("This channel has no digest subscription.", hint=_EXAMPLES)
    past = digest_run.history(ctx.store, channel)
    waiting = subscriptions.waiting_articles(ctx.store, channel)
    lines = [f"*Schedule:* {sub.schedule.describe()}" + (" (from the environment)" if sub.origin == "env" else "")]
    if sub.schedule.kind != "every":
        lines.append(f"*Next:* {sub.schedule.next_after(ctx.now).strftime('%a %-d %b %H:%M %Z')}")
    last = past.last_posted_at
    lines.append(f"*Last digest:* {last.strftime('%-d %b %Y %H:%M UTC')} ({plural(past.last_articles, 'article')})"
                 if last else "*Last digest:* none yet")  # fmt: skip
    lines.append(f"*Waiting for the next one:* {plural(waiting, 'article')}")
    if past.in_flight_since is not None:
        lines.append(f"_A digest is being posted (since {past.in_flight_since.strftime('%H:%M:%S UTC')})._")
    text = f"Digest for {channel_link(channel)}"
    return Reply(
        text=f"{text}: " + "; ".join(lines).replace("*", ""), blocks=[header("Digest"), section("\n".join(lines))]
    )


command = Command(
    name="digest",
    usage=USAGE,
    help="this channel's news digest: subscribe on a schedule, unsubscribe, status, or one now",
    answer=answer,
    direct="digest",
)


def register(registry: Registry) -> None:
    """Add /digest to a registry."""
    registry.add(command)
