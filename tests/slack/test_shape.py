"""The gateway's shape check, as a pure function: Slack's real payload shapes pass, and each field Bolt reads
without checking is refused with another type (or an id with another length) there."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.core.store.state import SLACK_ID
from bot.slack.shape import FIELDS, IDS, MAX_NESTING, nesting_problem, shape_problem

# Shapes as Slack sends them (trimmed from api.slack.com's examples), where the check reaches.
REAL: dict[str, dict[str, Any]] = {
    "message_changed": {
        "type": "event_callback", "team_id": "T0A", "api_app_id": "A0B", "event_id": "Ev0C",
        "authorizations": [{"enterprise_id": None, "team_id": "T0A", "user_id": "U0BOT", "is_bot": True}],
        "event": {"type": "message", "subtype": "message_changed", "channel": "D0D", "channel_type": "im",
                  "hidden": True, "ts": "1.2", "message": {"type": "message", "user": "U0E", "text": "new",
                                                           "edited": {"user": "U0E", "ts": "1.3"}, "ts": "1.1"},
                  "previous_message": {"type": "message", "user": "U0E", "text": "old", "ts": "1.1"}},
    },
    "app_home_opened": {
        "type": "event_callback", "team_id": "T0A", "event_id": "Ev0C",
        "event": {"type": "app_home_opened", "user": "U0E", "channel": "D0D", "tab": "home",
                  "view": {"id": "V0F", "team_id": "T0A", "type": "home", "callback_id": "", "state": {"values": {}},
                           "app_installed_team_id": "T0A", "title": {"type": "plain_text", "text": "Home"}}},
    },
    "function_executed": {
        "type": "event_callback", "team_id": "T0A", "event_id": "Ev0C",
        "event": {"type": "function_executed", "function_execution_id": "Fx0G", "bot_access_token": "xwfp-1",
                  "function": {"id": "Fn0H", "callback_id": "sample", "type": "app", "app_id": "A0B"},
                  "inputs": {"type": 5, "text": ["free-form inputs"]}, "event_ts": "1.4"},
    },
    "block_actions": {
        "type": "block_actions", "team": {"id": "T0A", "domain": "x"}, "enterprise": None,
        "user": {"id": "U0E", "team_id": "T0A"}, "api_app_id": "A0B", "trigger_id": "1.2.3",
        "container": {"type": "message", "message_ts": "1.1", "channel_id": "C0I", "is_ephemeral": True},
        "channel": {"id": "C0I", "name": "general"}, "response_url": "https://hooks.slack.com/actions/T0A/1/x",
        "message": {"type": "message", "user": "U0BOT", "text": "answer", "ts": "1.1", "thread_ts": "1.0"},
        "actions": [{"type": "button", "action_id": "run_command_0", "block_id": "b1", "value": "/who x",
                     "text": {"type": "plain_text", "text": "More"}, "action_ts": "1.5"}],
    },
    "view_submission": {
        "type": "view_submission", "team": {"id": "T0A", "domain": "x"}, "user": {"id": "U0E", "team_id": "T0A"},
        "view": {"id": "V0F", "type": "modal", "callback_id": "ask", "team_id": "T0A",
                 "state": {"values": {"b": {"a": {"type": "plain_text_input", "value": "x"}}}}},
        "response_urls": [{"block_id": "b", "action_id": "a", "channel_id": "C0I",
                           "response_url": "https://hooks.slack.com/app/T0A/1/x"}],
    },
    "slash_command": {
        "token": "t", "team_id": "T0A", "team_domain": "x", "channel_id": "C0I", "user_id": "U0E",
        "command": "/news", "text": "who Lavrov", "api_app_id": "A0B", "response_url": "https://hooks.slack.com/c",
        "trigger_id": "1.2.3", "enterprise_id": "E0J", "is_enterprise_install": "true",
    },
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(REAL))
def test_slacks_own_payload_shapes_pass(name: str) -> None:
    assert shape_problem(REAL[name]) is None
    assert nesting_problem(REAL[name]) is None


@pytest.mark.parametrize("field", sorted(FIELDS))
@pytest.mark.parametrize("where", ["payload", "event", "event.message"])
def test_each_field_bolt_reads_is_refused_with_a_type_slack_never_sends_there(field: str, where: str) -> None:
    payload = json.loads(json.dumps(REAL["message_changed"]))
    target = {"payload": payload, "event": payload["event"], "event.message": payload["event"]["message"]}[where]
    target[field] = 12345.5  # a number: no field in the table is one
    assert shape_problem(payload) is not None


@pytest.mark.parametrize("field", [*IDS, "user", "channel", "team", "enterprise"])
def test_an_id_longer_than_the_stores_column_is_refused_and_one_that_fits_is_not(field: str) -> None:
    payload = json.loads(json.dumps(REAL["block_actions"])) | {field: "X" * SLACK_ID}
    assert shape_problem(payload) is None
    payload[field] = "X" * (SLACK_ID + 1)
    assert shape_problem(payload) == f"{field} is longer than {SLACK_ID} characters"


def test_an_object_standing_for_an_id_has_its_id_checked() -> None:
    payload = json.loads(json.dumps(REAL["block_actions"]))
    payload["user"]["id"] = "U" * (SLACK_ID + 1)
    assert shape_problem(payload) == f"user.id is longer than {SLACK_ID} characters"


def test_nesting_beyond_the_bound_is_refused_without_recursing() -> None:
    def nested(depth: int) -> object:
        value: object = 1
        for _ in range(depth):
            value = [value]
        return value

    assert nesting_problem(nested(MAX_NESTING)) is None
    assert nesting_problem(nested(MAX_NESTING + 1)) == "nested too deep"
    assert nesting_problem(nested(100_000)) == "nested too deep"  # deeper than Python's recursion limit
