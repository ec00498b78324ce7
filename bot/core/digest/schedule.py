"""Digest schedules as people type them: `daily 08:00`, `weekly mon 08:00`, `every 6 hours`, with a timezone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_SCHEDULE = "daily 08:00"
DEFAULT_TIMEZONE = "UTC"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# A digest more often than this is a feed, not a digest, and floods the channel; the environment
# (DIGEST_SCHEDULE) may go lower, for demonstrations and the tests.
MIN_INTERVAL = timedelta(minutes=15)
# Beyond a week between digests, a digest stops being a summary of "what is new".
MAX_INTERVAL = timedelta(days=7)
_UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_TIME = re.compile(r"([01]?\d|2[0-3])[:.h]([0-5]\d)")
_EVERY = re.compile(r"every\s+(\d{1,6})\s*(second|minute|hour|day)s?")


class ScheduleError(ValueError):
    """A schedule a person typed that cannot be understood; the message says what is expected."""


@dataclass(frozen=True)
class Schedule:
    """When a channel's digest runs: daily or weekly at a time, or every so often, in a timezone."""

    kind: str  # "daily", "weekly" or "every"
    hour: int = 0
    minute: int = 0
    weekday: int = 0  # 0 is Monday, for weekly schedules
    every_seconds: int = 0
    timezone: str = DEFAULT_TIMEZONE

    @property
    def spec(self) -> str:
        """The canonical text, as stored and shown: `weekly mon 08:00`."""
        at = f"{self.hour:02d}:{self.minute:02d}"
        if self.kind == "daily":
            return f"daily {at}"
        if self.kind == "weekly":
            return f"weekly {DAYS[self.weekday]} {at}"
        return f"every {_interval_text(self.every_seconds)}"

    def describe(self) -> str:
        """A phrase for replies: `daily at 08:00 (Europe/Paris)`."""
        at = f"{self.hour:02d}:{self.minute:02d}"
        if self.kind == "daily":
            return f"daily at {at} ({self.timezone})"
        if self.kind == "weekly":
            return f"every {DAYS[self.weekday].capitalize()} at {at} ({self.timezone})"
        return f"every {_interval_text(self.every_seconds)}"

    def next_after(self, moment: datetime) -> datetime:
        """The first run after `moment` (for intervals: one interval later)."""
        if self.kind == "every":
            return moment + timedelta(seconds=self.every_seconds)
        local = moment.astimezone(ZoneInfo(self.timezone))
        candidate = local.replace(hour=self.hour, minute=self.minute, second=0, microsecond=0)
        step = timedelta(days=1)
        while candidate <= local or (self.kind == "weekly" and candidate.weekday() != self.weekday):
            candidate = (candidate + step).replace(hour=self.hour, minute=self.minute)
        return candidate


def parse(text: str, allow_short: bool = False) -> Schedule:
    """A schedule from `daily HH:MM | weekly DAY HH:MM | every N hours` and an optional timezone name.

    `allow_short` permits intervals under MIN_INTERVAL (seconds, for the environment and the tests).
    """
    words = text.strip().split()
    timezone = DEFAULT_TIMEZONE
    if words and ("/" in words[-1] or words[-1].upper() in {"UTC", "GMT"}):
        timezone = check_timezone(words.pop())
    body = " ".join(words).lower() or DEFAULT_SCHEDULE
    schedule = _parse_body(body, timezone)
    if schedule.kind == "every":
        _check_interval(schedule.every_seconds, allow_short)
    return schedule


def _parse_body(body: str, timezone: str) -> Schedule:
    if match := re.fullmatch(rf"daily(?:\s+at)?\s+{_TIME.pattern}", body):
        return Schedule("daily", int(match[1]), int(match[2]), timezone=timezone)
    if match := re.fullmatch(rf"weekly(?:\s+on)?\s+([a-z]+)(?:\s+at)?\s+{_TIME.pattern}", body):
        day = match[1][:3]
        if day not in DAYS:
            raise ScheduleError(f"“{match[1]}” is not a day of the week (mon, tue, … sun)")
        return Schedule("weekly", int(match[2]), int(match[3]), weekday=DAYS.index(day), timezone=timezone)
    if match := _EVERY.fullmatch(body):
        return Schedule("every", every_seconds=int(match[1]) * _UNITS[match[2]], timezone=timezone)
    raise ScheduleError(
        f"“{body}” is not a schedule: use `daily HH:MM`, `weekly DAY HH:MM` or `every N hours`, "
        "optionally followed by a timezone such as Europe/Paris"
    )


def check_timezone(name: str) -> str:
    """The timezone name if the system knows it (IANA names such as Europe/Paris, or UTC)."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ScheduleError(f"“{name}” is not a timezone I know (use a name such as Europe/Paris or UTC)") from error
    return name


def _check_interval(seconds: int, allow_short: bool) -> None:
    if seconds <= 0:
        raise ScheduleError("the interval must be at least one unit")
    if not allow_short and seconds < MIN_INTERVAL.total_seconds():
        raise ScheduleError(f"digests run at most every {_interval_text(int(MIN_INTERVAL.total_seconds()))}")
    if seconds > MAX_INTERVAL.total_seconds():
        raise ScheduleError("for digests less often than weekly, use `weekly DAY HH:MM`")


def _interval_text(seconds: int) -> str:
    for unit, size in sorted(_UNITS.items(), key=lambda item: -item[1]):
        if seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'}"
    return f"{seconds} seconds"
