"""The bot's installations in Slack: each workspace's bot token from the installation store (OAuth), the bot's
own workspace (auth.test with SLACK_BOT_TOKEN), and what a workspace's messenger posts with."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.core.messenger import Install, Lookup
from bot.core.store.team import Team
from bot.slack.poster import SlackPoster
from bot.slack.retries import retry_handlers

if TYPE_CHECKING:
    from slack_sdk.oauth.installation_store import InstallationStore

log = logging.getLogger(__name__)
# Keeps a value too long for a button and gives the id it carries instead (bot.slack.core.keep_line).
Keep = Callable[[str], str]


def home_team(client: WebClient) -> Team | None:
    """The workspace the client's token belongs to (auth.test); None when Slack cannot say (logged)."""
    try:
        found = client.auth_test()
    except SlackApiError as error:
        log.warning("auth.test failed (%s): the bot's own workspace is unknown", error.response.get("error"))
        return None
    except (SlackClientError, OSError) as error:  # Slack unreachable: the next start asks again
        log.warning("auth.test failed (%s): the bot's own workspace is unknown", type(error).__name__)
        return None
    team_id = found.get("team_id")
    return Team(str(team_id), found.get("enterprise_id") or None) if team_id else None


def token_id(token: str) -> str:
    """What tells two tokens apart in logs and caches without holding the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()[:16]


def find_token(installations: InstallationStore, team: Team) -> str | None:
    """The bot token that posts in `team`: its own installation's, else its organisation's org-wide one."""
    bot = installations.find_bot(enterprise_id=team.enterprise_id, team_id=team.team_id)
    if (bot is None or not bot.bot_token) and team.enterprise_id:
        bot = installations.find_bot(enterprise_id=team.enterprise_id, team_id=None, is_enterprise_install=True)
    return bot.bot_token if bot is not None and bot.bot_token else None


class InstalledMessengers:
    """The `Lookup` of bot.jobs.workspaces over the installation store: one paced messenger per token."""

    def __init__(self, installations: InstallationStore, api_url: str, keep: Keep | None = None) -> None:
        self._installations = installations
        self._keep = keep
        self._api_url = api_url
        self._messengers: dict[str, SlackPoster] = {}
        self._lock = threading.Lock()

    def __call__(self, team: Team) -> Install | None:
        """The workspace's messenger, None when it has no installation."""
        token = find_token(self._installations, team)
        if token is None:
            return None
        key = token_id(token)
        with self._lock:
            poster = self._messengers.get(key)
            if poster is None:
                client = WebClient(token=token, base_url=self._api_url, retry_handlers=retry_handlers())
                poster = self._messengers[key] = SlackPoster(client, keep=self._keep)
        return Install(poster, key)


def installed_messengers(installations: InstallationStore, api_url: str, keep: Keep | None = None) -> Lookup:
    """Each workspace's messenger, from its installation; `keep` keeps button values too long for a button."""
    return InstalledMessengers(installations, api_url, keep)
