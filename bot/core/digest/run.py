"""Running one channel's digest exactly once, whatever crashes on the way.

1. Claim (one transaction): the articles after the channel's cursor become a digest row in state "posting",
   with a lease. One digest per channel is in flight at a time (a unique column), whichever process runs it.
2. Post each part, its message metadata carrying the digest id and part number; the lease is renewed first.
3. Record (one transaction): the digest becomes "posted" and the channel's cursor moves past its articles.

A crash before 3 leaves the row "posting". Once its lease has run out, the next run takes it over, reads the
channel back for messages carrying its id, and posts only the parts that are missing before recording it. So
no article is lost (the cursor only moves in 3) and no part is posted twice (posted parts are found again).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.digest import stories, subscriptions
from bot.core.digest.render import empty_note, failure_note, render, summary
from bot.core.messenger import DeliveryFailed, Messenger, Metadata
from bot.core.render.blockkit import Reply
from bot.core.store import Store, digests

# Names imported "as" themselves are re-exported: callers import them from here.
from bot.core.store.digests import Claim as Claim
from bot.core.store.digests import History as History

EVENT_TYPE = "newsbot_digest"
# Longer than posting the largest digest can take (a dozen messages at one a second, plus Retry-After waits),
# so a live run never loses its claim; a crashed run's digest is finished by the next run after this.
DEFAULT_LEASE = timedelta(minutes=5)
# Articles in one digest; more wait for the next one. Beyond this a digest is no longer read.
MAX_ARTICLES = 150


class LostClaim(RuntimeError):
    """Another run took the digest over (this run outlived its lease); stop before posting twice."""


@dataclass(frozen=True)
class Outcome:
    """What a digest run did."""

    status: str  # posted | resumed | nothing | noted | busy | unsubscribed | paused
    digest_id: str | None = None
    articles: int = 0
    parts: int = 0
    posted: int = 0
    reason: str | None = None  # why a paused subscription is paused (Slack's error)

    def __str__(self) -> str:
        if self.status in {"posted", "resumed"}:
            sent = f"{self.posted} of {self.parts} parts sent"
            return f"{self.status} digest {self.digest_id}: {self.articles} articles, {sent}"
        if self.status == "paused":
            return f"paused: Slack refused the digest ({self.reason}); /digest subscribe in the channel resumes it"
        return self.status


def metadata(digest_id: str, part: int, parts: int) -> Metadata:
    """The message metadata that identifies a digest part when the channel is read back."""
    return {"event_type": EVENT_TYPE, "event_payload": {"digest_id": digest_id, "part": part, "parts": parts}}


def run(
    store: Store,
    poster: Messenger,
    channel: str,
    now: Callable[[], datetime],
    lease: timedelta = DEFAULT_LEASE,
    note_when_empty: bool = False,
) -> Outcome:
    """Post the channel's digest of everything since its previous one, exactly once. When Slack refuses it for
    good (the bot is not in the channel, ...), the subscription is paused, its creator told once, and the digest
    given up so that nothing stays "busy"; other failures leave it to be resumed by the next run."""
    sub = subscriptions.get(store, channel)
    if sub is not None and sub.paused_reason:
        return Outcome("paused", reason=sub.paused_reason)
    claimed = claim(store, channel, now(), lease)
    if isinstance(claimed, Outcome):
        if claimed.status == "nothing" and note_when_empty:
            return _note(store, poster, channel, now)
        return claimed
    threaded = sub.threaded if sub is not None else False
    pages = build(store, claimed.after_id, claimed.upto_id, threaded)
    try:
        return _post(store, poster, claimed, pages, threaded, now, lease)
    except DeliveryFailed as failed:
        if not failed.permanent:
            raise
        digests.abandon(store, claimed)
        return pause(store, poster, channel, failed.code, now())


def _note(store: Store, poster: Messenger, channel: str, now: Callable[[], datetime]) -> Outcome:
    try:
        poster.post(channel, empty_note(), None)
    except DeliveryFailed as failed:
        if not failed.permanent:
            raise
        return pause(store, poster, channel, failed.code, now())
    return Outcome("noted")


def _post(
    store: Store,
    poster: Messenger,
    claimed: Claim,
    pages: list[Reply],
    threaded: bool,
    now: Callable[[], datetime],
    lease: timedelta,
) -> Outcome:
    """Post the parts not yet in the channel: the first in the channel, the others in its thread when threaded."""
    channel = claimed.channel_id
    known = digests.thread_of(store, claimed.digest_id) if claimed.resumed else None
    done = poster.posted_parts(channel, claimed.digest_id, claimed.created_at, known) if claimed.resumed else {}
    thread_ts = done.get(1) if threaded else None
    first_ts, sent = done.get(1), 0
    for number, page in enumerate(pages, start=1):
        if number in done:
            continue
        renew(store, claimed, now() + lease)
        ts = poster.post(channel, page, metadata(claimed.digest_id, number, len(pages)), thread_ts)
        if number == 1 and threaded:
            thread_ts = ts
            digests.record_thread(store, claimed, ts)
        first_ts, sent = first_ts or ts, sent + 1
    finish(store, claimed, len(pages), first_ts, now())
    status = "resumed" if claimed.resumed else "posted"
    return Outcome(status, claimed.digest_id, claimed.articles, len(pages), sent)


def pause(store: Store, poster: Messenger, channel: str, reason: str, now: datetime) -> Outcome:
    """Pause the channel's digests for `reason` and, the first time, tell the person who subscribed it."""
    if subscriptions.pause(store, channel, reason, now):
        sub = subscriptions.get(store, channel)
        if sub is not None and sub.created_by:
            # Nobody to tell when their account is gone too: /digest status still says why.
            with contextlib.suppress(DeliveryFailed):
                poster.direct_message(sub.created_by, failure_note(channel, reason))
    return Outcome("paused", reason=reason)


