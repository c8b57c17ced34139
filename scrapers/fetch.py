"""The polite, safe fetcher every scraper uses: robots.txt (RFC 9309, scrapers.robots), per-host
pacing, retries (tenacity), conditional GET, size and type limits, manual redirects, and an SSRF
guard that connects to exactly the address it checked (scrapers.pinning, issue 14). Returns
Snapshots.
Never imports app or its settings: the caller maps settings onto a FetchPolicy.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx
import tenacity

from scrapers.errors import (
    BadContentType,
    BadURL,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    TooLarge,
)
from scrapers.pinning import Connector, PinnedTransport, Resolver, pinned_client
from scrapers.records import Snapshot
from scrapers.robots import HostRobots, RobotsCache

__all__ = [
    "LINEUP_CONTENT_TYPES",
    "RETRY_STATUSES",
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
# Transient answers worth another try (after Retry-After, capped, or a backoff); every other
# status is final. Refused addresses, robots.txt denials, bad URLs and limits are never retried.
RETRY_STATUSES = frozenset({429, 502, 503, 504})
TRANSIENT_ERRORS = (httpx.TransportError, FetchTimeout)  # connect, read, protocol, timeout
MAX_REMEMBERED = 1024  # snapshots kept in memory for 304 answers
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


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
    robots: HostRobots
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    robots_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0


def _guarded(client: httpx.AsyncClient) -> bool:
    return isinstance(getattr(client, "_transport", None), PinnedTransport)


class Fetcher:
    """Politeness state shared by many fetches: per-host locks, robots cache, validators.

    With CLIENT None the fetcher makes (and closes, see `aclose`) its own pinned client; a
    client passed in must be a `pinning.pinned_client` unless the policy allows private hosts.
    ROBOTS shares robots.txt verdicts with other fetchers of the same crawl. CLOCK and SLEEP
    (monotonic seconds) are for tests: every pause, pacing and backoff alike, goes through them.
    """

    def __init__(
        self,
        client: httpx.AsyncClient | None,
        policy: FetchPolicy,
        *,
        resolver: Resolver | None = None,
        connector: Connector | None = None,
        robots: RobotsCache | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
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
        self.robots = robots if robots is not None else RobotsCache()
        self._clock, self._sleep = clock, sleep
        self._backoff = tenacity.wait_exponential(
            multiplier=policy.backoff_base, max=policy.max_retry_after
        ) + tenacity.wait_random(0, policy.backoff_base)  # base * 2**n, plus up to base of jitter

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
            target = _redirect_target(current, response)
            if target is not None:
                current = target
                continue
            return self._snapshot(url, current, response, body)
        raise FetchError(f"more than {self.policy.max_redirects} redirects", source=url)

    def _host(self, url: str) -> _Host:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}".lower()
        if key not in self._hosts:
            self._hosts[key] = _Host(robots=self.robots.of(key))
        return self._hosts[key]

    async def _check_robots(self, url: str) -> None:
        if not self.policy.obey_robots:
            return
        host = self._host(url)
        robots = host.robots
        async with host.robots_lock:  # concurrent fetches to a new host read robots.txt once
            if robots.due(self._clock):
                await robots.read(
                    urljoin(url, "/robots.txt"),
                    get=self._get_robots,
                    clock=self._clock,
                    retry_after=self.policy.robots_retry_after,
                )
        robots.check(url, self.policy.agent)

    async def _get_robots(self, url: str) -> tuple[int, str | None, str]:
        """One request for robots.txt (scrapers.robots follows the redirects): checked and
        paced, never conditional nor retried."""
        check_url(url)
        response, body = await self._paced(url, conditional=False, retries=0)
        text = body.decode("utf-8", "replace")
        return response.status_code, _redirect_target(url, response), text

    async def _paced(
        self, url: str, *, conditional: bool = True, retries: int | None = None
    ) -> tuple[httpx.Response, bytes]:
        """One request, tried again on a transient failure (tenacity): up to `max_retries`
        more times, after Retry-After (capped at `max_retry_after`) or an exponential backoff.

        A pause between tries moves the host's next start, so every fetch to that host waits it
        out, not only this one; the final answer, a retryable status too, is returned as it is.
        """
        host = self._host(url)
        attempts = self.policy.max_retries if retries is None else retries

        async def hold_off(seconds: float) -> None:
            host.next_start = max(host.next_start, self._clock() + seconds)

        retrying = tenacity.AsyncRetrying(
            stop=tenacity.stop_after_attempt(attempts + 1),
            retry=(
                tenacity.retry_if_exception_type(TRANSIENT_ERRORS)
                | tenacity.retry_if_result(lambda answer: answer[0].status_code in RETRY_STATUSES)
            ),
            wait=self._pause,
            sleep=hold_off,
            retry_error_callback=lambda state: state.outcome.result() if state.outcome else None,
        )
        try:
            answer: tuple[httpx.Response, bytes] = await retrying(
                self._one_request, url, conditional=conditional, host=host
            )
        except httpx.TransportError as exc:
            raise _as_fetch_error(exc, url) from exc
        return answer

    def _pause(self, state: tenacity.RetryCallState) -> float:
        """Seconds before the next try: Retry-After when the answer gave one, else backoff."""
        outcome = state.outcome
        if outcome is not None and not outcome.failed:
            response, _body = outcome.result()
            retry_after = _retry_after(response.headers.get("retry-after"))
            if retry_after is not None:
                return min(retry_after, self.policy.max_retry_after)
        return float(self._backoff(state))

    async def _one_request(
        self, url: str, *, conditional: bool, host: _Host
    ) -> tuple[httpx.Response, bytes]:
        """One request, holding the host's lock (paced) and the global semaphore."""
        async with host.lock:
            wait = host.next_start - self._clock()
            if wait > 0:
                await self._sleep(wait)
            async with self._global:
                return await self._request(url, conditional=conditional, host=host)

    async def _request(
        self, url: str, *, conditional: bool, host: _Host
    ) -> tuple[httpx.Response, bytes]:
        headers = {"user-agent": self.policy.agent}
        if conditional:
            headers.update(self._validators.get(url, {}))
        sent: list[float] = []

        async def trace(event: str, _info: dict[str, object]) -> None:
            if event.endswith("send_request_headers.complete"):
                sent.append(self._clock())

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
            host.next_start = (sent[-1] if sent else self._clock()) + self.policy.per_host_delay
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


def _redirect_target(url: str, response: httpx.Response) -> str | None:
    """Where a redirect answer to URL points, or None when it is not one."""
    if response.status_code in REDIRECT_STATUSES and "location" in response.headers:
        return urljoin(url, response.headers["location"])
    return None


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
