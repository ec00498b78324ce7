"""Requests as Slack sends them: slash commands, events and button clicks, signed with the v0 scheme."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import count
from typing import Any
from urllib.parse import urlencode

from bot.slack.signing import signed_headers
from tests.slack.slack_standin import TEAM_ID

_ids = count(1)
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


@dataclass(frozen=True)
class Answer:
    """What the bot answered over HTTP."""

    status: int
    body: str
    seconds: float


def unique(prefix: str) -> str:
    """A fresh id, so tests sharing one bot process never see each other's calls."""
    return f"{prefix}{time.time_ns() % 10**9}{next(_ids)}"


def send(
    url: str,
    secret: str | None,
    body: str,
    content_type: str,
    headers: Mapping[str, str] | None = None,
    now: Callable[[], float] = time.time,
) -> Answer:
    """POST `body` to the bot, signed with `secret` (unsigned when None), and time the answer."""
    all_headers = {"Content-Type": content_type, **(signed_headers(secret, body, now) if secret else {})}
    request = urllib.request.Request(url, data=body.encode(), headers={**all_headers, **(headers or {})})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Answer(response.status, response.read().decode(), time.monotonic() - started)
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.read().decode(), time.monotonic() - started)


def slash_body(
    command: str,
    text: str,
    response_url: str,
    user: str = "U0ASKER",
    channel: str = "C0GENERAL",
    team: str = TEAM_ID,
    enterprise: str | None = None,
) -> str:
    """A slash command's form body, with every field Slack sends (from workspace `team`; of organisation
    `enterprise` with the app installed org-wide, on Enterprise Grid)."""
    fields = {
        "token": "legacy-verification-token",
        "team_id": team,
        "team_domain": "standin",
        "channel_id": channel,
        "channel_name": "general",
        "user_id": user,
        "user_name": "asker",
        "command": command,
        "text": text,
        "api_app_id": "A0NEWSBOT",
        "response_url": response_url,
        "trigger_id": unique("trigger."),
    }
    if enterprise:
        fields |= {"enterprise_id": enterprise, "is_enterprise_install": "true"}
    return urlencode(fields)


def event_body(event: Mapping[str, Any], event_id: str | None = None, team: str = TEAM_ID) -> str:
    """An Events API callback wrapping `event` (from workspace `team`)."""
    return json.dumps(
        {
            "token": "legacy-verification-token",
            "team_id": team,
            "api_app_id": "A0NEWSBOT",
            "event": dict(event),
            "type": "event_callback",
            "event_id": event_id or unique("Ev"),
            "event_time": int(time.time()),
            "authorizations": [{"team_id": team, "user_id": "UBOTSELF", "is_bot": True}],
        }
    )


def message_event(text: str, channel: str, user: str = "U0ASKER", **extra: Any) -> dict[str, Any]:
    """A `message` event in `channel` (a D... channel is a DM)."""
    kind = "im" if channel.startswith("D") else "channel"
    return {
        "type": "message",
        "channel": channel,
        "channel_type": kind,
        "user": user,
        "text": text,
        "ts": f"{time.time():.6f}",
        **extra,
    }


def click_body(
    action_id: str, value: str, user: str, response_url: str | None, ephemeral: bool = True, label: str = "Button"
) -> str:
    """A `block_actions` payload for one button click (App Home clicks have no response_url)."""
    payload: dict[str, Any] = {
        "type": "block_actions",
        "team": {"id": TEAM_ID, "domain": "standin"},
        "user": {"id": user, "team_id": TEAM_ID},
        "api_app_id": "A0NEWSBOT",
        "token": "legacy",
        "trigger_id": unique("trigger."),
        "channel": {"id": "C0GENERAL", "name": "general"},
        "container": {"type": "message", "is_ephemeral": ephemeral},
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "text": {"type": "plain_text", "text": label},
                "block_id": "b1",
                "value": value,
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }
    if response_url:
        payload["response_url"] = response_url
    else:
        payload["container"] = {"type": "view", "view_id": "V0HOME"}
        payload["view"] = {"id": "V0HOME", "type": "home"}
    return urlencode({"payload": json.dumps(payload)})
