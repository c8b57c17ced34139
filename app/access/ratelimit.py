"""Rate limits on every public route, by the `limits` library (issue 14).

Counts live in the storage named by VOICETALLY_RATE_LIMIT_STORAGE: `memory://` for one process,
`redis://HOST:PORT` when several processes serve (they then share every count). Limits are moving
windows per client address -- the socket's peer, or the X-Forwarded-For address only when the
peer is one of VOICETALLY_TRUSTED_PROXIES (see `proxies`).

- `RateLimits` (ASGI middleware): every request but /health and static files, per client:
  `rate_limit_per_minute` without a key, `keyed_rate_limit_per_minute` with an Authorization
  header (the key itself is checked by the route), `login_rate_limit_per_minute` on /author/login.
- `limit` / `enforce`: a route's own, stricter limits (checks, URL fetches, saved reports);
  a valid key is exempt from these.
"""

from __future__ import annotations

import math
import time
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, Request
from limits import RateLimitItem, RateLimitItemPerHour, RateLimitItemPerMinute
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter as SyncMovingWindow
from starlette.types import ASGIApp, Receive, Scope, Send

from app.access.api import Caller, optional_caller
from app.errors import VoicetallyError
from app.guards import send_problem
from app.settings import Settings

__all__ = ["RateLimited", "RateLimits", "enforce", "limit", "make_limiter"]

EXEMPT = ("/assets/", "/docs/assets/", "/favicon.ico")  # and /health
PER_HOUR = frozenset({"report"})  # limits whose setting counts per hour, not per minute


class RateLimited(VoicetallyError):
    status = 429
    type = "/problems/rate-limited"
    title = "Too many requests"


class _InMemory:
    """`limits`' synchronous memory limiter behind the async calls: counting in this process's
    memory never waits, and the async memory storage binds its locks to the first event loop
    that used it (TestClient and lifespan loops differ)."""

    def __init__(self) -> None:
        self._limiter = SyncMovingWindow(storage_from_string("memory://"))

    async def hit(self, item: RateLimitItem, *keys: str) -> bool:
        return self._limiter.hit(item, *keys)

    async def get_window_stats(self, item: RateLimitItem, *keys: str) -> Any:
        return self._limiter.get_window_stats(item, *keys)


def make_limiter(settings: Settings) -> MovingWindowRateLimiter:
    """A moving-window limiter on the configured storage (async flavour of `limits` for
    Redis, shared by several processes; this process's memory otherwise)."""
    uri = settings.rate_limit_storage
    if uri.startswith("memory"):
        return _InMemory()  # type: ignore[return-value]
    options = {"implementation": "redispy"} if uri.startswith(("redis", "rediss")) else {}
    storage = storage_from_string(f"async+{uri}", key_prefix="voicetally", **options)
    return MovingWindowRateLimiter(storage)  # type: ignore[arg-type]


def client_of(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


async def _take(
    limiter: MovingWindowRateLimiter, item: RateLimitItem, name: str, client: str
) -> float | None:
    """Count one request; None when allowed, else the seconds until the window frees one."""
    if await limiter.hit(item, name, client):
        return None
    stats = await limiter.get_window_stats(item, name, client)
    return max(1.0, stats.reset_time - time.time())


def _item(name: str, count: int) -> RateLimitItem:
    return RateLimitItemPerHour(count) if name in PER_HOUR else RateLimitItemPerMinute(count)


class RateLimits:
    """The per-client limit on every route (see the module docstring)."""

    def __init__(self, app: ASGIApp, *, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path == "/health" or path.startswith(EXEMPT):
            await self.app(scope, receive, send)
            return
        name, count = self._bucket(scope, path)
        limiter: MovingWindowRateLimiter = scope["app"].state.rate_limiter
        wait = await _take(limiter, _item(name, count), name, client_of(scope))
        if wait is None:
            await self.app(scope, receive, send)
            return
        await send_problem(
            scope, send, status=429, title=RateLimited.title, type_=RateLimited.type,
            detail=f"more than {count} requests a minute ({name}); try again in {wait:.0f}s",
            headers={"retry-after": str(math.ceil(wait))},
        )  # fmt: skip

    def _bucket(self, scope: Scope, path: str) -> tuple[str, int]:
        settings = self.settings
        if path.startswith("/author/login"):
            return "login", settings.login_rate_limit_per_minute
        if any(key.lower() == b"authorization" for key, _ in scope.get("headers", [])):
            return "keyed", settings.keyed_rate_limit_per_minute
        return "all", settings.rate_limit_per_minute


def limit(name: str, setting: str) -> Callable[..., Awaitable[None]]:
    """Dependency: refuse with 429 past the limit named by SETTING, unless the caller sent a
    valid key (a bad key is a 401 from optional_caller, never a free pass)."""

    async def dependency(
        request: Request, caller: Annotated[Caller | None, Depends(optional_caller)]
    ) -> None:
        await enforce(request, name, setting, keyed=caller is not None)

    return dependency


async def enforce(request: Request, name: str, setting: str, *, keyed: bool) -> None:
    """Take one request from the client's NAME window; 429 (RateLimited) when it is full."""
    if keyed:
        return
    count = int(getattr(request.app.state.settings, setting))
    limiter: MovingWindowRateLimiter = request.app.state.rate_limiter
    wait = await _take(limiter, _item(name, count), name, client_of(request.scope))
    if wait is not None:
        unit = "an hour" if name in PER_HOUR else "a minute"
        raise RateLimited(
            f"more than {count} {name} requests {unit}; try again in {wait:.0f}s",
            headers={"retry-after": str(math.ceil(wait))},
        )
