"""Log redaction: no token or configured secret reaches a log line, in the message or in a traceback."""

from __future__ import annotations

import logging
import sys

from bot.logs import REDACTED, RedactingFilter


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
