"""Slack's request signing (v0), so tests and the benchmark sign requests exactly as Slack does.

Verification of incoming requests is Bolt's (slack-sdk's `SignatureVerifier`); `verifier` builds the same
verifier with an injectable clock so a test can check it against Slack's documented example from 2018.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable

from slack_sdk.signature import Clock, SignatureVerifier

VERSION = "v0"
# Slack rejects requests whose timestamp is more than five minutes from the receiver's clock.
MAX_AGE_SECONDS = 300


def signature(secret: str, timestamp: str, body: str) -> str:
    """The `X-Slack-Signature` value for `body` sent at `timestamp` (seconds since the epoch, as text)."""
    base = f"{VERSION}:{timestamp}:{body}".encode()
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return f"{VERSION}={digest}"


def signed_headers(secret: str, body: str, now: Callable[[], float] = time.time) -> dict[str, str]:
    """The two headers Slack adds to a request carrying `body`."""
    timestamp = str(int(now()))
    return {
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signature(secret, timestamp, body),
    }


class FixedClock(Clock):
    """A clock that always says the same time, for checking signatures from the past."""

    def __init__(self, now: float) -> None:
        self._now = now

    def now(self) -> float:
        """The fixed time."""
        return self._now


def verifier(secret: str, clock: Clock | None = None) -> SignatureVerifier:
    """slack-sdk's verifier, the one Bolt runs on every HTTP request, with an optional injected clock."""
    return SignatureVerifier(secret, clock=clock or Clock())
