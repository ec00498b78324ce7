"""Web addresses as Slack delivers them in command text: `<https://x|label>` or `<https://x>` or bare."""

from __future__ import annotations

import re

_SLACK_LINK = re.compile(r"^<([^|<>]+)(?:\|[^<>]*)?>$")


def url_in(text: str) -> str:
    """The URL a person typed, with Slack's link wrapping removed."""
    text = text.strip()
    match = _SLACK_LINK.match(text)
    return match.group(1).strip() if match else text
