"""A TCP forwarder the tests control, in front of PostgreSQL: `cut()` is an outage (every connection through it
closed, new ones closed at once), `restore()` ends it; `freeze()` is a server that stops answering while its
connections stay open (a frozen host, a pooler waiting on a dead server), `thaw()` ends it.
Threads, one pair per connection; loopback only."""

from __future__ import annotations

import contextlib
import socket
import threading

from sqlalchemy.engine import make_url

CHUNK = 65536


class Proxy:
    """Forwards 127.0.0.1:`port` to `upstream`; between `cut()` and `restore()` nothing gets through."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self._upstream = upstream
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._down = False
        self._flowing = threading.Event()
        self._flowing.set()
        self._thread = threading.Thread(target=self._accept, name="proxy-accept", daemon=True)

    @property
    def port(self) -> int:
        """Where clients connect."""
        return int(self._listener.getsockname()[1])

    def start(self) -> Proxy:
        """Start forwarding."""
        self._thread.start()
        return self

    def cut(self) -> None:
        """An outage: close every connection now, and every new one as it comes."""
        with self._lock:
            self._down = True
            for sock in self._open:
                _close(sock)
            self._open.clear()

    def restore(self) -> None:
        """The database is back: new connections go through again."""
        with self._lock:
            self._down = False

    def freeze(self) -> None:
        """The server stops answering: connections stay open, and nothing goes through them until `thaw()`."""
        self._flowing.clear()

    def thaw(self) -> None:
        """The server answers again, what was held first."""
        self._flowing.set()

    def stop(self) -> None:
        """Close everything, the listener too."""
        self.cut()
        self.thaw()
        _close(self._listener)

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # the listener was closed
            with self._lock:
                down = self._down
            if down:
                _close(client)
                continue
            self._flowing.wait()  # frozen: the connection is taken and waits, as a frozen server's does
            try:
                server = socket.create_connection(self._upstream)
            except OSError:
                _close(client)
                continue
            with self._lock:
                self._open.update((client, server))
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(CHUNK):
                self._flowing.wait()
                sink.sendall(data)
        except OSError:
            pass
        finally:
            with self._lock:
                self._open.discard(source)
                self._open.discard(sink)
            _close(source)
            _close(sink)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()


def in_front_of(database_url: str) -> tuple[Proxy, str]:
    """A started proxy in front of the database at `database_url`, and the URL that reaches it through the proxy."""
    direct = make_url(database_url)
    proxy = Proxy((direct.host or "127.0.0.1", direct.port or 5432)).start()
    return proxy, direct.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
