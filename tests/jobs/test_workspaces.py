"""Each workspace is posted to with its own messenger; a refused token pauses that workspace alone, said once."""

from __future__ import annotations

import logging

import pytest

from bot.core.messenger import DeliveryFailed, Install
from bot.core.render.blockkit import Reply
from bot.core.store.team import Team
from bot.jobs.workspaces import Workspaces, WorkspaceUnavailable
from tests.jobs.test_scheduler import RecordingPoster

ONE, TWO = Team("T1"), Team("T2", "E2")


class RevokedPoster(RecordingPoster):
    """Slack refusing the token: every message fails with `token_revoked`."""

    def direct_message(self, user_id: str, reply: Reply) -> None:
        raise DeliveryFailed("token_revoked", user_id)


def test_each_workspace_gets_its_own_messenger_and_an_uninstalled_one_none() -> None:
    posters = {ONE.team_id: RecordingPoster(), TWO.team_id: RecordingPoster()}
    installs = {ONE.team_id: Install(posters["T1"], "t1"), TWO.team_id: Install(posters["T2"], "t2")}
    workspaces = Workspaces(lambda team: installs.get(team.team_id))
    for team in (ONE, TWO):
        found = workspaces.messenger(team)
        assert found is not None
        found.direct_message("U1", Reply(f"hello {team.team_id}"))
    assert posters["T1"].dms == [("U1", "hello T1")] and posters["T2"].dms == [("U1", "hello T2")]
    assert workspaces.messenger(Team("T3")) is None


def test_a_revoked_token_pauses_its_workspace_once_and_a_new_token_resumes_it(
    caplog: pytest.LogCaptureFixture,
) -> None:
    healthy = RecordingPoster()
    installs = {ONE.team_id: Install(RevokedPoster(), "old"), TWO.team_id: Install(healthy, "t2")}
    workspaces = Workspaces(lambda team: installs.get(team.team_id))
    caplog.set_level(logging.WARNING, logger="bot.jobs.workspaces")
    revoked = workspaces.messenger(ONE)
    assert revoked is not None
    with pytest.raises(WorkspaceUnavailable):
        revoked.direct_message("U1", Reply("alert"))
    for _round in range(3):  # later rounds skip the workspace without trying or logging again
        assert workspaces.messenger(ONE) is None
    assert [r.message for r in caplog.records].count(
        "workspace T1 paused: Slack refused its token (token_revoked); its jobs wait for a reinstall"
    ) == 1
    other = workspaces.messenger(TWO)
    assert other is not None
    other.direct_message("U2", Reply("alert"))
    assert healthy.dms == [("U2", "alert")] and workspaces.paused() == {"T1"}

    installs[ONE.team_id] = Install(RecordingPoster(), "new")  # reinstalled: a new token
    assert workspaces.messenger(ONE) is not None and workspaces.paused() == set()


def test_a_channel_refusal_is_not_a_token_refusal() -> None:
    class NotInChannel(RecordingPoster):
        def direct_message(self, user_id: str, reply: Reply) -> None:
            raise DeliveryFailed("not_in_channel", user_id)

    workspaces = Workspaces(lambda team: Install(NotInChannel(), "t1"))
    found = workspaces.messenger(ONE)
    assert found is not None
    with pytest.raises(DeliveryFailed):
        found.direct_message("U1", Reply("alert"))
    assert workspaces.messenger(ONE) is not None
