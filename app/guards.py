"""ASGI guards around the whole app (issue 14): request bodies capped before they are read, a
time budget per request, and writes that met another writer run again inside that budget.
They answer RFC 9457 problems (413, 503) like every other error.
"""

from __future__ import annotations

import logging
import math
import time

import anyio
import tenacity
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import db
from app.errors import DatabaseBusy, VoicetallyError

__all__ = [
    "BodyLimit",
    "PayloadTooLarge",
    "RetryWrites",
    "TimeBudget",
    "lock_wait",
    "past_lock_deadline",
    "send_problem",
]

log = logging.getLogger("voicetally")
DEADLINE = "voicetally.deadline"  # scope key: time.monotonic() by which the answer must start
RESERVE = "voicetally.reserve"
# Of a request's budget, this much is kept for the work after a lock is won and the answer: a
# write waits for another writer's lock until the budget minus this, then fails cleanly.
ANSWER_RESERVE = 2.0
ANSWER_RESERVE_SHARE = 0.25
RETRY_WRITES = 4  # tries of a write that met another writer (as ingest: app/ingest/pipeline.py)
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

MULTIPART_SLACK = 64 * 1024  # boundaries and part headers around an upload of the largest size


class PayloadTooLarge(VoicetallyError):
    status = 413
    type = "/problems/payload-too-large"
    title = "Request body too large"


async def send_problem(
    scope: Scope, send: Send, *, status: int, title: str, detail: str, type_: str,
    headers: dict[str, str] | None = None,
) -> None:  # fmt: skip
    """Answer an RFC 9457 problem straight from ASGI (outside FastAPI's handlers): an error page
    for a browser outside the API, as app.web.problem answers inside them."""
    from app.web import problem  # app.web wraps the app in these guards

    response = problem(Request(scope), status=status, title=title, detail=detail, type_=type_)
    response.headers.update(headers or {})
    await response(scope, _no_body, send)


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


class BodyLimit:
    """Refuse a body past its cap: by Content-Length before reading a byte, else (chunked) as
    soon as the bytes read pass it. Upload paths get `upload` bytes (plus multipart framing)."""

    def __init__(
        self, app: ASGIApp, *, default: int, upload: int, upload_paths: frozenset[str]
    ) -> None:
        self.app = app
        self.default = default
        self.upload = upload + MULTIPART_SLACK
        self.upload_paths = upload_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = self.upload if scope["path"] in self.upload_paths else self.default
        declared = _header(scope, b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > cap):
            await _too_large(scope, send, cap)
            return
        seen, started, refused = 0, False, False

        async def limited() -> Message:
            """Count the body; past the cap, answer 413 and tell the app the client left."""
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:
                    if started:
                        raise PayloadTooLarge(f"the request body is limited to {cap} bytes here")
                    refused = True
                    await _too_large(scope, send, cap)
                    return {"type": "http.disconnect"}
            return message

        async def watch(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the app's own answer after the 413 is dropped
            started = started or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, limited, watch)


async def _too_large(scope: Scope, send: Send, cap: int) -> None:
    await send_problem(
        scope, send, status=413, title=PayloadTooLarge.title, type_=PayloadTooLarge.type,
        detail=f"the request body is limited to {cap} bytes here",
    )  # fmt: skip


class TimeBudget:
    """Each request has SECONDS to start its answer; past that, a 503 problem with Retry-After.

    Once the answer has started (a long CSV download), the budget no longer applies.
    """

    def __init__(self, app: ASGIApp, *, seconds: float, exempt: frozenset[str] = frozenset()):
        self.app = app
        self.seconds = seconds
        self.exempt = exempt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.exempt:
            await self.app(scope, receive, send)
            return
        started = False
        scope[DEADLINE] = time.monotonic() + self.seconds
        scope[RESERVE] = min(ANSWER_RESERVE, self.seconds * ANSWER_RESERVE_SHARE)
        with anyio.CancelScope(deadline=anyio.current_time() + self.seconds) as budget:

            async def watch(message: Message) -> None:
                nonlocal started
                if message["type"] == "http.response.start":
                    started = True
                    budget.deadline = math.inf
                await send(message)

            await self.app(scope, receive, watch)
        if budget.cancelled_caught and not started:
            await send_problem(
                scope, send, status=503, title="Time budget exceeded", type_="/problems/timeout",
                detail=f"the request took longer than {self.seconds:g}s; it was stopped",
                headers={"retry-after": "5"},
            )  # fmt: skip


def _lock_deadline(scope: Scope) -> float | None:
    deadline = scope.get(DEADLINE)
    return None if deadline is None else float(deadline) - float(scope.get(RESERVE, 0.0))


def lock_wait(scope: Scope) -> float | None:
    """Seconds this request's transaction may still wait for another writer's lock (None: no
    budget, the engine's default wait)."""
    deadline = _lock_deadline(scope)
    return None if deadline is None else max(deadline - time.monotonic(), 0.0)


def past_lock_deadline(scope: Scope) -> bool:
    """Whether the request is past the time its writes may take: its budget's answer may have
    gone out already (or is about to), so nothing may be committed any more."""
    deadline = _lock_deadline(scope)
    return deadline is not None and time.monotonic() > deadline


class _OutOfTime(tenacity.stop.stop_base):
    """Stop when the next try would start past the time the request's writes may take."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    def __call__(self, retry_state: tenacity.RetryCallState) -> bool:
        deadline = _lock_deadline(self.scope)
        return deadline is not None and time.monotonic() + retry_state.upcoming_sleep >= deadline


class RetryWrites:
    """A write that met another writer (db.is_busy: SQLite's lock past its wait, a PostgreSQL
    deadlock, lock timeout or serialization failure) was rolled back whole: run the request
    again, a few times with jittered backoff, while its budget lasts and nothing was answered.

    The request body is replayed to each new try. Past the budget (or the tries) the answer is
    a 503 problem with Retry-After (DatabaseBusy).
    """

    def __init__(self, app: ASGIApp, *, attempts: int = RETRY_WRITES) -> None:
        self.app = app
        self.attempts = attempts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in READ_METHODS:
            await self.app(scope, receive, send)
            return
        received: list[Message] = []
        started = False

        def replaying() -> Receive:
            queued = list(received)

            async def replay() -> Message:
                if queued:
                    return queued.pop(0)
                message = await receive()
                received.append(message)
                return message

            return replay

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        retrying = tenacity.AsyncRetrying(
            retry=tenacity.retry_if_exception(lambda exc: db.is_busy(exc) and not started),
            stop=tenacity.stop_any(tenacity.stop_after_attempt(self.attempts), _OutOfTime(scope)),
            wait=tenacity.wait_random_exponential(multiplier=0.05, max=1.0),
            before_sleep=tenacity.before_sleep_log(log, logging.INFO),
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    await self.app(scope, replaying(), watch)
        except Exception as exc:
            if started or not db.is_busy(exc):
                raise
            log.info("database busy on %s %s: %s", scope["method"], scope["path"], exc)
            busy = DatabaseBusy()
            await send_problem(
                scope, send, status=busy.status, title=busy.title, detail=busy.detail,
                type_=busy.type, headers=busy.headers,
            )  # fmt: skip
