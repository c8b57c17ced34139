"""Quick checks (nothing stored) and the public metrics endpoints (DESIGN.md, Metrics)."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from app import db
from app.access.api import Caller, optional_caller, require
from app.access.models import KeyRole
from app.access.ratelimit import enforce, limit
from app.errors import REFUSED_FETCHES, FetchRefused, InvalidInput, SourceFailed, describe_invalid
from app.ingest import pipeline
from app.metrics import check, check_sources, exports, panel_lines, plain_errors, schemas
from app.metrics import service as metrics_service
from app.metrics.schemas import ArticleCheckIn, PanelCheckIn, UrlIn
from app.people import privacy
from app.web_session import MAX_ID, IsoDate, get_session
from app.workers import run_check, worker_engine
from scrapers import lineup as lineup_parser
from scrapers import records
from scrapers.errors import FetchError
from scrapers.records import Role

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["checks"])
MAX_UPLOAD = 5_000_000
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


async def _fetch(request: Request, url: str) -> records.Snapshot:
    try:
        return await pipeline.fetch_url(url, settings=request.app.state.settings)
    except FetchError as exc:  # plain words first, the technical reason after (issue #15)
        # our refusal (issue 14) is the caller's to fix: a 4xx, not a 502
        error = FetchRefused if isinstance(exc, REFUSED_FETCHES) else SourceFailed
        raise error(f"{plain_errors.plain_words(exc)} ({exc})") from exc


async def _url_limit(request: Request, caller: Caller | None) -> None:
    await enforce(request, "check-url", "check_url_rate_limit_per_minute", keyed=caller is not None)


OptionalCaller = Annotated[Caller | None, Depends(optional_caller)]


def _opted_out(request: Request) -> tuple[str, ...]:
    """The names of people who opted out: never named, even in a check. A short read of its
    own (a check holds no transaction while it parses and labels); names, for the workers."""
    with request.app.state.sessionmaker() as session, session.begin():
        session.connection(execution_options=db.READ_ONLY)
        return tuple(sorted(privacy.load(session).mask.names))


def _mask(hidden: tuple[str, ...]) -> privacy.Mask | None:
    return privacy.Mask(hidden) if hidden else None


@router.post(
    "/check/panel",
    summary="Label a panel's names (or an agenda URL's people) and report its balance",
    response_model=schemas.PanelCheck,
    dependencies=[Depends(limit("check", "rate_limit_per_minute"))],
)
async def check_panel(body: PanelCheckIn, request: Request, caller: OptionalCaller) -> Response:
    threshold = request.app.state.settings.gender_threshold
    hidden = await run_in_threadpool(_opted_out, request)
    if body.names:
        people = panel_lines.parse_lines(body.names, limit=len(body.names))
        return _as_json(
            await run_check(request, _panel_json, people, threshold, body.country, hidden)
        )
    await _url_limit(request, caller)
    snapshot = await _fetch(request, body.url or "")
    job = _agenda_panel_json
    return _as_json(await run_check(request, job, snapshot, threshold, body.country, hidden))


def _as_json(body: bytes) -> Response:
    return Response(body, media_type="application/json")


def _encode(report: dict[str, Any]) -> bytes:
    """Serialised in the worker too: encoding a large report is seconds of CPU."""
    return json.dumps(report, ensure_ascii=False, separators=(",", ":")).encode()


def _panel_json(
    refs: list[Any], threshold: float | None, country: str | None,
    hidden: tuple[str, ...],
) -> bytes:  # fmt: skip
    """In a check worker: check a panel."""
    engine = worker_engine(threshold)
    return _encode(check.check_panel(refs, engine=engine, country=country, hidden=_mask(hidden)))


def _agenda_panel_json(
    snapshot: records.Snapshot, threshold: float | None, country: str | None,
    hidden: tuple[str, ...],
) -> bytes:  # fmt: skip
    """In a check worker: parse an agenda and check everyone on it as one panel."""
    lineup = lineup_parser.parse(snapshot.content, url=snapshot.final_url)
    refs = [ref for item in lineup.sessions for ref in item.people]
    engine = worker_engine(threshold)
    return _encode(check.check_panel(refs, engine=engine, country=country, hidden=_mask(hidden)))


def _lineup_json(
    content: bytes, url: str | None, fmt: str | None, threshold: float | None,
    hidden: tuple[str, ...],
) -> bytes:  # fmt: skip
    """In a check worker: parse a lineup and report it."""
    lineup = lineup_parser.parse(content, url=url, format=fmt)
    engine = worker_engine(threshold)
    return _encode(check.check_lineup(lineup, engine=engine, hidden=_mask(hidden)))


async def _lineup_from(
    request: Request, caller: Caller | None
) -> tuple[bytes, str | None, str | None]:
    """The lineup's bytes, URL and forced format: an upload, or an agenda URL fetched."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        form = await request.form()
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise InvalidInput("send the lineup as a multipart field named 'file'")
        content = await upload.read(MAX_UPLOAD + 1)
        if len(content) > MAX_UPLOAD:
            raise InvalidInput(f"an upload is limited to {MAX_UPLOAD} bytes")
        fmt = form.get("format")
        return content, None, fmt if isinstance(fmt, str) and fmt else None
    try:
        body = UrlIn.model_validate(json.loads(await request.body() or b"null"))
    except ValidationError as exc:
        raise InvalidInput(
            f"send a file (multipart 'file') or JSON {{url}}: {describe_invalid(exc.errors())}"
        ) from None
    except ValueError:
        raise InvalidInput("send a file (multipart 'file') or JSON {url}: not JSON") from None
    await _url_limit(request, caller)
    snapshot = await _fetch(request, body.url)
    return snapshot.content, snapshot.final_url, body.format


