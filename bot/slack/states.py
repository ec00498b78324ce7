"""The OAuth flow's states, as slack-sdk keeps them, without the rows nobody came back for.

slack-sdk's SQLAlchemy state store deletes a state when the install flow returns with it, never one that expired
unused: every visit of the install page (anyone may open it) adds a row for good. Here each new state first deletes
the expired ones, so the table holds the states of the last few minutes, however often the page is opened.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from slack_sdk.oauth.sqlalchemy_utils import normalize_datetime_for_db
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore


class PrunedStateStore(SQLAlchemyOAuthStateStore):
    """slack-sdk's state store, pruning expired states as it issues new ones."""

    def issue(self, *args: Any, **kwargs: Any) -> str:
        """A new state, after deleting the expired ones."""
        now = normalize_datetime_for_db(datetime.now(UTC))
        with self.engine.begin() as conn:
            conn.execute(self.oauth_states.delete().where(self.oauth_states.c.expire_at <= now))
        return str(super().issue(*args, **kwargs))
