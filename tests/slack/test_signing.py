"""The signing code against Slack's documented example (a copy in tests/data/slack/), with an injected clock."""

from __future__ import annotations

import pytest

from bot.slack.signing import MAX_AGE_SECONDS, FixedClock, refusal, signature, signed_headers, verifier
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


# --- the gateway's own check, on raw bytes before anything parses them ---------------------------------------


def test_the_gateways_check_accepts_the_documented_example(example_body: str) -> None:
    now = float(EXAMPLE_TIMESTAMP)
    assert refusal(EXAMPLE_SECRET, EXAMPLE_TIMESTAMP, EXAMPLE_SIGNATURE, example_body.encode(), now) is None
    assert refusal(EXAMPLE_SECRET, EXAMPLE_TIMESTAMP, EXAMPLE_SIGNATURE, example_body.encode(), now + 300) is None


@pytest.mark.parametrize(
    ("timestamp", "given", "offset", "body_suffix", "why"),
    [
        (None, EXAMPLE_SIGNATURE, 0, "", "no valid timestamp"),
        ("abc", EXAMPLE_SIGNATURE, 0, "", "no valid timestamp"),
        ("١٥٣١٤٢٠٦١٨", EXAMPLE_SIGNATURE, 0, "", "no valid timestamp"),  # digits int() reads, not ASCII
        ("9" * 5000, EXAMPLE_SIGNATURE, 0, "", "no valid timestamp"),
        (EXAMPLE_TIMESTAMP, EXAMPLE_SIGNATURE, 301, "", "timestamp outside the signature window"),
        (EXAMPLE_TIMESTAMP, EXAMPLE_SIGNATURE, -301, "", "timestamp outside the signature window"),
        (EXAMPLE_TIMESTAMP, None, 0, "", "no signature"),
        (EXAMPLE_TIMESTAMP, EXAMPLE_SIGNATURE, 0, "x", "bad signature"),
        (EXAMPLE_TIMESTAMP, "v0=ünicode", 0, "", "bad signature"),
    ],
)
def test_the_gateways_check_says_what_is_wrong_and_never_raises(
    example_body: str, timestamp: str | None, given: str | None, offset: int, body_suffix: str, why: str
) -> None:
    body = (example_body + body_suffix).encode()
    assert refusal(EXAMPLE_SECRET, timestamp, given, body, float(EXAMPLE_TIMESTAMP) + offset) == why


def test_a_body_that_is_not_utf8_is_signed_as_bytes() -> None:
    body = b"text=\xff\xfe"
    assert refusal("secret", "100", signature("secret", "100", body), body, 100.0) is None