@router.post(
    "/check/lineup",
    summary="Report a whole lineup: sessions, manels, role split, expected manels",
    response_model=schemas.LineupCheck,
    dependencies=[Depends(limit("check", "rate_limit_per_minute"))],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": UrlIn.model_json_schema()},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "file": {"type": "string", "format": "binary"},
                            "format": {"type": "string", "enum": list(lineup_parser.FORMATS)},
                        },
                        "required": ["file"],
                    }
                },
            },
        }
    },
)
async def check_lineup(request: Request, caller: OptionalCaller) -> Response:
    content, url, fmt = await _lineup_from(request, caller)
    threshold = request.app.state.settings.gender_threshold
    hidden = await run_in_threadpool(_opted_out, request)
    return _as_json(await run_check(request, _lineup_json, content, url, fmt, threshold, hidden))


@router.post(
    "/check/article",
    summary="An article's authors and cited experts (quoted or mentioned), labelled",
    dependencies=[Depends(limit("check", "rate_limit_per_minute"))],
)
async def check_article(body: ArticleCheckIn, request: Request, caller: OptionalCaller) -> Response:
    threshold = request.app.state.settings.gender_threshold
    hidden = await run_in_threadpool(_opted_out, request)
    if body.text:
        page: bytes | str = body.text
        url = None
    elif body.html:
        page, url = body.html.encode(), body.url
    else:
        await _url_limit(request, caller)
        snapshot = await _fetch(request, body.url or "")
        page, url = snapshot.content, snapshot.final_url
    job = _article_json
    return _as_json(await run_check(request, job, page, url, body.title, threshold, hidden))


def _article_json(
    page: bytes | str, url: str | None, title: str | None, threshold: float | None,
    hidden: tuple[str, ...],
) -> bytes:  # fmt: skip
    """In a check worker: read an article's HTML (bytes) or pasted text (str) and report it."""
    if isinstance(page, str):
        article = check_sources.article_from_text(page, title=title)
    else:
        article = check_sources.article_from_html(page, url=url)
    engine = worker_engine(threshold)
    return _encode(check.check_article(article, engine=engine, hidden=_mask(hidden)))


