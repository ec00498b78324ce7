"""A local web server for the feed and page tests: RSS, Atom, article pages, a malformed feed, a 404, a page
that never answers, and conditional GET (ETag, Last-Modified)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_network
from typing import Any

from bot.core.ingest.policy import FetchPolicy

# How long the page that "never answers" holds a request before giving up: longer than any fetch timeout the
# tests use, short enough that the server's threads end soon after the tests.
HANG_SECONDS = 30
# The fetches of these tests go to 127.0.0.1, which the bot refuses by default: the tests allow loopback the
# way an operator allows an intranet (FETCH_ALLOWED_NETWORKS), rather than weakening the default policy.
LOOPBACK = (ip_network("127.0.0.0/8"),)


def local_policy(timeout: float) -> FetchPolicy:
    """The fetch policy of these tests: loopback allowed, `timeout` seconds per fetch."""
    return FetchPolicy(allow=LOOPBACK, timeout=timeout)


@dataclass
class Page:
    """What a path answers."""

    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class WebServer:
    """Serves `pages` by path; `/hang` never answers; anything else is a 404. Records each request's path."""

    pages: dict[str, Page] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    host: str = "127.0.0.1"  # any loopback address (127.0.0.2 stands for an internal host)

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._server = ThreadingHTTPServer((self.host, 0), _handler_for(self))
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        """The full URL of a path on this server."""
        return f"http://{self.host}:{self._server.server_address[1]}{path}"

    def hits(self, path: str) -> list[dict[str, str]]:
        """The headers of every request for `path`."""
        return [headers for seen, headers in self.requests if seen == path]

    def stop(self) -> None:
        """Release hanging requests and stop serving."""
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()

    def wait_stopped(self, seconds: float) -> None:
        """Block like a dead server would, until stopped or `seconds` passed."""
        self._stop.wait(seconds)


def _handler_for(server: WebServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            if self.path == "/hang":
                server.wait_stopped(HANG_SECONDS)
                return
            page = server.pages.get(self.path)
            if page is None:
                self._answer(404, b"<html><body>Not found</body></html>", "text/html")
                return
            if page.etag and self.headers.get("If-None-Match") == page.etag:
                self._answer(304, b"", page.content_type)
                return
            extra = {"ETag": page.etag, "Last-Modified": page.last_modified}
            self._answer(page.status, page.body, page.content_type, {k: v for k, v in extra.items() if v})

        def _answer(self, status: int, body: bytes, kind: str, headers: dict[str, Any] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
            pass

    return Handler


def article_page(title: str, paragraphs: list[str]) -> Page:
    """An article page as news sites write them: navigation, the article, a footer."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (
        f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>Copyright News Ltd. All rights reserved.</footer>"
        "</body></html>"
    )
    return Page(html.encode("utf-8"))


def rss(title: str, items: list[dict[str, str]]) -> bytes:
    """An RSS 2.0 feed of items (guid, title, link, pubDate, description)."""
    entries = "".join("<item>" + "".join(f"<{k}>{v}</{k}>" for k, v in item.items()) + "</item>" for item in items)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>http://example.com/</link><description>news</description>{entries}</channel></rss>"
    ).encode()


def atom(title: str, entries: list[dict[str, str]]) -> bytes:
    """An Atom feed of entries (id, title, link, updated, summary)."""
    body = "".join(
        f'<entry><id>{e["id"]}</id><title>{e["title"]}</title><link href="{e["link"]}"/>'
        f"<updated>{e['updated']}</updated><summary>{e['summary']}</summary></entry>"
        for e in entries
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>'
        f"<id>urn:test:{title}</id><updated>2025-10-16T10:00:00Z</updated>{body}</feed>"
    ).encode()
