"""A local Socket Mode endpoint: a websocket server on 127.0.0.1 that hands the bot envelopes and collects their
acknowledgements, the way slack_sdk's own tests drive its Socket Mode client."""

from __future__ import annotations

import json
import threading
import time
import uuid
from typing import Any

from websockets.sync.server import Server, ServerConnection, serve

# How long a test waits for the bot to connect, or to acknowledge an envelope (CI machines are slow).
WAIT_SECONDS = 60


class SocketModeServer:
    """Accepts the bot's websocket connections; `send` delivers an envelope and waits for its acknowledgement."""

    def __init__(self) -> None:
        self._connections: list[ServerConnection] = []
        self.acks: dict[str, dict[str, Any]] = {}
        self._changed = threading.Condition()
        self._server: Server = serve(self._handle, "127.0.0.1", 0)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """What apps.connections.open hands the bot."""
        return f"ws://127.0.0.1:{self._server.socket.getsockname()[1]}/link"

    def start(self) -> SocketModeServer:
        """Serve in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Close every connection and stop serving."""
        self._server.shutdown()

    def _handle(self, connection: ServerConnection) -> None:
        connection.send(json.dumps({"type": "hello", "num_connections": 1, "debug_info": {"host": "standin"}}))
        with self._changed:
            self._connections.append(connection)
            self._changed.notify_all()
        try:
            for raw in connection:
                message = json.loads(raw)
                with self._changed:
                    self.acks[str(message.get("envelope_id"))] = message
                    self._changed.notify_all()
        finally:
            with self._changed:
                self._connections.remove(connection)

    def wait_connected(self) -> None:
        """Wait until the bot holds a connection."""
        deadline = time.monotonic() + WAIT_SECONDS
        with self._changed:
            while not self._connections:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError("the bot never connected over Socket Mode")
                self._changed.wait(left)

    def send(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Deliver one envelope (`slash_commands`, `events_api`, `interactive`) and return the bot's ack."""
        self.wait_connected()
        envelope_id = str(uuid.uuid4())
        envelope = {"envelope_id": envelope_id, "type": kind, "payload": payload, "accepts_response_payload": True}
        with self._changed:
            self._connections[-1].send(json.dumps(envelope))
            deadline = time.monotonic() + WAIT_SECONDS
            while envelope_id not in self.acks:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no acknowledgement of {kind} envelope {envelope_id}")
                self._changed.wait(left)
            return self.acks[envelope_id]
