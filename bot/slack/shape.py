"""Whether a signed, parsed body has the shape of Slack's payloads where Bolt (and the bot) read it without
checking: the types of the fields Bolt navigates or matches listeners on, the length of Slack's ids, and how
deep the body nests. The gateway refuses anything else with a 400 before Bolt sees it, so that a body Slack
never sends is an error status and one log line, not an exception and a traceback.

The checks follow Bolt's own readers (slack_bolt/request/payload_utils.py, request/internals.py and
listener_matcher/builtins.py): `_matches` compares a listener's string with `==` and its pattern with
`re.search`, `extract_*` call `.get()` on objects and `len()`/`[0]` on lists, so another type there raises.
"""

from __future__ import annotations

from types import UnionType
from typing import Any

from bot.core.store.state import SLACK_ID

# Where Bolt navigates a payload, the JSON types Slack sends there: Bolt calls .get() or [0] on them without
# checking, so a signed body with another type in one of these places would be a 500 rather than a 400.
# `function` is function_executed's (builtins.function_executed: event.function.get("callback_id")).
OBJECTS = ("event", "view", "container", "message", "previous_message", "assistant_thread", "function_data",
           "item", "workflow_step", "bot_profile", "state", "function")  # fmt: skip
OBJECTS_OR_IDS = ("team", "user", "channel", "enterprise")
LISTS_OF_OBJECTS = ("actions", "authorizations", "response_urls")
# Slack's ids, which Bolt's extract_* put in the context and the bot keys rows on (team, organisation, user,
# channel): text, and no longer than the store's columns for them; anything longer is not Slack's.
IDS = ("team_id", "enterprise_id", "user_id", "channel_id", "app_installed_team_id", "api_app_id")
# Fields Bolt (or the bot) reads as a given type without checking it, wherever the check reaches (the payload,
# the objects above and the elements of the lists above); a field that is absent is not checked.
FIELDS: dict[str, type | UnionType] = {
    # payload_utils._is_expected_type (==); builtins.event and _check_event_subtype: _matches on event.type
    "type": str,
    # builtins._check_event_subtype: _matches (re.search for a pattern) on event.subtype
    "subtype": str | None,
    # builtins.command: _matches on body.command; the bot's slash listener reads body["command"]
    "command": str,
    # builtins: global/message shortcut, attachment_action, dialog_submission/cancellation/suggestion,
    # workflow_step_edit (body.callback_id), view_submission/closed and workflow_step_save (view.callback_id),
    # workflow_step_execute (event.callback_id), function_executed (event.function.callback_id): _matches
    "callback_id": str | None,
    # builtins._block_action (actions[0].action_id), _block_suggestion (body.action_id): _matches
    "action_id": str | None,
    # builtins._block_action with a block_id constraint (actions[0].block_id): _matches
    "block_id": str | None,
    # builtins.message_event: re.findall(keyword, event.text); the bot's listeners read event/command text
    "text": str,
    # internals.extract_thread_ts -> context.thread_ts, where the bot answers
    "thread_ts": str | None,
    # internals.extract_function_execution_id / _bot_access_token / _inputs -> the context and the client
    "function_execution_id": str | None,
    "execution_id": str | None,
    "bot_access_token": str | None,
    "inputs": dict | None,
    # internals.build_context: response_url, or response_urls[0].response_url -> context.respond
    "response_url": str | None,
    # the dedup middleware (bot/slack/dedup.py) keys events on it
    "event_id": str,
}
# Block Kit elements in `actions` carry a text *object* (a button's label): there `text` is not checked.
NOT_IN_LISTS = frozenset({"text"})
# Payload types Bolt reads the first element of a list from (payload_utils.to_action: body["actions"][0]).
FIRST_OF = {"block_actions": "actions", "interactive_message": "actions"}
# How deep the check goes: event -> message -> previous_message is the deepest Bolt reads.
SHAPE_DEPTH = 3
# How deep Slack's payloads nest: a message event's rich-text blocks, the deepest, are about a dozen levels.
# A body nested deeper is not Slack's, and copying or encoding it again (Bolt, the bot, the log) could recurse
# past Python's limit.
MAX_NESTING = 64


def shape_problem(payload: dict[str, Any], depth: int = 0, listed: bool = False) -> str | None:
    """What in `payload` has a type (or an id a length) Slack never sends where Bolt reads it, or None;
    `listed` when `payload` is an element of one of LISTS_OF_OBJECTS."""
    problem = _field_problem(payload, listed) or _id_problem(payload) or _list_problem(payload)
    if problem is not None or depth >= SHAPE_DEPTH:
        return problem
    inner = [(payload.get(key), False) for key in (*OBJECTS, *OBJECTS_OR_IDS)]
    inner += [(item, True) for key in LISTS_OF_OBJECTS for item in payload.get(key) or []]
    for value, in_list in inner:
        if isinstance(value, dict) and (problem := shape_problem(value, depth + 1, in_list)) is not None:
            return problem
    return None


def nesting_problem(body: object) -> str | None:
    """'nested too deep' when `body` nests lists and objects deeper than MAX_NESTING, else None (no recursion)."""
    stack: list[tuple[object, int]] = [(body, 1)] if isinstance(body, dict | list) else []
    while stack:
        value, depth = stack.pop()
        if depth > MAX_NESTING:
            return "nested too deep"
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))  # only containers
    return None


def _field_problem(payload: dict[str, Any], listed: bool) -> str | None:
    for key in OBJECTS:  # present means an object: Bolt reads body.get("event", {}).get(...)
        if key in payload and not isinstance(payload[key], dict):
            return f"{key} is not an object"
    for key, kind in FIELDS.items():
        if key in payload and not isinstance(payload[key], kind) and not (listed and key in NOT_IN_LISTS):
            return f"{key} is not {_name(kind)}"
    return None


def _id_problem(payload: dict[str, Any]) -> str | None:
    for key in OBJECTS_OR_IDS:
        value = payload.get(key)
        if value is not None and not isinstance(value, dict | str):
            return f"{key} is neither an object nor an id"
        if isinstance(value, dict) and (why := _not_an_id(value.get("id"))):  # an object here stands for its id
            return f"{key}.id {why}"
        if isinstance(value, str) and (why := _not_an_id(value)):
            return f"{key} {why}"
    for key in IDS:
        if why := _not_an_id(payload.get(key)):
            return f"{key} {why}"
    return None


def _not_an_id(value: object) -> str | None:
    """Why `value` (None: absent) is not one of Slack's ids, or None."""
    if value is None:
        return None
    if not isinstance(value, str):
        return "is not text"
    return f"is longer than {SLACK_ID} characters" if len(value) > SLACK_ID else None


def _list_problem(payload: dict[str, Any]) -> str | None:
    for key in LISTS_OF_OBJECTS:
        value = payload.get(key, [])
        if not (isinstance(value, list) and all(isinstance(v, dict) for v in value)):
            return f"{key} is not a list of objects"
    kind = payload.get("type")
    if kind in FIRST_OF and not payload.get(FIRST_OF[kind]):
        return f"{kind} without {FIRST_OF[kind]}"
    # builtins._block_action with a string constraint reads action["action_id"]: there it must be present.
    if kind == "block_actions" and not all(isinstance(a.get("action_id"), str) for a in payload["actions"]):
        return f"{kind} with an action without a string action_id"
    return None


def _name(kind: type | UnionType) -> str:
    return getattr(kind, "__name__", str(kind))
