"""tokens_revoked: a revoked bot token forgets the workspace as an uninstall does; revoked user tokens only
delete those people's installations (the bot never uses them)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from slack_bolt import BoltContext
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from sqlalchemy import create_engine

from bot.core.store.team import Team
from bot.slack import uninstalls
from bot.slack.core import Core
from bot.slack.roles import Roles
from tests.slack import fake_core


class FakeApp:
    """What the listeners read of Bolt's app: its installation store."""

    def __init__(self) -> None:
        self.installation_store = SQLAlchemyInstallationStore(client_id="1.2", engine=create_engine("sqlite://"))
        self.installation_store.create_tables()  # type: ignore[no-untyped-call]
        for user in ("UA", "UB"):
            installed = Installation(app_id="A1", team_id="T1", bot_token="xoxb-1", bot_id="B1", bot_user_id="U1",
                                     user_id=user, user_token=f"xoxp-{user}")  # fmt: skip
            self.installation_store.save(installed)


def _core(forgotten: list[tuple[Team, bool, str]], app: Any) -> Core:
    def record(team: Team, org_wide: bool, reason: str) -> str:
        forgotten.append((team, org_wide, reason))
        return "forgotten"

    return replace(fake_core.load(app), uninstalled=record)


class StoreApp:
    """fake_core.load reads `store` off the bot's App."""

    def __init__(self, store: Any) -> None:
        self.store = store


def test_revoked_user_tokens_delete_only_those_installations(store: Any) -> None:
    app, forgotten = FakeApp(), []  # type: ignore[var-annotated]
    body = {"team_id": "T1", "event": {"type": "tokens_revoked"}}
    event = {"tokens": {"oauth": ["UA"]}}
    uninstalls._revoked(app, _core(forgotten, StoreApp(store)), Roles(), body, BoltContext(), event)  # type: ignore[arg-type]
    found = app.installation_store
    assert found.find_installation(enterprise_id=None, team_id="T1", user_id="UA") is None
    assert found.find_installation(enterprise_id=None, team_id="T1", user_id="UB") is not None
    assert forgotten == []


def test_a_revoked_bot_token_forgets_the_workspace(store: Any) -> None:
    app, forgotten = FakeApp(), []  # type: ignore[var-annotated]
    body = {"team_id": "T1", "event": {"type": "tokens_revoked"}}
    event = {"tokens": {"bot": ["U1"]}}
    uninstalls._revoked(app, _core(forgotten, StoreApp(store)), Roles(), body, BoltContext(), event)  # type: ignore[arg-type]
    assert app.installation_store.find_bot(enterprise_id=None, team_id="T1") is None
    assert forgotten == [(Team("T1"), False, "tokens_revoked")]
