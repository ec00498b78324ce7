"""Digests in the store: the articles of an id range as a digest reads them, and the bookkeeping that posts each
channel's digest exactly once (see `bot.core.digest.run` for the protocol)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, desc, func, insert, select, update

from bot.core.store import Store
from bot.core.store import schema as s
from bot.core.store import state as t
from bot.core.store.records import ARTICLE_COLUMNS, ENTITY_COLUMNS, ArticleRow, EntityRow, article_row, entity_row
from bot.core.store.teams import inflight_key, owner
from bot.core.store.timestamps import utc

# A digest's state: "posting" until every part is posted and recorded, then "posted"; "failed" when Slack
# refused it for good (its articles wait for the next digest).
POSTING, POSTED, FAILED = "posting", "posted", "failed"

# A sentence of an article: (start, end, how many distinct entities it names).
Span = tuple[int, int, int]

_D = t.digests.c
_SUB = t.digest_subscriptions.c


@dataclass(frozen=True)
class RangeArticle:
    """An article of an id range with what a digest reads of it: its text, entities and busiest sentences."""

    article: ArticleRow
    text: str
    entities: list[EntityRow]  # most mentioned first
    spans: list[Span]  # its sentences naming the most entities, those first
    sentences: int  # how many of its sentences name an entity


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
    team_id: str = ""


@dataclass(frozen=True)
class Refused:
    """Why no digest was claimed: "unsubscribed", "nothing" new, or "busy" (another run holds `digest_id`)."""

    status: str
    digest_id: str | None = None


@dataclass(frozen=True)
class History:
    """A channel's digest record: the last posted digest and the one in flight, if any."""

    last_posted_at: datetime | None
    last_articles: int
    in_flight_since: datetime | None


def range_articles(store: Store, after_id: int, upto_id: int, busiest: int) -> list[RangeArticle]:
    """The articles with ids in (after_id, upto_id], in the order they were ingested, each with its `busiest`
    sentences."""
    a = s.articles.c
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(*ARTICLE_COLUMNS, a.text).where(a.id > after_id, a.id <= upto_id).order_by(a.id)
        ).all()
        entities = _entities(conn, after_id, upto_id)
        spans = _busy_sentences(conn, after_id, upto_id, most=busiest)
    return [range_article(r, entities.get(r.id, []), *spans.get(r.id, ([], 0))) for r in rows]


def range_article(row: Any, entities: list[EntityRow], spans: list[Span], sentences: int) -> RangeArticle:
    """A row of `ARTICLE_COLUMNS` and the article's text, with what was read about it, as a record."""
    return RangeArticle(article_row(row), row.text, entities, spans, sentences)


def sentences(store: Store, article_id: int) -> list[Span]:
    """Every sentence of an article that names an entity, those naming the most first."""
    with store.engine.connect() as conn:
        return _busy_sentences(conn, article_id - 1, article_id, most=None).get(article_id, ([], 0))[0]


def _entities(conn: Connection, after_id: int, upto_id: int) -> dict[int, list[EntityRow]]:
    """Per article of the range, its entities, most mentioned first."""
    e, ea = s.entities.c, s.entity_articles.c
    rows = conn.execute(
        select(ea.article_id, *ENTITY_COLUMNS)
        .join(s.entities, e.id == ea.entity_id)
        .where(ea.article_id > after_id, ea.article_id <= upto_id)
        .order_by(desc(ea.mentions), e.name)
    ).all()
    found: dict[int, list[EntityRow]] = {}
    known: dict[int, EntityRow] = {}  # one record per entity, however many articles name it
    for row in rows:
        entity = known.get(row.id)
        if entity is None:
            entity = known[row.id] = entity_row(row)
        found.setdefault(row.article_id, []).append(entity)
    return found


def _busy_sentences(
    conn: Connection, after_id: int, upto_id: int, most: int | None
) -> dict[int, tuple[list[Span], int]]:
    """Per article of the range, its `most` sentences naming the most entities, those first, and how many it has."""
    m = s.mentions.c
    named = func.count(func.distinct(m.entity_id))
    busiest_first = (named.desc(), m.sent_start, m.sent_end)
    ranked = (
        select(
            m.article_id, m.sent_start, m.sent_end, named.label("named"),
            func.row_number().over(partition_by=m.article_id, order_by=busiest_first).label("place"),
            func.count().over(partition_by=m.article_id).label("sentences"),
        )
        .where(m.article_id > after_id, m.article_id <= upto_id)
        .group_by(m.article_id, m.sent_start, m.sent_end)
        .subquery()
    )  # fmt: skip
    r = ranked.c
    query = select(r.article_id, r.sent_start, r.sent_end, r.named, r.sentences).order_by(r.article_id, r.place)
    rows = conn.execute(query if most is None else query.where(r.place <= most)).all()
    found: dict[int, tuple[list[Span], int]] = {}
    for article_id, start, end, count, total in rows:
        found.setdefault(article_id, ([], int(total)))[0].append((int(start), int(end), int(count)))
    return found


def next_range(store: Store, channel: str, limit: int) -> tuple[int, int] | None:
    """The article ids (after, upto] the channel's next digest would hold; None when unsubscribed or nothing new."""
    with store.engine.connect() as conn:
        cursor = _cursor(conn, owner(store)["team_id"], channel)
        ids = _next_ids(conn, cursor, limit) if cursor is not None else []
    return (cursor, ids[-1]) if cursor is not None and ids else None


def _cursor(conn: Connection, team_id: str, channel: str) -> int | None:
    query = select(_SUB.cursor_article_id).where(_SUB.channel_id == channel, _SUB.team_id == team_id)
    cursor = conn.execute(query).scalar()
    return None if cursor is None else int(cursor)


