"""Where the bot's own messages go (digests, watch alerts): Slack in production, a recorder in tests.

The scheduled jobs and the digest depend on these protocols only; the composition root (bot.app) hands them
the Slack implementation (bot.slack.poster).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from bot.core.render.blockkit import Reply
from bot.core.store.team import Team

# Slack message metadata: an event type and its payload, carried by a message and read back from history.
Metadata = dict[str, Any]

# Slack's errors that trying again will not cure, and what a person can do about each.
PERMANENT_ERRORS = {
    "not_in_channel": "I am not in that channel: invite me there (`/invite @newsbot`), then subscribe it again",
    "channel_not_found": "the channel is gone, or it is private and I was never invited to it",
    "is_archived": "the channel is archived",
    "account_inactive": "my Slack account is deactivated (was the app removed?)",
    "invalid_auth": "my Slack token is no longer valid (was the app reinstalled or removed?)",
    "token_revoked": "my Slack token was revoked (was the app removed?)",
    "not_authed": "no Slack token was sent with the request",
    "restricted_action": "this workspace does not let me post there",
}


class DeliveryFailed(Exception):
    """A message Slack did not take; `code` is Slack's error (or the failure's kind)."""

    def __init__(self, code: str, channel: str) -> None:
        super().__init__(f"Slack refused a message to {channel}: {code}")
        self.code = code
        self.channel = channel

    @property
    def permanent(self) -> bool:
        """Whether trying again would fail the same way until someone acts."""
        return self.code in PERMANENT_ERRORS


def explain(code: str) -> str:
    """What a refusal means to a person."""
    return PERMANENT_ERRORS.get(code, f"Slack answered “{code}”")


class Poster(Protocol):
    """Where digests go: Slack in production, a recorder in tests, stdout for a dry run."""

    def post(self, channel: str, reply: Reply, metadata: Metadata | None, thread_ts: str | None = None) -> str:
        """Post one message (in the thread of `thread_ts` if given) and return its id (Slack's `ts`); raise
        DeliveryFailed when Slack refuses it."""

    def posted_parts(
        self, channel: str, digest_id: str, since: datetime, thread_ts: str | None = None
    ) -> dict[int, str]:
        """The parts of a digest already in the channel (and in the thread of `thread_ts`), each with its `ts`,
        read back from the messages' metadata."""


class Messenger(Poster, Protocol):
    """A digest poster that can also send direct messages (watch alerts) and check where it may post."""

    def direct_message(self, user_id: str, reply: Reply) -> None:
        """Send a direct message to a person."""

    def reach(self, channel: str) -> str | None:
        """None when the bot can post in `channel` (joining it if it is public); otherwise Slack's reason code."""


@dataclass(frozen=True)
class Install:
    """A workspace's messenger (posting with its own bot token), and what identifies that token without holding
    it: a new token means a new installation."""

    messenger: Messenger
    token_id: str


# Finds a workspace's installation: None when the app is not (or no longer) installed there.
Lookup = Callable[[Team], Install | None]
