"""Timestamps as the store hands them back, made aware and UTC."""

from __future__ import annotations

from datetime import UTC, datetime


def utc(value: datetime | str) -> datetime:
    """A stored timestamp as an aware UTC datetime (SQLite hands back naive ones, or ISO text from raw SQL)."""
    value = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
