"""Web addresses as Slack delivers them in command text: `<https://x|label>` or `<https://x>` or bare."""

from __future__ import annotations

import re

_SLACK_LINK = re.compile(r"^<([^|<>]+)(?:\|[^<>]*)?>")


def url_in(text: str) -> str:
    """The URL a person typed, with Slack's link wrapping removed: an address has no spaces, so words after
    one ("/feeds add URL please") are not part of it; text that does not start with one is returned whole."""
    text = text.strip()
    match = _SLACK_LINK.match(text)
    if match:
        return match.group(1).strip()
    first = (text.split(maxsplit=1) or [""])[0]
    return first if "://" in first else text
