"""An address as a person types it in Slack: wrapped by Slack, followed by words, or not an address at all."""

from __future__ import annotations

import pytest

from bot.core.ingest.fetch import MAX_URL_CHARS, FetchError, check_url
from bot.core.ingest.links import url_in


@pytest.mark.parametrize(
    ("typed", "url"),
    [
        ("<https://e.x/rss|e.x/rss>", "https://e.x/rss"),
        ("<https://e.x/rss> please", "https://e.x/rss"),
        ("  https://e.x/rss   thanks a lot", "https://e.x/rss"),
        ("just some words", "just some words"),
        ("", ""),
    ],
)
def test_the_address_is_the_first_word_when_it_is_one(typed: str, url: str) -> None:
    assert url_in(typed) == url


def test_an_address_with_spaces_or_past_the_length_limit_is_refused_in_one_short_line() -> None:
    with pytest.raises(FetchError, match="has no spaces"):
        check_url("https://e.x/a b")
    with pytest.raises(FetchError, match="too long") as refused:
        check_url("https://e.x/" + "a" * MAX_URL_CHARS)
    assert len(str(refused.value)) < 200
    assert check_url(" https://e.x/" + "a" * 100 + " ") == "https://e.x/" + "a" * 100
