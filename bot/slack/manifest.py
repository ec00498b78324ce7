"""The Slack app manifests (HTTP and Socket Mode), generated from the command registry.

`python -m bot.slack.manifest` rewrites `manifest.json` (HTTP) and `manifest.socket-mode.json` at the
repository root; a test fails when they drift from the registry. Paste one into https://api.slack.com/apps
-> "Create New App" -> "From an app manifest", replacing the placeholder host in the HTTP one with the bot's
public URL.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.core.registry import Registry
from bot.settings import ROOT
from bot.slack.app import SCOPES
from bot.slack.core import slack_commands

APP_NAME = "Newsbot"
DESCRIPTION = "News intelligence: who is who, which bases, what the corpus says."
PLACEHOLDER_HOST = "https://YOUR-BOT-HOST.example.com"
# link_shared: links to indexed articles are unfurled (only on the domains the manifest declares).
# app_uninstalled, tokens_revoked: a workspace that removes the app has its tokens and people's data deleted.
EVENTS = ["app_home_opened", "app_mention", "app_uninstalled", "link_shared", "message.im", "tokens_revoked"]
HTTP_FILE = ROOT / "manifest.json"
SOCKET_MODE_FILE = ROOT / "manifest.socket-mode.json"
# Slack's limits for a command's manifest entry (slackapi/manifest-schema).
MAX_DESCRIPTION = 2000
MAX_USAGE_HINT = 1000
MAX_COMMANDS = 50

Manifest = dict[str, Any]


def build(
    registry: Registry,
    socket_mode: bool,
    host: str = PLACEHOLDER_HOST,
    commands: Sequence[str] | None = None,
    unfurl_domains: Sequence[str] = (),
) -> Manifest:
    """The manifest declaring the main command and the direct ones (`commands`, every one by default), the
    scopes, the events and interactivity."""
    url = None if socket_mode else f"{host}/slack/events"
    names = list(commands) if commands is not None else slack_commands(registry)
    entries = [_entry(registry, name) | ({"url": url} if url else {}) for name in names][:MAX_COMMANDS]
    features: dict[str, Any] = {
        "app_home": {"home_tab_enabled": True, "messages_tab_enabled": True, "messages_tab_read_only_enabled": False},
        "bot_user": {"display_name": APP_NAME.lower(), "always_online": True},
        "slash_commands": entries,
    }
    if unfurl_domains:
        features["unfurl_domains"] = list(unfurl_domains)
    return {
        "display_information": {"name": APP_NAME, "description": DESCRIPTION},
        "features": features,
        "oauth_config": _oauth_config(host, socket_mode),
        "settings": _settings(url, socket_mode),
    }


def _entry(registry: Registry, name: str) -> dict[str, Any]:
    """One command's entry; a usage hint only when there is one (Slack refuses an empty one)."""
    command = registry.get(name)
    assert command is not None, f"/{name} is not a registered command"
    hint = _main_hint(registry) if command is registry.main else command.usage.removeprefix(command.slash).strip()
    entry: dict[str, Any] = {"command": f"/{name}", "description": command.help[:MAX_DESCRIPTION]}
    if hint:
        entry["usage_hint"] = hint[:MAX_USAGE_HINT]
    return entry | {"should_escape": False}


def _main_hint(registry: Registry) -> str:
    """`who NAME · bases … · help`: each sub-command's usage while they fit, whole."""
    hint = ""
    for command in registry:
        usage = command.usage.removeprefix("/")
        joined = f"{hint} · {usage}" if hint else usage
        if len(joined) > MAX_USAGE_HINT:
            break
        hint = joined
    return hint


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
        # Enterprise Grid: an organisation may install the app once for all its workspaces (data kept per workspace).
        "org_deploy_enabled": True,
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


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate the shipped manifests (defaults: /news and every direct command); with --print, print the
    manifest of this install: SLACK_COMMAND, SLACK_DIRECT_COMMANDS, SLACK_UNFURL_DOMAINS and --host."""
    import handlers
    from bot.settings import SettingsError, load

    parser = argparse.ArgumentParser(prog="python -m bot.slack.manifest", description=main.__doc__)
    parser.add_argument("--print", choices=["http", "socket-mode"], dest="mode", help="print instead of writing")
    parser.add_argument("--host", default=PLACEHOLDER_HOST, help="the public https:// host serving /slack/events")
    args = parser.parse_args(argv)
    if args.mode is None:
        for path in write(handlers.build_registry()):
            print(f"wrote {path.relative_to(ROOT)}")
        return 0
    try:
        settings = load()
        registry = handlers.build_registry(settings.slack_command)
        names = slack_commands(registry, settings.slack_direct_commands)
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    built = build(registry, args.mode == "socket-mode", args.host.rstrip("/"), names, settings.slack_unfurl_domains)
    print(render(built), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
