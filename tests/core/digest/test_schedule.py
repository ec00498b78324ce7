"""Digest schedules: what people type, what is refused, and when the next run is."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.core.digest.schedule import ScheduleError, parse


@pytest.mark.parametrize(
    ("typed", "spec", "zone"),
    [
        ("", "daily 08:00", "UTC"),
        ("daily 7:30", "daily 07:30", "UTC"),
        ("daily at 18.05 Europe/Paris", "daily 18:05", "Europe/Paris"),
        ("weekly Monday 09:00", "weekly mon 09:00", "UTC"),
        ("weekly on fri 17:00 America/New_York", "weekly fri 17:00", "America/New_York"),
        ("every 6 hours", "every 6 hours", "UTC"),
        ("every 1 hour UTC", "every 1 hour", "UTC"),
        ("every 90 minutes", "every 90 minutes", "UTC"),
    ],
)
def test_schedules_people_type(typed: str, spec: str, zone: str) -> None:
    schedule = parse(typed)
    assert (schedule.spec, schedule.timezone) == (spec, zone)
    assert parse(f"{schedule.spec} {schedule.timezone}") == schedule  # the stored form reads back the same


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("daily 25:00", "not a schedule"),
        ("weekly funday 09:00", "not a day"),
        ("daily 08:00 Mars/Olympus", "not a timezone"),
        ("every 5 minutes", "at most every 15 minutes"),
        ("every 30 days", "weekly"),
        ("hourly", "not a schedule"),
    ],
)
def test_bad_schedules_say_what_is_expected(typed: str, says: str) -> None:
    with pytest.raises(ScheduleError, match=says):
        parse(typed)


def test_seconds_only_from_the_environment() -> None:
    assert parse("every 2 seconds", allow_short=True).every_seconds == 2
    with pytest.raises(ScheduleError):
        parse("every 2 seconds")


def test_next_run_respects_the_timezone_and_the_weekday() -> None:
    wednesday_noon = datetime(2025, 10, 15, 12, 0, tzinfo=UTC)
    assert parse("daily 08:00").next_after(wednesday_noon) == datetime(2025, 10, 16, 8, 0, tzinfo=UTC)
    paris = parse("daily 15:00 Europe/Paris").next_after(wednesday_noon)
    assert paris.astimezone(UTC) == datetime(2025, 10, 15, 13, 0, tzinfo=UTC)  # CEST is UTC+2
    monday = parse("weekly mon 09:00").next_after(wednesday_noon)
    assert (monday.weekday(), monday.day, monday.hour) == (0, 20, 9)
