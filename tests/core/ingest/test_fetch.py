"""The fetch policy against servers the tests start on loopback addresses, and a resolver stub for names:
every spelling of an internal address refused before any connection, redirects checked at each hop, the
connection made to the address that was checked, one deadline for the whole fetch, and a size cap."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator, Sequence
from ipaddress import ip_network
from pathlib import Path
from typing import Any

import pytest

from bot.core.ingest import fetch as fetching
from bot.core.ingest.fetch import FetchError, fetch
from bot.core.ingest.files import MAX_FILE_BYTES
from bot.core.ingest.policy import MAX_BYTES, NOT_ALLOWED, FetchPolicy, numeric_host, parse_networks
from tests.hostile_server import (
    HostileServer,
    announced_huge,
    endless_stream,
    page,
    redirect,
    trickled_body,
    trickled_headers,
)

# A deadline small enough for tests, large enough for a loaded 2-core machine to connect within it.
DEADLINE = 1.0
# What "ended at the deadline" means here: the hostile servers would go on for 20 s.
WELL_BEFORE_THE_SERVER_GIVES_UP = 6.0
ONLY_FIRST = (ip_network("127.0.0.1/32"),)


@pytest.fixture
def server() -> Iterator[HostileServer]:
    """A hostile server on 127.0.0.1."""
    running = HostileServer()
    running.answers["/ok"] = page(b"<html><body>fine</body></html>")
    yield running
    running.stop()


@pytest.fixture
def inside() -> Iterator[HostileServer]:
    """A second server on 127.0.0.2: "internal", outside every allow-list these tests set."""
    running = HostileServer(host="127.0.0.2")
    running.answers["/secret"] = page(b"internal only")
    yield running
    running.stop()


class Resolver:
    """A resolver stub: names to addresses, recording every lookup."""

    def __init__(self, names: dict[str, Sequence[str]]) -> None:
        self.names = names
        self.lookups: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.lookups.append(host)
        if host not in self.names:
            raise socket.gaierror(socket.EAI_NONAME, "unknown name")
        return list(self.names[host])


@pytest.fixture
def no_connections(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Fail the test's fetch if it tries to connect anywhere; the attempts are recorded."""
    attempts: list[Any] = []

    def refuse(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        attempts.append(address)
        raise AssertionError(f"a refused address was connected to: {address}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "localhost", "2130706433", "0x7f.1", "0x7f000001", "0177.0.0.1", "127.1", "127.0.0.1.",
     "[::ffff:127.0.0.1]", "[::1]", "0.0.0.0", "[::]", "LOCALHOST"],
)  # fmt: skip
def test_loopback_in_every_spelling_is_refused_and_never_reached(host: str, server: HostileServer) -> None:
    with pytest.raises(FetchError) as refused:
        fetch(server.url("/ok", host), FetchPolicy(timeout=DEADLINE))

    assert str(refused.value) == NOT_ALLOWED
    assert server.paths == []


@pytest.mark.parametrize(
    "address",
    ["10.1.2.3", "172.16.5.4", "192.168.0.1", "169.254.169.254", "169.254.1.1", "100.64.0.1", "224.0.0.1",
     "240.0.0.1", "255.255.255.255", "192.0.2.1", "198.18.0.1", "0.1.2.3", "fe80::1", "fc00::1", "fd00:ec2::254",
     "ff02::1", "fec0::1", "2001:db8::1", "2002:a00:1::1", "64:ff9b::a00:1", "::ffff:10.0.0.1", "::a00:1",
     "168.63.129.16", "100.100.100.200"],
)  # fmt: skip
def test_private_and_special_addresses_behind_a_name_are_refused_without_connecting(
    address: str, no_connections: list[Any]
) -> None:
    resolver = Resolver({"news.example": [address]})

    with pytest.raises(FetchError) as refused:
        fetch("http://news.example/story", FetchPolicy(timeout=DEADLINE, resolve=resolver))

    assert str(refused.value) == NOT_ALLOWED, "the message names neither the address nor the rule"
    assert no_connections == []


