"""Fetching a URL within a policy: the one way the bot reads the web (feeds, item pages, /ingest).

Each hop (the URL, then every redirect) is checked by the policy (bot.core.ingest.policy) and connected to the
address that was checked. One deadline covers the whole fetch: resolving, connecting, the headers and the body
of every hop. A watchdog shuts the socket when it passes, so a server that trickles its headers or its body a
byte at a time cannot stretch a fetch beyond it; the size cap is enforced as the body is read.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from bot.core.ingest.policy import FETCH_TIMEOUT as FETCH_TIMEOUT
from bot.core.ingest.policy import AddressNotAllowed, FetchPolicy, IPAddress

CHUNK_BYTES = 64 * 1024
USER_AGENT = "newsbot/0.1 (news-intelligence Slack bot; feed reader)"
NOT_MODIFIED = 304
REDIRECTS = frozenset({301, 302, 303, 307, 308})
DEFAULT_POLICY = FetchPolicy()
# A server's reason phrase is shown in /feeds and replies: a few words, never a page of text.
REASON_CHARS = 60
# Browsers and servers agree on about 2,000 characters; a longer "address" is a paste gone wrong.
MAX_URL_CHARS = 2_000
# How much of an address a reply repeats.
SHOWN_URL_CHARS = 120
_TLS = ssl.create_default_context()


class FetchError(Exception):
    """A URL that could not be fetched; the message is the reason shown in /feeds and the log."""


@dataclass(frozen=True)
class Fetched:
    """What a URL answered: final URL, status, body and headers (lower-case names)."""

    url: str
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def check_url(url: str) -> str:
    """The URL if it is an absolute http(s) URL of at most MAX_URL_CHARS without spaces; FetchError otherwise."""
    url = url.strip()
    if len(url) > MAX_URL_CHARS:
        raise FetchError(f"a web address of {len(url):,} characters is too long (at most {MAX_URL_CHARS:,})")
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise FetchError(f"not a web address: {truncate_url(url)!r} (expected http:// or https://)")
    if any(c.isspace() for c in url):
        raise FetchError(f"not a web address: {truncate_url(url)!r} (an address has no spaces)")
    return url


def truncate_url(url: str) -> str:
    """An address short enough to repeat in a reply or a log line."""
    return url if len(url) <= SHOWN_URL_CHARS else url[: SHOWN_URL_CHARS - 1] + "…"


def fetch(url: str, policy: FetchPolicy = DEFAULT_POLICY, headers: dict[str, str] | None = None) -> Fetched:
    """GET `url` within the policy; 304 Not Modified is an answer, other HTTP errors raise FetchError."""
    deadline = _Deadline(policy.timeout)
    current = check_url(url)
    for _hop in range(policy.max_redirects + 1):
        got = _get(current, policy, headers or {}, deadline)
        location = got.headers.get("location")
        if got.status not in REDIRECTS:
            return got
        if not location:
            raise FetchError(f"HTTP {got.status} without a Location")
        current = urljoin(current, location)
        if urlsplit(current).scheme not in {"http", "https"}:
            raise FetchError("redirected to an address that is not a web address")
    raise FetchError(f"more than {policy.max_redirects} redirects")


class _Deadline:
    """The moment a fetch must be over, and what to say when it is."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._at = time.monotonic() + seconds
        self.answered = False  # headers arrived: a later timeout is an incomplete answer, not no answer
        self.expired = threading.Event()  # set by the watchdog of the hop under way

    def left(self) -> float:
        """Seconds left; FetchError when none are."""
        remaining = self._at - time.monotonic()
        if remaining <= 0:
            raise self.error()
        return remaining

    def check(self) -> None:
        """FetchError if the watchdog shut the connection: what was read since may be cut short."""
        if self.expired.is_set():
            raise self.error()

    def error(self) -> FetchError:
        """The timeout, as the person reading /feeds or a reply should read it."""
        said = "no complete answer" if self.answered else "no answer"
        return FetchError(f"{said} within {self.seconds:g} s")


def _get(url: str, policy: FetchPolicy, headers: dict[str, str], deadline: _Deadline) -> Fetched:
    parts = urlsplit(url)
    try:
        host, port = parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
        if not host:
            raise ValueError("no host")
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        ascii_host = host.encode("idna").decode("ascii")
    except (ValueError, UnicodeError) as error:
        raise FetchError(f"not a web address: {url!r}") from error
    try:
        addresses = policy.addresses(ascii_host, port, deadline.left())
    except AddressNotAllowed as refused:
        raise FetchError(str(refused)) from None
    except TimeoutError as error:
        raise deadline.error() from error
    except OSError as error:
        raise FetchError("unreachable (no such host)") from error
    line = _Line(_connect(addresses, port, deadline))
    with _watchdog(line, deadline) as expired:
        try:
            if parts.scheme == "https":
                line.secure(ascii_host)
            deadline.check()
            return _exchange(line.sock, parts.scheme, ascii_host, port, target, url, policy, headers, deadline)
        except FetchError:
            raise
        except (OSError, http.client.HTTPException, ValueError) as error:
            if expired.is_set() or isinstance(error, TimeoutError):
                raise deadline.error() from error
            raise _failure(error) from error
        finally:
            line.close()


