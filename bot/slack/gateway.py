"""The HTTP front of the Slack app: an ASGI application that admits a request to Bolt only once it is whole,
small, signed by Slack and well formed, and then runs Bolt's dispatch on a thread.

In order, before anything parses the body: the path (404) and method (405); a declared length over the limit
(413, nothing read); the body read within a deadline (408) and no bigger than the limit as it arrives (413);
the v0 signature over the raw bytes with a timestamp inside Slack's five-minute window (401); then UTF-8, the
parse Bolt does, and the payload's shape where Bolt reads it (bot.slack.shape) (400). Each refusal is one log
line naming the reason, never the body. Waiting for a slow client costs a coroutine, not a thread (see
bot.slack.worker), so slow or stalled clients cannot hold back the requests Slack is waiting on.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import parse_qsl

from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

from bot.slack import signing
from bot.slack.shape import nesting_problem, shape_problem

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

PATH = "/slack/events"
# Slack's payloads are a few kilobytes; the largest (a message event with 40,000 characters of text and 50
# blocks, or a modal's state) stay well under this. Anything bigger is not from Slack.
MAX_BODY_BYTES = 1024 * 1024
# Slack sends a request in one go; a body that takes longer than this to arrive is a slow client.
BODY_SECONDS = 5.0
# Threads running Bolt's dispatch: each only waits for the acknowledgement, which comes at once.
DISPATCH_THREADS = 16
# What is shown of a refused request's path in the log: enough to recognise a scanner, never a long string.
PATH_CHARS = 80


class Refused(Exception):
    """A request answered with an error status before Bolt sees it; the reason goes to the log."""

    def __init__(self, status: int, reason: str, read: int = 0) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.read = read  # bytes of the body read before refusing


class Gateway:
    """The ASGI application in front of `bolt`; `on_shutdown` runs when the worker stops (lifespan)."""

    def __init__(
        self,
        bolt: App,
        signing_secret: str,
        on_shutdown: Callable[[], object] = lambda: None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._bolt = bolt
        self._secret = signing_secret
        self._on_shutdown = on_shutdown
        self._clock = clock
        self._threads = ThreadPoolExecutor(DISPATCH_THREADS, thread_name_prefix="slack-dispatch")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one HTTP request, or the worker's start and stop (the lifespan protocol)."""
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http":
            await self._http(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await asyncio.get_running_loop().run_in_executor(None, self._on_shutdown)
                self._threads.shutdown(wait=False)
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        size = 0
        try:
            route = self._route(scope)
            body = await _read_body(scope, receive)
            size = len(body)
            if route == "events" and _ssl_check(scope, body):
                await _respond(send, 200, "")  # Slack checking the certificate, which Bolt answers unsigned too
                return
            request = self._admit(scope, body) if route == "events" else _bolt_request(scope, body)
            response = await asyncio.get_running_loop().run_in_executor(self._threads, self._dispatch, route, request)
        except Refused as refused:
            _log_refusal(scope, refused, max(size, refused.read))
            await _respond(send, refused.status, refused.reason)
            return
        await _respond_with(send, response)

    def _route(self, scope: Scope) -> str:
        path, method = scope.get("path", ""), scope.get("method", "")
        flow = self._bolt.oauth_flow
        if flow is not None and method == "GET" and path in {flow.install_path, flow.redirect_uri_path}:
            return "install" if path == flow.install_path else "oauth_redirect"
        if path != PATH:
            raise Refused(404, "not found")
        if method != "POST":
            raise Refused(405, "method not allowed")
        return "events"

    def _admit(self, scope: Scope, body: bytes) -> BoltRequest:
        headers = _headers(scope)
        why = signing.refusal(
            self._secret,
            headers.get("x-slack-request-timestamp"),
            headers.get("x-slack-signature"),
            body,
            self._clock(),
        )
        if why is not None:
            raise Refused(401, why)
        return _bolt_request(scope, body)

    def _dispatch(self, route: str, request: BoltRequest) -> BoltResponse:
        flow = self._bolt.oauth_flow
        if route == "install" and flow is not None:
            return flow.handle_installation(request)
        if route == "oauth_redirect" and flow is not None:
            return flow.handle_callback(request)
        return self._bolt.dispatch(request)


async def _read_body(scope: Scope, receive: Receive) -> bytes:
    declared = _headers(scope).get("content-length")
    if declared is not None:
        if not (declared.isascii() and declared.isdigit()):
            raise Refused(400, "malformed Content-Length")
        if int(declared) > MAX_BODY_BYTES:
            raise Refused(413, "body too large")
    chunks: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(BODY_SECONDS):
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    raise Refused(400, "client went away before sending the whole body", size)
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > MAX_BODY_BYTES:
                    raise Refused(413, "body too large", size)
                chunks.append(chunk)
                if not message.get("more_body"):
                    return b"".join(chunks)
    except TimeoutError:
        raise Refused(408, f"body not received within {BODY_SECONDS:g} s", size) from None


def _bolt_request(scope: Scope, body: bytes) -> BoltRequest:
    """The request as Bolt reads it; Refused (400) for a body Bolt could not read as Slack's."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "body is not UTF-8") from None
    headers = _headers(scope)
    query = bytes(scope.get("query_string", b"")).decode("latin-1")
    try:
        request = BoltRequest(body=text, query=query, headers=dict[str, str | Sequence[str]](headers))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError) as error:
        # RecursionError: json.loads of a body nested deeper than Python's recursion limit
        raise Refused(400, f"malformed body ({type(error).__name__})") from None
    if not isinstance(request.body, dict):
        raise Refused(400, "body is not an object")
    problem = nesting_problem(request.body) or shape_problem(request.body)
    if problem is not None:
        raise Refused(400, f"not a Slack payload ({problem})")
    return request


def _ssl_check(scope: Scope, body: bytes) -> bool:
    """Slack's certificate check (`ssl_check=1`): answered 200, with nothing to do."""
    form = _headers(scope).get("content-type", "").startswith("application/x-www-form-urlencoded")
    return form and dict(parse_qsl(body.decode("latin-1"))).get("ssl_check") == "1"


def _headers(scope: Scope) -> dict[str, str]:
    """The request's headers, names in lower case; a repeated header keeps its first value."""
    found: dict[str, str] = {}
    for name, value in scope.get("headers", []):
        found.setdefault(bytes(name).decode("latin-1").lower(), bytes(value).decode("latin-1"))
    return found


def _log_refusal(scope: Scope, refused: Refused, size: int) -> None:
    path = repr(str(scope.get("path", ""))[:PATH_CHARS])
    client = (scope.get("client") or ("?", 0))[0]
    log.info(
        "refused %s %s from %s: %s (HTTP %d, %d bytes read)",
        scope.get("method", "?"), path, client, refused.reason, refused.status, size,
    )  # fmt: skip


async def _respond(send: Send, status: int, reason: str) -> None:
    body = (reason or "ok").encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    if status >= 400:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _respond_with(send: Send, response: BoltResponse) -> None:
    body = response.body.encode()
    headers = [(b"content-length", str(len(body)).encode())]
    for name, values in response.headers.items():
        if name.lower() != "content-length":
            headers += [(name.encode("latin-1"), str(v).encode("latin-1")) for v in values]
    await send({"type": "http.response.start", "status": response.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
