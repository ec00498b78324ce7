"""The manifests: generated from the registry, valid under the rules of Slack's manifest schema, free of Slack's
built-in command names and of empty fields, and matching the files shipped."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

import handlers
from bot.core.registry import SLACK_BUILT_INS, Command, Registry, slash_name_problem
from bot.core.render.blockkit import Reply
from bot.slack import manifest
from bot.slack.app import SCOPE_REASONS, SCOPES
from bot.slack.core import slack_commands
from tests.conftest import ROOT
from tests.slack.bot_process import run_module
from tests.slack.fake_core import registry

SCHEMA = json.loads((ROOT / "tests" / "data" / "slack" / "manifest.schema.json").read_text())
# The built-ins shared/slack/NOTES.md lists from Slack's documentation: the code's list must hold them all.
DOCUMENTED_BUILT_INS = (
    "/active /apps /archive /away /call /collapse /dm /dnd /expand /feed /feedback /invite /join /kick /leave /me "
    "/msg /mute /open /prefs /pro /remind /remove /rename /search /shortcuts /shrug /star /status /topic /who"
).split()


def _validate(built: dict[str, Any]) -> None:
    jsonschema.Draft7Validator(SCHEMA).validate(built)


def _leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{path}.{key}")
    elif isinstance(value, list):
        yield path, value
        for n, item in enumerate(value):
            yield from _leaves(item, f"{path}[{n}]")
    else:
        yield path, value


def test_the_built_in_list_holds_every_documented_built_in() -> None:
    assert set(DOCUMENTED_BUILT_INS) <= SLACK_BUILT_INS
    assert all(slash_name_problem(name) for name in DOCUMENTED_BUILT_INS)
    assert slash_name_problem("/news") is None and slash_name_problem("/news-staging") is None
    assert slash_name_problem("/News") and slash_name_problem("/news staging") and slash_name_problem("/" + "n" * 32)


@pytest.mark.parametrize("path", [manifest.HTTP_FILE, manifest.SOCKET_MODE_FILE], ids=lambda p: p.name)
def test_the_shipped_manifests_are_valid_and_free_of_built_ins_and_empty_fields(path: Any) -> None:
    built = json.loads(path.read_text())
    _validate(built)
    names = [c["command"] for c in built["features"]["slash_commands"]]
    assert names[0] == "/news" and {"/whois", "/bases", "/digest"} <= set(names)
    assert not set(names) & SLACK_BUILT_INS
    empty = [where for where, value in _leaves(built) if value in ("", [], {})]
    assert empty == []


def test_the_schema_refuses_what_slack_refuses() -> None:
    good = manifest.build(handlers.build_registry(), socket_mode=False)
    _validate(good)
    bad_entries = [
        {"command": "/watches", "description": "the names you watch", "usage_hint": ""},  # the shipped bug
        {"command": "who", "description": "no slash"},
        {"command": "/Who", "description": "capitals"},
        {"command": "/x", "description": ""},
        {"command": "/" + "n" * 32, "description": "too long"},
        {"command": "/x", "description": "d" * 2001},
    ]
    for entry in bad_entries:
        broken = json.loads(json.dumps(good))
        broken["features"]["slash_commands"].append(entry)
        with pytest.raises(jsonschema.ValidationError):
            _validate(broken)
    too_many = json.loads(json.dumps(good))
    too_many["features"]["slash_commands"] = [{"command": f"/c{n}", "description": "d"} for n in range(51)]
    with pytest.raises(jsonschema.ValidationError):
        _validate(too_many)


def test_no_handler_offers_a_built_in_direct_name_and_the_registry_refuses_one() -> None:
    assert not {f"/{c.direct}" for c in handlers.build_registry().direct()} & SLACK_BUILT_INS
    commands = Registry()
    with pytest.raises(ValueError, match="built-in"):
        commands.add(Command("who", "/who NAME", "who", lambda text, ctx: Reply(text), direct="who"))


@pytest.mark.parametrize("socket_mode", [False, True])
def test_manifest_declares_the_chosen_commands_scopes_and_events(socket_mode: bool) -> None:
    commands = registry()
    built = manifest.build(commands, socket_mode, commands=["news", "whois"], unfurl_domains=["news.example.org"])
    _validate(built)
    declared = {c["command"]: c for c in built["features"]["slash_commands"]}
    assert list(declared) == ["/news", "/whois"]
    assert declared["/whois"]["usage_hint"] == "TEXT"
    assert declared["/news"]["usage_hint"].startswith("who TEXT · bases TEXT")
    assert built["features"]["unfurl_domains"] == ["news.example.org"]
    assert set(built["oauth_config"]["scopes"]["bot"]) >= {
        "commands", "chat:write", "im:history", "app_mentions:read", "channels:join", "links:read", "links:write",
    }  # fmt: skip
    assert set(built["settings"]["event_subscriptions"]["bot_events"]) == {
        "message.im", "app_mention", "app_home_opened", "link_shared", "app_uninstalled", "tokens_revoked",
    }  # fmt: skip
    assert "im:write" not in built["oauth_config"]["scopes"]["bot"]  # nothing calls conversations.open
    assert built["settings"]["org_deploy_enabled"] is True  # Enterprise Grid org-wide installs
    assert built["settings"]["interactivity"]["is_enabled"]
    assert built["settings"]["socket_mode_enabled"] is socket_mode
    urls = [c.get("url") for c in declared.values()] + [built["settings"]["interactivity"].get("request_url")]
    assert all(url is None for url in urls) if socket_mode else all(str(url).endswith("/slack/events") for url in urls)


def test_a_command_without_arguments_has_no_usage_hint() -> None:
    commands = Registry()
    commands.add(
        Command("watches", "/watches", "the names you watch", lambda text, ctx: Reply(text), direct="mywatches")
    )
    entry = manifest.build(commands, socket_mode=True, commands=["mywatches"])["features"]["slash_commands"][0]
    assert entry == {"command": "/mywatches", "description": "the names you watch", "should_escape": False}


@pytest.mark.parametrize("socket_mode", [False, True])
def test_manifest_files_are_generated_from_the_real_registry(socket_mode: bool) -> None:
    expected = manifest.render(manifest.build(handlers.build_registry(), socket_mode))
    on_disk = manifest.SOCKET_MODE_FILE if socket_mode else manifest.HTTP_FILE
    assert on_disk.read_text() == expected, "stale manifest: run `python -m bot.slack.manifest`"


def test_a_renamed_install_prints_its_own_valid_manifest(tmp_path: Any) -> None:
    env = {"SLACK_COMMAND": "/news-staging", "SLACK_DIRECT_COMMANDS": "whois", "SLACK_UNFURL_DOMAINS": "wire.example"}
    done = run_module("bot.slack.manifest", "--print", "http", "--host", "https://bot.example.org", env=env)
    assert done.returncode == 0, done.stderr
    built = json.loads(done.stdout)
    _validate(built)
    assert [c["command"] for c in built["features"]["slash_commands"]] == ["/news-staging", "/whois"]
    assert built["features"]["slash_commands"][0]["url"] == "https://bot.example.org/slack/events"
    refused = run_module("bot.slack.manifest", "--print", "http", env={"SLACK_COMMAND": "/who"})
    assert refused.returncode == 2 and "built-in" in refused.stderr and "Traceback" not in refused.stderr


def test_slack_commands_refuses_a_direct_command_nobody_offers() -> None:
    from bot.settings import SettingsError

    assert slack_commands(handlers.build_registry("news-staging"), ()) == ["news-staging"]
    with pytest.raises(SettingsError, match="SLACK_DIRECT_COMMANDS"):
        slack_commands(handlers.build_registry(), ["help"])


def test_the_readme_says_why_each_scope_is_asked_for() -> None:
    readme = (ROOT / "README.md").read_text()
    table = dict(re.findall(r"^\| `([a-z_:.]+)` \| (.+?) \|$", readme, flags=re.MULTILINE))
    assert set(table) == set(SCOPES), "the README's scope table and bot.slack.app.SCOPE_REASONS disagree"
    assert all(table[scope] == SCOPE_REASONS[scope] for scope in SCOPES)