def _connect(addresses: list[IPAddress], port: int, deadline: _Deadline) -> socket.socket:
    """A connection to one of the checked addresses, never to the name (so it cannot resolve anew)."""
    failure: OSError | None = None
    for address in addresses:
        try:
            return socket.create_connection((str(address), port), timeout=deadline.left())
        except TimeoutError as error:
            raise deadline.error() from error
        except OSError as error:
            failure = error
    raise _failure(failure or OSError("no address"))


class _Line:
    """The connection of one hop, which the watchdog may shut from its own thread while another reads it."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self._lock = threading.Lock()
        self._closed = False

    def secure(self, host: str) -> None:
        """Wrap the connection in TLS for `host` (the handshake runs under the watchdog too)."""
        with self._lock:
            self.sock = _TLS.wrap_socket(self.sock, server_hostname=host, do_handshake_on_connect=False)
        assert isinstance(self.sock, ssl.SSLSocket)
        self.sock.do_handshake()

    def shut(self) -> None:
        """Wake whatever read or write is blocked on the connection."""
        with self._lock, suppress(OSError):
            if not self._closed:
                # The plain socket's shutdown, even under TLS: it acts on the descriptor and leaves the TLS
                # object to the reading thread, which then fails at once.
                socket.socket.shutdown(self.sock, socket.SHUT_RDWR)

    def close(self) -> None:
        """Close the connection; the watchdog leaves it alone from now on."""
        with self._lock:
            self._closed = True
            self.sock.close()


def _exchange(
    sock: socket.socket,
    scheme: str,
    host: str,
    port: int,
    target: str,
    url: str,
    policy: FetchPolicy,
    headers: dict[str, str],
    deadline: _Deadline,
) -> Fetched:
    connection_class = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
    connection = connection_class(host, port, timeout=deadline.left())
    connection.sock = sock  # already connected to the checked address: http.client must not connect again
    sent = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity", "Connection": "close", **headers}
    connection.request("GET", target, headers=sent)
    response = connection.getresponse()
    deadline.check()  # headers cut short by the watchdog read as complete to http.client
    deadline.answered = True
    found = {k.lower(): v for k, v in response.headers.items()}
    if response.status in REDIRECTS or response.status == NOT_MODIFIED:
        return Fetched(url, response.status, b"", found)
    if response.status >= 400:
        raise FetchError(f"HTTP {response.status} {_reason(response.reason)}".rstrip())
    body = _read(response, policy.max_bytes, deadline)
    deadline.check()
    return Fetched(url, response.status, body, found)


def _read(response: http.client.HTTPResponse, limit: int, deadline: _Deadline) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > limit:
        raise FetchError(f"too large (over {limit // (1024 * 1024)} MiB)")
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(min(CHUNK_BYTES, limit + 1 - size)):
        size += len(chunk)
        if size > limit:
            raise FetchError(f"too large (over {limit // (1024 * 1024)} MiB)")
        deadline.left()
        chunks.append(chunk)
    return b"".join(chunks)


@contextmanager
def _watchdog(line: _Line, deadline: _Deadline) -> Iterator[threading.Event]:
    """Shut the connection when the deadline passes, whatever read or write is blocked on it."""
    expired = deadline.expired = threading.Event()

    def expire() -> None:
        expired.set()
        line.shut()

    try:
        timer = threading.Timer(deadline.left(), expire)
    except FetchError:
        line.close()
        raise
    timer.daemon = True
    timer.start()
    try:
        yield expired
    finally:
        timer.cancel()


def _failure(error: BaseException) -> FetchError:
    """A connection or protocol failure, named without the addresses or ports involved."""
    if isinstance(error, http.client.InvalidURL):
        return FetchError("not a web address")
    if isinstance(error, ssl.SSLCertVerificationError):
        return FetchError("unreachable (TLS certificate not valid)")
    if isinstance(error, ssl.SSLError):
        return FetchError("unreachable (TLS failed)")
    if isinstance(error, ConnectionRefusedError):
        return FetchError("unreachable (connection refused)")
    if isinstance(error, http.client.HTTPException | ConnectionError | ValueError):
        return FetchError(f"broken HTTP answer ({type(error).__name__})")
    return FetchError("unreachable (connection failed)")


def _reason(reason: str) -> str:
    return "".join(c for c in reason if c.isprintable())[:REASON_CHARS]
