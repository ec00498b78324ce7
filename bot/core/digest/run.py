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

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, insert, select, update

from bot.core.digest import stories as digest
from bot.core.digest.render import empty_note, render
from bot.core.messenger import Metadata, Poster
from bot.core.render.blockkit import Reply
from bot.core.store import Store
from bot.core.store import schema as s
from bot.core.store import state as t
from bot.core.store.reader import utc

EVENT_TYPE = "newsbot_digest"
# Longer than posting the largest digest can take (a dozen messages at one a second, plus Retry-After waits),
# so a live run never loses its claim; a crashed run's digest is finished by the next run after this.
DEFAULT_LEASE = timedelta(minutes=5)
# Articles in one digest; more wait for the next one. Beyond this a digest is no longer read.
MAX_ARTICLES = 150

POSTING, POSTED = "posting", "posted"


class LostClaim(RuntimeError):
    """Another run took the digest over (this run outlived its lease); stop before posting twice."""


@dataclass(frozen=True)
class Outcome:
    """What a digest run did."""

    status: str  # posted | resumed | nothing | noted | busy | unsubscribed
    digest_id: str | None = None
    articles: int = 0
    parts: int = 0
    posted: int = 0

    def __str__(self) -> str:
        if self.status in {"posted", "resumed"}:
            sent = f"{self.posted} of {self.parts} parts sent"
            return f"{self.status} digest {self.digest_id}: {self.articles} articles, {sent}"
        return self.status


@dataclass(frozen=True)
class Claim:
    """A digest this run may post: the article range, its lease token, and whether an earlier run began it."""

    digest_id: str
    channel_id: str
    after_id: int
    upto_id: int
    token: str
    created_at: datetime
    articles: int
    resumed: bool


def metadata(digest_id: str, part: int, parts: int) -> Metadata:
    """The message metadata that identifies a digest part when the channel is read back."""
    return {"event_type": EVENT_TYPE, "event_payload": {"digest_id": digest_id, "part": part, "parts": parts}}


def run(
    store: Store,
    poster: Poster,
    channel: str,
    now: Callable[[], datetime],
    lease: timedelta = DEFAULT_LEASE,
    note_when_empty: bool = False,
) -> Outcome:
    """Post the channel's digest of everything since its previous one, exactly once."""
    claimed = claim(store, channel, now(), lease)
    if isinstance(claimed, Outcome):
        if claimed.status == "nothing" and note_when_empty:
            poster.post(channel, empty_note(), None)
            return Outcome("noted")
        return claimed
    pages = build(store, claimed.after_id, claimed.upto_id)
    done = poster.posted_parts(channel, claimed.digest_id, claimed.created_at) if claimed.resumed else set()
    first_ts, sent = None, 0
    for number, page in enumerate(pages, start=1):
        if number in done:
            continue
        renew(store, claimed, now() + lease)
        ts = poster.post(channel, page, metadata(claimed.digest_id, number, len(pages)))
        first_ts, sent = first_ts or ts, sent + 1
    finish(store, claimed, len(pages), first_ts, now())
    status = "resumed" if claimed.resumed else "posted"
    return Outcome(status, claimed.digest_id, claimed.articles, len(pages), sent)


def build(store: Store, after_id: int, upto_id: int) -> list[Reply]:
    """The messages of the digest covering articles (after_id, upto_id]; the same every time it is built."""
    articles = digest.load(store, after_id, upto_id)
    return render(digest.group(articles), articles) if articles else []


def _next_ids(conn: Connection, cursor: int) -> list[int]:
    a = s.articles.c
    return [
        int(i) for i in conn.execute(select(a.id).where(a.id > cursor).order_by(a.id).limit(MAX_ARTICLES)).scalars()
    ]


def preview(store: Store, channel: str) -> list[Reply]:
    """The messages the channel's next digest would post, changing nothing (for --dry-run)."""
    sub = t.digest_subscriptions.c
    with store.engine.connect() as conn:
        cursor = conn.execute(select(sub.cursor_article_id).where(sub.channel_id == channel)).scalar()
        if cursor is None:
            return []
        ids = _next_ids(conn, int(cursor))
    return build(store, int(cursor), ids[-1]) if ids else []