def test_a_name_with_one_inside_address_among_public_ones_is_refused(no_connections: list[Any]) -> None:
    resolver = Resolver({"news.example": ["93.184.216.34", "10.0.0.5", "2606:4700::1111"]})

    with pytest.raises(FetchError, match=f"^{NOT_ALLOWED}$"):
        fetch("https://news.example/story", FetchPolicy(timeout=DEADLINE, resolve=resolver))
    assert no_connections == []


def test_metadata_addresses_are_refused_even_inside_an_allowed_network(no_connections: list[Any]) -> None:
    allow = parse_networks("169.254.0.0/16, fd00::/8, 100.64.0.0/10")
    for address in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200", "::ffff:169.254.169.254"):
        resolver = Resolver({"metadata.google.internal": [address]})
        policy = FetchPolicy(allow=allow, timeout=DEADLINE, resolve=resolver)
        with pytest.raises(FetchError, match=f"^{NOT_ALLOWED}$"):
            fetch("http://metadata.google.internal/computeMetadata/v1/", policy)
    assert no_connections == []


def test_an_allowed_network_is_fetched(server: HostileServer) -> None:
    got = fetch(server.url("/ok"), FetchPolicy(allow=ONLY_FIRST, timeout=DEADLINE))

    assert (got.status, got.body) == (200, b"<html><body>fine</body></html>")


@pytest.mark.parametrize(
    "location", ["http://127.0.0.2:{port}/secret", "http://2130706434:{port}/secret", "http://[::ffff:7f00:2]:{port}/secret",
                 "http://internal.example:{port}/secret"]
)  # fmt: skip
def test_a_redirect_inside_is_refused(location: str, server: HostileServer, inside: HostileServer) -> None:
    server.answers["/moved"] = redirect(location.format(port=inside.port))
    resolver = Resolver({"news.example": ["127.0.0.1"], "internal.example": ["127.0.0.2"]})
    policy = FetchPolicy(allow=ONLY_FIRST, timeout=DEADLINE, resolve=resolver)

    with pytest.raises(FetchError, match=f"^{NOT_ALLOWED}$"):
        fetch(server.url("/moved", "news.example"), policy)

    assert server.paths == ["/moved"] and inside.paths == []


def test_redirects_within_the_policy_are_followed_and_the_final_address_reported(server: HostileServer) -> None:
    server.answers["/old"] = redirect("/ok", 301)
    server.answers["/older"] = redirect(server.url("/old"), 308)

    got = fetch(server.url("/older"), FetchPolicy(allow=ONLY_FIRST, timeout=DEADLINE))

    assert (got.url, got.body) == (server.url("/ok"), b"<html><body>fine</body></html>")


def test_a_redirect_to_another_scheme_or_without_end_is_refused(server: HostileServer) -> None:
    server.answers["/file"] = redirect("file:///etc/passwd")
    server.answers["/gopher"] = redirect("gopher://127.0.0.1:70/1")
    server.answers["/loop"] = redirect("/loop")
    policy = FetchPolicy(allow=ONLY_FIRST, timeout=DEADLINE)

    for path in ("/file", "/gopher"):
        with pytest.raises(FetchError, match=r"^redirected to an address that is not a web address$"):
            fetch(server.url(path), policy)
    with pytest.raises(FetchError, match=r"^more than 5 redirects$"):
        fetch(server.url("/loop"), policy)
    assert server.paths.count("/loop") == 6


