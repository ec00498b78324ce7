"""The Slack app manifests (HTTP and Socket Mode), generated from the command registry.

`python -m bot.slack.manifest` rewrites `manifest.json` (HTTP) and `manifest.socket-mode.json` at the
repository root; a test fails when they drift from the registry. Paste one into https://api.slack.com/apps
-> "Create New App" -> "From an app manifest", replacing the placeholder host in the HTTP one with the bot's
public URL.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from bot.core.registry import Registry
from bot.settings import ROOT
from bot.slack.app import SCOPES

APP_NAME = "Newsbot"
DESCRIPTION = "News intelligence: who is who, which bases, what the corpus says."
PLACEHOLDER_HOST = "https://YOUR-BOT-HOST.example.com"
EVENTS = ["app_home_opened", "app_mention", "message.im"]
HTTP_FILE = ROOT / "manifest.json"
SOCKET_MODE_FILE = ROOT / "manifest.socket-mode.json"
# Slack's limits for a command's manifest entry.
MAX_DESCRIPTION = 2000
MAX_USAGE_HINT = 1000

Manifest = dict[str, Any]


def build(registry: Registry, socket_mode: bool, host: str = PLACEHOLDER_HOST) -> Manifest:
    """The manifest declaring every command, the scopes, the events and interactivity."""
    url = None if socket_mode else f"{host}/slack/events"
    commands = [
        {
            "command": c.slash,
            "description": c.help[:MAX_DESCRIPTION],
            "usage_hint": c.usage.removeprefix(c.slash).strip()[:MAX_USAGE_HINT],
            "should_escape": False,
        }
        | ({"url": url} if url else {})
        for c in registry
    ]
    return {
        "display_information": {"name": APP_NAME, "description": DESCRIPTION},
        "features": {
            "app_home": {
                "home_tab_enabled": True,
                "messages_tab_enabled": True,
                "messages_tab_read_only_enabled": False,
            },
            "bot_user": {"display_name": APP_NAME.lower(), "always_online": True},
            "slash_commands": commands,
        },
        "oauth_config": _oauth_config(host, socket_mode),
        "settings": _settings(url, socket_mode),
    }


def _oauth_config(host: str, socket_mode: bool) -> dict[str, Any]:
    config: dict[str, Any] = {"scopes": {"bot": sorted(SCOPES)}}
    if not socket_mode:  # only needed for installing into several workspaces (SLACK_CLIENT_ID/SECRET)
        config["redirect_urls"] = [f"{host}/slack/oauth_redirect"]
    return config


def _settings(url: str | None, socket_mode: bool) -> dict[str, Any]:
    events: dict[str, Any] = {"bot_events": EVENTS} | ({"request_url": url} if url else {})
    return {
        "event_subscriptions": events,
        "interactivity": {"is_enabled": True} | ({"request_url": url} if url else {}),
        "org_deploy_enabled": False,
        "socket_mode_enabled": socket_mode,
        "token_rotation_enabled": False,
    }


def render(manifest: Manifest) -> str:
    """The manifest as written to disk."""
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


def write(registry: Registry) -> list[Path]:
    """Rewrite both manifest files from `registry`."""
    written = []
    for path, socket_mode in ((HTTP_FILE, False), (SOCKET_MODE_FILE, True)):
        path.write_text(render(build(registry, socket_mode)))
        written.append(path)
    return written


def main() -> int:
    """Regenerate the manifests from the handlers' registry."""
    import handlers

    for path in write(handlers.build_registry()):
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
