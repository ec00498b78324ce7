"""A raw HTTP server on a loopback address that answers as a hostile or broken site would: trickling its headers
or its body a byte at a time, streaming without end, announcing a huge body, or redirecting elsewhere. Each
connection is served on its own thread; everything stops with `stop`."""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

# How long a trickling answer pauses between bytes: short enough that a test's deadline of a second or two is
# crossed after a few dozen bytes, long enough that a per-read socket timeout would never fire.
TRICKLE_PAUSE = 0.05
# A trickle or a stream stops after this long whatever happens, so no thread outlives the tests for long.
GIVE_UP_SECONDS = 20.0
OK_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"

Behaviour = Callable[[socket.socket, "HostileServer"], None]


@dataclass
class HostileServer:
    """Listens on `host` (any 127.x address; 127.0.0.1 by default); `answers` maps a path to its behaviour."""

    host: str = "127.0.0.1"
    tls: ssl.SSLContext | None = None  # serve https with this context
    answers: dict[str, Behaviour] = field(default_factory=dict)
    paths: list[str] = field(default_factory=list)
    sent_bytes: int = 0

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._listener = socket.create_server((self.host, 0))
        self._listener.settimeout(0.2)
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def port(self) -> int:
        """The port it listens on."""
        return int(self._listener.getsockname()[1])

    def url(self, path: str, host: str | None = None) -> str:
        """The URL of `path` here, with `host` in place of the address when given (numeric forms, names)."""
        scheme = "https" if self.tls else "http"
        return f"{scheme}://{host or self.host}:{self.port}{path}"

    def stopped(self) -> bool:
        """True once `stop` was called: a behaviour ends its trickle."""
        return self._stop.is_set()

    def stop(self) -> None:
        """Stop accepting and end every answer under way."""
        self._stop.set()
        self._listener.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(GIVE_UP_SECONDS)
            try:
                if self.tls is not None:
                    conn = self.tls.wrap_socket(conn, server_side=True)
                head = b""
                while b"\r\n\r\n" not in head:
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    head += chunk
                path = head.split(b" ", 2)[1].decode()
                self.paths.append(path)
                behaviour = self.answers.get(path, not_found)
                behaviour(conn, self)
            except OSError:
                return  # the client gave up, which is what most of these tests want it to do

    def count(self, sent: int) -> None:
        """Record bytes a behaviour sent."""
        self.sent_bytes += sent


def not_found(conn: socket.socket, server: HostileServer) -> None:
    """A plain 404."""
    conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


def page(body: bytes) -> Behaviour:
    """A normal 200 answer with `body`."""

    def answer(conn: socket.socket, server: HostileServer) -> None:
        conn.sendall(OK_HEAD + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body)

    return answer


def trickled_headers(conn: socket.socket, server: HostileServer) -> None:
    """Headers one byte at a time, without end: each read gets a byte, so no read ever times out."""
    conn.sendall(b"HTTP/1.1 200 OK\r\n")
    started = time.monotonic()
    while not server.stopped() and time.monotonic() - started < GIVE_UP_SECONDS:
        conn.sendall(b"X")
        server.count(1)
        time.sleep(TRICKLE_PAUSE)


def trickled_body(conn: socket.socket, server: HostileServer) -> None:
    """Headers at once, announcing a small body, which then comes one byte at a time."""
    conn.sendall(OK_HEAD + b"Content-Length: 100000\r\n\r\n")
    started = time.monotonic()
    while not server.stopped() and time.monotonic() - started < GIVE_UP_SECONDS:
        conn.sendall(b"a")
        server.count(1)
        time.sleep(TRICKLE_PAUSE)


def endless_stream(conn: socket.socket, server: HostileServer) -> None:
    """A chunked body that never ends, as fast as the client reads it (a "1 GB stream")."""
    conn.sendall(OK_HEAD + b"Transfer-Encoding: chunked\r\n\r\n")
    block = b"<p>" + b"a" * 65_533 + b"</p>"
    chunk = f"{len(block):x}\r\n".encode() + block + b"\r\n"
    started = time.monotonic()
    while not server.stopped() and time.monotonic() - started < GIVE_UP_SECONDS:
        conn.sendall(chunk)
        server.count(len(block))


def announced_huge(conn: socket.socket, server: HostileServer) -> None:
    """A Content-Length of a gigabyte, then whatever the client is willing to read."""
    conn.sendall(OK_HEAD + b"Content-Length: 1073741824\r\n\r\n")
    endless = b"a" * 65_536
    started = time.monotonic()
    while not server.stopped() and time.monotonic() - started < GIVE_UP_SECONDS:
        conn.sendall(endless)
        server.count(len(endless))


def redirect(location: str, status: int = 302) -> Behaviour:
    """A redirect to `location`."""

    def answer(conn: socket.socket, server: HostileServer) -> None:
        conn.sendall(f"HTTP/1.1 {status} Moved\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n".encode())

    return answer
