"""Configuration of the scheduled jobs and of who may administer them, from the environment, checked at start."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from bot.core.digest.run import DEFAULT_LEASE
from bot.core.digest.schedule import Schedule, ScheduleError, parse
from bot.core.ingest.fetch import FETCH_TIMEOUT
from bot.settings import DATA_DIR, SettingsError

DEFAULT_INBOX = DATA_DIR / "inbox"
# How often the drop folder is looked at: files appear by hand or by a copy job, and half a minute is
# "soon" to a person while costing one directory listing.
INBOX_EVERY = 30.0
# How often each feed is fetched: news feeds update every few minutes; conditional GETs keep this cheap for
# both sides, and most publishers ask for no more than this.
FEEDS_EVERY = 15 * 60.0
# How often the scheduler re-reads subscriptions, feeds and /digest now requests made by other processes.
SYNC_EVERY = 5.0
# Watch alerts wait until no article has been ingested for this long, so that one ingestion run gives one
# direct message. It must outlast the longest pause inside a run started outside the scheduler:
# `python -m bot ingest` parses a batch of articles between writes, `/ingest URL` fetches a page
# (FETCH_TIMEOUT). The scheduler's own feed and drop-folder runs are waited for directly.
WATCH_QUIET_SECONDS = 60.0
_SLACK_ID = re.compile(r"[A-Z0-9]{2,32}")


@dataclass(frozen=True)
class JobsConfig:
    """Everything the scheduler and the permission check need."""

    admins: frozenset[str] = frozenset()
    digest_channels: tuple[str, ...] = ()
    digest_schedule: Schedule | None = None
    empty_note: bool = False
    inbox_dir: Path = DEFAULT_INBOX
    inbox_every: float = INBOX_EVERY
    feeds_every: float = FEEDS_EVERY
    sync_every: float = SYNC_EVERY
    watch_quiet: float = WATCH_QUIET_SECONDS
    fetch_timeout: float = FETCH_TIMEOUT
    digest_lease: timedelta = DEFAULT_LEASE
    enabled: bool = True


def load(env: Mapping[str, str] | None = None) -> JobsConfig:
    """Read the jobs' settings from `env` (the process environment by default)."""
    env = os.environ if env is None else env
    channels = _ids(env, "DIGEST_CHANNELS")
    schedule = _schedule(env.get("DIGEST_SCHEDULE", ""), bool(channels))
    return JobsConfig(
        admins=frozenset(_ids(env, "ADMIN_USER_IDS")),
        digest_channels=channels,
        digest_schedule=schedule,
        empty_note=_flag(env, "DIGEST_EMPTY_NOTE"),
        inbox_dir=Path(env.get("INBOX_DIR") or DEFAULT_INBOX),
        inbox_every=_seconds(env, "INBOX_INTERVAL_SECONDS", INBOX_EVERY),
        feeds_every=_seconds(env, "FEEDS_INTERVAL_SECONDS", FEEDS_EVERY),
        sync_every=_seconds(env, "SCHEDULER_SYNC_SECONDS", SYNC_EVERY),
        watch_quiet=_seconds(env, "WATCH_QUIET_SECONDS", WATCH_QUIET_SECONDS),
        fetch_timeout=_seconds(env, "FETCH_TIMEOUT_SECONDS", FETCH_TIMEOUT),
        digest_lease=timedelta(seconds=_seconds(env, "DIGEST_LEASE_SECONDS", DEFAULT_LEASE.total_seconds())),
        enabled=not _flag(env, "SCHEDULER_OFF"),
    )


def _ids(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    values = tuple(v for v in re.split(r"[\s,]+", env.get(name, "")) if v)
    bad = [v for v in values if not _SLACK_ID.fullmatch(v)]
    if bad:
        raise SettingsError(f"{name} must list Slack ids such as C0123ABC or U0123ABC, separated by commas")
    return values


def _schedule(text: str, needed: bool) -> Schedule | None:
    if not text.strip():
        return parse("") if needed else None
    try:
        return parse(text, allow_short=True)
    except ScheduleError as error:
        raise SettingsError(f"DIGEST_SCHEDULE is malformed: {error}") from error


def _flag(env: Mapping[str, str], name: str) -> bool:
    value = env.get(name, "").strip().lower()
    if value not in {"", "0", "1", "true", "false", "yes", "no"}:
        raise SettingsError(f"{name} must be 1 or 0, got {value!r}")
    return value in {"1", "true", "yes"}


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value <= 0:
        raise SettingsError(f"{name} must be a positive number of seconds, got {raw!r}")
    return value
