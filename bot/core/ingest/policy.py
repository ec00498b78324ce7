"""Where the bot may fetch from, and for how long: public addresses only, unless an operator allows a network.

A URL's host is turned into addresses once (a numeric form such as `2130706433` or `0x7f.1` is read as the
address it spells, as the C library would), every address is checked, and the fetcher connects to the checked
address itself, so a name that resolves differently a moment later (DNS rebinding) gains nothing. Loopback,
private, link-local, shared (carrier-grade NAT), multicast, reserved and documentation ranges are refused in
IPv4 and IPv6, IPv4 addresses hidden in IPv6 ones (mapped, 6to4, NAT64, Teredo) by the IPv4 address inside;
cloud metadata addresses are refused even inside an allowed network.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address, ip_network

IPAddress = IPv4Address | IPv6Address
IPNetwork = IPv4Network | IPv6Network
# host, port -> the addresses it resolves to, as text (getaddrinfo's answer); tests pass a stub.
Resolver = Callable[[str, int], Sequence[str]]

# Seconds for a whole fetch (resolving, connecting, headers and body together): a feed or a page that has not
# arrived by then is dead for this round, and waiting longer would only hold the job's or the answer's thread.
FETCH_TIMEOUT = 10.0
# A page or a feed bigger than a file the bot would ingest (bot.core.ingest.files.MAX_FILE_BYTES) is not an
# article. Kept here rather than imported so that reading a policy does not import the HTML extractor.
MAX_BYTES = 10 * 1024 * 1024
# Browsers follow about twenty redirects; news sites use one or two (http -> https -> canonical).
MAX_REDIRECTS = 5
# The one message for a refused address: which rule refused it, or what the address was, would tell whoever
# asked which internal names exist.
NOT_ALLOWED = "address not allowed"

# Instance-metadata services (AWS, Azure, GCP, DigitalOcean, OpenStack; AWS ECS and EKS; Alibaba; Oracle;
# Azure's wire server, which sits in a public range): never fetched, whatever the allow-list says.
METADATA = frozenset(
    ip_address(a)
    for a in (
        "169.254.169.254", "169.254.170.2", "169.254.170.23", "fd00:ec2::254", "fd00:ec2::23",
        "100.100.100.200", "192.0.0.192", "168.63.129.16",
    )
)  # fmt: skip
_NAT64 = ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ip_network("::/96")
# Characters of the numeric IPv4 forms inet_aton reads: decimal, octal (0177) and hex (0x7f) parts.
_NUMERIC = frozenset("0123456789abcdefx.")
# Name lookups run here so that a slow resolver cannot outlast the fetch's deadline.
_LOOKUPS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="resolve")


class AddressNotAllowed(Exception):
    """The host is, or resolves to, an address the policy refuses."""

    def __init__(self) -> None:
        super().__init__(NOT_ALLOWED)


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to, by the operating system's resolver."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in found))


@dataclass(frozen=True)
class FetchPolicy:
    """What a fetch may reach and how long and large it may be; `allow` lists networks an operator trusts."""

    allow: tuple[IPNetwork, ...] = ()
    timeout: float = FETCH_TIMEOUT
    max_bytes: int = MAX_BYTES
    max_redirects: int = MAX_REDIRECTS
    resolve: Resolver = system_resolver

    def permits(self, address: IPAddress) -> bool:
        """Whether this policy lets the bot connect to `address`."""
        plain = _unmapped(address)
        if address in METADATA or plain in METADATA:
            return False
        if is_public(address):
            return True
        return any(plain.version == net.version and plain in net for net in self.allow)

    def addresses(self, host: str, port: int, seconds: float) -> list[IPAddress]:
        """Every address `host` stands for, each permitted; AddressNotAllowed if one is not, OSError if none."""
        literal = numeric_host(host)
        found = [literal] if literal is not None else [_parsed(a) for a in _lookup(self.resolve, host, port, seconds)]
        if not found:
            raise socket.gaierror(socket.EAI_NONAME, "no address")
        # A name with one address inside and one outside is refused: which one the connection used would
        # decide whether the page was internal.
        if not all(self.permits(a) for a in found):
            raise AddressNotAllowed()
        return found


def is_public(address: IPAddress) -> bool:
    """A globally reachable unicast address (for IPv6 with an IPv4 address inside, that address decides)."""
    if isinstance(address, IPv6Address):
        inner = embedded_ipv4(address)
        if inner is not None:
            return is_public(inner)
        if address.is_site_local or address.is_reserved:
            return False
    return address.is_global and not address.is_multicast


def embedded_ipv4(address: IPv6Address) -> IPv4Address | None:
    """The IPv4 address carried inside an IPv6 one: mapped, IPv4-compatible, 6to4, NAT64 or Teredo's client."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64 or (address in _IPV4_COMPATIBLE and int(address) > 1):
        return IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def numeric_host(host: str) -> IPAddress | None:
    """The address a numeric host spells (`127.0.0.1`, `[::1]`, `2130706433`, `0x7f.1`, `0177.1`), else None."""
    text = host.strip().strip("[]").rstrip(".").lower()
    try:
        return _parsed(text)
    except ValueError:
        pass
    if text and set(text) <= _NUMERIC and text[0].isdigit():
        try:
            return IPv4Address(socket.inet_aton(text))  # the C library's reading, the one a resolver applies
        except OSError:
            return None
    return None


def parse_networks(text: str) -> tuple[IPNetwork, ...]:
    """Networks from `10.0.0.0/8, 192.168.1.5 fd00::/8` (ValueError names the first one that is not)."""
    networks = []
    for item in text.replace(",", " ").split():
        try:
            networks.append(ip_network(item, strict=False))
        except ValueError as error:
            raise ValueError(f"{item!r} is not a network such as 10.0.0.0/8 or an address") from error
    return tuple(networks)


def _parsed(text: str) -> IPAddress:
    address = ip_address(text.split("%", 1)[0])  # an IPv6 zone (fe80::1%eth0) does not change the address
    return address


def _unmapped(address: IPAddress) -> IPAddress:
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _lookup(resolve: Resolver, host: str, port: int, seconds: float) -> Iterable[str]:
    try:
        return _LOOKUPS.submit(resolve, host, port).result(timeout=max(seconds, 0.0))
    except FutureTimeout as error:
        raise TimeoutError("name lookup timed out") from error
