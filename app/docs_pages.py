"""/docs (Swagger UI) and /redoc from installed files, working offline, and the security headers
every answer carries (issue 14).

Swagger UI and ReDoc come from the `fastapi-offline` package (its static folder); the only
script of ours is app/static/swagger-init.js, so the Content-Security-Policy needs no inline
script.
"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import NotFound

__all__ = ["SecurityHeaders", "install_docs"]

VENDORED = Path(fastapi_offline.__file__).resolve().parent / "static"
OURS = Path(__file__).resolve().parent / "static"
ASSETS = {
    "swagger-ui-bundle.js": VENDORED / "swagger-ui-bundle.js",
    "swagger-ui.css": VENDORED / "swagger-ui.css",
    "redoc.standalone.js": VENDORED / "redoc.standalone.js",
    "favicon.png": VENDORED / "favicon.png",
    "swagger-init.js": OURS / "swagger-init.js",
}
CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",  # plotly.js and ReDoc set styles at run time
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",  # ReDoc's search worker
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])  # fmt: skip
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
]
SWAGGER = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>voicetally API</title>
<link rel="icon" href="/docs/assets/favicon.png">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/swagger-init.js"></script></body></html>
"""
REDOC = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>voicetally API</title>
<link rel="icon" href="/docs/assets/favicon.png"></head>
<body><redoc spec-url="/openapi.json"></redoc>
<script src="/docs/assets/redoc.standalone.js"></script></body></html>
"""

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui() -> HTMLResponse:
    return HTMLResponse(SWAGGER)


@router.get("/redoc", response_class=HTMLResponse)
def redoc() -> HTMLResponse:
    return HTMLResponse(REDOC)


@router.get("/docs/assets/{name}")
def docs_asset(name: str) -> FileResponse:
    path = ASSETS.get(name)
    if path is None:
        raise NotFound(f"no docs asset {name!r}")
    return FileResponse(path, headers={"cache-control": "public, max-age=86400"})


def install_docs(app: FastAPI) -> None:
    """Serve /docs and /redoc (build the app with docs_url=None, redoc_url=None)."""
    app.include_router(router)


class SecurityHeaders:
    """Adds the CSP, frame, sniffing and referrer headers to every answer that lacks them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {key.lower() for key, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)
