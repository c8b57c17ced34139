"""The fetcher against a real local server: politeness, limits, redirects and the SSRF guard."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from scrapers import fetch as fetch_module
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
from scrapers.fetch import Fetcher, FetchPolicy, fetch, read_local
from scrapers.records import Snapshot


def run(coro: Any) -> Any:
    return asyncio.run(coro)


async def get(url: str, policy: FetchPolicy, **kwargs: Any) -> Snapshot:
    async with Fetcher(None, policy, **kwargs) as fetcher:
        return await fetcher.fetch(url)


def test_fetch_returns_a_snapshot(mock_server, private_policy) -> None:
    async def go() -> Snapshot:
        return await fetch(mock_server.url("/page"), policy=private_policy)

    snapshot = run(go())
    assert snapshot.status == 200
    assert snapshot.final_url == mock_server.url("/page")
    assert snapshot.content_type == "text/html"
    assert b"Hello" in snapshot.content
    assert snapshot.fetched_at.tzinfo is not None


def test_user_agent_names_the_project_and_contact(mock_server, private_policy) -> None:
    run(get(mock_server.url("/page"), private_policy))
    agent = mock_server.headers["/page"]["user-agent"]
    assert agent.startswith("voicetally/") and private_policy.contact_url in agent


def test_robots_txt_is_honoured_and_cached(mock_server, private_policy) -> None:
    async def go() -> None:
        async with httpx.AsyncClient() as client:
            fetcher = Fetcher(client, private_policy)
            await fetcher.fetch(mock_server.url("/page"))
            with pytest.raises(RobotsDisallowed, match=r"robots\.txt"):
                await fetcher.fetch(mock_server.url("/private/x"))

    run(go())
    assert mock_server.hits["/robots.txt"] == 1
    assert mock_server.hits["/private/x"] == 0


def test_redirects_are_followed_hop_by_hop(mock_server, private_policy) -> None:
    snapshot = run(get(mock_server.url("/redirect/3"), private_policy))
    assert snapshot.url == mock_server.url("/redirect/3")
    assert snapshot.final_url == mock_server.url("/page")


def test_redirect_limit(mock_server, private_policy) -> None:
    with pytest.raises(FetchError, match="redirects"):
        run(get(mock_server.url("/loop"), private_policy))


def test_default_policy_refuses_loopback(mock_server) -> None:
    with pytest.raises(BlockedHost, match=r"127\.0\.0\.1"):
        run(get(mock_server.url("/page"), FetchPolicy()))
    assert mock_server.hits["/page"] == 0


def test_an_unguarded_client_is_refused_without_the_private_setting() -> None:
    with pytest.raises(ValueError, match="unguarded"):
        Fetcher(httpx.AsyncClient(), FetchPolicy())


def test_ssrf_guard_refuses_other_schemes() -> None:
    with pytest.raises(BadURL, match="http"):
        run(get("file:///etc/passwd", FetchPolicy()))


def test_429_retry_after_is_honoured(mock_server, private_policy) -> None:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:  # no real pause: the test's clock moves instead
        slept.append(seconds)

    def clock() -> float:
        return sum(slept)

    snapshot = run(get(mock_server.url("/429"), private_policy, sleep=sleep, clock=clock))
    assert snapshot.content == b"finally"
    assert mock_server.hits["/429"] == 2
    assert slept == [1.0]  # Retry-After: 1


def test_503_retries_then_fails(mock_server, private_policy) -> None:
    with pytest.raises(HTTPStatusError) as caught:
        run(get(mock_server.url("/503"), private_policy))
    assert caught.value.status == 503
    assert mock_server.hits["/503"] == private_policy.max_retries + 1


def test_404_is_an_http_status_error(mock_server, private_policy) -> None:
    with pytest.raises(HTTPStatusError, match="404"):
        run(get(mock_server.url("/404"), private_policy))


def test_slow_response_times_out(mock_server, private_policy) -> None:
    policy = replace(private_policy, max_retries=0, timeout=0.3)
    with pytest.raises(FetchTimeout):
        run(get(mock_server.url("/slow"), policy))


@pytest.mark.parametrize("path", ["/big", "/big-stream"])
def test_oversized_body_is_refused(mock_server, private_policy, path: str) -> None:
    with pytest.raises(TooLarge):
        run(get(mock_server.url(path), private_policy))


def test_content_type_check(mock_server, private_policy) -> None:
    policy = replace(private_policy, allowed_content_types=("application/json",))
    assert run(get(mock_server.url("/json"), policy)).content == b'{"ok": true}'
    with pytest.raises(BadContentType, match="text/html"):
        run(get(mock_server.url("/page"), policy))


def test_conditional_get_uses_etag_and_304(mock_server, private_policy) -> None:
    async def go() -> tuple[Snapshot, Snapshot]:
        async with httpx.AsyncClient() as client:
            fetcher = Fetcher(client, private_policy)
            first = await fetcher.fetch(mock_server.url("/etag"))
            second = await fetcher.fetch(mock_server.url("/etag"))
            return first, second

    first, second = run(go())
    assert mock_server.headers["/etag"]["if-none-match"] == '"v1"'
    assert second.content == first.content == b"versioned"


def test_connection_errors_are_retried_then_reported(private_policy) -> None:
    calls = []

    def refuse(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        raise httpx.ConnectError("refused", request=request)

    async def go() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(refuse)) as client:
            await Fetcher(client, replace(private_policy, obey_robots=False)).fetch(
                "http://a.test/"
            )

    with pytest.raises(FetchError, match="connection failed"):
        run(go())
    assert len(calls) == private_policy.max_retries + 1


def test_per_host_delay_spaces_requests(mock_server, private_policy) -> None:
    policy = replace(private_policy, per_host_delay=0.2, obey_robots=False)

    async def go() -> float:
        async with httpx.AsyncClient() as client:
            fetcher = Fetcher(client, policy)
            started = time.monotonic()
            await asyncio.gather(*(fetcher.fetch(mock_server.url("/page")) for _ in range(3)))
            return time.monotonic() - started

    assert run(go()) >= 0.4


def test_retry_after_http_date() -> None:
    assert fetch_module._retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert fetch_module._retry_after("7") == 7.0
    assert fetch_module._retry_after("soon") is None


def test_read_local(tmp_path: Path) -> None:
    file = tmp_path / "agenda.ics"
    file.write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    snapshot = read_local(file)
    assert snapshot.content.startswith(b"BEGIN:VCALENDAR")
    assert snapshot.url.startswith("file://") and snapshot.status == 200
    with pytest.raises(FetchError, match="cannot read"):
        read_local(tmp_path / "missing.csv")


def test_fetch_then_parse_a_served_fixture(mock_server, private_policy) -> None:
    from scrapers import lineup

    url = mock_server.url("/fixture/lineup/pretalx/schedule.json")
    snapshot = run(get(url, private_policy))
    parsed = lineup.parse(snapshot.content, url=snapshot.final_url)
    assert parsed.format == "pretalx" and parsed.event.name == "DemoCon 2025"


@pytest.mark.parametrize("url", ["http://[::1/x", "http://example.org:99999/", "ftp://x.test/"])
def test_invalid_urls_are_fetch_errors(url: str) -> None:
    with pytest.raises(FetchError):
        run(get(url, FetchPolicy()))


def test_global_concurrency_limit(private_policy) -> None:
    """Eight hosts, a global limit of two: never more than two requests in flight."""
    state = {"now": 0, "max": 0}

    async def handler(request: httpx.Request) -> httpx.Response:
        state["now"] += 1
        state["max"] = max(state["max"], state["now"])
        await asyncio.sleep(0.05)
        state["now"] -= 1
        return httpx.Response(200, text="ok")

    policy = replace(private_policy, global_concurrency=2, obey_robots=False)

    async def go() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            fetcher = Fetcher(client, policy)
            await asyncio.gather(*(fetcher.fetch(f"http://h{i}.test/") for i in range(8)))

    run(go())
    assert state["max"] == 2


def test_remembered_snapshot_makes_the_fetch_conditional(mock_server, private_policy) -> None:
    url = mock_server.url("/etag")
    stored = Snapshot(
        url=url,
        final_url=url,
        status=200,
        headers={"etag": '"v1"'},
        content=b"from the database",
        fetched_at=datetime.now(UTC),
    )

    async def go() -> Snapshot:
        async with httpx.AsyncClient() as client:
            fetcher = Fetcher(client, private_policy)
            fetcher.remember(stored)
            return await fetcher.fetch(url)

    assert run(go()).content == b"from the database"
    assert mock_server.headers["/etag"]["if-none-match"] == '"v1"'
