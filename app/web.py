"""The FastAPI application factory: engine, routers, and errors as RFC 9457 problems.

create_app(settings) builds everything; nothing connects at import time.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator
from concurrent.futures import Executor
from contextlib import asynccontextmanager
from typing import Any, Literal

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from app import __version__, db
from app.access.ratelimit import RateLimits, make_limiter
from app.docs_pages import SecurityHeaders, install_docs
from app.errors import REFUSED_FETCHES, DatabaseBusy, VoicetallyError, describe_invalid
from app.guards import BodyLimit, RetryWrites, TimeBudget
from app.settings import Settings
from app.web_session import engine_of
from app.workers import WorkerPool, close_process_pools, process_pool, warm
from scrapers.errors import ParseError, ScrapeError

__all__ = ["PROBLEM_RESPONSES", "Problem", "create_app", "problem"]

log = logging.getLogger("voicetally")
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
UPLOAD_PATHS = frozenset({"/api/check/lineup", "/check", "/api/labels/bulk"})
PROBLEM_JSON = "application/problem+json"
API_PATHS = ("/api/", "/docs", "/redoc", "/openapi.json", "/health")
# Starlette's bare details, said in words for a reader of the site.
PAGE_DETAIL = {
    (404, "Not Found"): "There is no page at this address.",
    (405, "Method Not Allowed"): "This address does not answer that kind of request.",
}


def problem(request: Request, *, status: int, title: str, detail: str, type_: str) -> Response:
    """Render one RFC 9457 problem document (an error page for a browser outside the API)."""
    if _wants_page(request):
        from dashboards.pages import error_page  # the site's own look (the pages are mounted here)

        return error_page(request, status=status, title=title, detail=PAGE_DETAIL.get(
            (status, detail), detail))  # fmt: skip
    body: dict[str, Any] = {
        "type": type_,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


def _wants_page(request: Request) -> bool:
    """A browser asking for a page: HTML accepted, and not an API or docs path."""
    path = request.url.path
    if path == "/api" or path.startswith(API_PATHS):
        return False
    return "text/html" in request.headers.get("accept", "")


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
        (413, "Request body too large"),
        (429, "Too many requests"),
        (500, "Internal error"),
        (502, "The source could not be fetched"),
        (503, "Database unavailable, busy, or out of time"),
    )
}


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(VoicetallyError)
    async def _voicetally(request: Request, exc: VoicetallyError) -> Response:
        response = problem(
            request, status=exc.status, title=exc.title, detail=exc.detail, type_=exc.type
        )
        response.headers.update(exc.headers)
        return response

    @app.exception_handler(ScrapeError)
    async def _scrape(request: Request, exc: ScrapeError) -> Response:
        if isinstance(exc, ParseError):
            status, kind, title = 422, "parse-failed", "Could not parse the source"
        elif isinstance(exc, REFUSED_FETCHES):
            status, kind, title = 422, "fetch-refused", "This URL is not fetched"
        else:
            status, kind, title = 502, "source-failed", "Could not fetch the source"
        return problem(
            request, status=status, title=title, detail=str(exc), type_=f"/problems/{kind}"
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return problem(
            request,
            status=422,
            title="Invalid input",
            detail=describe_invalid(exc.errors()),
            type_="/problems/invalid-input",
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        title = "Not found" if exc.status_code == 404 else "Request failed"
        response = problem(
            request,
            status=exc.status_code,
            title=title,
            detail=str(exc.detail),
            type_="about:blank",
        )
        response.headers.update(exc.headers or {})
        if exc.status_code == 405:
            response.headers["allow"] = _allowed(request)
        return response

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        if db.is_busy(exc):  # another writer held what this one needed past the budget
            log.info("database busy on %s %s: %s", request.method, request.url.path, exc)
            return await _voicetally(request, DatabaseBusy())
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem(
            request,
            status=500,
            title="Internal error",
            detail="An unexpected error occurred; it has been logged.",
            type_="/problems/internal",
        )


def _allowed(request: Request) -> str:
    """The methods some route of the app answers at this path (for a 405's Allow header)."""
    allowed = [
        method
        for method in METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL
            for route in request.app.router.routes
        )
    ]
    if "GET" in allowed and "HEAD" not in allowed:
        allowed.append("HEAD")
    return ", ".join(sorted(allowed))


