"""Where the bot's own messages go (digests, watch alerts): Slack in production, a recorder in tests.

The scheduled jobs and the digest depend on these protocols only; the composition root (bot.app) hands them
the Slack implementation (bot.slack.poster).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from bot.core.render.blockkit import Reply

# Slack message metadata: an event type and its payload, carried by a message and read back from history.
Metadata = dict[str, Any]


class Poster(Protocol):
    """Where digests go: Slack in production, a recorder in tests, stdout for a dry run."""

    def post(self, channel: str, reply: Reply, metadata: Metadata | None) -> str:
        """Post one message and return its id (Slack's `ts`)."""

    def posted_parts(self, channel: str, digest_id: str, since: datetime) -> set[int]:
        """The part numbers of a digest already in the channel (read back from the messages' metadata)."""


class Messenger(Poster, Protocol):
    """A digest poster that can also send direct messages (watch alerts)."""

    def direct_message(self, user_id: str, reply: Reply) -> None:
        """Send a direct message to a person."""
