"""Log redaction: no token or configured secret reaches a log line, in the message or in a traceback."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator

import pytest
from gunicorn.config import Config

from bot.logs import REDACTED, RedactingFilter, configure_logging
from bot.slack.worker import RootLogger


def test_logs_never_show_tokens_or_secrets() -> None:
    scrub = RedactingFilter(["s3cr3tvalue0000"])
    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "token %s secret %s", ("xoxb-1-2-abc", "s3cr3tvalue0000"), None
    )
    scrub.filter(record)
    assert record.getMessage() == f"token {REDACTED} secret {REDACTED}"


def test_a_traceback_is_scrubbed_too() -> None:
    try:
        raise ValueError("request with xapp-1-A1-2-abcdef and s3cr3tvalue0000 failed")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    RedactingFilter(["s3cr3tvalue0000"]).filter(record)
    assert record.exc_text is not None and "ValueError" in record.exc_text
    assert "xapp-" not in record.exc_text and "s3cr3tvalue0000" not in record.exc_text


@pytest.fixture
def root_logging() -> Iterator[None]:
    """Leave the root logger as the test found it (configure_logging replaces its handlers)."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def _scrubbed(message: str) -> str:
    record = logging.LogRecord("slack_bolt.App", logging.INFO, __file__, 1, message, None, None)
    RedactingFilter(["s3cr3tvalue0000"]).filter(record)
    return record.getMessage()


@pytest.mark.parametrize(
    "line",
    [
        "Invalid request signature detected (signature: v0=1, timestamp: 1, body: token=legacyTOKEN&team_id=T1"
        "&text=SECRETTEXT&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT%2F1%2FHOOK)",
        "Unhandled request ({'type': 'event_callback', 'event': {'type': 'SECRETTEXT'}})\n---\n[Suggestion] ...",
        'Request body: {"token": "legacyTOKEN", "response_url": "https://hooks.slack.com/actions/T/1/HOOK"}',
        "posting to https://hooks.slack.com/commands/T/1/HOOK failed",
        "payload token=legacyTOKEN response_url=https://x.example/HOOK",
    ],
    ids=["bolt-signature-line", "bolt-unhandled-line", "json-body", "a-webhook-address", "fields"],
)
def test_bodies_tokens_and_response_urls_never_reach_a_line(line: str) -> None:
    shown = _scrubbed(line)
    for secret in ("legacyTOKEN", "SECRETTEXT", "HOOK", "hooks.slack.com"):
        assert secret not in shown, (secret, shown)


def test_the_bots_own_lines_are_left_alone() -> None:
    for line in (
        "feed https://example.com/rss?a=1&b=2: HTTP 404 Not Found",
        "refused POST '/slack/events' from 127.0.0.1: bad signature (HTTP 401, 312 bytes read)",
        "The server responded with: {'ok': False, 'error': 'not_in_channel'}",
    ):
        assert _scrubbed(line) == line


def test_a_huge_message_is_cut() -> None:
    shown = _scrubbed("x" * 10_000_000)
    assert len(shown) < 3000 and shown.endswith("more characters withheld]")


def test_gunicorns_lines_go_through_the_redacting_handler(
    root_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(["s3cr3tvalue0000"])
    gunicorn_log = RootLogger(Config())

    gunicorn_log.error("worker failed with s3cr3tvalue0000 and xoxb-1-2-abc")

    written = capsys.readouterr().err
    assert "ERROR gunicorn.error: worker failed with [redacted] and [redacted]" in written
    assert logging.getLogger("gunicorn.error").handlers == []