def test_the_connection_goes_to_the_address_that_was_checked(
    server: HostileServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A rebinding resolver: the first answer passes the check, any later one points inside. The fetch must
    # look the name up once and connect to that answer; a second lookup by the system (as urllib does when
    # it connects) is made to fail loudly.
    answers = iter([["127.0.0.1"], ["10.0.0.1"], ["10.0.0.1"]])
    lookups: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        lookups.append(host)
        return next(answers)

    real_getaddrinfo = socket.getaddrinfo

    def numeric_only(host: Any, *args: Any, **kwargs: Any) -> Any:
        assert numeric_host(str(host)) is not None, f"the name {host} was looked up again to connect"
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", numeric_only)

    got = fetch(server.url("/ok", "news.example"), FetchPolicy(allow=ONLY_FIRST, timeout=DEADLINE, resolve=rebinding))

    assert got.body == b"<html><body>fine</body></html>" and lookups == ["news.example"]


def test_headers_trickled_a_byte_at_a_time_end_at_the_deadline(server: HostileServer) -> None:
    server.answers["/slow"] = trickled_headers
    started = time.monotonic()

    with pytest.raises(FetchError, match=f"^no answer within {DEADLINE:g} s$"):
        fetch(server.url("/slow"), FetchPolicy(allow=ONLY_FIRST, timeout=DEADLINE))

    assert time.monotonic() - started < WELL_BEFORE_THE_SERVER_GIVES_UP
    assert server.sent_bytes > 3, "the server kept sending: no single read waited long"


def test_a_body_trickled_a_byte_at_a_time_ends_at_the_deadline(server: HostileServer) -> None:
    server.answers["/slow"] = trickled_body
    started = time.monotonic()

    with pytest.raises(FetchError, match=f"^no complete answer within {DEADLINE:g} s$"):
        fetch(server.url("/slow"), FetchPolicy(allow=ONLY_FIRST, timeout=DEADLINE))

    assert time.monotonic() - started < WELL_BEFORE_THE_SERVER_GIVES_UP


def test_one_deadline_covers_every_hop(server: HostileServer) -> None:
    server.answers["/slow"] = trickled_body
    server.answers["/to-slow"] = redirect("/slow")
    started = time.monotonic()

    with pytest.raises(FetchError, match=r"within 1 s$"):
        fetch(server.url("/to-slow"), FetchPolicy(allow=ONLY_FIRST, timeout=DEADLINE))

    assert time.monotonic() - started < WELL_BEFORE_THE_SERVER_GIVES_UP


def test_a_slow_name_lookup_counts_against_the_deadline(no_connections: list[Any]) -> None:
    def stuck(host: str, port: int) -> list[str]:
        time.sleep(3)
        return ["93.184.216.34"]

    started = time.monotonic()
    with pytest.raises(FetchError, match=r"^no answer within 0\.5 s$"):
        fetch("http://news.example/", FetchPolicy(timeout=0.5, resolve=stuck))
    assert time.monotonic() - started < 2.5 and no_connections == []


def test_an_endless_stream_stops_at_the_size_cap(server: HostileServer) -> None:
    server.answers["/stream"] = endless_stream
    policy = FetchPolicy(allow=ONLY_FIRST, timeout=10.0, max_bytes=1024 * 1024)

    with pytest.raises(FetchError, match=r"^too large \(over 1 MiB\)$"):
        fetch(server.url("/stream"), policy)


def test_an_announced_huge_body_is_refused_before_it_is_read(server: HostileServer) -> None:
    server.answers["/huge"] = announced_huge

    with pytest.raises(FetchError, match=r"^too large \(over 10 MiB\)$"):
        fetch(server.url("/huge"), FetchPolicy(allow=ONLY_FIRST, timeout=10.0))


def test_the_default_cap_is_the_file_cap() -> None:
    assert MAX_BYTES == MAX_FILE_BYTES


def test_failures_name_no_address_or_port(server: HostileServer) -> None:
    policy = FetchPolicy(allow=ONLY_FIRST, timeout=DEADLINE, resolve=Resolver({}))
    closed = socket.socket()  # bound, never listening: connecting is refused
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]

    for url, said in [
        (f"http://127.0.0.1:{port}/", "unreachable (connection refused)"),
        ("http://no-such-host.example/", "unreachable (no such host)"),
        (server.url("/missing"), "HTTP 404 Not Found"),
    ]:
        with pytest.raises(FetchError) as failed:
            fetch(url, policy)
        assert str(failed.value) == said
        assert str(port) not in str(failed.value)
    closed.close()


