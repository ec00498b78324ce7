"""A workspace removing the app (`app_uninstalled`) or revoking its bot token (`tokens_revoked`): its tokens
are deleted from the installation store, its people's data (watches) and its feeds deleted, its channels'
digests paused. The shared article index stays: it holds nothing of the workspace.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext

from bot.core.store.team import Team
from bot.slack.core import Core
from bot.slack.roles import Roles, team_of

log = logging.getLogger(__name__)

Body = dict[str, Any]


def register(app: App, core: Core, known: Roles) -> None:
    """Listen for the app's removal and for revoked tokens (both acknowledged at once, handled inline: a few
    statements)."""
    app.event("app_uninstalled")(lambda body, context: _uninstalled(app, core, known, body, context))
    app.event("tokens_revoked")(lambda body, context, event: _revoked(app, core, known, body, context, event))


def _uninstalled(app: App, core: Core, known: Roles, body: Body, context: BoltContext) -> None:
    _forget(app, core, known, team_of(body), bool(context.is_enterprise_install), "app_uninstalled")


def _revoked(app: App, core: Core, known: Roles, body: Body, context: BoltContext, event: Body) -> None:
    tokens = event.get("tokens") or {}
    team, org_wide = team_of(body), bool(context.is_enterprise_install)
    if tokens.get("bot"):
        _forget(app, core, known, team, org_wide, "tokens_revoked")
        return
    store = app.installation_store
    for user_id in tokens.get("oauth") or []:  # people's own tokens, which the bot never uses: just deleted
        if store is not None:
            store.delete_installation(enterprise_id=team.enterprise_id, team_id=_key(team, org_wide), user_id=user_id)


def _forget(app: App, core: Core, known: Roles, team: Team, org_wide: bool, reason: str) -> None:
    store = app.installation_store
    if store is not None:  # OAuth: the workspace's tokens (single-workspace mode has only the environment's)
        store.delete_all(enterprise_id=team.enterprise_id, team_id=_key(team, org_wide))
    known.forget(team.team_id)
    gone = core.uninstalled(team, org_wide, reason)
    log.info("workspace %s%s: %s; %s", team, " (whole organisation)" if org_wide else "", reason, gone)


def _key(team: Team, org_wide: bool) -> str | None:
    """The installation store's team id: none for an organisation-wide install."""
    return None if org_wide else team.team_id