def metric_filters(
    period: Annotated[Literal["year", "month", "all"], Query()] = "year",
    series: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Event series id")] = None,
    event: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Event id")] = None,
    outlet: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Outlet id")] = None,
    country: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$")] = None,
    role: Annotated[Role | None, Query()] = None,
    start: Annotated[
        IsoDate | None, Query(alias="from", description="From (month granular)")
    ] = None,
    end: Annotated[IsoDate | None, Query(alias="to", description="To (month)")] = None,
    mode: Annotated[Literal["hard", "probabilistic"], Query()] = "hard",
) -> metrics_service.Filters:
    """The filters of every metric endpoint (DESIGN.md, Metrics)."""
    return metrics_service.Filters(
        period=period, series=series, event=event, outlet=outlet,
        country=country.upper() if country else None, role=role.value if role else None,
        start=start, end=end, mode=mode,
    )  # fmt: skip


FiltersDep = Annotated[metrics_service.Filters, Depends(metric_filters)]
PUBLIC = [Depends(limit("metrics", "rate_limit_per_minute"))]


def _metric(shape: type[BaseModel], result: dict[str, Any]) -> Response:
    """RESULT checked against its response model and serialised by pydantic in one pass:
    FastAPI's own path (validate, encode, json.dumps) took 40 ms of an 80 ms citation matrix
    at 10M citations, 77 years (issue #16)."""
    return Response(shape.model_validate(result).model_dump_json(), media_type="application/json")


@router.get(
    "/metrics/share",
    tags=["metrics"],
    dependencies=PUBLIC,
    summary="Women's share among people on panels or cited experts, per period",
    response_model=schemas.ShareResult,
)
def metric_share(
    filters: FiltersDep,
    session: SessionDep,
    scope: Annotated[Literal["panels", "citations"], Query()] = "panels",
) -> Response:
    return _metric(schemas.ShareResult, metrics_service.share(session, filters, scope=scope))


@router.get(
    "/metrics/manels",
    tags=["metrics"],
    dependencies=PUBLIC,
    summary="Manel rate per period, observed against expected at random",
    response_model=schemas.ManelsResult,
)
def metric_manels(filters: FiltersDep, session: SessionDep) -> Response:
    return _metric(schemas.ManelsResult, metrics_service.manels(session, filters))


@router.get(
    "/metrics/roles",
    tags=["metrics"],
    dependencies=PUBLIC,
    summary="Women's share among keynotes, moderators and speakers, per period",
    response_model=schemas.RolesResult,
)
def metric_roles(filters: FiltersDep, session: SessionDep) -> Response:
    return _metric(schemas.RolesResult, metrics_service.roles(session, filters))


@router.get(
    "/metrics/citations",
    tags=["metrics"],
    dependencies=PUBLIC,
    summary="Citation matrix: whom men, women and mixed teams cite, against chance",
    response_model=schemas.CitationsResult,
)
def metric_citations(filters: FiltersDep, session: SessionDep) -> Response:
    body = metrics_service.citations_encoded(session, filters, encode=_citations_json)
    return Response(body, media_type="application/json")


def _citations_json(result: dict[str, Any]) -> bytes:
    return schemas.CitationsResult.model_validate(result).model_dump_json().encode()


@router.get(
    "/export/{name}.csv",
    tags=["exports"],
    summary="People, appearances or citations as CSV, without opted-out people (viewer)",
    response_class=Response,
)
def export_csv(
    name: Literal["people", "appearances", "citations"],
    session: SessionDep,
    _caller: Annotated[Caller, Depends(require(KeyRole.VIEWER))],
) -> Response:
    # Built inside the request's transaction (a stream would outlive the session).
    body = "".join(exports.rows_as_csv(session, name))
    headers = {"content-disposition": f'attachment; filename="voicetally-{name}.csv"'}
    return Response(body, media_type="text/csv", headers=headers)
