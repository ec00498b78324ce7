"""Who may administer, as Slack says (users.info): admins and owners; guests and other organisations never."""

from __future__ import annotations

from typing import Any

from slack_sdk.errors import SlackApiError

from bot.core import roles
from bot.core.store.team import Team
from bot.slack.roles import Roles, role_of, team_of

TEAM = Team("T1", "E1")


def test_roles_from_users_info() -> None:
    assert role_of({"team_id": "T1", "is_admin": True}, TEAM) == roles.ADMIN
    assert role_of({"team_id": "T1", "is_owner": True}, TEAM) == roles.ADMIN
    assert role_of({"team_id": "T1"}, TEAM) == roles.MEMBER
    assert role_of({"team_id": "T1", "is_restricted": True, "is_admin": True}, TEAM) == roles.GUEST
    assert role_of({"team_id": "T1", "is_ultra_restricted": True}, TEAM) == roles.GUEST
    assert role_of({"team_id": "T9", "is_admin": True}, TEAM) == roles.EXTERNAL  # an admin of another org
    assert role_of({"team_id": "T1", "is_stranger": True}, TEAM) == roles.EXTERNAL
    # Enterprise Grid: a person of the same organisation, homed in another of its workspaces, is not external.
    grid = {"team_id": "T2", "is_admin": True, "enterprise_user": {"enterprise_id": "E1"}}
    assert role_of(grid, TEAM) == roles.ADMIN
    assert role_of(grid, Team("T1")) == roles.EXTERNAL


class FakeClient:
    """users.info answers from a dict, counting calls; an unknown user is an error."""

    def __init__(self, users: dict[str, dict[str, Any]]) -> None:
        self.users = users
        self.calls = 0

    def users_info(self, user: str) -> dict[str, Any]:
        self.calls += 1
        if user not in self.users:
            raise SlackApiError("user_not_found", {"ok": False, "error": "user_not_found"})  # type: ignore[no-untyped-call]
        return {"ok": True, "user": self.users[user]}


def test_roles_are_cached_per_workspace_until_they_expire() -> None:
    now = [0.0]
    known = Roles(ttl=60, clock=lambda: now[0])
    client = FakeClient({"U1": {"team_id": "T1", "is_admin": True}})
    assert known.lookup(client, TEAM, "U1") == roles.ADMIN  # type: ignore[arg-type]
    client.users["U1"] = {"team_id": "T1"}  # demoted
    assert known.lookup(client, TEAM, "U1") == roles.ADMIN and client.calls == 1  # type: ignore[arg-type]
    now[0] = 61
    assert known.lookup(client, TEAM, "U1") == roles.MEMBER and client.calls == 2  # type: ignore[arg-type]
    assert known.lookup(client, TEAM, "U9") == roles.UNKNOWN  # type: ignore[arg-type]
    known.forget("T1")
    assert known.lookup(client, TEAM, "U1") == roles.MEMBER and client.calls == 4  # type: ignore[arg-type]


def test_the_workspace_of_a_command_an_event_and_a_click() -> None:
    assert team_of({"team_id": "T1", "enterprise_id": "E1", "command": "/news"}) == Team("T1", "E1")
    assert team_of({"type": "event_callback", "team_id": "T2", "event": {}}) == Team("T2")
    assert team_of({"type": "block_actions", "team": {"id": "T3"}, "user": {"id": "U1"}}) == Team("T3")
