"""The real `serve` process under hostile traffic: slow and stalled clients, oversized, unsigned, stale and
malformed bodies, replays, arbitrary bodies and headers (Hypothesis), and what reaches the log."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import socket
import sqlite3
import time
import uuid
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.core.store.state import SLACK_ID
from bot.slack.gateway import BODY_SECONDS, MAX_BODY_BYTES
from bot.slack.signing import MAX_AGE_SECONDS, signature
from bot.slack.worker import HEADER_SECONDS
from tests.slack.bot_process import BOT_TOKEN, SECRET, Bot
from tests.slack.fake_core import CRASH
from tests.slack.slack_requests import FORM, JSON, click_body, event_body, message_event, send, slash_body, unique
from tests.slack.slack_standin import Failure, SlackStandIn

# Slack's limit on acknowledging a request.
ACK_LIMIT_SECONDS = 3
SLOW_CLIENTS = 50
# After an answer, how long to wait to be sure no second one follows.
QUIET_SECONDS = 2.0
ALLOWED = {200, 400, 401, 404, 413}


def _address(bot: Bot) -> tuple[str, int]:
    parts = urlsplit(bot.url)
    assert parts.hostname is not None and parts.port is not None
    return parts.hostname, parts.port


# What post_raw reports when the server closed the connection before its answer could be read: it refuses an
# oversized body without reading it, and a client still sending then gets a reset instead of the 413.
RESET = 0


def post_raw(bot: Bot, body: bytes, headers: Mapping[str, str], path: str = "/slack/events") -> tuple[int, str]:
    """POST exactly these bytes with exactly these headers (plus Host and Content-Length)."""
    host, port = _address(bot)
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        # Answered before the whole body was sent (413): the answer may still be there to read.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            connection.request("POST", path, body=body, headers=dict(headers))
        response = connection.getresponse()
        return response.status, response.read().decode(errors="replace")
    except (ConnectionResetError, http.client.RemoteDisconnected):
        return RESET, ""
    finally:
        connection.close()


def _signed(body: str | bytes, content_type: str, now: float | None = None) -> dict[str, str]:
    """Headers signing `body` as Slack would (at `now`, or the present); the body may be any bytes."""
    timestamp = str(int(time.time() if now is None else now))
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": signature(SECRET, timestamp, body)}  # fmt: skip


def _open(sock: socket.socket) -> bool:
    """Whether the server still holds the connection open (nothing to read, and no end of stream)."""
    sock.setblocking(False)
    try:
        return sock.recv(1) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        sock.setblocking(True)


# --- slow clients ---------------------------------------------------------------------------------------


@pytest.fixture
def slow_clients(bot: Bot) -> Iterator[list[socket.socket]]:
    """Fifty connections that stall: half after one header line, half after the headers and one byte of body."""
    held = []
    for n in range(SLOW_CLIENTS):
        sock = socket.create_connection(_address(bot), timeout=10)
        if n % 2:
            sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: bot\r\n")
        else:
            sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 1000\r\n\r\n{")  # fmt: skip
        held.append(sock)
    yield held
    for sock in held:
        sock.close()


def test_fifty_stalled_clients_do_not_delay_valid_requests(
    bot: Bot, standin: SlackStandIn, slow_clients: list[socket.socket]
) -> None:
    started = time.monotonic()
    for _ in range(10):
        where = unique("busy")
        answer = send(bot.url, SECRET, slash_body("/news", "who Lavrov", standin.response_url(where)), FORM)
        assert answer.status == 200 and answer.seconds < ACK_LIMIT_SECONDS
        standin.wait_for(f"response:{where}")

    # Not vacuous: the stalled connections were all still held while the valid requests were answered.
    assert time.monotonic() - started < min(HEADER_SECONDS, BODY_SECONDS)
    assert all(_open(sock) for sock in slow_clients)


def test_a_client_that_stalls_in_its_headers_is_dropped_after_the_header_deadline(bot: Bot) -> None:
    sock = socket.create_connection(_address(bot), timeout=HEADER_SECONDS + 20)
    started = time.monotonic()
    sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: bot\r\nX-Slow: ")

    assert sock.recv(1024) == b"", "closed without an answer"
    assert HEADER_SECONDS - 0.5 <= time.monotonic() - started < HEADER_SECONDS + 15
    sock.close()


def test_a_client_that_stalls_in_its_body_gets_408_after_the_body_deadline(bot: Bot) -> None:
    sock = socket.create_connection(_address(bot), timeout=BODY_SECONDS + 20)
    started = time.monotonic()
    sock.sendall(b'POST /slack/events HTTP/1.1\r\nHost: bot\r\nContent-Length: 100\r\n\r\n{"type":')

    assert sock.recv(1024).startswith(b"HTTP/1.1 408")
    assert BODY_SECONDS - 0.5 <= time.monotonic() - started < BODY_SECONDS + 15
    sock.close()


# --- size, signature and shape, before anything parses the body -------------------------------------------


def test_a_declared_body_over_the_limit_is_refused_before_it_is_sent(bot: Bot) -> None:
    sock = socket.create_connection(_address(bot), timeout=10)
    sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\n"
                 b"Content-Length: 104857600\r\n\r\n")  # fmt: skip

    assert sock.recv(1024).startswith(b"HTTP/1.1 413")
    sock.close()


def test_a_chunked_body_is_refused_once_it_passes_the_limit(bot: Bot) -> None:
    sock = socket.create_connection(_address(bot), timeout=10)
    sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\n"
                 b"Transfer-Encoding: chunked\r\n\r\n")  # fmt: skip
    block = b"a" * 65536
    sent = 0
    try:
        while sent <= 4 * MAX_BODY_BYTES:
            sock.sendall(f"{len(block):x}\r\n".encode() + block + b"\r\n")
            sent += len(block)
    except OSError:
        pass  # the server stopped reading and closed: what it answered is below
    assert sock.recv(1024).startswith(b"HTTP/1.1 413")
    sock.close()


def test_a_body_just_under_the_limit_is_read_and_its_signature_checked(bot: Bot) -> None:
    body = b"x" * (MAX_BODY_BYTES - 1)
    assert post_raw(bot, body, {"Content-Type": FORM})[0] == 401
    assert post_raw(bot, body, _signed(body, FORM))[0] == 404  # read whole, signed: no listener for it


@pytest.mark.parametrize(
    ("body", "headers", "status"),
    [
        (b'{"type": "event_callback"', {"Content-Type": JSON}, 401),
        (b'{"type": "event_callback"}', {"Content-Type": JSON, "X-Slack-Request-Timestamp": "soon",
                                         "X-Slack-Signature": "v0=00"}, 401),
        (b'{"type": "event_callback"}', {"Content-Type": JSON, "X-Slack-Request-Timestamp": "9" * 5000,
                                         "X-Slack-Signature": "v0=00"}, 401),
    ],
    ids=["unsigned", "a-word-for-a-timestamp", "a-5000-digit-timestamp"],
)  # fmt: skip
def test_unsigned_and_unreadable_signatures_are_401_never_500(
    bot: Bot, body: bytes, headers: dict[str, str], status: int
) -> None:
    assert post_raw(bot, body, headers)[0] == status


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b'{"type": "event_callback"', JSON),
        (b"null", JSON),
        (b"[1, 2]", JSON),
        (b'"text"', JSON),
        (b"text=\xff\xfe&command=/news", FORM),
        (b"payload=not+json", FORM),
        (b"payload=null", FORM),
        (b"payload=%5B%5D", FORM),
        (b'{"authorizations": "everyone", "type": "event_callback", "event": {"type": "message"}}', JSON),
    ],
    ids=["bad-json", "json-null", "json-list", "json-string", "non-utf8-form", "payload-not-json", "payload-null",
         "payload-list", "authorizations-not-a-list"],
)  # fmt: skip
def test_a_signed_malformed_body_is_400_never_500(bot: Bot, body: bytes, content_type: str) -> None:
    assert post_raw(bot, body, _signed(body, content_type))[0] == 400


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"[" * 100_000 + b"]" * 100_000, JSON),
        (urlencode({"payload": '{"a":' * 50_000 + "1" + "}" * 50_000}).encode(), FORM),
        (b'{"type": "event_callback", "x": ' + b"[" * 200 + b"]" * 200 + b"}", JSON),  # parses; Slack's never nest so
    ],
    ids=["json", "form-payload", "json-parseable"],
)
def test_a_signed_deeply_nested_body_under_the_size_limit_is_400_never_500(
    bot: Bot, body: bytes, content_type: str
) -> None:
    assert len(body) < MAX_BODY_BYTES
    assert post_raw(bot, body, _signed(body, content_type))[0] == 400


@pytest.mark.parametrize(
    "payload",
    [
        {"type": "dialog_submission", "callback_id": 5},
        {"type": "dialog_cancellation", "callback_id": [1]},
        {"type": "workflow_step_edit", "callback_id": 5},
        {"type": "interactive_message", "callback_id": 5, "actions": [{"action_id": "run_1", "name": "x"}]},
        {"type": "block_suggestion", "action_id": 5, "block_id": "b"},
        {"type": "event_callback", "event": {"type": "function_executed", "function_execution_id": "x", "function": 5}},
        {"type": "event_callback", "event": {"type": "function_executed", "function_execution_id": "x",
                                             "function": {"callback_id": 5}}},
        {"type": "view_submission", "view": {"type": "modal", "callback_id": ["x"]}, "user": {"id": "U0ASKER"}},
        {"type": "shortcut", "callback_id": {"id": "x"}},
        {"type": "event_callback", "event": {"type": "message", "subtype": 5, "channel": "D0ASKER", "text": "hi"}},
        {"type": "event_callback", "event": {"type": "message", "channel": "D0ASKER", "channel_type": "im",
                                             "user": "U0ASKER", "text": 5}},
        {"command": 5, "text": "who Lavrov", "user_id": "U0ASKER", "response_url": "https://example.invalid/r"},
    ],
    ids=["dialog-submission", "dialog-cancellation", "workflow-step-edit", "attachment-action", "block-suggestion",
         "function-executed", "function-callback-id", "view-callback-id", "shortcut", "event-subtype", "event-text",
         "command"],
)  # fmt: skip
def test_a_signed_body_with_a_non_text_id_where_bolt_matches_listeners_is_400_never_500(
    bot: Bot, payload: dict[str, Any]
) -> None:
    body = json.dumps(payload | ({"event_id": unique("Ev")} if "event" in payload else {})).encode()
    assert post_raw(bot, body, _signed(body, JSON))[0] == 400


@pytest.mark.parametrize("kind", ["event", "command"])
def test_a_signed_request_with_an_overlong_team_id_is_400_never_500(bot: Bot, standin: SlackStandIn, kind: str) -> None:
    if not bot.env["DATABASE_URL"].startswith("postgresql"):
        pytest.skip("SQLite does not enforce a column's length")
    team = "T" + "X" * 40
    body = (
        event_body(message_event("who is Lavrov", "D0ASKER"), team=team)
        if kind == "event"
        else slash_body("/news", "who Lavrov", standin.response_url(unique("long-team")), team=team)
    ).encode()
    assert post_raw(bot, body, _signed(body, JSON if kind == "event" else FORM))[0] in {200, 400}


@pytest.mark.parametrize(
    ("field", "kind"),
    [("user_id", "command"), ("channel_id", "command"), ("team_id", "command"), ("enterprise_id", "command"),
     ("user", "event"), ("channel", "event"), ("team_id", "event")],
)  # fmt: skip
def test_a_signed_request_with_a_slack_id_longer_than_the_stores_column_is_400(
    bot: Bot, standin: SlackStandIn, field: str, kind: str
) -> None:
    # Not Slack's (its ids fit the store's columns): refused before anything stores it or answers it, on either
    # store, rather than an apology and a traceback once the database refuses the row.
    logged_before = len(bot.log_text())
    overlong = "U" + "X" * (SLACK_ID + 68)  # 101 characters
    if kind == "command":
        fields = dict(parse_qsl(slash_body("/news", "watch Lavrov", standin.response_url(unique("long-id")))))
        body = urlencode(fields | {field: overlong}).encode()
    else:
        body = json.loads(event_body(message_event("who is Lavrov", "D0ASKER")))
        body = json.dumps(body | {field: overlong} if field == "team_id" else
                          body | {"event": body["event"] | {field: overlong}}).encode()  # fmt: skip

    assert post_raw(bot, body, _signed(body, FORM if kind == "command" else JSON))[0] == 400
    assert "Traceback" not in bot.log_text()[logged_before:]


def test_a_signed_command_is_acknowledged_in_time_while_another_program_locks_the_sqlite_file(
    bot: Bot, standin: SlackStandIn
) -> None:
    url = bot.env["DATABASE_URL"]
    if not url.startswith("sqlite:///"):
        pytest.skip("a lock on the SQLite file")
    holder = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None, timeout=10)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        answer = send(bot.url, SECRET, slash_body("/news", "who Lavrov", standin.response_url(unique("lk"))), FORM)
    finally:
        holder.close()
    assert answer.status == 200
    assert answer.seconds < ACK_LIMIT_SECONDS


def test_slacks_certificate_check_is_answered_unsigned_and_does_nothing_else(bot: Bot) -> None:
    assert post_raw(bot, b"ssl_check=1&token=legacy", {"Content-Type": FORM})[0] == 200
    assert post_raw(bot, b"ssl_check=1&command=/who", {"Content-Type": JSON})[0] == 401, "only as a form"


def test_other_paths_and_methods_are_refused(bot: Bot) -> None:
    body = b'{"type": "url_verification", "challenge": "x"}'
    assert post_raw(bot, body, _signed(body, JSON), path="/admin")[0] == 404
    host, port = _address(bot)
    connection = http.client.HTTPConnection(host, port, timeout=10)
    connection.request("GET", "/slack/events")
    assert connection.getresponse().status == 405
    connection.close()


# --- answered once ----------------------------------------------------------------------------------------


def test_a_replayed_slash_command_is_answered_once(bot: Bot, standin: SlackStandIn) -> None:
    where = unique("replayed")
    body = slash_body("/news", "who feeds add", standin.response_url(where))
    headers = _signed(body, FORM)

    statuses = [post_raw(bot, body.encode(), headers)[0] for _ in range(3)]

    assert statuses == [200, 200, 200]
    standin.wait_for(f"response:{where}")
    time.sleep(QUIET_SECONDS)
    assert len(standin.matching(f"response:{where}")) == 1


def test_a_replayed_button_click_is_answered_once(bot: Bot, standin: SlackStandIn) -> None:
    where = unique("clicked")
    body = click_body("run_command_0", "/who Lavrov --page 2", "U0CLICKER", standin.response_url(where))
    headers = _signed(body, FORM)

    assert [post_raw(bot, body.encode(), headers)[0] for _ in range(3)] == [200, 200, 200]
    standin.wait_for(f"response:{where}")
    time.sleep(QUIET_SECONDS)
    assert len(standin.matching(f"response:{where}")) == 1


def test_the_same_command_typed_twice_is_answered_twice(bot: Bot, standin: SlackStandIn) -> None:
    # Slack gives each command its own trigger_id (and usually its own timestamp): not a replay.
    where = unique("twice")
    for _ in range(2):
        send(bot.url, SECRET, slash_body("/news", "who Lavrov", standin.response_url(where)), FORM)
    standin.wait_for(f"response:{where}", count=2)


# --- the log ------------------------------------------------------------------------------------------------


def test_no_error_path_writes_a_body_a_token_or_a_response_url_to_the_log(bot: Bot, standin: SlackStandIn) -> None:
    logged_before = len(bot.log_text())
    canary = f"canary{uuid.uuid4().hex}"
    hook = f"https://hooks.slack.com/commands/T0/1/{canary}hook"
    token = f"legacy{canary}token"

    def slash(text: str, response_url: str) -> str:
        fields = {"token": token, "command": "/news", "text": f"who {text} {canary}", "response_url": response_url,
                  "user_id": "U0ASKER", "channel_id": "C0GENERAL", "trigger_id": unique("trigger.")}  # fmt: skip
        return urlencode(fields)

    big = slash("big", hook) + "&padding=" + "x" * (MAX_BODY_BYTES + 10)
    stale = time.time() - MAX_AGE_SECONDS - 60
    unsigned = slash("unsigned", hook)
    signed_ok = slash("fine", standin.response_url(unique("ok")))
    paths: list[tuple[bytes, dict[str, str]]] = [
        (big.encode(), {"Content-Type": FORM}),  # 413
        (unsigned.encode(), {"Content-Type": FORM}),  # 401 unsigned
        (unsigned.encode(), {**_signed(unsigned, FORM), "X-Slack-Signature": "v0=" + "0" * 64}),  # 401 bad
        (unsigned.encode(), _signed(unsigned, FORM, now=stale)),  # 401 stale: the line Bolt logs with the body
        (f'{{"token": "{token}", "response_url": "{hook}", '.encode(), _signed('{"x', JSON)),  # 401 (mismatch)
        ((broken := f'{{"token": "{token}", "text": "{canary}"').encode(), _signed(broken, JSON)),  # 400 bad JSON
        ((odd := json.dumps({"type": "odd_type", "token": token, "text": canary})).encode(), _signed(odd, JSON)),
        (signed_ok.encode(), _signed(signed_ok, FORM)),  # answered
        (signed_ok.encode(), _signed(signed_ok, FORM)),  # replayed
    ]
    statuses = [post_raw(bot, body, headers)[0] for body, headers in paths]
    crashed = unique("crash")  # a handler that raises: the apology path
    send(bot.url, SECRET, slash(CRASH, standin.response_url(crashed)).replace(f"+{canary}", ""), FORM)
    failed = unique("refused")  # a response_url that refuses the answer
    standin.fail(f"response:{failed}", Failure(status=500), times=10)
    send(bot.url, SECRET, slash("refused", standin.response_url(failed)), FORM)
    dm = unique("D")
    standin.fail("chat.postMessage", Failure(error="channel_not_found"))  # a Web API error
    send(bot.url, SECRET, event_body(message_event(f"hello {canary}", dm) | {"token": token}), JSON)
    standin.wait_for(f"response:{crashed}")
    standin.wait_for("chat.postEphemeral", lambda c: c.params.get("channel") == dm)
    time.sleep(QUIET_SECONDS)

    assert statuses[0] in (413, RESET) and statuses[1:] == [401, 401, 401, 401, 400, 404, 200, 200]
    log = bot.log_text()
    for secret in (canary, hook, token, SECRET, BOT_TOKEN, "hooks.slack.com"):
        assert secret not in log, secret
    these = log[logged_before:]
    assert "refused POST '/slack/events'" in these, "each refusal is logged, without its body"
    assert these.count("body too large") == 1 and these.count("bad signature") == 2
    assert these.count("refused POST") == 6, "one line per refused request (413, four 401s, 400)"
    assert these.count("Unhandled request") == 1, "Bolt's one line for the signed request nobody listens for"


def test_gunicorns_own_lines_go_through_the_bots_logging(bot: Bot) -> None:
    # The bot's format (time, level, logger name) on gunicorn's lines: they pass the redacting handler.
    assert " INFO gunicorn.error: " in bot.log_text()


# --- arbitrary bodies and headers ---------------------------------------------------------------------------

MARK = "BODYMARK"
_leaf_text = st.text(max_size=12).map(lambda t: MARK + t)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | _leaf_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
_types = st.sampled_from(
    ["event_callback", "block_actions", "url_verification", "view_submission", "shortcut", "message_action",
     "interactive_message", "block_suggestion", "app_rate_limited", "message", "app_mention"]
)  # fmt: skip
_keys = st.sampled_from(
    ["type", "event", "command", "actions", "payload", "user", "channel", "team_id", "team", "event_id", "token",
     "trigger_id", "text", "view", "container", "authorizations", "enterprise", "api_app_id", "challenge",
     "is_enterprise_install", "enterprise_id", "user_id", "channel_id", "callback_id", "message", "tab", "ts"]
)  # fmt: skip


@st.composite
def _payloads(draw: st.DrawFn) -> dict[str, Any]:
    payload = draw(st.dictionaries(_keys, _json | _types, max_size=6))
    if draw(st.booleans()):
        payload["type"] = draw(_types)
    if draw(st.booleans()):
        payload["event"] = {"type": draw(_types), **draw(st.dictionaries(_keys, _json, max_size=4))}
    if draw(st.booleans()):
        payload["actions"] = draw(
            st.lists(st.dictionaries(st.sampled_from(["action_id", "value", "type", "block_id"]), _json), max_size=2)
        )
    return payload  # fmt: skip


_bodies = st.one_of(
    st.binary(max_size=200).map(lambda b: MARK.encode() + b),
    _payloads().map(lambda p: json.dumps(p).encode()),
    _payloads().map(lambda p: urlencode({"payload": json.dumps(p)}).encode()),
    st.dictionaries(_keys, _leaf_text, max_size=6).map(lambda d: urlencode(d).encode()),
)
_content_types = st.sampled_from(
    [JSON, FORM, "application/json; charset=utf-8", "text/plain", "", "multipart/form-data; boundary=x"]
) | st.text(st.characters(min_codepoint=33, max_codepoint=126), max_size=30)
_header_names = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz-"), min_size=1, max_size=20).filter(
    lambda name: name.strip("-") and name.lower() not in {"content-length", "transfer-encoding", "host", "connection"}
)
_header_values = st.text(st.characters(min_codepoint=33, max_codepoint=126), max_size=40)


@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@example(body=b"[" * 100_000 + b"]" * 100_000, content_type=JSON, signing="valid", extra={})
@example(body=b'{"x": ' + b"[" * 200 + b"]" * 200 + b"}", content_type=JSON, signing="valid", extra={})
@example(body=b'{"type": "dialog_submission", "callback_id": 5}', content_type=JSON, signing="valid", extra={})
@example(body=b'{"type": "block_suggestion", "action_id": [1]}', content_type=JSON, signing="valid", extra={})
@example(body=b'{"type": "event_callback", "team_id": "' + b"T" * 101 + b'"}', content_type=JSON, signing="valid",
         extra={})  # fmt: skip
@example(body=b"command=/news&text=watch+x&user_id=" + b"U" * 101, content_type=FORM, signing="valid", extra={})
@example(body=b'{"type": "block_actions", "actions": [{}]}', content_type=JSON, signing="valid", extra={})
@example(body=b'{"type": "block_actions", "actions": [{"action_id": 5}]}', content_type=JSON, signing="valid", extra={})
@example(body=b'{"event": {"type": "event_callback", "team_id": []}}', content_type=JSON, signing="valid", extra={})
@example(body=b'{"type": "event_callback", "team": {"id": {}}}', content_type=JSON, signing="valid", extra={})
@example(
    body=b'{"type": "event_callback", "authorizations": [{"enterprise_id": 7}]}',
    content_type=JSON,
    signing="valid",
    extra={},
)
@given(
    body=_bodies,
    content_type=_content_types,
    signing=st.sampled_from(["valid", "none", "wrong", "stale", "garbage"]),
    extra=st.dictionaries(_header_names, _header_values, max_size=4),
)
def test_arbitrary_bodies_and_headers_get_a_4xx_or_200_never_500_and_stay_out_of_the_log(
    bot: Bot, body: bytes, content_type: str, signing: str, extra: dict[str, str]
) -> None:
    headers = {k: v for k, v in extra.items() if not k.startswith("x-slack-")}
    headers["Content-Type"] = content_type
    if signing != "none":
        signed = _signed(body, content_type, now=time.time() - (MAX_AGE_SECONDS + 60 if signing == "stale" else 0))
        headers |= {k: v for k, v in signed.items() if k != "Content-Type"}
    if signing == "wrong":
        headers["X-Slack-Signature"] = "v0=" + "ab" * 32
    if signing == "garbage":
        headers["X-Slack-Request-Timestamp"] = extra.get("x-slack-request-timestamp", "not-a-time")

    status, _ = post_raw(bot, body, headers)

    assert status in ALLOWED
    assert MARK not in bot.log_text()
