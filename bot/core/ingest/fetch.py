"""Fetching a URL with a bounded time and size: the one way the bot reads the web (feeds, item pages, /ingest)."""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bot.core.ingest.files import MAX_FILE_BYTES

# Seconds for a whole request: a feed or a page that has not arrived by then is dead for this round, and
# waiting longer would only hold the job's thread. Each socket operation is bounded by it, and reading stops
# when it has passed.
FETCH_TIMEOUT = 10.0
# A page or a feed bigger than a file the bot would ingest is not an article.
MAX_BYTES = MAX_FILE_BYTES
CHUNK_BYTES = 64 * 1024
USER_AGENT = "newsbot/0.1 (news-intelligence Slack bot; feed reader)"
NOT_MODIFIED = 304


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
    """The URL if it is an absolute http(s) URL; FetchError otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise FetchError(f"not a web address: {url!r} (expected http:// or https://)")
    return url.strip()


def fetch(url: str, timeout: float = FETCH_TIMEOUT, headers: dict[str, str] | None = None) -> Fetched:
    """GET `url` within `timeout` seconds; 304 Not Modified is an answer, other HTTP errors raise FetchError."""
    request = urllib.request.Request(check_url(url), headers={"User-Agent": USER_AGENT, **(headers or {})})
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = _read(response, deadline, timeout)
            found = {k.lower(): v for k, v in response.headers.items()}
            return Fetched(response.geturl(), response.status, body, found)
    except urllib.error.HTTPError as error:
        if error.code == NOT_MODIFIED:
            return Fetched(url, NOT_MODIFIED, b"", {k.lower(): v for k, v in error.headers.items()})
        raise FetchError(f"HTTP {error.code} {error.reason}") from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise FetchError(f"no answer within {timeout:g} s") from error
        raise FetchError(f"unreachable ({error.reason})") from error
    except TimeoutError as error:
        raise FetchError(f"no answer within {timeout:g} s") from error
    except (http.client.HTTPException, ConnectionError) as error:
        raise FetchError(f"broken HTTP answer ({type(error).__name__})") from error


def _read(response: http.client.HTTPResponse, deadline: float, timeout: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(CHUNK_BYTES):
        size += len(chunk)
        if size > MAX_BYTES:
            raise FetchError(f"too large (over {MAX_BYTES // (1024 * 1024)} MiB)")
        if time.monotonic() > deadline:
            raise FetchError(f"no complete answer within {timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)
