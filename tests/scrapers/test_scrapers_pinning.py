"""The SSRF guard connects to exactly the address it checked (issue 14).

A loopback listener counts every connection it accepts; no rebinding resolver, redirect or
spelling of a private address may reach it. "Public" hosts are simulated: a test connector maps
the documentation-free public address below onto the local mock server and refuses any other
non-loopback target, so no test sends a packet beyond this machine.
"""

from __future__ import annotations

import asyncio
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpcore
import pytest

from scrapers.errors import BlockedHost, FetchError
from scrapers.fetch import Fetcher, FetchPolicy
from scrapers.pinning import PinnedBackend, is_public_address, pinned_client

PUBLIC = "93.184.216.34"
POLICY = FetchPolicy(per_host_delay=0.0, max_retries=0, obey_robots=False, timeout=2.0)


class _Counted(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("content-length", "6")
        self.end_headers()
        self.wfile.write(b"secret")

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


class CountingListener(ThreadingHTTPServer):
    """A loopback HTTP server that counts the connections it accepts."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Counted)
        self.connections = 0

    def verify_request(self, request: Any, client_address: Any) -> bool:
        self.connections += 1
        return True

    @property
    def port(self) -> int:
        return int(self.server_address[1])


@pytest.fixture
def listener() -> Iterator[CountingListener]:
    server = CountingListener()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


class NatConnector(httpcore.AsyncNetworkBackend):
    """Connects PUBLIC (any port) to the mock server; refuses every other non-loopback address."""

    def __init__(self, mock_port: int) -> None:
        self.mock_port = mock_port
        self.inner = httpcore.AnyIOBackend()
        self.targets: list[tuple[str, int]] = []

    async def connect_tcp(self, host: str, port: int, **kwargs: Any) -> Any:
        self.targets.append((host, port))
        if host == PUBLIC:
            return await self.inner.connect_tcp("127.0.0.1", self.mock_port, **kwargs)
        if host.startswith("127."):
            return await self.inner.connect_tcp(host, port, **kwargs)
        raise httpcore.ConnectError(f"test connector: {host} is off limits")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


def rebinding_resolver() -> tuple[list[str], Any]:
    """Answers PUBLIC the first time, 127.0.0.1 afterwards (a DNS rebinding attack)."""
    asked: list[str] = []

    async def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return [PUBLIC] if len(asked) == 1 else ["127.0.0.1"]

    return asked, resolve


async def _fetch(url: str, policy: FetchPolicy = POLICY, **kwargs: Any) -> Any:
    async with Fetcher(None, policy, **kwargs) as fetcher:
        return await fetcher.fetch(url)


def test_rebinding_connects_to_the_checked_address(listener, mock_server) -> None:
    asked, resolve = rebinding_resolver()
    connector = NatConnector(mock_server.server_address[1])
    url = f"http://rebind.test:{listener.port}/page"
    snapshot = asyncio.run(_fetch(url, resolver=resolve, connector=connector))
    assert b"Hello" in snapshot.content  # from the checked (simulated public) address
    assert asked == ["rebind.test"]  # resolved once
    assert connector.targets == [(PUBLIC, listener.port)]
    assert mock_server.headers["/page"]["host"] == f"rebind.test:{listener.port}"
    assert listener.connections == 0


def test_rebinding_on_a_later_connection_is_refused(listener, mock_server) -> None:
    """robots.txt on the first connection, the page on a new one: its answer is checked too."""
    asked, resolve = rebinding_resolver()
    connector = NatConnector(mock_server.server_address[1])
    policy = FetchPolicy(per_host_delay=0.0, max_retries=0, timeout=2.0)
    with pytest.raises(BlockedHost, match=r"127\.0\.0\.1"):
        asyncio.run(
            _fetch(f"http://rebind.test:{listener.port}/page", policy, resolver=resolve,
                   connector=connector)
        )  # fmt: skip
    assert mock_server.hits["/robots.txt"] == 1 and len(asked) == 2
    assert listener.connections == 0


REDIRECTS = [
    "http://127.0.0.1:{port}/", "http://localhost:{port}/x", "http://[::ffff:127.0.0.1]:{port}/",
    "http://10.1.2.3/",
]  # fmt: skip


@pytest.mark.parametrize("target", REDIRECTS)
def test_a_redirect_to_a_private_address_is_refused(listener, mock_server, target) -> None:
    async def resolve(host: str, port: int) -> list[str]:
        return [PUBLIC] if host == "public.test" else [host]

    connector = NatConnector(mock_server.server_address[1])
    goto = target.format(port=listener.port)
    with pytest.raises(BlockedHost):
        asyncio.run(
            _fetch(f"http://public.test/goto?{goto}", resolver=resolve, connector=connector)
        )
    assert mock_server.hits["/goto"] == 1
    assert listener.connections == 0
    assert all(host == PUBLIC for host, _ in connector.targets)


SPELLINGS = [
    "127.0.0.1", "127.1", "127.0.1", "2130706433", "0x7f000001", "0x7f.0.0.1", "0177.0.0.1",
    "017700000001", "0x7f.1", "127.000.000.001", "0.0.0.0", "0", "localhost", "LOCALHOST",
    "localhost.", "a.localhost", "[::1]", "[0:0:0:0:0:0:0:1]", "[::]", "[::ffff:127.0.0.1]",
    "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:127.0.0.1]", "[::127.0.0.1]", "[2002:7f00:1::]",
    "[64:ff9b::127.0.0.1]", "[2001:0:4136:e378:8000:63bf:80ff:fffe]", "[fe80::1]",
    "[::ffff:a01:203]", "10.1.2.3", "169.254.169.254", "100.64.0.1",
]  # fmt: skip


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_no_private_spelling_reaches_a_loopback_listener(listener, spelling: str) -> None:
    """The real system resolver and sockets: each spelling is refused before any connection."""
    with pytest.raises(FetchError) as caught:
        asyncio.run(_fetch(f"http://{spelling}:{listener.port}/x"))
    assert (
        "refused" in str(caught.value)
        or "local name" in str(caught.value)
        or ("invalid URL" in str(caught.value))
    )
    assert listener.connections == 0


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "224.0.0.1",
     "0.0.0.0", "240.0.0.1", "100.64.0.1", "192.0.2.1", "::1", "::", "fe80::1", "fc00::1",
     "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "2002:7f00:1::", "2002:a00:1::1",
     "2001:0:4136:e378:8000:63bf:80ff:fffe", "64:ff9b::7f00:1", "64:ff9b:1::1", "::7f00:1",
     "2001:db8::1", "not an address"],
)  # fmt: skip
def test_non_global_addresses_are_refused(address: str) -> None:
    assert not is_public_address(address)


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "2606:4700::1", "::ffff:93.184.216.34", "2002:5db8:d822::1"]
)
def test_global_addresses_pass(address: str) -> None:
    assert is_public_address(address)


def test_a_name_resolving_to_any_private_address_is_refused() -> None:
    async def resolve(host: str, port: int) -> list[str]:
        return [PUBLIC, "10.0.0.1"]

    backend = PinnedBackend(resolver=resolve, connector=NatConnector(1))
    with pytest.raises(BlockedHost, match=r"10\.0\.0\.1"):
        asyncio.run(backend.connect_tcp("mixed.test", 80))


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """An HTTPS server on 127.0.0.1 whose certificate names pinned.test; records the SNI."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=pinned.test",
         "-addext", "subjectAltName=DNS:pinned.test"],
        check=True, capture_output=True,
    )  # fmt: skip
    names: list[str | None] = []
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda _sock, name, _ctx: names.append(name)  # type: ignore[assignment,misc,return-value]
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counted)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"port": server.server_address[1], "cert": cert, "names": names}
    server.shutdown()
    server.server_close()


def test_tls_uses_the_name_for_sni_and_the_certificate(tls_server) -> None:
    """Connected to the checked address, yet the TLS server name and certificate are the
    host name's: a certificate for another name is refused."""
    trust = ssl.create_default_context(cafile=str(tls_server["cert"]))

    async def resolve(host: str, port: int) -> list[str]:
        return [PUBLIC]

    async def get(host: str) -> bytes:
        client = pinned_client(resolver=resolve, connector=NatConnector(tls_server["port"]),
                               verify=trust)  # fmt: skip
        async with Fetcher(client, POLICY) as fetcher:
            try:
                return (await fetcher.fetch(f"https://{host}/x")).content
            finally:
                await client.aclose()

    assert asyncio.run(get("pinned.test")) == b"secret"
    assert tls_server["names"][-1] == "pinned.test"
    with pytest.raises(FetchError, match="connection failed"):
        asyncio.run(get("other.test"))
    assert tls_server["names"][-1] == "other.test"
