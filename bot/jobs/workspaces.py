"""Which messenger posts for which workspace, and workspaces whose token stopped working.

With OAuth every installation has its own bot token: a digest or an alert for a workspace is posted with that
workspace's token, looked up in the installation store (the lookup is passed in by the composition root, so the
jobs never import the Slack transport). In single-workspace mode the one SLACK_BOT_TOKEN messenger is used.

A token Slack refuses for good (revoked, the app removed, the account deactivated) pauses that workspace only:
its jobs are skipped, with one log line, until its installation changes (a reinstall brings a new token).
The other workspaces go on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime

from bot.core.messenger import DeliveryFailed, Lookup, Messenger, Metadata
from bot.core.render.blockkit import Reply
from bot.core.store.team import Team

log = logging.getLogger(__name__)

# Slack's answers meaning the token itself is no good, whatever the channel: the workspace is paused.
TOKEN_ERRORS = frozenset({"invalid_auth", "token_revoked", "account_inactive", "not_authed", "team_disabled",
                          "token_expired", "team_access_not_granted"})  # fmt: skip


class WorkspaceUnavailable(Exception):
    """The workspace's token was refused for good: nothing more is posted there until it is reinstalled."""

    def __init__(self, team: Team, code: str) -> None:
        super().__init__(f"workspace {team} paused: Slack refused its token ({code})")
        self.team = team
        self.code = code


class Workspaces:
    """Per workspace, the messenger that posts there, or None when it is not installed or paused."""

    def __init__(self, lookup: Lookup) -> None:
        self._lookup = lookup
        self._paused: dict[str, str] = {}  # team id -> the token id Slack refused
        self._missing: set[str] = set()  # teams already logged as not installed
        self._lock = threading.Lock()

    def messenger(self, team: Team) -> Messenger | None:
        """The messenger for `team` (posting with its token), None when it is not installed or its token was
        refused (said once in the log)."""
        install = self._lookup(team)
        with self._lock:
            if install is None:
                if team.team_id not in self._missing:
                    self._missing.add(team.team_id)
                    log.warning("workspace %s has no installation: its digests and alerts are skipped", team)
                return None
            self._missing.discard(team.team_id)
            refused = self._paused.get(team.team_id)
            if refused is not None and refused == install.token_id:
                return None
            if refused is not None:
                del self._paused[team.team_id]
                log.info("workspace %s has a new installation: its jobs resume", team)
        return Guarded(install.messenger, lambda code: self._pause(team, install.token_id, code))

    def _pause(self, team: Team, token_id: str, code: str) -> WorkspaceUnavailable:
        with self._lock:
            first = self._paused.get(team.team_id) != token_id
            self._paused[team.team_id] = token_id
        if first:
            log.warning("workspace %s paused: Slack refused its token (%s); its jobs wait for a reinstall", team, code)
        return WorkspaceUnavailable(team, code)

    def paused(self) -> set[str]:
        """The team ids whose token was refused."""
        with self._lock:
            return set(self._paused)


class Guarded:
    """A messenger that turns a refused token into WorkspaceUnavailable (and pauses the workspace), so the
    digest does not mistake it for a problem with one channel."""

    def __init__(self, inner: Messenger, refused: Callable[[str], WorkspaceUnavailable]) -> None:
        self._inner = inner
        self._refused = refused

    def post(self, channel: str, reply: Reply, metadata: Metadata | None, thread_ts: str | None = None) -> str:
        """Post through the workspace's messenger."""
        try:
            return self._inner.post(channel, reply, metadata, thread_ts)
        except DeliveryFailed as failed:
            raise self._check(failed) from failed

    def posted_parts(
        self, channel: str, digest_id: str, since: datetime, thread_ts: str | None = None
    ) -> dict[int, str]:
        """Read a digest's parts back through the workspace's messenger."""
        return self._inner.posted_parts(channel, digest_id, since, thread_ts)

    def direct_message(self, user_id: str, reply: Reply) -> None:
        """Send a direct message through the workspace's messenger."""
        try:
            self._inner.direct_message(user_id, reply)
        except DeliveryFailed as failed:
            raise self._check(failed) from failed

    def reach(self, channel: str) -> str | None:
        """Whether the bot can post in `channel`, with the workspace's token."""
        return self._inner.reach(channel)

    def _check(self, failed: DeliveryFailed) -> Exception:
        return self._refused(failed.code) if failed.code in TOKEN_ERRORS else failed
