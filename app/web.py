"""The FastAPI application factory: engine, routers, and errors as RFC 9457 problems.

create_app(settings) builds everything; nothing connects at import time.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException as StarletteHTTPException

from app import __version__, db
from app.errors import VoicetallyError
from app.settings import Settings
from scrapers.errors import FetchError, ParseError, ScrapeError

__all__ = ["create_app", "get_session", "problem"]

log = logging.getLogger("voicetally")
PROBLEM_JSON = "application/problem+json"


def problem(request: Request, *, status: int, title: str, detail: str, type_: str) -> JSONResponse:
    """Render one RFC 9457 problem document."""
    body: dict[str, Any] = {
        "type": type_,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(VoicetallyError)
    async def _voicetally(request: Request, exc: VoicetallyError) -> JSONResponse:
        return problem(
            request, status=exc.status, title=exc.title, detail=exc.detail, type_=exc.type
        )

    @app.exception_handler(ScrapeError)
    async def _scrape(request: Request, exc: ScrapeError) -> JSONResponse:
        status = 422 if isinstance(exc, ParseError) else 502
        kind = "parse-failed" if isinstance(exc, ParseError) else "source-failed"
        title = "Could not parse the source" if status == 422 else "Could not fetch the source"
        if not isinstance(exc, ParseError | FetchError):
            kind, title = "source-failed", "Source failed"
        return problem(
            request, status=status, title=title, detail=str(exc), type_=f"/problems/{kind}"
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = [
            f"{'.'.join(str(p) for p in err.get('loc', ()))}: {err.get('msg', 'invalid')}"
            for err in exc.errors()
        ]
        return problem(
            request,
            status=422,
            title="Invalid input",
            detail="; ".join(parts) or "invalid request",
            type_="/problems/invalid-input",
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        title = "Not found" if exc.status_code == 404 else "Request failed"
        return problem(
            request,
            status=exc.status_code,
            title=title,
            detail=str(exc.detail),
            type_="about:blank",
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem(
            request,
            status=500,
            title="Internal error",
            detail="An unexpected error occurred; it has been logged.",
            type_="/problems/internal",
        )


def get_session(request: Request) -> Iterator[Session]:
    """Request dependency: one session whose transaction commits on success."""
    factory = request.app.state.sessionmaker
    with factory() as session, session.begin():
        yield session


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the web app for SETTINGS (read from the environment when omitted)."""
    settings = settings or Settings()
    engine = db.make_engine(settings.database_url)
    app = FastAPI(
        title="voicetally",
        version=__version__,
        description="Counts whose expertise gets heard: panels and cited experts, by gender.",
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = db.make_sessionmaker(engine)
    _install_error_handlers(app)

    @app.get("/health", tags=["service"], summary="Database reachable and schema at head")
    def health(request: Request) -> JSONResponse:
        try:
            revision = db.check_schema(engine)
        except VoicetallyError as exc:
            return problem(request, status=503, title=exc.title, detail=exc.detail, type_=exc.type)
        return JSONResponse({"status": "ok", "database": engine.dialect.name, "revision": revision})

    return app
