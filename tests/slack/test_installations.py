"""Which token posts in a workspace: its own installation's, or on Enterprise Grid its organisation's org-wide
one; a workspace without an installation gets none."""

from __future__ import annotations

from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from sqlalchemy import create_engine

from bot.core.store.team import Team
from bot.slack.installations import InstalledMessengers, find_token, token_id


def _store() -> SQLAlchemyInstallationStore:
    store = SQLAlchemyInstallationStore(client_id="1.2", engine=create_engine("sqlite://"))
    store.create_tables()  # type: ignore[no-untyped-call]
    return store


def test_a_workspace_its_own_token_and_a_grid_workspace_its_organisations() -> None:
    store = _store()
    store.save(
        Installation(app_id="A1", team_id="T1", bot_token="xoxb-t1", bot_id="B1", bot_user_id="U1", user_id="UA")
    )
    store.save(
        Installation(
            app_id="A1",
            enterprise_id="E9",
            team_id=None,
            is_enterprise_install=True,
            bot_token="xoxb-org",
            bot_id="B9",
            bot_user_id="U9",
            user_id="UB",
        )
    )
    assert find_token(store, Team("T1")) == "xoxb-t1"
    assert find_token(store, Team("T5", "E9")) == "xoxb-org"  # a workspace of the organisation
    assert find_token(store, Team("T6", "E9")) == "xoxb-org"
    assert find_token(store, Team("T2")) is None
    assert find_token(store, Team("T7", "E1")) is None  # another organisation

    lookup = InstalledMessengers(store, "http://127.0.0.1:9/api/")
    one, two = lookup(Team("T5", "E9")), lookup(Team("T6", "E9"))
    assert one is not None and two is not None
    assert one.messenger is two.messenger, "one paced messenger per token, shared by the org's workspaces"
    assert one.token_id == token_id("xoxb-org") and "xoxb" not in one.token_id
    assert lookup(Team("T2")) is None
