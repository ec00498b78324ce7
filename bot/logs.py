"""Logging for every entry point: to stderr, every record (the bot's, gunicorn's, every library's) through one
filter that keeps secrets and request bodies out of the log.

The bot's own lines never carry a request body, a token, a response_url or an article's text; the filter is
for the lines it does not write. It replaces the configured secrets and anything shaped like a Slack token,
the values of `token` and `response_url` fields and any Slack webhook address, withholds a structured payload
(a dict, JSON or form body with Slack's fields) from where it starts, and cuts any message to a length no log
line of the bot's reaches, so a body that slipped through cannot fill the disk.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Sequence

# Anything shaped like a Slack token, even one that is not ours (a user pasting one into a DM).
_TOKEN = re.compile(r"\bx(?:ox[abposre]|app)-[A-Za-z0-9-]+")
# Slack's webhook and response_url addresses, plain or URL-encoded.
_HOOK = re.compile(r"https?(?::|%3A)(?://|%2F%2F)hooks\.slack\.com\S*", re.IGNORECASE)
# A `token` or `response_url` field's value in a dict's repr, JSON or a form body.
_FIELD = re.compile(r"""(\b(?:token|response_url)["']?\s*(?:[:=]|%3D)\s*["']?)[^"'&\s,}]+""", re.IGNORECASE)
# Where a payload starts: a dict or JSON object holding a field of Slack's payloads, or a form body (`a=b&c=d`)
# holding one; from there on the line is withheld.
_FIELDS = (
    "token|response_url|trigger_id|text|event|payload|blocks|user_id|api_app_id|command|type|actions|action_id"
    "|value|callback_id|block_id|view|submission|user|channel"
)
_OBJECT = re.compile(r"""\{\s*["']""")
_OBJECT_FIELD = re.compile(rf"""["'](?:{_FIELDS})["']\s*:""")
_FORM = re.compile(r"[\w.%-]+=[^&\s]*(?:&[\w.%-]+=[^&\s]*)+")
_FORM_FIELD = re.compile(rf"(?:^|&)(?:{_FIELDS})=")
WITHHELD = "[payload withheld]"
REDACTED = "[redacted]"
# No line the bot writes is longer; a tracebacks' text may be, but not by this much.
MAX_MESSAGE_CHARS = 2000
MAX_TRACEBACK_CHARS = 20_000
# Longer than any secret or token: what is kept past a limit while redacting, so nothing is cut in half.
_EDGE_CHARS = 256


class RedactingFilter(logging.Filter):
    """Replace secrets, tokens and payloads in every log record before any handler writes it."""

    def __init__(self, secrets: Sequence[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if s]

    def redact(self, text: str) -> str:
        """`text` with every secret, token-shaped string, webhook address and payload replaced."""
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        text = _TOKEN.sub(REDACTED, text)
        text = _HOOK.sub(REDACTED, text)
        text = _FIELD.sub(lambda m: m.group(1) + REDACTED, text)
        return _withhold_payloads(text)

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message (arguments merged in) and keep it."""
        try:
            message = record.getMessage()
        except Exception:  # a library's malformed format string: keep the template, not its arguments
            message = str(record.msg)
        record.msg, record.args = self._redacted(message, MAX_MESSAGE_CHARS), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._redacted(record.exc_text, MAX_TRACEBACK_CHARS)
        record.stack_info = self.redact(record.stack_info) if record.stack_info else None
        return True

    def _redacted(self, text: str, limit: int) -> str:
        # Cut first (the patterns would take quadratic time on megabytes), with a margin so that a secret at
        # the edge is still whole when it is replaced; then cut to the limit.
        return _cut(self.redact(text[: limit + _EDGE_CHARS]), limit, len(text))


def _withhold_payloads(text: str) -> str:
    cut = len(text)
    for start in (m.start() for m in _OBJECT.finditer(text)):
        if _OBJECT_FIELD.search(text, start):
            cut = min(cut, start)
            break
    for form in _FORM.finditer(text):
        if _FORM_FIELD.search(form.group()):
            cut = min(cut, form.start())
            break
    return text if cut == len(text) else text[:cut] + WITHHELD


def _cut(text: str, limit: int, length: int) -> str:
    """`text` (once `length` characters long) cut to `limit`, saying how much was withheld."""
    if len(text) <= limit and length <= limit + _EDGE_CHARS:
        return text
    return f"{text[:limit]}… [{max(length - limit, 0)} more characters withheld]"


def configure_logging(secrets: Sequence[str], level: int = logging.INFO) -> None:
    """Log to stderr through the redacting filter; slack-sdk's debug output (request headers) stays off."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("slack_sdk", "slack_bolt", "urllib3", "gunicorn.access"):
        logging.getLogger(noisy).setLevel(max(level, logging.INFO))


def leave_now(status: int = 0) -> None:
    """End the process at once, its log flushed. For a stop that has waited its grace: the threads still running
    (a job, an answer) cannot be stopped from outside and would otherwise be waited for at exit."""
    logging.shutdown()
    os._exit(status)


class Deadline:
    """Leave the process (`leave_now`) `seconds` after `start()`, however it is stuck: a stop must not wait on a
    database that stopped answering (a call into libpq cannot be interrupted). Starting it again does nothing."""

    def __init__(self, seconds: float, status: int = 0) -> None:
        self._timer = threading.Timer(seconds, self._expire, args=(seconds, status))
        self._timer.daemon = True
        self._lock = threading.Lock()

    def start(self) -> None:
        """Count down from now (once)."""
        with self._lock:
            if not self._timer.is_alive() and not self._timer.finished.is_set():
                self._timer.start()

    def cancel(self) -> None:
        """The stop finished in time: never leave (a process that goes on, such as a test's, is not ended)."""
        self._timer.cancel()

    @staticmethod
    def _expire(seconds: float, status: int) -> None:
        logging.getLogger(__name__).warning("still stopping %g s after the signal: leaving now", seconds)
        leave_now(status)
