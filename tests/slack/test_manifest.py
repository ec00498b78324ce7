"""The manifests declare every registry command, the scopes, events and interactivity, and match the files."""

from __future__ import annotations

import importlib

import pytest

from bot.core.registry import Registry
from bot.slack import manifest
from tests.slack.fake_core import registry


def _real_registry() -> Registry:
    handlers = importlib.import_module("handlers")
    if not hasattr(handlers, "build_registry"):
        pytest.skip("handlers.build_registry() does not exist yet")
    built: Registry = handlers.build_registry()
    return built


@pytest.mark.parametrize("socket_mode", [False, True])
def test_manifest_declares_every_command_scope_and_event(socket_mode: bool) -> None:
    commands = registry()
    built = manifest.build(commands, socket_mode)
    declared = {c["command"]: c for c in built["features"]["slash_commands"]}
    assert list(declared) == [c.slash for c in commands]
    assert declared["/who"]["usage_hint"] == "TEXT"
    assert set(built["oauth_config"]["scopes"]["bot"]) >= {
        "commands",
        "chat:write",
        "im:history",
        "app_mentions:read",
    }
    assert set(built["settings"]["event_subscriptions"]["bot_events"]) == {
        "message.im",
        "app_mention",
        "app_home_opened",
    }
    assert built["settings"]["interactivity"]["is_enabled"]
    assert built["settings"]["socket_mode_enabled"] is socket_mode
    urls = [c.get("url") for c in declared.values()] + [built["settings"]["interactivity"].get("request_url")]
    assert all(url is None for url in urls) if socket_mode else all(str(url).endswith("/slack/events") for url in urls)


@pytest.mark.parametrize("socket_mode", [False, True])
def test_manifest_files_are_generated_from_the_real_registry(socket_mode: bool) -> None:
    real = _real_registry()
    expected = manifest.render(manifest.build(real, socket_mode))
    on_disk = manifest.SOCKET_MODE_FILE if socket_mode else manifest.HTTP_FILE
    assert on_disk.exists(), "run `python -m bot.slack.manifest`"
    assert on_disk.read_text() == expected, "stale manifest: run `python -m bot.slack.manifest`"
    assert all(f'"{c.slash}"' in expected for c in real)
