"""Where failures in Slack listeners end up: logged without secrets, and a short apology to the user."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from slack_sdk.errors import SlackApiError

log = logging.getLogger(__name__)

APOLOGY = "Sorry, something went wrong on my side while answering that. Please try again in a minute."

# Anything shaped like a Slack token, even one that is not ours (a user pasting one into a DM).
_TOKEN = re.compile(r"\bx(?:ox[abposre]|app)-[A-Za-z0-9-]+")
REDACTED = "[redacted]"


@contextmanager
def apologising(what: str, apologise: Callable[[str], None]) -> Iterator[None]:
    """Run a listener's work; on failure log it and tell the user briefly, so the process keeps serving."""
    try:
        yield
    except SlackApiError as error:
        # The response's `error` code says what went wrong without echoing the request (it may hold a token).
        log.error("Slack Web API call failed while %s: %s", what, error.response.get("error", "unknown error"))
        _apologise(apologise)
    except Exception:  # the single catch-all the style guide asks for: log it, tell the user, keep serving
        log.exception("unexpected failure while %s", what)
        _apologise(apologise)


def _apologise(apologise: Callable[[str], None]) -> None:
    try:
        apologise(APOLOGY)
    except Exception as error:  # Slack may be the thing that is failing; the apology is best effort
        log.error("could not send the apology either: %s", type(error).__name__)


class RedactingFilter(logging.Filter):
    """Replace tokens and the configured secrets in every log record before any handler writes it."""

    def __init__(self, secrets: Sequence[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if s]

    def redact(self, text: str) -> str:
        """`text` with every secret and token-shaped string replaced."""
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return _TOKEN.sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message (arguments merged in) and keep it."""
        message = self.redact(record.getMessage())
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args = message, None
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        return True


def configure_logging(secrets: Sequence[str], level: int = logging.INFO) -> None:
    """Log to stderr through the redacting filter; slack-sdk's debug output (request headers) stays off."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("slack_sdk", "slack_bolt", "urllib3"):
        logging.getLogger(noisy).setLevel(max(level, logging.INFO))
