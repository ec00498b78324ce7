"""How every Slack client of the bot retries: connection errors, and 429s with their Retry-After waited out."""

from __future__ import annotations

from typing import Any

from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

# A 429 is waited out this many times (each for its Retry-After) before the message is given up on.
RATE_LIMIT_RETRIES = 3


def retry_handlers() -> list[Any]:
    """slack-sdk retries: connection errors and 429s (Retry-After waited out), Web API and response_url."""
    return [ConnectionErrorRetryHandler(), RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES)]
