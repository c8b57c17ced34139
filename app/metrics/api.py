"""Quick checks (nothing stored) and the public metrics endpoints (DESIGN.md, Metrics)."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from app.access.api import Caller, optional_caller, require
from app.access.models import KeyRole
from app.access.ratelimit import enforce, limit
from app.errors import InvalidInput, SourceFailed
from app.ingest import pipeline
from app.metrics import check, check_sources, exports, panel_lines, plain_errors
from app.metrics import service as metrics_service
from app.metrics.schemas import ArticleCheckIn, PanelCheckIn, UrlIn
from app.web_session import MAX_ID, gender_engine, get_session
from scrapers import lineup as lineup_parser
from scrapers import records
from scrapers.errors import FetchError
from scrapers.records import Role

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["checks"])
MAX_UPLOAD = 5_000_000
SessionDep = Annotated[Session, Depends(get_session)]


async def _fetch(request: Request, url: str) -> records.Snapshot:
    try:
        return await pipeline.fetch_url(url, settings=request.app.state.settings)
    except FetchError as exc:  # plain words first, the technical reason after (issue #15)
        raise SourceFailed(f"{plain_errors.plain_words(exc)} ({exc})") from exc


def _url_limit(request: Request, caller: Caller | None) -> None:
    enforce(request, "check-url", "check_url_rate_limit_per_minute", keyed=caller is not None)


OptionalCaller = Annotated[Caller | None, Depends(optional_caller)]


@router.post(
    "/check/panel",
    summary="Label a panel's names (or an agenda URL's people) and report its balance",
    dependencies=[Depends(limit("check", "rate_limit_per_minute"))],
)
async def check_panel(
    body: PanelCheckIn, request: Request, caller: OptionalCaller
) -> dict[str, Any]:
    engine = gender_engine(request)
    if body.names:
        people = panel_lines.parse_lines(body.names, limit=len(body.names))
        return check.check_panel(people, engine=engine, country=body.country)
    _url_limit(request, caller)
    snapshot = await _fetch(request, body.url or "")
    lineup = lineup_parser.parse(snapshot.content, url=snapshot.final_url)
    refs = [ref for session in lineup.sessions for ref in session.people]
    return check.check_panel(refs, engine=engine, country=body.country)


async def _lineup_from(request: Request, caller: Caller | None) -> records.Lineup:
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
        return lineup_parser.parse(content, format=fmt if isinstance(fmt, str) and fmt else None)
    try:
        body = UrlIn.model_validate(json.loads(await request.body() or b"null"))
    except (ValueError, ValidationError) as exc:
        raise InvalidInput(f"send a file (multipart 'file') or JSON {{url}}: {exc}") from None
    _url_limit(request, caller)
    snapshot = await _fetch(request, body.url)
    return lineup_parser.parse(snapshot.content, url=snapshot.final_url, format=body.format)


@router.post(
    "/check/lineup",
    summary="Report a whole lineup: sessions, manels, role split, expected manels",
    dependencies=[Depends(limit("check", "rate_limit_per_minute"))],
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {"schema": UrlIn.model_json_schema()},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "file": {"type": "string", "format": "binary"},
                            "format": {"type": "string"},
                        },
                        "required": ["file"],
                    }
                },
            }
        }
    },
)
async def check_lineup(request: Request, caller: OptionalCaller) -> dict[str, Any]:
    lineup = await _lineup_from(request, caller)
    return check.check_lineup(lineup, engine=gender_engine(request))


@router.post(
    "/check/article",
    summary="An article's authors and cited experts (quoted or mentioned), labelled",
    dependencies=[Depends(limit("check", "rate_limit_per_minute"))],
)
async def check_article(
    body: ArticleCheckIn, request: Request, caller: OptionalCaller
) -> dict[str, Any]:
    engine = gender_engine(request)
    if body.text:
        article = check_sources.article_from_text(body.text, title=body.title)
    elif body.html:
        article = check_sources.article_from_html(body.html.encode(), url=body.url)
    else:
        _url_limit(request, caller)
        snapshot = await _fetch(request, body.url or "")
        article = check_sources.article_from_html(snapshot.content, url=snapshot.final_url)
    return check.check_article(article, engine=engine)


def metric_filters(
    period: Annotated[Literal["year", "month", "all"], Query()] = "year",
    series: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Event series id")] = None,
    event: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Event id")] = None,
    outlet: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Outlet id")] = None,
    country: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$")] = None,
    role: Annotated[Role | None, Query()] = None,
    start: Annotated[date | None, Query(alias="from", description="From (month granular)")] = None,
    end: Annotated[date | None, Query(alias="to", description="To (month granular)")] = None,
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


@router.get(
    "/metrics/share",
    tags=["metrics"],
    dependencies=PUBLIC,
    summary="Women's share among people on panels or cited experts, per period",
)
def metric_share(
    filters: FiltersDep,
    session: SessionDep,
    scope: Annotated[Literal["panels", "citations"], Query()] = "panels",
) -> dict[str, Any]:
    return metrics_service.share(session, filters, scope=scope)


@router.get(
    "/metrics/manels",
    tags=["metrics"],
    dependencies=PUBLIC,
    summary="Manel rate per period, observed against expected at random",
)
def metric_manels(filters: FiltersDep, session: SessionDep) -> dict[str, Any]:
    return metrics_service.manels(session, filters)


@router.get(
    "/metrics/roles",
    tags=["metrics"],
    dependencies=PUBLIC,
    summary="Women's share among keynotes, moderators and speakers, per period",
)
def metric_roles(filters: FiltersDep, session: SessionDep) -> dict[str, Any]:
    return metrics_service.roles(session, filters)


@router.get(
    "/metrics/citations",
    tags=["metrics"],
    dependencies=PUBLIC,
    summary="Citation matrix: whom men, women and mixed teams cite, against chance",
)
def metric_citations(filters: FiltersDep, session: SessionDep) -> dict[str, Any]:
    return metrics_service.citations(session, filters)


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