class Health(BaseModel):
    status: Literal["ok"]
    database: str
    revision: str | None


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


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Load the gender engine (seconds of name data) before the first request, not inside it:
    in this process and in every check worker."""
    await app.state.workers.run(engine_of, app)
    threshold = app.state.settings.gender_threshold
    await asyncio.gather(*(asyncio.wrap_future(job) for job in warm(app.state.checks, threshold)))
    # What start-up loaded (the name data, the app) lives as long as the process: kept out of
    # the collector's way, so no full collection walks it inside a request (issue #16: pauses
    # of 150-320 ms inside 60 ms citation-matrix requests at 10M citations, load 5).
    gc.freeze()
    yield
    gc.unfreeze()  # collectable again once the app stops (tests start many apps in one process)
    app.state.workers.shutdown()
    # Here, not at exit: uvicorn ends by re-raising the signal it caught, so atexit never runs.
    await asyncio.to_thread(close_process_pools)


def _install_guards(app: FastAPI, settings: Settings) -> None:
    """Outermost last: the time budget wraps the body cap, which wraps the write retries."""
    app.add_middleware(RetryWrites)  # inside the budget: its tries share the request's time
    app.add_middleware(
        BodyLimit, default=settings.max_body_bytes, upload=settings.max_upload_bytes,
        upload_paths=UPLOAD_PATHS,
    )  # fmt: skip
    app.add_middleware(TimeBudget, seconds=settings.request_timeout)
    app.add_middleware(RateLimits, settings=settings)
    app.add_middleware(SecurityHeaders)
    proxies = [p.strip() for p in settings.trusted_proxies.split(",") if p.strip()]
    if proxies:  # X-Forwarded-For believed from these peers only (never by default)
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=proxies)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the web app for SETTINGS (read from the environment when omitted)."""
    settings = settings or Settings()
    engine = db.make_engine(settings.database_url)
    app = FastAPI(
        title="voicetally",
        version=__version__,
        description="Counts whose expertise gets heard: panels and cited experts, by gender.",
        responses=PROBLEM_RESPONSES,
        lifespan=_lifespan,
        docs_url=None,  # served from installed files by app.docs_pages (offline, CSP)
        redoc_url=None,
    )
    app.state.workers = WorkerPool(settings.cpu_workers, settings.cpu_queue)
    app.state.checks = app.state.workers
    if settings.cpu_processes:

        def pool() -> Executor:
            return process_pool(settings.cpu_workers, settings.gender_threshold)

        app.state.checks = WorkerPool(settings.cpu_workers, settings.cpu_queue, executor=pool)
        pool()  # made (and its workers started) with the app, not in its first check
    _install_guards(app, settings)
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = db.make_sessionmaker(engine)
    app.state.rate_limiter = make_limiter(settings)
    _install_error_handlers(app)
    app.add_middleware(GZipMiddleware, minimum_size=1000)  # pages, JSON and plotly.js (issue #15)
    for router in _routers():
        app.include_router(router)
    install_docs(app)

    @app.get(
        "/health",
        tags=["service"],
        summary="Database reachable and schema at head",
        responses={200: {"model": Health}},
    )
    def health(request: Request) -> Response:
        try:
            revision = db.check_schema(engine)
        except VoicetallyError as exc:
            return problem(request, status=503, title=exc.title, detail=exc.detail, type_=exc.type)
        return JSONResponse({"status": "ok", "database": engine.dialect.name, "revision": revision})

    return app
