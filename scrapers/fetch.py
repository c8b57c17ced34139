"""The polite, safe fetcher every scraper uses: robots.txt (RFC 9309), per-host pacing, retries,
conditional GET, size and type limits, manual redirects, and an SSRF guard that connects to exactly
the address it checked (scrapers.pinning, issue 14). Returns Snapshots.
Never imports app or its settings: the caller maps settings onto a FetchPolicy.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from scrapers.errors import (
    BadContentType,
    BadURL,
    BlockedHost,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    RobotsDisallowed,
    TooLarge,
)
from scrapers.pinning import Connector, PinnedTransport, Resolver, pinned_client
from scrapers.records import Snapshot

__all__ = [
    "LINEUP_CONTENT_TYPES",
    "FetchPolicy",
    "Fetcher",
    "check_url",
    "fetch",
    "read_local",
]

# Media types agendas come in; pass as FetchPolicy(allowed_content_types=...) for lineups.
LINEUP_CONTENT_TYPES = (
    "application/json",
    "application/ld+json",
    "application/xml",
    "text/xml",
    "text/html",
    "application/xhtml+xml",
    "text/calendar",
    "text/csv",
    "text/plain",
    "application/yaml",
    "application/x-yaml",
    "text/yaml",
    "text/x-yaml",
)
RETRY_STATUSES = frozenset({429, 503})
MAX_REMEMBERED = 1024  # snapshots kept in memory for 304 answers
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ROBOTS_REDIRECTS = 5  # RFC 9309 2.3.1.2: follow at least five consecutive redirects


@dataclass(frozen=True)
class FetchPolicy:
    """Every fetch setting; app maps VOICETALLY_ settings onto it (scrapers read no settings)."""

    contact_url: str = "https://github.com/voicetally/voicetally"
    user_agent: str = ""  # default: "voicetally/0.1 (+{contact_url})"
    per_host_delay: float = 1.0  # seconds between request starts to one host
    global_concurrency: int = 8
    max_retries: int = 3
    backoff_base: float = 0.5
    max_retry_after: float = 60.0
    timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    allowed_content_types: tuple[str, ...] = ()  # empty: accept any
    obey_robots: bool = True
    robots_retry_after: float = 600.0  # seconds a 5xx / unreachable robots.txt disallows all
    allow_private_hosts: bool = False

    @property
    def agent(self) -> str:
        """The User-Agent header: the project name with a contact URL."""
        return self.user_agent or f"voicetally/0.1 (+{self.contact_url})"


@dataclass
class _Host:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    robots_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0
    robots: Protego | None = None
    robots_until: float = -1.0  # monotonic time the robots verdict holds until; -1: never read
    robots_refusal: str = ""  # why everything is disallowed for now (5xx / unreachable)


def _guarded(client: httpx.AsyncClient) -> bool:
    return isinstance(getattr(client, "_transport", None), PinnedTransport)


class Fetcher:
    """Politeness state shared by many fetches: per-host locks, robots cache, validators.

    With CLIENT None the fetcher makes (and closes, see `aclose`) its own pinned client; a
    client passed in must be a `pinning.pinned_client` unless the policy allows private hosts.
    """

    def __init__(
        self,
        client: httpx.AsyncClient | None,
        policy: FetchPolicy,
        *,
        resolver: Resolver | None = None,
        connector: Connector | None = None,
    ) -> None:
        if client is not None and not policy.allow_private_hosts and not _guarded(client):
            raise ValueError("an unguarded httpx client: pass None or a pinning.pinned_client")
        self._owns_client = client is None
        self.client = client or pinned_client(
            allow_private=policy.allow_private_hosts, resolver=resolver, connector=connector
        )
        self.policy = policy
        self._hosts: dict[str, _Host] = {}
        self._global = asyncio.Semaphore(policy.global_concurrency)
        self._validators: dict[str, dict[str, str]] = {}
        self._cache: dict[str, Snapshot] = {}

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the client when the fetcher made it."""
        if self._owns_client:
            await self.client.aclose()

    async def fetch(self, url: str) -> Snapshot:
        """Fetch a URL politely, following redirects one checked hop at a time."""
        current = url
        for _ in range(self.policy.max_redirects + 1):
            check_url(current)
            await self._check_robots(current)
            response, body = await self._paced(current)
            if response.status_code in REDIRECT_STATUSES and "location" in response.headers:
                current = urljoin(current, response.headers["location"])
                continue
            return self._snapshot(url, current, response, body)
        raise FetchError(f"more than {self.policy.max_redirects} redirects", source=url)

    def _host(self, url: str) -> _Host:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}".lower()
        return self._hosts.setdefault(key, _Host())

    async def _check_robots(self, url: str) -> None:
        if not self.policy.obey_robots:
            return
        host = self._host(url)
        async with host.robots_lock:  # concurrent fetches to a new host read robots.txt once
            if host.robots_until < 0 or (
                host.robots_refusal and time.monotonic() >= host.robots_until
            ):
                await self._load_robots(host, urljoin(url, "/robots.txt"))
        if host.robots_refusal:
            raise RobotsDisallowed(host.robots_refusal, source=url)
        if host.robots is not None and not host.robots.can_fetch(url, self.policy.agent):
            raise RobotsDisallowed("robots.txt disallows this URL", source=url)

    async def _load_robots(self, host: _Host, robots_url: str) -> None:
        """Read robots.txt per RFC 9309 2.3.1: up to five redirects; 2xx parsed; 4xx (but 429)
        allows all; 5xx, 429 or unreachable disallows all for now, read again later."""
        host.robots, host.robots_refusal = None, ""
        host.robots_until = float("inf")
        try:
            status, body = await self._robots_answer(robots_url)
        except BlockedHost:
            host.robots_until = -1.0
            raise
        except FetchError as exc:
            status, body = None, f"unreachable ({exc})"
        if status is not None and 200 <= status < 300:
            host.robots = Protego.parse(body)
        elif status is None or status >= 500 or status == 429:
            retry = self.policy.robots_retry_after
            host.robots_until = time.monotonic() + retry
            why = body if status is None else f"HTTP {status}"
            host.robots_refusal = (
                f"robots.txt {why}: everything is disallowed for now, read again in {retry:g}s"
            )

    async def _robots_answer(self, robots_url: str) -> tuple[int | None, str]:
        """The final status and text of robots.txt, following up to five redirects."""
        current = robots_url
        for _ in range(ROBOTS_REDIRECTS + 1):
            check_url(current)
            response, body = await self._paced(current, conditional=False, retries=0)
            if response.status_code in REDIRECT_STATUSES and "location" in response.headers:
                current = urljoin(current, response.headers["location"])
                continue
            return response.status_code, body.decode("utf-8", "replace")
        return 404, ""  # RFC 9309: past five redirects, robots.txt may be taken as unavailable

    async def _paced(
        self, url: str, *, conditional: bool = True, retries: int | None = None
    ) -> tuple[httpx.Response, bytes]:
        """One request (with retries), holding the host's lock and the global semaphore."""
        host = self._host(url)
        attempts = self.policy.max_retries if retries is None else retries
        for attempt in range(attempts + 1):
            async with host.lock:
                wait = host.next_start - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                try:
                    async with self._global:
                        response, body = await self._request(
                            url, conditional=conditional, host=host
                        )
                except (httpx.TransportError, FetchTimeout) as exc:
                    if attempt >= attempts:
                        raise _as_fetch_error(exc, url) from exc
                    retry_after = None
                else:
                    if response.status_code not in RETRY_STATUSES or attempt >= attempts:
                        return response, body
                    retry_after = _retry_after(response.headers.get("retry-after"))
                pause = self._backoff(attempt, retry_after)
                host.next_start = max(host.next_start, time.monotonic() + pause)
        raise FetchError("retries exhausted", source=url)  # unreachable: the loop returns

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self.policy.max_retry_after)
        base = self.policy.backoff_base * (2**attempt)
        return float(base + random.uniform(0, base))

    async def _request(
        self, url: str, *, conditional: bool, host: _Host
    ) -> tuple[httpx.Response, bytes]:
        headers = {"user-agent": self.policy.agent}
        if conditional:
            headers.update(self._validators.get(url, {}))
        sent: list[float] = []

        async def trace(event: str, _info: dict[str, object]) -> None:
            if event.endswith("send_request_headers.complete"):
                sent.append(time.monotonic())

        try:
            request = self.client.build_request(
                "GET", url, headers=headers, timeout=self.policy.timeout,
                extensions={"trace": trace},
            )  # fmt: skip
            response = await self.client.send(request, stream=True, follow_redirects=False)
        except httpx.TimeoutException as exc:
            raise FetchTimeout(f"no answer within {self.policy.timeout}s", source=url) from exc
        except httpx.InvalidURL as exc:
            raise BadURL(f"invalid URL: {exc}", source=url) from exc
        finally:
            # The delay counts from when the request actually left (httpcore's trace), not from
            # when it was queued: connecting or a busy event loop cannot shorten the gap the
            # host sees. Without a trace event (no connection), from now.
            host.next_start = (sent[-1] if sent else time.monotonic()) + self.policy.per_host_delay
        try:
            body = await self._read_body(response, url)
        except httpx.TimeoutException as exc:
            raise FetchTimeout(f"body not read within {self.policy.timeout}s", source=url) from exc
        except httpx.DecodingError as exc:
            raise FetchError(f"body could not be decoded: {exc}", source=url) from exc
        finally:
            await response.aclose()
        return response, body

    async def _read_body(self, response: httpx.Response, url: str) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.policy.max_bytes:
            raise TooLarge(f"declared {declared} bytes > limit {self.policy.max_bytes}", source=url)
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > self.policy.max_bytes:
                raise TooLarge(f"body exceeds {self.policy.max_bytes} bytes", source=url)
            chunks.append(chunk)
        return b"".join(chunks)

    def _snapshot(self, url: str, final: str, response: httpx.Response, body: bytes) -> Snapshot:
        if response.status_code == 304 and final in self._cache:
            return self._cache[final]
        if response.status_code >= 400 or response.status_code == 304:
            raise HTTPStatusError(
                f"HTTP {response.status_code}", source=final, status=response.status_code
            )
        media = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        allowed = self.policy.allowed_content_types
        if allowed and media not in allowed:
            raise BadContentType(f"content type {media!r} not in {list(allowed)}", source=final)
        snapshot = Snapshot(
            url=url,
            final_url=final,
            status=response.status_code,
            headers={k.lower(): v for k, v in response.headers.items()},
            content=body,
            fetched_at=datetime.now(UTC),
        )
        self.remember(snapshot)
        return snapshot

    def remember(self, snapshot: Snapshot) -> None:
        """Keep a snapshot's ETag / Last-Modified so the next fetch of its URL is conditional.

        Ingest may pass snapshots stored earlier, so a re-crawl gets 304s instead of bodies.
        """
        validators = {
            out: snapshot.headers[src]
            for src, out in (("etag", "if-none-match"), ("last-modified", "if-modified-since"))
            if src in snapshot.headers
        }
        if not validators:
            return
        if len(self._cache) >= MAX_REMEMBERED:  # oldest first: dicts keep insertion order
            oldest = next(iter(self._cache))
            self._cache.pop(oldest)
            self._validators.pop(oldest, None)
        self._validators[snapshot.final_url] = validators
        self._cache[snapshot.final_url] = snapshot


