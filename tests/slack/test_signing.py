"""The signing code against Slack's documented example (a copy in tests/data/slack/), with an injected clock."""

from __future__ import annotations

import pytest

from bot.slack.signing import MAX_AGE_SECONDS, FixedClock, signature, signed_headers, verifier
from tests.conftest import ROOT

EXAMPLE_DIR = ROOT / "tests" / "data" / "slack"
EXAMPLE_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
EXAMPLE_TIMESTAMP = "1531420618"
EXAMPLE_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"


@pytest.fixture
def example_body() -> str:
    return (EXAMPLE_DIR / "signature_example.txt").read_text().rstrip("\n")  # documented without a trailing newline


def test_signature_matches_slacks_documented_example(example_body: str) -> None:
    assert signature(EXAMPLE_SECRET, EXAMPLE_TIMESTAMP, example_body) == EXAMPLE_SIGNATURE


def test_signed_headers_use_the_injected_clock(example_body: str) -> None:
    headers = signed_headers(EXAMPLE_SECRET, example_body, now=lambda: float(EXAMPLE_TIMESTAMP))
    assert headers == {"X-Slack-Request-Timestamp": EXAMPLE_TIMESTAMP, "X-Slack-Signature": EXAMPLE_SIGNATURE}


@pytest.mark.parametrize("offset", [0, 10, MAX_AGE_SECONDS, -MAX_AGE_SECONDS])
def test_bolts_verifier_accepts_the_example_within_five_minutes(example_body: str, offset: int) -> None:
    check = verifier(EXAMPLE_SECRET, FixedClock(int(EXAMPLE_TIMESTAMP) + offset))
    assert check.is_valid(example_body, EXAMPLE_TIMESTAMP, EXAMPLE_SIGNATURE)


@pytest.mark.parametrize("offset", [MAX_AGE_SECONDS + 1, -MAX_AGE_SECONDS - 1])
def test_bolts_verifier_rejects_the_example_when_stale_or_from_the_future(example_body: str, offset: int) -> None:
    check = verifier(EXAMPLE_SECRET, FixedClock(int(EXAMPLE_TIMESTAMP) + offset))
    assert not check.is_valid(example_body, EXAMPLE_TIMESTAMP, EXAMPLE_SIGNATURE)


def test_bolts_verifier_rejects_a_changed_body_or_secret(example_body: str) -> None:
    clock = FixedClock(int(EXAMPLE_TIMESTAMP))
    assert not verifier(EXAMPLE_SECRET, clock).is_valid(example_body + "x", EXAMPLE_TIMESTAMP, EXAMPLE_SIGNATURE)
    assert not verifier(EXAMPLE_SECRET + "x", clock).is_valid(example_body, EXAMPLE_TIMESTAMP, EXAMPLE_SIGNATURE)
