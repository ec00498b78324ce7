"""The bot's own state beside the corpus: digest subscriptions and digests, watches, feeds and their items.

Defined on the corpus `schema.metadata` and created by migration 0003 (a test checks the two agree); portable Core
types only, the same on SQLite and PostgreSQL. Nothing here points at corpus rows with a foreign key: article ids are
kept as plain integers, so re-extraction (which empties the extracted tables) never touches this state.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    Unicode,
    false,
    true,
)

from bot.core.store.schema import metadata
from bot.core.store.team import LEGACY_TEAM

# Slack ids (C…, D…, U…, W…) are about a dozen characters; room to spare for enterprise-grid ids.
SLACK_ID = 32


def team_columns(key: bool = False, required: bool = True) -> tuple[Column[str], Column[str]]:
    """The workspace a row belongs to (migration 15a0teams): its team id (part of the key when `key`) and, on
    Enterprise Grid, its organisation's enterprise id."""
    team = Column(
        "team_id",
        String(SLACK_ID),
        primary_key=key,
        nullable=not required,
        server_default=LEGACY_TEAM if required else None,
    )
    return team, Column("enterprise_id", String(SLACK_ID))


digest_subscriptions = Table(
    "digest_subscriptions",
    metadata,
    *team_columns(key=True),
    Column("channel_id", String(SLACK_ID), primary_key=True),
    # Canonical schedule text ("daily 08:00", "weekly mon 08:00", "every 6 hours"); see bot.core.digest.schedule.
    Column("schedule", Text, nullable=False),
    Column("timezone", String(64), nullable=False),
    # The newest article id a posted digest covered: the next digest starts after it.
    Column("cursor_article_id", Integer, nullable=False),
    # "slack" (set by /digest subscribe) or "env" (DIGEST_CHANNELS, kept in step with the environment).
    Column("origin", String(8), nullable=False),
    Column("created_by", String(SLACK_ID)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # Set by /digest now; the scheduler runs the digest and clears it.
    Column("run_requested_at", DateTime(timezone=True)),
    # One short message in the channel with the full digest in its thread (migration 14a0digestdelivery).
    Column("threaded", Boolean, nullable=False, server_default=true()),
    # Why Slack refused the last scheduled post ("not_in_channel", ...), and when: no digest is posted until
    # the channel is subscribed again.
    Column("paused_reason", String(64)),
    Column("paused_at", DateTime(timezone=True)),
)

# The command line a Share button shares, by id: a button's value holds 2,000 characters, a query may not.
shared_queries = Table(
    "shared_queries",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("line", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

digests = Table(
    "digests",
    metadata,
    Column("id", String(36), primary_key=True),
    *team_columns(),
    Column("channel_id", String(SLACK_ID), nullable=False, index=True),
    Column("after_article_id", Integer, nullable=False),
    Column("upto_article_id", Integer, nullable=False),
    Column("article_count", Integer, nullable=False),
    # "posting" until every part is posted and recorded, then "posted".
    Column("state", String(8), nullable=False),
    # The team and channel ("T123/C123") while posting, NULL once posted: unique, so one digest per channel is in
    # flight at a time (a Slack Connect channel shared by two workspaces has one id in both).
    Column("inflight_channel", String(2 * SLACK_ID + 1), unique=True),
    # Who is posting it and until when; after `lease_until` another run may finish it.
    Column("claim_token", String(36), nullable=False),
    Column("lease_until", DateTime(timezone=True), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("posted_at", DateTime(timezone=True)),
    Column("parts", Integer),
    Column("message_ts", Text),
)

watches = Table(
    "watches",
    metadata,
    *team_columns(key=True),
    Column("user_id", String(SLACK_ID), primary_key=True),
    # The entity's matching key (bot.core.names.key); the entity is resolved again by it on every alert, so
    # a re-extraction or a merge of entities never leaves a watch pointing at nothing.
    Column("name_key", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

feeds = Table(
    "feeds",
    metadata,
    Column("id", Integer, primary_key=True),
    # One row per address, however many workspaces read it: it is fetched once per poll (migration 15a1feeds).
    Column("url", Text, nullable=False, unique=True),
    Column("title", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_fetch_at", DateTime(timezone=True)),
    Column("last_ok_at", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("articles", Integer, nullable=False, default=0),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # Added by the operator (from the command line): listed in every workspace, removed only from the command line.
    Column("everyone", Boolean, nullable=False, server_default=false()),
)

# The workspaces that read a feed, each of which lists it and may remove it for itself alone; the feed goes when
# the last of them (and not the operator) removes it. The articles it brings join the shared corpus.
feed_readers = Table(
    "feed_readers",
    metadata,
    Column("feed_id", ForeignKey("feeds.id", ondelete="CASCADE"), primary_key=True),
    *team_columns(key=True),
    Column("added_by", String(SLACK_ID)),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

feed_items = Table(
    "feed_items",
    metadata,
    Column("feed_id", ForeignKey("feeds.id", ondelete="CASCADE"), primary_key=True),
    # sha256 of the item's id (or link, or title and date): the same item re-dated or re-sent keeps its key.
    Column("item_key", String(64), primary_key=True),
    Column("article_id", Integer),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)

STATE_TABLES = (digest_subscriptions, digests, watches, feeds, feed_readers, feed_items, shared_queries)

# Slack requests already answered (bot.slack.dedup): an event's id, or the sha256 (64 hex digits) of a command's or
# an interaction's signed timestamp and body. Made by a migration like every table, so a database re-created and
# imported into works at once (migration 0006).
handled_events = Table(
    "slack_handled_events",
    metadata,
    Column("event_id", String(64), primary_key=True),
    Column("handled_at", DateTime(timezone=True), nullable=False, index=True),
    # The workspace the request came from (migration 15a0teams): its records go when it removes the app.
    Column("team_id", String(32)),
)

# APScheduler's job store (bot.jobs.scheduler keeps the digests' next run times there), in the layout its
# SQLAlchemyJobStore declares (a test compares them); made by migration 0006, APScheduler only finds it.
SCHEDULER_JOBS = "scheduler_jobs"
scheduler_jobs = Table(
    SCHEDULER_JOBS,
    metadata,
    Column("id", Unicode(191), primary_key=True),
    Column("next_run_time", Float(25), index=True),
    Column("job_state", LargeBinary, nullable=False),
)
