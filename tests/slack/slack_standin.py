"""A local stand-in for Slack's Web API and response_url, over real HTTP, recording what the bot sends."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import count
from typing import Any
from urllib.parse import parse_qsl, urlsplit

BOT_USER_ID = "UBOTSELF"
BOT_ID = "BBOTSELF"
TEAM_ID = "T0STANDIN"
# How long a held method waits for `release` before answering anyway: a test that forgets never hangs.
HOLD_SECONDS = 60


@dataclass(frozen=True)
class Call:
    """One request the bot made: a Web API method (`chat.postMessage`) or `response:<name>` (response_url)."""

    method: str
    params: dict[str, Any]
    authorized: bool
    token: str = ""  # the bearer token it was sent with


@dataclass(frozen=True)
class Failure:
    """How to answer a method's next call: an HTTP status (429 with Retry-After) or a Slack error code."""

    status: int = 200
    error: str | None = None
    retry_after: int | None = None


class SlackStandIn:
    """Records calls; `fail(...)` makes the next calls of a method fail; `wait_for(...)` waits for calls."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        # Messages "in Slack": what chat.postMessage posted, as conversations.history returns them.
        self.messages: list[dict[str, Any]] = []
        # Channels "in Slack" whose membership matters: id -> {"is_private", "is_member", "is_archived"}. Posting
        # in one of them the bot is not a member of fails with not_in_channel, as Slack does; channels not
        # listed here take every post.
        self.channels: dict[str, dict[str, bool]] = {}
        # People "in Slack", as users.info returns them; anyone not listed is a plain member of TEAM_ID.
        self.users: dict[str, dict[str, Any]] = {}
        # Which workspace each bot token belongs to (auth.test); tokens not listed are TEAM_ID's.
        self.token_teams: dict[str, str] = {}
        # Tokens Slack no longer takes: every call with one answers `token_revoked`.
        self.revoked: set[str] = set()
        self._failures: dict[str, list[Failure]] = {}
        # What apps.connections.open answers: the local Socket Mode server's address (tests/slack/socket_server.py).
        self.socket_url = ""
        self._held: dict[str, threading.Event] = {}
        self._ts = count(1)
        self._changed = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        """The port the stand-in listens on."""
        return int(self._server.server_address[1])

    @property
    def api_url(self) -> str:
        """What SLACK_API_URL should be."""
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str) -> str:
        """A response_url whose posts are recorded as `response:<name>`."""
        return f"http://127.0.0.1:{self.port}/response/{name}"

    def start(self) -> SlackStandIn:
        """Start serving in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()

    def fail(self, method: str, failure: Failure, times: int = 1) -> None:
        """Answer the next `times` calls of `method` with `failure`."""
        with self._changed:
            self._failures.setdefault(method, []).extend([failure] * times)

    def next_failure(self, method: str) -> Failure | None:
        """The failure to answer this call with, if one is queued."""
        with self._changed:
            queued = self._failures.get(method)
            return queued.pop(0) if queued else None

    def hold(self, method: str) -> None:
        """Make calls of `method` take effect (and be recorded) but wait for `release` before answering."""
        with self._changed:
            self._held[method] = threading.Event()

    def release(self, method: str) -> None:
        """Let held calls of `method` answer, and stop holding new ones."""
        with self._changed:
            event = self._held.pop(method, None)
        if event is not None:
            event.set()

    def held(self, method: str) -> threading.Event | None:
        """The event a call of `method` must wait for, if the method is held."""
        with self._changed:
            return self._held.get(method)

    def add_channel(self, channel: str, private: bool = False, member: bool = False, archived: bool = False) -> None:
        """Make a channel whose membership the stand-in checks."""
        with self._changed:
            self.channels[channel] = {"is_private": private, "is_member": member, "is_archived": archived}

    def add_user(self, user_id: str, team: str = TEAM_ID, **flags: Any) -> None:
        """Make a person users.info knows: their home workspace and flags (is_admin, is_restricted, ...)."""
        with self._changed:
            self.users[user_id] = {"id": user_id, "team_id": team, **flags}

    def user(self, params: dict[str, Any]) -> dict[str, Any]:
        """users.info over `users`."""
        user_id = str(params.get("user"))
        with self._changed:
            found = self.users.get(user_id, {"id": user_id, "team_id": TEAM_ID})
        return {"ok": True, "user": found}

    def team_of(self, token: str) -> str:
        """The workspace a bot token belongs to."""
        with self._changed:
            return self.token_teams.get(token, TEAM_ID)

    def is_revoked(self, token: str) -> bool:
        """Whether Slack no longer takes `token`."""
        with self._changed:
            return token in self.revoked

    def _refusal(self, channel: str) -> str | None:
        found = self.channels.get(channel)
        if found is None:
            return None
        if found["is_archived"]:
            return "is_archived"
        return None if found["is_member"] else "not_in_channel"

    def conversation(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """conversations.info and conversations.join over `channels`."""
        channel = str(params.get("channel"))
        with self._changed:
            found = self.channels.get(channel)
            if found is None or (found["is_private"] and not found["is_member"]):
                return {"ok": False, "error": "channel_not_found"}
            if method == "conversations.join":
                if found["is_archived"]:
                    return {"ok": False, "error": "is_archived"}
                if found["is_private"]:
                    return {"ok": False, "error": "method_not_supported_for_channel_type"}
                found["is_member"] = True
            return {"ok": True, "channel": {"id": channel, **found}}

    def post_message(self, params: dict[str, Any]) -> dict[str, Any]:
        """Keep a posted message with a fresh, increasing `ts`, as Slack would; return Slack's answer."""
        refused = self._refusal(str(params.get("channel")))
        if refused:
            return {"ok": False, "error": refused}
        with self._changed:
            ts = f"{int(time.time())}.{next(self._ts):06d}"
            message = {"type": "message", "ts": ts, "text": params.get("text", ""), "user": BOT_USER_ID,
                       "bot_id": BOT_ID, "channel": params.get("channel"), "blocks": params.get("blocks")}  # fmt: skip
            if params.get("thread_ts"):
                message["thread_ts"] = str(params["thread_ts"])
            if params.get("metadata"):
                metadata = params["metadata"]
                message["metadata"] = json.loads(metadata) if isinstance(metadata, str) else metadata
            self.messages.append(message)
        return {"ok": True, "channel": params.get("channel"), "ts": ts, "message": message}

    def channel_messages(self, channel: str) -> list[dict[str, Any]]:
        """The messages posted in `channel`, oldest first."""
        with self._changed:
            return [m for m in self.messages if m["channel"] == channel]

    def history(self, params: dict[str, Any], replies: bool = False) -> dict[str, Any]:
        """conversations.history (the channel's messages, thread replies left out) or conversations.replies (a
        thread: its first message and the replies): newest first, after `oldest`, metadata only when asked,
        paged by `limit`."""
        oldest = float(params.get("oldest") or 0)
        with_metadata = str(params.get("include_all_metadata", "")).lower() in {"1", "true"}
        root = str(params.get("ts") or "")
        found = [
            m
            for m in reversed(self.channel_messages(str(params.get("channel"))))
            if float(m["ts"]) > oldest
            and ((m["ts"] == root or m.get("thread_ts") == root) if replies else m.get("thread_ts") is None)
        ]
        start, limit = int(params.get("cursor") or 0), int(params.get("limit") or 100)
        page = [
            m if with_metadata else {k: v for k, v in m.items() if k != "metadata"}
            for m in found[start : start + limit]
        ]
        more = start + limit < len(found)
        return {"ok": True, "messages": page, "has_more": more,
                "response_metadata": {"next_cursor": str(start + limit) if more else ""}}  # fmt: skip

    def record(self, call: Call) -> None:
        """Remember a call and wake whoever waits."""
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    def matching(self, method: str, where: Callable[[Call], bool] = lambda call: True) -> list[Call]:
        """The calls of `method` so far that satisfy `where`."""
        with self._changed:
            return [c for c in self.calls if c.method == method and where(c)]

    def wait_for(
        self,
        method: str,
        where: Callable[[Call], bool] = lambda call: True,
        count: int = 1,
        timeout: float = 30,
    ) -> list[Call]:
        """Wait (generously: CI machines are slow) until `count` matching calls arrived; fail otherwise."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(found := [c for c in self.calls if c.method == method and where(c)]) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{count} {method} call(s) expected, got {len(found)}: {self.calls!r}")
                self._changed.wait(left)
            return found


def _handler_for(standin: SlackStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            self._handle(_params(raw, self.headers.get("Content-Type")))

        def do_GET(self) -> None:
            self._handle(dict(parse_qsl(urlsplit(self.path).query)))

        def _handle(self, params: dict[str, Any]) -> None:
            method = self._method()
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            if token and standin.is_revoked(token):
                standin.record(Call(method, params, True, token))
                self._send(200, {"ok": False, "error": "token_revoked"})
                return
            failure = standin.next_failure(method)
            if failure is not None and failure.status != 200:
                self._send(failure.status, {"ok": False, "error": "ratelimited"}, failure.retry_after)
                standin.record(Call(method + "#refused", params, True, token))
                return
            if failure is not None and failure.error:
                standin.record(Call(method, params, self._authorized(), token))
                self._send(200, {"ok": False, "error": failure.error})
                return
            answer = _answer(method)
            if method == "auth.test":
                answer = {**answer, "team_id": standin.team_of(token)}
            elif method == "users.info":
                answer = standin.user(params)
            elif method == "chat.postMessage":
                answer = standin.post_message(params)
            elif method in {"conversations.history", "conversations.replies"}:
                answer = standin.history(params, replies=method == "conversations.replies")
            elif method == "apps.connections.open":
                answer = {"ok": True, "url": standin.socket_url}
            elif method in {"conversations.info", "conversations.join"}:
                answer = standin.conversation(method, params)
            standin.record(Call(method, params, self._authorized(), token))
            held = standin.held(method)
            if held is not None:
                held.wait(HOLD_SECONDS)
            # A bot killed while its call was held never reads the answer; Slack would not notice either.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._send(200, answer)

        def _method(self) -> str:
            if self.path.startswith("/response/"):
                return "response:" + self.path.removeprefix("/response/")
            return self.path.removeprefix("/api/").split("?")[0]

        def _authorized(self) -> bool:
            return self.headers.get("Authorization", "").startswith("Bearer xoxb-")

        def _send(self, status: int, body: dict[str, Any], retry_after: int | None = None) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            if retry_after is not None:
                self.send_header("Retry-After", str(retry_after))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
            pass

    return Handler


def _params(raw: str, content_type: str | None) -> dict[str, Any]:
    if content_type and content_type.startswith("application/json"):
        loaded: dict[str, Any] = json.loads(raw or "{}")
        return loaded
    return dict(parse_qsl(raw))


def _answer(method: str) -> dict[str, Any]:
    if method == "auth.test":
        return {
            "ok": True,
            "url": "https://standin.slack.com/",
            "team": "Stand-in",
            "user": "newsbot",
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
        }
    if method == "chat.postMessage":
        return {"ok": True, "channel": "C0", "ts": f"{time.time():.6f}"}
    return {"ok": True}
