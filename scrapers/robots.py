"""robots.txt per RFC 9309 for the fetcher: one host's verdict (`HostRobots`), the verdicts of a
crawl (`RobotsCache`), and reading a robots.txt into a verdict (protego parses it).

RFC 9309 2.3.1: up to five redirects are followed; a 2xx is parsed; a 4xx (but 429) allows all;
a 5xx, a 429 or an unreachable host disallows all for now, and robots.txt is read again later.
This module makes no requests: scrapers.fetch passes in a `Get` that sends each one checked and
paced like any other, never conditional nor retried.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from protego import Protego

from scrapers.errors import BlockedHost, FetchError, RobotsDisallowed

__all__ = ["ROBOTS_REDIRECTS", "Get", "HostRobots", "RobotsCache"]

ROBOTS_REDIRECTS = 5  # RFC 9309 2.3.1.2: follow at least five consecutive redirects

# One request for robots.txt: (status, redirect target or None, text).
Get = Callable[[str], Awaitable[tuple[int, str | None, str]]]


@dataclass
class HostRobots:
    """One host's robots.txt verdict."""

    rules: Protego | None = None
    until: float = -1.0  # clock time the verdict holds until; -1: never read
    refusal: str = ""  # why everything is disallowed for now (5xx / unreachable)

    def due(self, clock: Callable[[], float]) -> bool:
        """Whether robots.txt must be read: never read yet, or a refusal has run out."""
        return self.until < 0 or bool(self.refusal and clock() >= self.until)

    def check(self, url: str, agent: str) -> None:
        """Raise RobotsDisallowed unless the verdict lets AGENT fetch URL."""
        if self.refusal:
            raise RobotsDisallowed(self.refusal, source=url)
        if self.rules is not None and not self.rules.can_fetch(url, agent):
            raise RobotsDisallowed("robots.txt disallows this URL", source=url)

    async def read(
        self, robots_url: str, *, get: Get, clock: Callable[[], float], retry_after: float
    ) -> None:
        """Read robots.txt per RFC 9309 2.3.1: up to five redirects; 2xx parsed; 4xx (but 429)
        allows all; 5xx, 429 or unreachable disallows all for RETRY_AFTER seconds of CLOCK."""
        self.rules, self.refusal = None, ""
        self.until = float("inf")
        try:
            status, text = await _final_answer(robots_url, get)
        except BlockedHost:
            self.until = -1.0
            raise
        except FetchError as exc:
            status, text = None, f"unreachable ({exc})"
        if status is not None and 200 <= status < 300:
            self.rules = Protego.parse(text)
        elif status is None or status >= 500 or status == 429:
            self.until = clock() + retry_after
            why = text if status is None else f"HTTP {status}"
            later = f"read again in {retry_after:g}s"
            self.refusal = f"robots.txt {why}: everything is disallowed for now, {later}"


@dataclass
class RobotsCache:
    """robots.txt verdicts by host, shareable by the fetchers of one crawl so each host's
    robots.txt is read once per crawl (issue 16), not once per Fetcher. Plain data: no event
    loop, so fetchers running one after another (each in its own `asyncio.run`) can share it.
    """

    hosts: dict[str, HostRobots] = field(default_factory=dict)

    def of(self, host: str) -> HostRobots:
        """The verdict of HOST (scheme://host:port), unread at first."""
        return self.hosts.setdefault(host, HostRobots())


async def _final_answer(robots_url: str, get: Get) -> tuple[int, str]:
    """The final status and text of robots.txt, following up to five redirects."""
    current = robots_url
    for _ in range(ROBOTS_REDIRECTS + 1):
        status, target, text = await get(current)
        if target is None:
            return status, text
        current = target
    return 404, ""  # RFC 9309: past five redirects, robots.txt may be taken as unavailable
