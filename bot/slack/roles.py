"""Who is asking, as Slack sees them (users.info with the workspace's own token), cached for a few minutes, and
the workspace a request came from."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from slack_bolt.request.internals import extract_enterprise_id, extract_team_id
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core import roles
from bot.core.store.team import Team
from bot.slack.core import Workspace
from bot.slack.poster import SlackPoster

log = logging.getLogger(__name__)

# A promotion or a demotion takes effect within this long; meanwhile a burst of commands costs one call.
ROLE_SECONDS = 300.0


def role_of(user: dict[str, Any], team: Team) -> str:
    """A users.info `user` object's role in `team`: external (another organisation, Slack Connect), guest,
    admin (admins and owners) or member."""
    enterprise = (user.get("enterprise_user") or {}).get("enterprise_id")
    home = user.get("team_id")
    same_org = team.enterprise_id is not None and team.enterprise_id in (enterprise, home)
    if user.get("is_stranger") or (home not in (None, team.team_id) and not same_org):
        return roles.EXTERNAL
    if user.get("is_restricted") or user.get("is_ultra_restricted"):
        return roles.GUEST
    if user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"):
        return roles.ADMIN
    return roles.MEMBER


class Roles:
    """Each person's role per workspace, looked up with users.info and kept for `ttl` seconds."""

    def __init__(self, ttl: float = ROLE_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl
        self._clock = clock
        self._known: dict[tuple[str, str], tuple[str, float]] = {}
        self._lock = threading.Lock()

    def lookup(self, client: WebClient, team: Team, user_id: str) -> str:
        """The person's role in `team`; UNKNOWN (not kept) when Slack does not answer."""
        key, now = (team.team_id, user_id), self._clock()
        with self._lock:
            found = self._known.get(key)
        if found is not None and found[1] > now:
            return found[0]
        try:
            user = client.users_info(user=user_id).get("user") or {}
        except SlackApiError as error:
            log.warning("users.info for %s failed (%s): treated as a member", user_id, error.response.get("error"))
            return roles.UNKNOWN
        role = role_of(user, team)
        with self._lock:
            self._known[key] = (role, now + self._ttl)
        return role

    def forget(self, team_id: str) -> None:
        """Drop what is known of a workspace's people (it removed the app)."""
        with self._lock:
            for key in [k for k in self._known if k[0] == team_id]:
                del self._known[key]


def team_of(body: dict[str, Any]) -> Team:
    """The workspace a request (command, action, event) came from."""
    return Team(extract_team_id(body) or "", extract_enterprise_id(body))


def workspace_of(body: dict[str, Any], client: WebClient, known: Roles) -> Workspace:
    """The workspace a request came from, with its token's client for checking channels and people."""
    team = team_of(body)
    return Workspace(team, reach=SlackPoster(client).reach, role=lambda user: known.lookup(client, team, user))
