"""Retries (tenacity, issue 16): only transient failures are tried again, Retry-After is honoured
within its cap, and the pauses go through the fetcher's injected clock, so nothing here sleeps."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from scrapers.errors import BlockedHost, FetchError, FetchTimeout, HTTPStatusError
from scrapers.fetch import Fetcher, FetchPolicy
from scrapers.robots import RobotsCache

POLICY = FetchPolicy(
    allow_private_hosts=True, per_host_delay=0.0, max_retries=3, backoff_base=0.5,
    max_retry_after=60.0,
)  # fmt: skip
Answer = Callable[[httpx.Request, int], httpx.Response]


class FakeTime:
    """A monotonic clock that moves only when the fetcher sleeps: every pause is recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


class Site:
    """A MockTransport site: robots.txt allows all but /private/; pages answer ANSWER(request,
    the how-many-th hit of that path)."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.hits: Counter[str] = Counter()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.hits[path] += 1
        if path == "/robots.txt":
            return httpx.Response(200, text="User-agent: *\nDisallow: /private/\n")
        return self.answer(request, self.hits[path])


def fetch(site: Site, path: str = "/page", *, policy: FetchPolicy = POLICY) -> tuple[Any, FakeTime]:
    """Fetch PATH from SITE; return the snapshot or the error raised, and the fake time."""
    fake = FakeTime()

    async def go() -> Any:
        async with httpx.AsyncClient(transport=httpx.MockTransport(site)) as client:
            fetcher = Fetcher(client, policy, clock=fake.clock, sleep=fake.sleep)
            try:
                return await fetcher.fetch(f"http://site.test{path}")
            except FetchError as exc:
                return exc

    return asyncio.run(go()), fake


def fail_first(times: int, status: int, **headers: str) -> Answer:
    headers = {key.replace("_", "-"): value for key, value in headers.items()}

    def answer(_request: httpx.Request, hit: int) -> httpx.Response:
        if hit <= times:
            return httpx.Response(status, text="busy", headers=headers)
        return httpx.Response(200, text="finally")

    return answer


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_transient_statuses_are_tried_again(status: int) -> None:
    site = Site(fail_first(2, status))
    got, fake = fetch(site)
    assert got.content == b"finally"
    assert site.hits["/page"] == 3
    # exponential backoff with jitter: 0.5 + [0, 0.5], then 1.0 + [0, 0.5]
    assert len(fake.slept) == 2
    assert 0.5 <= fake.slept[0] <= 1.0
    assert 1.0 <= fake.slept[1] <= 1.5


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410, 500, 501])
def test_other_statuses_are_final_at_once(status: int) -> None:
    site = Site(fail_first(5, status))
    got, fake = fetch(site)
    assert isinstance(got, HTTPStatusError)
    assert str(got) == f"http://site.test/page: HTTP {status}"
    assert got.status == status
    assert site.hits["/page"] == 1
    assert fake.slept == []


def test_retry_after_seconds_are_honoured() -> None:
    site = Site(fail_first(1, 429, retry_after="7"))
    got, fake = fetch(site)
    assert got.content == b"finally"
    assert fake.slept == [7.0]


def test_retry_after_is_capped() -> None:
    site = Site(fail_first(1, 503, retry_after="86400"))
    got, fake = fetch(site)
    assert got.content == b"finally"
    assert fake.slept == [POLICY.max_retry_after]


def test_a_status_still_transient_after_the_last_try_is_the_error() -> None:
    site = Site(fail_first(10, 503))
    got, fake = fetch(site)
    assert isinstance(got, HTTPStatusError)
    assert str(got) == "http://site.test/page: HTTP 503"
    assert got.status == 503
    assert site.hits["/page"] == POLICY.max_retries + 1
    assert len(fake.slept) == POLICY.max_retries


@pytest.mark.parametrize(
    ("error", "kind", "message"),
    [
        (httpx.ConnectError, FetchError, "connection failed: ConnectError: down"),
        (httpx.RemoteProtocolError, FetchError, "connection failed: RemoteProtocolError: down"),
        (httpx.ReadTimeout, FetchTimeout, "no answer within 20.0s"),
        (httpx.ConnectTimeout, FetchTimeout, "no answer within 20.0s"),
    ],
)
def test_connect_errors_and_timeouts_are_tried_again_then_reported(
    error: type[Exception], kind: type[FetchError], message: str
) -> None:
    def answer(request: httpx.Request, _hit: int) -> httpx.Response:
        raise error("down", request=request)  # type: ignore[call-arg]

    site = Site(answer)
    got, fake = fetch(site)
    assert type(got) is kind
    assert str(got) == f"http://site.test/page: {message}"
    assert site.hits["/page"] == POLICY.max_retries + 1
    assert len(fake.slept) == POLICY.max_retries


def test_a_connect_error_then_success() -> None:
    def answer(request: httpx.Request, hit: int) -> httpx.Response:
        if hit == 1:
            raise httpx.ConnectError("reset", request=request)
        return httpx.Response(200, text="back")

    got, _fake = fetch(Site(answer))
    assert got.content == b"back"


def test_robots_denials_are_never_tried_again() -> None:
    site = Site(fail_first(0, 200))
    got, fake = fetch(site, "/private/x")
    assert str(got) == "http://site.test/private/x: robots.txt disallows this URL"
    assert site.hits == Counter({"/robots.txt": 1})
    assert fake.slept == []


def test_a_failing_robots_txt_is_read_once_not_retried() -> None:
    def answer(request: httpx.Request, _hit: int) -> httpx.Response:
        return httpx.Response(503 if request.url.path == "/robots.txt" else 200)

    class DownRobots(Site):
        def __call__(self, request: httpx.Request) -> httpx.Response:
            self.hits[request.url.path] += 1
            return self.answer(request, self.hits[request.url.path])

    site = DownRobots(answer)
    got, fake = fetch(site)
    assert "robots.txt HTTP 503: everything is disallowed for now" in str(got)
    assert site.hits == Counter({"/robots.txt": 1})
    assert fake.slept == []


def test_refused_addresses_are_never_tried_again() -> None:
    asked: list[str] = []

    async def resolve(host: str, _port: int) -> list[str]:
        asked.append(host)
        return ["10.0.0.7"]

    async def go() -> Exception:
        policy = FetchPolicy(max_retries=3, obey_robots=False)
        async with Fetcher(None, policy, resolver=resolve) as fetcher:
            try:
                await fetcher.fetch("http://intranet.test/page")
            except FetchError as exc:
                return exc
        raise AssertionError("fetched a private address")

    got = asyncio.run(go())
    assert isinstance(got, BlockedHost)
    assert "resolves to 10.0.0.7: a private or local address, refused" in str(got)
    assert asked == ["intranet.test"]


def test_a_pause_holds_the_whole_host() -> None:
    """A 429's Retry-After delays the host's next request, whichever fetch it is for."""
    fake = FakeTime()
    log: list[tuple[float, str, int]] = []

    def answer(request: httpx.Request, hit: int) -> httpx.Response:
        status = 429 if request.url.path == "/page" and hit == 1 else 200
        log.append((fake.now, request.url.path, status))
        return httpx.Response(status, text="page", headers={"retry-after": "5"})

    site = Site(answer)

    async def go() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(site)) as client:
            fetcher = Fetcher(client, POLICY, clock=fake.clock, sleep=fake.sleep)
            paths = ("/page", "/other", "/third")
            await asyncio.gather(*(fetcher.fetch(f"http://site.test{p}") for p in paths))

    asyncio.run(go())
    refused = next(i for i, (_t, _p, status) in enumerate(log) if status == 429)
    assert len(log) == 4
    assert all(when >= log[refused][0] + 5.0 for when, _p, _s in log[refused + 1 :])
    assert fake.slept == [5.0]  # one pause, taken by whichever request came next


def test_a_shared_robots_cache_reads_robots_txt_once_per_crawl() -> None:
    site = Site(fail_first(0, 200))
    cache = RobotsCache()

    async def one(path: str) -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(site)) as client:
            await Fetcher(client, POLICY, robots=cache).fetch(f"http://site.test{path}")

    for path in ("/feed.xml", "/a", "/b"):
        asyncio.run(one(path))  # a crawl's fetchers, each in its own event loop
    assert site.hits["/robots.txt"] == 1
    with pytest.raises(FetchError, match=r"robots\.txt disallows"):
        asyncio.run(one("/private/y"))
    assert site.hits["/robots.txt"] == 1
    asyncio.run(Fetcher(httpx.AsyncClient(transport=httpx.MockTransport(site)), POLICY).fetch(
        "http://site.test/c"
    ))  # fmt: skip
    assert site.hits["/robots.txt"] == 2  # a fetcher without the cache reads it again