def build(store: Store, after_id: int, upto_id: int, threaded: bool = False) -> list[Reply]:
    """The messages of the digest covering articles (after_id, upto_id]; the same every time it is built. Threaded:
    a short summary first, whose thread gets the rest."""
    articles = stories.load(store, after_id, upto_id)
    if not articles:
        return []
    grouped = stories.group(articles)
    pages = render(grouped, articles)
    return [summary(grouped, articles), *pages] if threaded else pages


def preview(store: Store, channel: str) -> list[Reply]:
    """The messages the channel's next digest would post, changing nothing (for --dry-run)."""
    upcoming = digests.next_range(store, channel, MAX_ARTICLES)
    sub = subscriptions.get(store, channel)
    return build(store, *upcoming, threaded=sub is not None and sub.threaded) if upcoming else []


def claim(store: Store, channel: str, now: datetime, lease: timedelta) -> Claim | Outcome:
    """Take the channel's unfinished digest whose lease ran out, or start a new one with what is new."""
    claimed = digests.claim(store, channel, now, now + lease, MAX_ARTICLES)
    return Outcome(claimed.status, claimed.digest_id) if isinstance(claimed, digests.Refused) else claimed


def renew(store: Store, claimed: Claim, until: datetime) -> None:
    """Extend the claim before posting a part; raise LostClaim if another run has taken the digest."""
    if not digests.renew(store, claimed, until):
        raise LostClaim(f"digest {claimed.digest_id} was taken over by another run")


def finish(store: Store, claimed: Claim, parts: int, first_ts: str | None, now: datetime) -> None:
    """Record the digest as posted and move the channel's cursor past it, in one transaction."""
    if not digests.finish(store, claimed, parts, first_ts, now):
        raise LostClaim(f"digest {claimed.digest_id} was taken over by another run")


def history(store: Store, channel: str) -> History:
    """When the channel last got a digest, and whether one is being posted."""
    return digests.history(store, channel)
