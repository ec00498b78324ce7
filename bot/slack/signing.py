"""Slack's request signing (v0): `refusal` checks an incoming request on its raw bytes before anything parses
them, and `signed_headers` signs requests exactly as Slack does for the tests and the benchmark.

`verifier` builds slack-sdk's `SignatureVerifier` (which Bolt runs again after the gateway's check) with an
injectable clock, so a test can check both against Slack's documented example from 2018.
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


# A timestamp is seconds since the epoch: ten digits until 2286; more than this is not a time.
TIMESTAMP_DIGITS = 12


def signature(secret: str, timestamp: str, body: str | bytes) -> str:
    """The `X-Slack-Signature` value for `body` sent at `timestamp` (seconds since the epoch, as text)."""
    raw = body.encode() if isinstance(body, str) else body
    base = f"{VERSION}:{timestamp}:".encode() + raw
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return f"{VERSION}={digest}"


def refusal(secret: str, timestamp: str | None, given: str | None, body: bytes, now: float) -> str | None:
    """None for a request Slack signed within the last five minutes; otherwise what is wrong, for the log."""
    if not timestamp or not (timestamp.isascii() and timestamp.isdigit()) or len(timestamp) > TIMESTAMP_DIGITS:
        return "no valid timestamp"
    if abs(now - int(timestamp)) > MAX_AGE_SECONDS:
        return "timestamp outside the signature window"
    if not given:
        return "no signature"
    expected = signature(secret, timestamp, body).encode()
    if not hmac.compare_digest(expected, given.encode("utf-8", "surrogateescape")):
        return "bad signature"
    return None


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