def check_url(url: str) -> None:
    """Refuse what is not an http(s) URL with a host (addresses are checked on connecting)."""
    try:
        parts = urlsplit(url)
        hostname, _port = parts.hostname, parts.port
    except ValueError as exc:
        raise BadURL(f"invalid URL: {exc}", source=url) from exc
    if parts.scheme not in ("http", "https") or not hostname:
        raise BadURL("only http(s) URLs with a host can be fetched", source=url)


def _retry_after(value: str | None) -> float | None:
    """Read Retry-After as seconds or an HTTP date."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _as_fetch_error(exc: Exception, url: str) -> FetchError:
    if isinstance(exc, FetchError):
        return exc
    return FetchError(f"connection failed: {exc.__class__.__name__}: {exc}", source=url)


async def fetch(
    url: str, *, policy: FetchPolicy, client: httpx.AsyncClient | None = None
) -> Snapshot:
    """Fetch one URL with a fresh Fetcher (use a shared Fetcher to keep per-host pacing)."""
    async with Fetcher(client, policy) as fetcher:
        return await fetcher.fetch(url)


def read_local(path: str | Path) -> Snapshot:
    """Read a local file as a Snapshot: for the command line only, never for API requests."""
    file = Path(path)
    try:
        content = file.read_bytes()
    except OSError as exc:
        raise FetchError(f"cannot read file: {exc.strerror}", source=str(path)) from exc
    uri = file.resolve().as_uri()
    now = datetime.now(UTC)
    return Snapshot(url=uri, final_url=uri, status=200, content=content, fetched_at=now)
