"""The FastAPI application factory: engine, routers, and errors as RFC 9457 problems.

create_app(settings) builds everything; nothing connects at import time.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from app import __version__, db
from app.access.ratelimit import RateLimiter
from app.errors import VoicetallyError
from app.settings import Settings
from scrapers.errors import ParseError, ScrapeError

__all__ = ["PROBLEM_RESPONSES", "Problem", "create_app", "problem"]

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


class Problem(BaseModel):
    """An RFC 9457 problem document: every error the API returns."""

    type: str
    title: str
    status: int
    detail: str
    instance: str


PROBLEM_CONTENT = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": Problem, "description": title, "content": PROBLEM_CONTENT}
    for status, title in (
        (401, "No or unknown API key"),
        (403, "The key's role is too weak"),
        (404, "Not found"),
        (409, "Conflict"),
        (422, "Invalid input"),
        (429, "Too many requests"),
        (500, "Internal error"),
        (502, "The source could not be fetched"),
        (503, "Database unavailable"),
    )
}


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(VoicetallyError)
    async def _voicetally(request: Request, exc: VoicetallyError) -> JSONResponse:
        return problem(
            request, status=exc.status, title=exc.title, detail=exc.detail, type_=exc.type
        )

    @app.exception_handler(ScrapeError)
    async def _scrape(request: Request, exc: ScrapeError) -> JSONResponse:
        if isinstance(exc, ParseError):
            status, kind, title = 422, "parse-failed", "Could not parse the source"
        else:
            status, kind, title = 502, "source-failed", "Could not fetch the source"
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


def _routers() -> list[APIRouter]:
    from app.articles.api import router as articles_router
    from app.events.api import router as events_router
    from app.gender.api import router as gender_router
    from app.ingest.api import router as sources_router
    from app.metrics.api import router as metrics_router
    from app.people.api import router as people_router
    from app.people.self_id_api import router as self_id_router
    from dashboards.pages import router as pages_router  # the HTML pages (issue #7)

    return [
        people_router, gender_router, self_id_router, events_router, articles_router,
        sources_router, metrics_router, pages_router,
    ]  # fmt: skip


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the web app for SETTINGS (read from the environment when omitted)."""
    settings = settings or Settings()
    engine = db.make_engine(settings.database_url)
    app = FastAPI(
        title="voicetally",
        version=__version__,
        description="Counts whose expertise gets heard: panels and cited experts, by gender.",
        responses=PROBLEM_RESPONSES,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = db.make_sessionmaker(engine)
    app.state.rate_limiter = RateLimiter()
    _install_error_handlers(app)
    app.add_middleware(GZipMiddleware, minimum_size=1000)  # pages, JSON and plotly.js (issue #15)
    for router in _routers():
        app.include_router(router)

    @app.get("/health", tags=["service"], summary="Database reachable and schema at head")
    def health(request: Request) -> JSONResponse:
        try:
            revision = db.check_schema(engine)
        except VoicetallyError as exc:
            return problem(request, status=503, title=exc.title, detail=exc.detail, type_=exc.type)
        return JSONResponse({"status": "ok", "database": engine.dialect.name, "revision": revision})

    return app
