"""ASGI guards around the whole app (issue 14): request bodies capped before they are read, and a
time budget per request. Both answer RFC 9457 problems (413, 503) like every other error.
"""

from __future__ import annotations

import math

import anyio
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import VoicetallyError

__all__ = ["BodyLimit", "PayloadTooLarge", "TimeBudget", "send_problem"]

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