def _next_ids(conn: Connection, cursor: int, limit: int) -> list[int]:
    a = s.articles.c
    return [int(i) for i in conn.execute(select(a.id).where(a.id > cursor).order_by(a.id).limit(limit)).scalars()]


def claim(store: Store, channel: str, now: datetime, lease_until: datetime, limit: int) -> Claim | Refused:
    """In one transaction: take the channel's unfinished digest whose lease ran out, or start a new one with up to
    `limit` articles after the channel's cursor."""
    token, team = uuid.uuid4().hex, owner(store)
    with store.writing() as conn:
        cursor = _cursor(conn, team["team_id"], channel)
        if cursor is None:
            return Refused("unsubscribed")
        flying = inflight_key(team["team_id"], channel)
        pending = conn.execute(select(t.digests).where(_D.inflight_channel == flying)).first()
        if pending is None:
            ids = _next_ids(conn, cursor, limit)
            return _start(conn, team, channel, cursor, ids, now, lease_until, token)
        if utc(pending.lease_until) > now:
            return Refused("busy", pending.id)
        _lease(conn, pending.id, None, token, lease_until)
        return Claim(pending.id, channel, pending.after_article_id, pending.upto_article_id, token,
                     utc(pending.created_at), pending.article_count, resumed=True, team_id=team["team_id"])  # fmt: skip


def _start(
    conn: Connection, team: dict[str, Any], channel: str, cursor: int, ids: list[int], now: datetime,
    lease_until: datetime, token: str,
) -> Claim | Refused:  # fmt: skip
    """A new digest of the articles `ids` (after the channel's cursor), or nothing to do when there are none."""
    if not ids:
        return Refused("nothing")
    digest_id = str(uuid.uuid4())
    conn.execute(
        insert(t.digests).values(
            id=digest_id, channel_id=channel, after_article_id=cursor, upto_article_id=ids[-1],
            article_count=len(ids), state=POSTING, inflight_channel=inflight_key(team["team_id"], channel),
            claim_token=token, lease_until=lease_until, created_at=now, **team,
        )
    )  # fmt: skip
    return Claim(digest_id, channel, cursor, ids[-1], token, now, len(ids), resumed=False, team_id=team["team_id"])


def _lease(conn: Connection, digest_id: str, holder: str | None, token: str, until: datetime) -> bool:
    """Give the digest's lease to `token` until `until`, if `holder` holds it (any holder when None)."""
    where = [_D.id == digest_id] + ([_D.claim_token == holder] if holder is not None else [])
    return conn.execute(update(t.digests).where(*where).values(claim_token=token, lease_until=until)).rowcount == 1


def renew(store: Store, claimed: Claim, until: datetime) -> bool:
    """Extend the claim's lease; False when another run has taken the digest over."""
    with store.writing() as conn:
        return _lease(conn, claimed.digest_id, claimed.token, claimed.token, until)


def finish(store: Store, claimed: Claim, parts: int, first_ts: str | None, now: datetime) -> bool:
    """In one transaction: record the digest as posted and move the channel's cursor past it; False (and nothing
    changed) when another run has taken the digest over."""
    with store.writing() as conn:
        done = conn.execute(
            update(t.digests)
            .where(_D.id == claimed.digest_id, _D.claim_token == claimed.token)
            .values(state=POSTED, inflight_channel=None, posted_at=now, parts=parts, message_ts=first_ts)
        )
        if done.rowcount != 1:
            return False
        # Only from where this digest began: a channel re-subscribed meanwhile keeps its own starting point.
        conn.execute(
            update(t.digest_subscriptions)
            .where(
                _SUB.channel_id == claimed.channel_id,
                _SUB.team_id == claimed.team_id,
                _SUB.cursor_article_id == claimed.after_id,
            )
            .values(cursor_article_id=claimed.upto_id)
        )
    return True


def record_thread(store: Store, claimed: Claim, thread_ts: str) -> None:
    """Remember the message whose thread holds the digest's parts, so a run resuming it posts there too."""
    with store.writing() as conn:
        conn.execute(update(t.digests).where(_D.id == claimed.digest_id).values(message_ts=thread_ts))


def thread_of(store: Store, digest_id: str) -> str | None:
    """The message whose thread holds the digest's parts, if it was recorded."""
    with store.engine.connect() as conn:
        found = conn.execute(select(_D.message_ts).where(_D.id == digest_id)).scalar()
    return None if found is None else str(found)


def abandon(store: Store, claimed: Claim) -> bool:
    """Give the digest up (Slack refused it for good): no longer in flight, the channel's cursor where it was, so
    its articles are in the next digest; False when another run had taken it over."""
    with store.writing() as conn:
        done = conn.execute(
            update(t.digests)
            .where(_D.id == claimed.digest_id, _D.claim_token == claimed.token)
            .values(state=FAILED, inflight_channel=None)
        )
    return done.rowcount == 1


def history(store: Store, channel: str) -> History:
    """When the channel last got a digest, and whether one is being posted."""
    team_id = owner(store)["team_id"]
    with store.engine.connect() as conn:
        last = conn.execute(
            select(_D.posted_at, _D.article_count)
            .where(_D.channel_id == channel, _D.team_id == team_id, _D.state == POSTED)
            .order_by(_D.posted_at.desc())
            .limit(1)
        ).first()
        flying = conn.execute(
            select(_D.created_at).where(_D.inflight_channel == inflight_key(team_id, channel))
        ).scalar()
    return History(
        last_posted_at=utc(last.posted_at) if last else None,
        last_articles=int(last.article_count) if last else 0,
        in_flight_since=utc(flying) if flying else None,
    )
