"""robots.txt per RFC 9309 2.3.1: redirects followed (five at most), 4xx allows, 5xx or an
unreachable host disallows for now and is read again later."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import replace
from typing import Any

import httpx
import pytest

from scrapers.errors import RobotsDisallowed
from scrapers.fetch import Fetcher, FetchPolicy

POLICY = FetchPolicy(
    allow_private_hosts=True, per_host_delay=0.0, max_retries=0, robots_retry_after=0.2
)


class Site:
    """A MockTransport site whose robots.txt answers what the test says."""

    def __init__(self, robots: Any) -> None:
        self.robots = robots  # (status, body, location) or an exception class
        self.hits: Counter[str] = Counter()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.hits[path] += 1
        if path == "/robots.txt":
            if isinstance(self.robots, type):
                raise self.robots("down", request=request)
            status, body, location = self.robots
            headers = {"location": location} if location else {}
            return httpx.Response(status, text=body, headers=headers)
        if path.startswith("/hop/"):
            hops = int(path.rsplit("/", 1)[1])
            target = f"/hop/{hops - 1}" if hops > 1 else "/real-robots.txt"
            return httpx.Response(302, headers={"location": target})
        if path == "/real-robots.txt":
            return httpx.Response(200, text="User-agent: *\nDisallow: /secret\n")
        return httpx.Response(200, text="page")


async def _fetch_all(site: Site, *paths: str, pause: float = 0.0) -> list[str]:
    outcomes = []
    async with httpx.AsyncClient(transport=httpx.MockTransport(site)) as client:
        fetcher = Fetcher(client, POLICY)
        for path in paths:
            if path == "wait":
                await asyncio.sleep(pause)
                continue
            try:
                await fetcher.fetch(f"http://site.test{path}")
                outcomes.append("ok")
            except RobotsDisallowed as exc:
                outcomes.append(f"refused: {exc}")
    return outcomes


def test_robots_redirects_are_followed() -> None:
    site = Site((301, "", "/hop/4"))  # 1 + 4 hops + the file: five redirects
    out = asyncio.run(_fetch_all(site, "/page", "/secret"))
    assert out[0] == "ok" and out[1].startswith("refused") and "disallows" in out[1]
    assert site.hits["/real-robots.txt"] == 1


def test_more_than_five_robots_redirects_mean_unavailable() -> None:
    site = Site((301, "", "/hop/5"))
    assert asyncio.run(_fetch_all(site, "/secret")) == ["ok"]
    assert site.hits["/real-robots.txt"] == 0


@pytest.mark.parametrize("status", [401, 403, 404, 410])
def test_a_4xx_robots_allows_all(status: int) -> None:
    assert asyncio.run(_fetch_all(Site((status, "Disallow: /", None)), "/page")) == ["ok"]


@pytest.mark.parametrize("robots", [(500, "", None), (503, "", None), (429, "", None),
                                    httpx.ConnectError])  # fmt: skip
def test_a_5xx_or_unreachable_robots_disallows_for_now_then_is_read_again(robots: Any) -> None:
    site = Site(robots)
    started = time.monotonic()
    out = asyncio.run(_fetch_all(site, "/page", "/other", "wait", "/page", pause=0.25))
    assert all(o.startswith("refused") and "for now" in o for o in out)
    assert site.hits["/page"] == 0 and site.hits["/other"] == 0
    assert site.hits["/robots.txt"] == 2  # cached while refused, read again after the pause
    assert time.monotonic() - started >= 0.25


def test_a_robots_that_recovers_allows_again() -> None:
    site = Site((503, "", None))

    async def go() -> list[str]:
        async with httpx.AsyncClient(transport=httpx.MockTransport(site)) as client:
            fetcher = Fetcher(client, replace(POLICY, robots_retry_after=0.05))
            first = await _try(fetcher)
            site.robots = (200, "User-agent: *\nAllow: /\n", None)
            await asyncio.sleep(0.1)
            return [first, await _try(fetcher)]

    assert asyncio.run(go()) == ["refused", "ok"]


async def _try(fetcher: Fetcher) -> str:
    try:
        await fetcher.fetch("http://site.test/page")
    except RobotsDisallowed:
        return "refused"
    return "ok"
