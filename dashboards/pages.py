"""The public pages (server-rendered HTML), their CSV data, drill-downs, badges and plotly.js.

Filters live in the query string (period, country, role, mode; series and outlet in the path).
plotly.js (its basic bundle) is served by dashboards.assets: no CDN, the pages work offline.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from app.metrics import service as metrics_service
from app.metrics.api import FiltersDep
from app.people import privacy
from app.web_session import IdPath, get_session
from dashboards import (
    assets,
    author_pages,
    charts,
    check_pages,
    event_pages,
    rankings,
    report_pages,
    views,
)
from dashboards.charts import Context
from dashboards.render import render
from dashboards.urls import Urls

__all__ = ["error_page", "router"]

router = APIRouter(include_in_schema=False)
router.include_router(check_pages.router)
router.include_router(assets.router)
router.include_router(report_pages.router)
router.include_router(event_pages.router)
router.include_router(rankings.router)
router.include_router(author_pages.router)
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def page(template: str, *, urls: Urls, request: Request, status: int = 200, **context: Any):
    """Render a page of the site as an HTML response."""
    body = render(template, urls=urls, path=request.url.path, **context)
    return HTMLResponse(body, status_code=status)


def not_found(request: Request, urls: Urls, detail: str) -> HTMLResponse:
    return page("not_found.html", urls=urls, request=request, status=404, title="Not found",
                section="", detail=detail)  # fmt: skip


def error_page(request: Request, *, status: int, title: str, detail: str) -> HTMLResponse:
    """An error as a page of the site, for a browser (app.web answers API clients with JSON)."""
    urls = Urls(metrics_service.Filters())
    return page("not_found.html", urls=urls, request=request, status=status, title=title,
                section="", detail=detail)  # fmt: skip


def public_rule(request: Request) -> privacy.PublicRule:
    """The public-naming rule from the app's settings (VOICETALLY_PUBLIC_MIN_*)."""
    settings = request.app.state.settings
    return privacy.PublicRule(
        min_articles=settings.public_min_articles, min_events=settings.public_min_events
    )


def _context(session: Session, filters: metrics_service.Filters, request: Request) -> Context:
    return Context(session, filters, Urls(filters), public=public_rule(request))


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, session: SessionDep, filters: FiltersDep) -> HTMLResponse:
    ctx = _context(session, filters, request)
    return page("overview.html", urls=ctx.urls, request=request, section="overview",
                **views.overview_page(ctx))  # fmt: skip


@router.get("/series", response_class=HTMLResponse)
@router.get("/series/{series_id}", response_class=HTMLResponse)
def series(
    request: Request, session: SessionDep, filters: FiltersDep, series_id: IdPath | None = None
) -> HTMLResponse:
    ctx = _context(session, filters, request)
    found = views.series_page(ctx, series_id)
    if found is None:
        return not_found(request, ctx.urls, f"No event series {series_id}.")
    return page("series.html", urls=ctx.urls, request=request, section="series", **found)


@router.get("/outlets", response_class=HTMLResponse)
@router.get("/outlets/{outlet_id}", response_class=HTMLResponse)
def outlet(
    request: Request, session: SessionDep, filters: FiltersDep, outlet_id: IdPath | None = None
) -> HTMLResponse:
    ctx = _context(session, filters, request)
    found = views.outlet_page(ctx, outlet_id)
    if found is None:
        return not_found(request, ctx.urls, f"No outlet {outlet_id}.")
    return page("outlet.html", urls=ctx.urls, request=request, section="outlet", **found)


@router.get("/citations", response_class=HTMLResponse)
def citations(request: Request, session: SessionDep, filters: FiltersDep) -> HTMLResponse:
    ctx = _context(session, filters, request)
    return page("citations.html", urls=ctx.urls, request=request, section="citations",
                **views.citations_page(ctx))  # fmt: skip


@router.get("/person/{person_id}", response_class=HTMLResponse)
def person(request: Request, person_id: IdPath, session: SessionDep) -> HTMLResponse:
    ctx = _context(session, metrics_service.Filters(), request)
    viewer = author_pages.is_viewer(session, request)
    if viewer:  # DESIGN.md, public naming: a viewer key names everyone who has not opted out
        ctx = dataclasses.replace(ctx, public=None)
    found = views.person_page(ctx, person_id)
    if found is None:  # unknown, merged, opted out or not named publicly: the same 404
        return not_found(request, ctx.urls, f"No person {person_id}.")
    response = page("person.html", urls=ctx.urls, request=request, section="", **found)
    if viewer:
        response.headers["cache-control"] = "private, no-store"
    return response


@router.get("/methodology", response_class=HTMLResponse)
def methodology(request: Request) -> HTMLResponse:
    return page("methodology.html", urls=Urls(), request=request, section="methodology",
                title="Methodology", method=views.methodology(),
                rule=public_rule(request))  # fmt: skip


@router.get("/sources/{kind}", response_class=HTMLResponse)
def drill_down(
    request: Request,
    kind: Literal["panels", "articles"],
    session: SessionDep,
    filters: FiltersDep,
    period: Annotated[int | None, Query(alias="point", ge=0, le=999_912)] = None,
    status: Literal["manel", "not_manel", "undetermined"] | None = None,
    group: Literal["men", "women", "mixed", "unknown"] | None = None,
) -> HTMLResponse:
    ctx = _context(session, filters, request)
    found = views.sources_page(ctx, kind, period=period, status=status, group=group)
    return page("sources.html", urls=ctx.urls, request=request, section="", **found)


@router.get("/data/{key}.csv")
def chart_csv(key: str, request: Request, session: SessionDep, filters: FiltersDep) -> Response:
    if key not in charts.CHARTS:
        return Response(f"no chart {key}\n", status_code=404, media_type="text/plain")
    chart = charts.build(key, _context(session, filters, request))
    headers = {"content-disposition": f'attachment; filename="voicetally-{key}.csv"'}
    return Response(chart.table.to_csv(), media_type="text/csv", headers=headers)
