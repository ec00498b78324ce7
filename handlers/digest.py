"""/digest: this channel's news digest — subscribe on a schedule, unsubscribe, status, or one right now."""

from __future__ import annotations

from bot.core.digest import run as digest_run
from bot.core.digest import subscriptions
from bot.core.digest.schedule import DEFAULT_SCHEDULE, ScheduleError, parse
from bot.core.messenger import explain
from bot.core.permissions import channel_link, refusal
from bot.core.registry import Command, Context, Registry
from bot.core.render.answers import message_reply, plural
from bot.core.render.blockkit import Reply, context, header, section

USAGE = (
    "/digest subscribe [daily HH:MM | weekly DAY HH:MM | every N hours] [TIMEZONE] [unthreaded] | unsubscribe | status"
    " | now"
)
# The word that asks for the whole digest in the channel rather than in the thread of one short message.
UNTHREADED = "unthreaded"
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
    words = rest.split()
    threaded = UNTHREADED not in [w.lower() for w in words]
    words = [w for w in words if w.lower() not in {UNTHREADED, "threaded"}]
    try:
        schedule = parse(" ".join(words) or DEFAULT_SCHEDULE)
    except ScheduleError as error:
        return message_reply(f"Not subscribed: {error}.", hint=_EXAMPLES)
    problem = ctx.reach(channel) if ctx.reach is not None else None
    if problem is not None:
        return message_reply(
            f"Not subscribed: I cannot post in this channel: {explain(problem)}.",
            hint="Add me with `/invite @newsbot` (or the channel's settings → Integrations), then subscribe again.",
        )
    new = subscriptions.subscribe(ctx.store, channel, schedule, ctx.user_id, ctx.now, threaded)
    first = "The first digest holds the articles ingested from now on." if new else "Its place in the news is kept."
    how = "one short message, the full digest in its thread" if threaded else "the full digest in the channel"
    said = f"{'Subscribed' if new else 'Rescheduled'}: this channel gets a news digest {schedule.describe()} ({how})."
    shown = said.replace("this channel", channel_link(channel), 1)
    return Reply(
        text=said, blocks=[section(shown), context(f"{first} Nothing new, no digest. `/digest now` posts one.")]
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
    if sub.paused_reason and sub.paused_at is not None:
        when = sub.paused_at.strftime("%-d %b %Y %H:%M UTC")
        lines.append(f"*Paused* since {when}: {explain(sub.paused_reason)} (`{sub.paused_reason}`). "
                     "`/digest subscribe` resumes it.")  # fmt: skip
    if sub.schedule.kind != "every":
        lines.append(f"*Next:* {sub.schedule.next_after(ctx.now).strftime('%a %-d %b %H:%M %Z')}")
    last = past.last_posted_at
    lines.append(f"*Last digest:* {last.strftime('%-d %b %Y %H:%M UTC')} ({plural(past.last_articles, 'article')})"
                 if last else "*Last digest:* none yet")  # fmt: skip
    lines.append(f"*Waiting for the next one:* {plural(waiting, 'article')}")
    if past.in_flight_since is not None:
        lines.append(f"_A digest is being posted (since {past.in_flight_since.strftime('%H:%M:%S UTC')})._")
    lines.append("*Posted as:* " + ("one short message, the full digest in its thread" if sub.threaded else
                                    "the full digest in the channel"))  # fmt: skip
    # The fallback text is plain: a channel link there would show as its escaped markup.
    return Reply(
        text="Digest for this channel: " + "; ".join(lines).replace("*", ""),
        blocks=[header("Digest"), section("\n".join([f"Digest for {channel_link(channel)}", *lines]))],
    )


command = Command(
    name="digest",
    usage=USAGE,
    help="this channel's news digest: subscribe on a schedule, unsubscribe, status, or one now",
    answer=answer,
    direct="digest",
    slow=True,
)


def register(registry: Registry) -> None:
    """Add /digest to a registry."""
    registry.add(command)