def test_headers_a_server_could_smuggle_back_are_refused_not_sent(server: HostileServer) -> None:
    # An ETag is stored and sent back as If-None-Match: one with a line break must not become a new header.
    with pytest.raises(FetchError, match=r"^broken HTTP answer"):
        fetch(server.url("/ok"), FetchPolicy(allow=ONLY_FIRST, timeout=DEADLINE), {"If-None-Match": '"a"\r\nX: y'})
    assert server.paths == []


@pytest.mark.parametrize(
    ("text", "parsed"),
    [("2130706433", "127.0.0.1"), ("0x7f.1", "127.0.0.1"), ("0177.0.0.01", "127.0.0.1"), ("[::1]", "::1"),
     ("fe80::1%eth0", "fe80::1"), ("10.1", "10.0.0.1"), ("news.example", None), ("deadbeef.cafe", None),
     ("1.2.3.4.5", None), ("", None)],
)  # fmt: skip
def test_numeric_hosts_are_read_as_the_c_library_reads_them(text: str, parsed: str | None) -> None:
    found = numeric_host(text)
    assert (str(found) if found else None) == parsed


def test_networks_are_read_from_a_list_and_a_bad_one_is_named() -> None:
    assert [str(n) for n in parse_networks("10.0.0.0/8, 192.168.1.5 fd00::/8")] == [
        "10.0.0.0/8",
        "192.168.1.5/32",
        "fd00::/8",
    ]
    with pytest.raises(ValueError, match="'intranet' is not a network"):
        parse_networks("10.0.0.0/8,intranet")


# --- https ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and news.example (made with the openssl command)."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a certificate")
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=news.example", "-addext", "subjectAltName=DNS:news.example,IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def tls_server(certificate: tuple[Path, Path]) -> Iterator[HostileServer]:
    """A hostile server speaking https with the self-signed certificate."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    running = HostileServer(tls=context)
    running.answers["/ok"] = page(b"secure")
    yield running
    running.stop()


@pytest.fixture
def trusting(certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the fetcher trust the self-signed certificate, as it trusts the system's authorities."""
    context = ssl.create_default_context(cafile=str(certificate[0]))
    monkeypatch.setattr(fetching, "_TLS", context)


def test_https_checks_the_certificate_against_the_name(tls_server: HostileServer) -> None:
    with pytest.raises(FetchError, match=r"^unreachable \(TLS certificate not valid\)$"):
        fetch(tls_server.url("/ok"), FetchPolicy(allow=ONLY_FIRST, timeout=DEADLINE))


def test_https_is_fetched_from_the_checked_address_with_the_name_for_tls(
    tls_server: HostileServer, trusting: None
) -> None:
    resolver = Resolver({"news.example": ["127.0.0.1"]})
    policy = FetchPolicy(allow=ONLY_FIRST, timeout=DEADLINE, resolve=resolver)

    assert fetch(tls_server.url("/ok", "news.example"), policy).body == b"secure"


def test_a_body_trickled_over_https_ends_at_the_deadline(tls_server: HostileServer, trusting: None) -> None:
    tls_server.answers["/slow"] = trickled_body
    started = time.monotonic()

    with pytest.raises(FetchError, match=f"^no complete answer within {DEADLINE:g} s$"):
        fetch(tls_server.url("/slow"), FetchPolicy(allow=ONLY_FIRST, timeout=DEADLINE))
    assert time.monotonic() - started < WELL_BEFORE_THE_SERVER_GIVES_UP


def test_a_tls_handshake_that_never_ends_ends_at_the_deadline(server: HostileServer) -> None:
    # A plain server waits for a request that never comes: the client's TLS hello gets no answer.
    started = time.monotonic()

    with pytest.raises(FetchError, match=f"^no answer within {DEADLINE:g} s$"):
        fetch(server.url("/ok").replace("http:", "https:"), FetchPolicy(allow=ONLY_FIRST, timeout=DEADLINE))
    assert time.monotonic() - started < WELL_BEFORE_THE_SERVER_GIVES_UP
