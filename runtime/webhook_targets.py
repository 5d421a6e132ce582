"""Where a webhook may go: public addresses only (unless an operator allows networks), checked at submit and again
at every delivery, and the address checked is the one connected to."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit, urlunsplit

from aios.kernel.errors import InvalidInput

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class UnsafeTarget(InvalidInput):
    """A webhook URL whose host is not a public address (loopback, private, link-local, metadata...)."""


@dataclass(frozen=True)
class Target:
    """A checked webhook URL: where to connect (the pinned address) and what to call the host."""

    url: str
    host: str
    address: Address

    def pinned_url(self) -> str:
        """The URL with its host replaced by the checked address (the Host header and TLS name keep the host)."""
        parts = urlsplit(self.url)
        literal = f"[{self.address}]" if self.address.version == 6 else str(self.address)
        netloc = literal + (f":{parts.port}" if parts.port else "")
        return urlunsplit(parts._replace(netloc=netloc))

    def host_header(self) -> str:
        """The Host header of the original URL."""
        parts = urlsplit(self.url)
        name = f"[{self.host}]" if ":" in self.host else self.host
        return name + (f":{parts.port}" if parts.port else "")


def lookup(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for a host (numeric forms such as 0x7f000001 included)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnsafeTarget("the webhook_url's host does not resolve") from exc
    return [str(info[4][0]) for info in found]


def networks(allowed: Sequence[str]) -> list[Network]:
    """The operator's allowed networks (CIDR strings)."""
    return [ipaddress.ip_network(text, strict=False) for text in allowed]


def public(address: Address) -> bool:
    """Whether an address is globally routable (an IPv4-mapped IPv6 address is judged as its IPv4 address)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def check(url: str, allowed: Sequence[str] = ()) -> Target:
    """The target to connect to; UnsafeTarget unless every address the host resolves to may be reached."""
    parts = _parts(url)
    host = parts.hostname or ""
    addresses = [ipaddress.ip_address(text.split("%")[0]) for text in lookup(host, parts.port or 443)]
    permitted = networks(allowed)
    for address in addresses:
        if not public(address) and not any(address in net for net in permitted if net.version == address.version):
            raise UnsafeTarget("webhook_url must reach a public address: this host resolves to a loopback, "
                               "private, link-local or reserved one")
    if not addresses:
        raise UnsafeTarget("the webhook_url's host does not resolve")
    return Target(url=url, host=host, address=addresses[0])


def redact(url: str) -> str:
    """The URL as it may be shown: no user, password or query values (credentials often travel there)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = ("***@" if parts.username or parts.password else "") + (f"[{host}]" if ":" in host else host)
    netloc += f":{parts.port}" if parts.port else ""
    query = "&".join(f"{pair.split('=', 1)[0]}=***" for pair in parts.query.split("&") if pair)
    return urlunsplit(parts._replace(netloc=netloc, query=query, fragment=""))


def _parts(url: str) -> SplitResult:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises for a port out of range
    except ValueError as exc:
        raise UnsafeTarget("webhook_url is not a valid URL") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeTarget("webhook_url must be an http or https URL with a host")
    return parts
