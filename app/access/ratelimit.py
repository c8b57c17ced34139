"""Per-client rate limits for unauthenticated endpoints (in-process token buckets).

One bucket per (client address, limit name). A key-holding caller is not limited here. Behind a
proxy, run uvicorn with --proxy-headers so the client address is the real one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from app.access.api import Caller, optional_caller
from app.errors import VoicetallyError

__all__ = ["RateLimited", "RateLimiter", "enforce", "limit"]


class RateLimited(VoicetallyError):
    status = 429
    type = "/problems/rate-limited"
    title = "Too many requests"


class RateLimiter:
    """Token buckets: PER_MINUTE requests a minute, bursts up to the same number."""

    def __init__(self) -> None:
        self._buckets: dict[tuple[str, str], tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, client: str, name: str, per_minute: int) -> bool:
        now = time.monotonic()
        rate = per_minute / 60.0
        with self._lock:
            tokens, last = self._buckets.get((client, name), (float(per_minute), now))
            tokens = min(float(per_minute), tokens + (now - last) * rate)
            if tokens < 1.0:
                self._buckets[(client, name)] = (tokens, now)
                return False
            self._buckets[(client, name)] = (tokens - 1.0, now)
            if len(self._buckets) > 100_000:
                self._buckets.clear()  # bound memory under a flood of addresses
            return True


def limit(name: str, setting: str) -> Callable[..., None]:
    """Dependency: refuse with 429 past the per-minute limit named by SETTING, unless the
    caller sent a valid key (a bad key is a 401 from optional_caller, never a free pass)."""

    def dependency(
        request: Request, caller: Annotated[Caller | None, Depends(optional_caller)]
    ) -> None:
        enforce(request, name, setting, keyed=caller is not None)

    return dependency


def enforce(request: Request, name: str, setting: str, *, keyed: bool) -> None:
    """Take one request from the client's NAME bucket; 429 when it is empty."""
    if keyed:
        return
    per_minute = int(getattr(request.app.state.settings, setting))
    client = request.client.host if request.client else "unknown"
    if not request.app.state.rate_limiter.take(client, name, per_minute):
        raise RateLimited(f"more than {per_minute} {name} requests a minute; try again soon")
