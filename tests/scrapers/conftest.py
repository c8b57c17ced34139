"""Shared scraper fixtures: a real HTTP server on 127.0.0.1 (port 0), as scrapy's mockserver.

`mock_server` serves, per path (see MockHandler.ROUTES):
  /robots.txt            disallows /private/
  /fixture/<kind>/<file> a file from tests/fixtures/<kind>/ (content type from its suffix)
  /page                  a small HTML page            /json   a small JSON document
  /redirect/<n>          n hops of 302 before /page   /loop   redirects to itself
  /to-private            302 to http://10.1.2.3/      /etag   ETag + 304 on If-None-Match
  /goto?<url>            302 to <url>
  /429                   429 (Retry-After: 1) on the first hit per test, then 200
  /503                   always 503                   /slow   answers after 2 s
  /big                   2 MB with Content-Length     /big-stream  2 MB chunked, no length
  /404                   not found                    /private/x   disallowed by robots.txt
The server object gives `url(path)`, `hits` (path -> count) and `headers` (path -> last request
headers). `private_policy` is the only FetchPolicy in the tests that allows private hosts.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from scrapers.fetch import FetchPolicy

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BIG = 2 * 1024 * 1024
CONTENT_TYPES = {
    ".json": "application/json",
    ".xml": "application/xml",
    ".ics": "text/calendar",
    ".html": "text/html; charset=utf-8",
    ".csv": "text/csv",
}


class MockHandler(BaseHTTPRequestHandler):
    """Answers the routes listed in the module docstring."""

    server: MockServer
    ROUTES: ClassVar[tuple[str, ...]] = ("robots", "fixture", "redirect", "etc")

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        self.server.hits[path] += 1
        self.server.headers[path] = {k.lower(): v for k, v in self.headers.items()}
        if path == "/robots.txt":
            return self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if path.startswith("/fixture/"):
            return self._fixture(path.removeprefix("/fixture/"))
        if path.startswith("/redirect/"):
            hops = int(path.rsplit("/", 1)[-1])
            target = f"/redirect/{hops - 1}" if hops > 1 else "/page"
            return self._send(302, b"", "text/plain", location=target)
        handler = getattr(
            self, "_route_" + path.strip("/").replace("-", "_").replace("/", "_"), None
        )
        if handler is None:
            return self._send(404, b"not found", "text/plain")
        return handler()

    def _send(self, status: int, body: bytes, ctype: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("content-type", ctype)
        self.send_header("content-length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:  # the client gave up first (timeout and size tests)
            return

    def _fixture(self, relative: str) -> None:
        file = (FIXTURES / relative).resolve()
        if FIXTURES not in file.parents or not file.is_file():
            return self._send(404, b"no such fixture", "text/plain")
        ctype = CONTENT_TYPES.get(file.suffix, "application/octet-stream")
        return self._send(200, file.read_bytes(), ctype)

    def _route_page(self) -> None:
        self._send(200, b"<html><body><h1>Hello</h1></body></html>", "text/html; charset=utf-8")

    def _route_json(self) -> None:
        self._send(200, b'{"ok": true}', "application/json")

    def _route_loop(self) -> None:
        self._send(302, b"", "text/plain", location="/loop")

    def _route_to_private(self) -> None:
        self._send(302, b"", "text/plain", location="http://10.1.2.3/secret")

    def _route_goto(self) -> None:
        self._send(302, b"", "text/plain", location=self.path.split("?", 1)[1])

    def _route_etag(self) -> None:
        if self.headers.get("if-none-match") == '"v1"':
            self.send_response(304)
            self.send_header("etag", '"v1"')
            self.end_headers()
            return
        self._send(200, b"versioned", "text/plain", etag='"v1"')

    def _route_429(self) -> None:
        if self.server.hits["/429"] == 1:
            return self._send(429, b"slow down", "text/plain", retry_after="1")
        return self._send(200, b"finally", "text/plain")

    def _route_503(self) -> None:
        self._send(503, b"unavailable", "text/plain")

    def _route_slow(self) -> None:
        time.sleep(2)
        self._send(200, b"late", "text/plain")

    def _route_big(self) -> None:
        self._send(200, b"x" * BIG, "text/plain")

    def _route_big_stream(self) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/plain")
        self.send_header("connection", "close")
        self.end_headers()
        for _ in range(BIG // 65536):
            try:
                self.wfile.write(b"x" * 65536)
            except OSError:
                return


class MockServer(ThreadingHTTPServer):
    """The threaded server with request counters."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), MockHandler)
        self.hits: Counter[str] = Counter()
        self.headers: dict[str, dict[str, str]] = {}

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up early are expected here; stay quiet."""

    def url(self, path: str) -> str:
        """Return the absolute URL of a path on this server."""
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}{path}"


@pytest.fixture(scope="session")
def _server() -> Iterator[MockServer]:
    server = MockServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def mock_server(_server: MockServer) -> MockServer:
    """The local server, its hit counters reset for each test."""
    _server.hits.clear()
    _server.headers.clear()
    return _server


@pytest.fixture
def private_policy() -> FetchPolicy:
    """A fast policy that allows private hosts: the only one that may reach 127.0.0.1."""
    return FetchPolicy(
        allow_private_hosts=True,
        per_host_delay=0.0,
        backoff_base=0.01,
        max_retries=2,
        timeout=0.5,
        max_bytes=BIG // 2,
    )