def claim(store: Store, channel: str, now: datetime, lease: timedelta) -> Claim | Outcome:
    """Take the channel's unfinished digest whose lease ran out, or start a new one with what is new."""
    d, sub = t.digests.c, t.digest_subscriptions.c
    token = uuid.uuid4().hex
    with store.writing() as conn:
        cursor = conn.execute(select(sub.cursor_article_id).where(sub.channel_id == channel)).scalar()
        if cursor is None:
            return Outcome("unsubscribed")
        pending = conn.execute(select(t.digests).where(d.inflight_channel == channel)).first()
        if pending is not None:
            if utc(pending.lease_until) > now:
                return Outcome("busy", pending.id)
            conn.execute(update(t.digests).where(d.id == pending.id).values(claim_token=token, lease_until=now + lease))
            return Claim(pending.id, channel, pending.after_article_id, pending.upto_article_id, token,
                         utc(pending.created_at), pending.article_count, resumed=True)  # fmt: skip
        ids = _next_ids(conn, int(cursor))
        if not ids:
            return Outcome("nothing")
        digest_id = str(uuid.uuid4())
        conn.execute(
            insert(t.digests).values(
                id=digest_id, channel_id=channel, after_article_id=cursor, upto_article_id=ids[-1],
                article_count=len(ids), state=POSTING, inflight_channel=channel, claim_token=token,
                lease_until=now + lease, created_at=now,
            )
        )  # fmt: skip
    return Claim(digest_id, channel, int(cursor), int(ids[-1]), token, now, len(ids), resumed=False)


def renew(store: Store, claimed: Claim, until: datetime) -> None:
    """Extend the claim before posting a part; raise LostClaim if another run has taken the digest."""
    d = t.digests.c
    with store.writing() as conn:
        kept = conn.execute(
            update(t.digests).where(d.id == claimed.digest_id, d.claim_token == claimed.token).values(lease_until=until)
        )
        if kept.rowcount != 1:
            raise LostClaim(f"digest {claimed.digest_id} was taken over by another run")


def finish(store: Store, claimed: Claim, parts: int, first_ts: str | None, now: datetime) -> None:
    """Record the digest as posted and move the channel's cursor past it, in one transaction."""
    d, sub = t.digests.c, t.digest_subscriptions.c
    with store.writing() as conn:
        done = conn.execute(
            update(t.digests)
            .where(d.id == claimed.digest_id, d.claim_token == claimed.token)
            .values(state=POSTED, inflight_channel=None, posted_at=now, parts=parts, message_ts=first_ts)
        )
        if done.rowcount != 1:
            raise LostClaim(f"digest {claimed.digest_id} was taken over by another run")
        # Only from where this digest began: a channel re-subscribed meanwhile keeps its own starting point.
        conn.execute(
            update(t.digest_subscriptions)
            .where(sub.channel_id == claimed.channel_id, sub.cursor_article_id == claimed.after_id)
            .values(cursor_article_id=claimed.upto_id)
        )


@dataclass(frozen=True)
class History:
    """A channel's digest record: the last posted digest and the one in flight, if any."""

    last_posted_at: datetime | None
    last_articles: int
    in_flight_since: datetime | None


def history(store: Store, channel: str) -> History:
    """When the channel last got a digest, and whether one is being posted."""
    d = t.digests.c
    with store.engine.connect() as conn:
        last = conn.execute(
            select(d.posted_at, d.article_count)
            .where(d.channel_id == channel, d.state == POSTED)
            .order_by(d.posted_at.desc())
            .limit(1)
        ).first()
        flying = conn.execute(select(d.created_at).where(d.inflight_channel == channel)).scalar()
    return History(
        last_posted_at=utc(last.posted_at) if last else None,
        last_articles=int(last.article_count) if last else 0,
        in_flight_since=utc(flying) if flying else None,
    )
