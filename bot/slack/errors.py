"""Where failures in Slack listeners end up: logged (bot.logs scrubs secrets), and a short apology to the user."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from slack_sdk.errors import SlackApiError

from bot.core.render.answers import UNAVAILABLE_TEXT
from bot.core.store import UNAVAILABLE, outage

log = logging.getLogger(__name__)

APOLOGY = "Sorry, something went wrong on my side while answering that. Please try again in a minute."


@contextmanager
def apologising(what: str, apologise: Callable[[str], None]) -> Iterator[None]:
    """Run a listener's work; on failure log it and tell the user briefly, so the process keeps serving."""
    try:
        yield
    except UNAVAILABLE as error:  # an outage passes: one line, no traceback, and the asker told to try again
        log.warning("the database is unavailable while %s: %s", what, outage(error))
        _apologise(apologise, UNAVAILABLE_TEXT)
    except SlackApiError as error:
        # The response's `error` code says what went wrong without echoing the request (it may hold a token).
        log.error("Slack Web API call failed while %s: %s", what, error.response.get("error", "unknown error"))
        _apologise(apologise)
    except Exception:  # the single catch-all the style guide asks for: log it, tell the user, keep serving
        log.exception("unexpected failure while %s", what)
        _apologise(apologise)


def _apologise(apologise: Callable[[str], None], text: str = APOLOGY) -> None:
    try:
        apologise(text)
    except Exception as error:  # Slack may be the thing that is failing; the apology is best effort
        log.error("could not send the apology either: %s", type(error).__name__)
