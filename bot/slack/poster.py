"""Posting digests and watch alerts through Slack's Web API, at most one message a second per channel."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.digest.run import EVENT_TYPE
from bot.core.messenger import DeliveryFailed, Metadata
from bot.core.render.blockkit import Reply, retext
from bot.settings import Settings, SettingsError, api_url
from bot.slack.retries import retry_handlers
from bot.slack.surfaces import carried

# Slack allows about one message per second per channel (shared/slack/NOTES.md); bursts beyond are 429s.
PER_CHANNEL_INTERVAL = 1.0
# Messages read per conversations.history page (Slack's maximum is 1,000; 200 is its recommendation).
HISTORY_PAGE = 200
# Pages read back when looking for a digest's parts: a digest is found within minutes of its start, so a few
# pages are far more than the messages a channel gets meanwhile.
MAX_HISTORY_PAGES = 10
# Seconds before a digest's start from which the channel is read back, for clocks that disagree.
CLOCK_SKEW = 300


class SlackPoster:
    """The `Messenger` (see bot.core.messenger) over a WebClient, pacing posts per channel."""

    def __init__(
        self,
        client: WebClient,
        interval: float = PER_CHANNEL_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        retype: Callable[[str], str] = lambda text: text,
        keep: Callable[[str], str] | None = None,
    ) -> None:
        self._client = client
        # Keeps a button value longer than a button holds (a "show the rest" list) and gives its id; without it,
        # such a button is posted as it is and Slack refuses the message.
        self._keep = keep
        # Hints in digests and alerts name commands as the console types them; in Slack they read "/news …".
        self._retype = retype
        self._interval = interval
        self._clock = clock
        self._sleep = sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def post(self, channel: str, reply: Reply, metadata: Metadata | None, thread_ts: str | None = None) -> str:
        """Post one message (waiting its turn in the channel; in the thread of `thread_ts` if given) and return
        its `ts`; DeliveryFailed with Slack's error when Slack refuses it."""
        self._wait_turn(channel)
        if self._keep is not None:
            reply = Reply(reply.text, carried(reply.blocks, self._keep))
        payload = retext(reply, self._retype).payload()
        extra: dict[str, Any] = {"metadata": metadata} if metadata else {}
        if thread_ts:
            extra["thread_ts"] = thread_ts
        try:
            response = self._client.chat_postMessage(
                channel=channel,
                text=payload["text"],
                blocks=payload["blocks"] or None,
                unfurl_links=False,
                unfurl_media=False,
                **extra,
            )
        except SlackApiError as error:
            raise DeliveryFailed(str(error.response.get("error", "unknown_error")), channel) from error
        return str(response.get("ts", ""))

    def direct_message(self, user_id: str, reply: Reply) -> None:
        """Send a direct message from the app (posting to a user id opens the app's DM with them)."""
        self.post(user_id, reply, None)

    def reach(self, channel: str) -> str | None:
        """None when the bot can post in `channel`: a member already, or a public channel it has just joined
        (channels:join); otherwise Slack's reason (`not_in_channel` for a private channel it was not invited to)."""
        try:
            info = self._client.conversations_info(channel=channel).get("channel") or {}
            if info.get("is_archived"):
                return "is_archived"
            if info.get("is_member") or info.get("is_im") or info.get("is_mpim"):
                return None
            if info.get("is_private"):
                return "not_in_channel"
            self._client.conversations_join(channel=channel)
        except SlackApiError as error:
            code = str(error.response.get("error", "unknown_error"))
            # A private channel the bot is not in looks missing to it.
            return "not_in_channel" if code == "channel_not_found" and channel.startswith(("C", "G")) else code
        return None

    def posted_parts(
        self, channel: str, digest_id: str, since: datetime, thread_ts: str | None = None
    ) -> dict[int, str]:
        """The parts of digest `digest_id` already in the channel, and in the thread of its first part, each with
        its `ts`, read back from the messages' metadata."""
        parts = self._parts(channel, digest_id, since, None)
        root = thread_ts or parts.get(1)
        if root:
            parts |= self._parts(channel, digest_id, since, root)
        return parts

    def _parts(self, channel: str, digest_id: str, since: datetime, root: str | None) -> dict[int, str]:
        parts: dict[int, str] = {}
        cursor: str | None = None
        oldest = f"{since.timestamp() - CLOCK_SKEW:.6f}"
        for _page in range(MAX_HISTORY_PAGES):
            if root:
                response = self._client.conversations_replies(
                    channel=channel,
                    ts=root,
                    oldest=oldest,
                    include_all_metadata=True,
                    limit=HISTORY_PAGE,
                    cursor=cursor,
                )
            else:
                response = self._client.conversations_history(
                    channel=channel, oldest=oldest, include_all_metadata=True, limit=HISTORY_PAGE, cursor=cursor
                )
            for message in response.get("messages") or []:
                part = _digest_part(message, digest_id)
                if part is not None:
                    parts[part] = str(message.get("ts", ""))
            cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
            if cursor is None:
                break
        return parts

    def _wait_turn(self, channel: str) -> None:
        with self._lock:
            now = self._clock()
            turn = max(now, self._next.get(channel, now))
            self._next[channel] = turn + self._interval
        if turn > now:
            self._sleep(turn - now)


def _digest_part(message: dict[str, Any], digest_id: str) -> int | None:
    metadata = message.get("metadata") or {}
    payload = metadata.get("event_payload") or {}
    if metadata.get("event_type") == EVENT_TYPE and payload.get("digest_id") == digest_id:
        return int(payload.get("part", 0))
    return None


def bot_client(settings: Settings) -> WebClient:
    """A Web API client for jobs and the command line: the bot token, SLACK_API_URL, 429s waited out."""
    if not settings.slack_bot_token:
        raise SettingsError("SLACK_BOT_TOKEN is missing: posting to Slack needs the bot token (xoxb-…)")
    return WebClient(
        token=settings.slack_bot_token, base_url=api_url(settings.slack_api_url), retry_handlers=retry_handlers()
    )
