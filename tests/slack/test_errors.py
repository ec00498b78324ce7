"""Where a Slack listener's failure ends up: a database outage is one log line and "the index is unavailable" to the
person (App Home, an unfurl, anything outside the answers' own guard); anything else, a traceback and an apology."""

from __future__ import annotations

import logging
import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

from bot.core.render.answers import UNAVAILABLE_TEXT
from bot.slack.errors import APOLOGY, apologising


def _outage() -> OperationalError:
    """What SQLAlchemy raises when SQLite cannot open the file (as it does for PostgreSQL refusing to connect)."""
    return OperationalError("SELECT 1", {}, sqlite3.OperationalError("unable to open database file"))


def test_an_outage_is_one_line_and_the_person_is_told_the_index_is_unavailable(
    caplog: pytest.LogCaptureFixture,
) -> None:
    told: list[str] = []
    with caplog.at_level(logging.WARNING), apologising("opening App Home", told.append):
        raise _outage()
    assert told == [UNAVAILABLE_TEXT]
    [record] = caplog.records
    assert record.exc_info is None and "unable to open database file" in record.getMessage()
    assert "SELECT" not in record.getMessage()  # the statement is not the news


def test_any_other_failure_is_logged_with_its_traceback_and_apologised_for(caplog: pytest.LogCaptureFixture) -> None:
    told: list[str] = []
    with caplog.at_level(logging.WARNING), apologising("opening App Home", told.append):
        raise KeyError("view")
    assert told == [APOLOGY]
    assert caplog.records[0].exc_info is not None
