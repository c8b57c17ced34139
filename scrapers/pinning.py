"""Connect to exactly the address that was checked (issue 14): the fetcher's SSRF guard.

A name is resolved once, when a connection is opened; every address it resolves to must be
globally routable (IPv4 embedded in IPv6 is unwrapped and checked too), and the socket connects to
one of those checked addresses -- never to a second resolution that a rebinding DNS server could
answer differently. The URL keeps its host name, so the Host header and the TLS server name (SNI)
and certificate check are the name's. Every redirect hop opens its connection through the same
guard. `pinned_client` builds the httpx client that does this.
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import socket
import ssl
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import httpcore
import httpx

from scrapers.errors import BlockedHost, FetchError

__all__ = [
    "Connector",
    "PinnedBackend",
    "PinnedTransport",
    "Resolver",
    "is_public_address",
    "pinned_client",
    "system_resolver",
    "tls_context",
]

Resolver = Callable[[str, int], Awaitable[list[str]]]
Connector = httpcore.AsyncNetworkBackend
IP = ipaddress.IPv4Address | ipaddress.IPv6Address
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052: the last 32 bits are an IPv4 address
LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215: local use, never global
V4_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated ::a.b.c.d
LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")


async def system_resolver(host: str, port: int) -> list[str]:
    """Resolve a host to its IP addresses with the system resolver."""
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _embedded_v4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries: mapped, 6to4, Teredo, NAT64, compatible."""
    found: list[ipaddress.IPv4Address] = []
    if ip.ipv4_mapped is not None:
        found.append(ip.ipv4_mapped)
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found.extend(ip.teredo)
    if ip in NAT64:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return found


def is_public_address(address: str) -> bool:
    """True only for a globally routable address, every IPv4 address it embeds included."""
    try:
        ip: IP = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in LOCAL_NAT64 or ip in V4_COMPATIBLE:
            return False
        embedded = _embedded_v4(ip)
        if embedded:
            return all(is_public_address(str(v4)) for v4 in embedded)
    return ip.is_global and not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
        or ip.is_reserved or ip.is_unspecified
    )  # fmt: skip


def _is_local_name(host: str) -> bool:
    name = host.rstrip(".").lower()
    return name in LOCAL_NAMES or name.endswith(".localhost")  # RFC 6761 section 6.3


class PinnedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend with the check: resolve once, check, connect to that address."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        resolver: Resolver | None = None,
        connector: Connector | None = None,
    ) -> None:
        self.allow_private = allow_private
        self.resolver = resolver or system_resolver
        self.connector = connector or httpcore.AnyIOBackend()

    async def addresses(self, host: str, port: int) -> list[str]:
        """The checked addresses for HOST: BlockedHost when any of them is not public."""
        host = host.strip("[]")
        if not self.allow_private and _is_local_name(host):
            raise BlockedHost(f"host {host} is a local name: a private or local address, refused")
        found = await self.resolver(host, port)
        if not found:
            raise FetchError(f"host {host} resolves to no address")
        refused = [a for a in found if not is_public_address(a)]
        if refused and not self.allow_private:
            shown = ", ".join(refused)
            raise BlockedHost(
                f"host {host} resolves to {shown}: a private or local address, refused"
            )
        return found

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Open a TCP connection to the first checked address of HOST that answers."""
        last: Exception | None = None
        for address in await self.addresses(host, port):
            try:
                return await self.connector.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address,
                    socket_options=socket_options,
                )  # fmt: skip
            except (httpcore.ConnectError, httpcore.ConnectTimeout, OSError) as exc:
                last = exc
        assert last is not None  # addresses() never returns an empty list
        raise last

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        """Never: the fetcher speaks TCP only."""
        raise BlockedHost("unix sockets are never fetched")

    async def sleep(self, seconds: float) -> None:
        await self.connector.sleep(seconds)


class PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport on a PinnedBackend (no proxies from the environment: a proxy would be
    the address checked, not the site)."""

    def __init__(self, backend: PinnedBackend, *, verify: ssl.SSLContext | bool = True) -> None:
        context = verify if isinstance(verify, ssl.SSLContext) else tls_context(verify=verify)
        super().__init__(verify=context, trust_env=False)
        # httpx has no public hook for httpcore's network backend: rebuild its pool with ours.
        self._pool = httpcore.AsyncConnectionPool(ssl_context=context, network_backend=backend)
        self.backend = backend


@functools.cache
def tls_context(*, verify: bool = True) -> ssl.SSLContext:
    """httpx's TLS context (certifi's CAs), made once per process and shared by every client.

    Loading the CA bundle costs about 75 ms of CPU; a crawl job makes a client for each round of
    fetching, and did so twice per client: on two cores that set-up alone was a quarter of a
    small crawl's CPU and serialised workers (issue 16, bench.ingest_throughput). A context is
    configuration only, safe to share across clients, threads and event loops.
    """
    return httpx.create_ssl_context(verify=verify, trust_env=False)


def pinned_client(
    *,
    allow_private: bool = False,
    resolver: Resolver | None = None,
    connector: Connector | None = None,
    verify: ssl.SSLContext | bool = True,
) -> httpx.AsyncClient:
    """An httpx client whose every connection goes through the address check."""
    backend = PinnedBackend(allow_private=allow_private, resolver=resolver, connector=connector)
    return httpx.AsyncClient(transport=PinnedTransport(backend, verify=verify), trust_env=False)
