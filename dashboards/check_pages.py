"""The check page: paste names, give an agenda URL or upload a lineup; a report comes back.

Nothing is stored. The same quick checks as POST /api/check/* (app.metrics.check), rate limited
the same way.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from app.access.ratelimit import enforce, limit
from app.errors import REFUSED_FETCHES, Gone, NotFound, VoicetallyError
from app.ingest import pipeline
from app.metrics import check, reports
from app.web_session import get_session
from app.workers import run_check, worker_engine
from dashboards import check_view
from dashboards.render import render
from dashboards.urls import Urls
from scrapers import lineup as lineup_parser
from scrapers import records
from scrapers.errors import ParseError, ScrapeError

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
SessionDep = Annotated[Session, Depends(get_session)]
Slug = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{8,32}$")]
MAX_UPLOAD = 5_000_000
MAX_NAMES = 200
COUNTRY_LENGTH = 2


def _page(request: Request, *, status: int = 200, **context: Any) -> HTMLResponse:
    form = {"names": "", "country": "", "url": "", **context.pop("form", {})}
    body = render(
        "check.html", urls=Urls(), path="/check", title=context.get("title", "Check a panel"),
        section="check", form=form, report=context.get("report"), error=context.get("error"),
        saved=context.get("saved", False),
    )  # fmt: skip
    return HTMLResponse(body, status_code=status)


@router.get("/check", response_class=HTMLResponse)
def check_form(request: Request) -> HTMLResponse:
    return _page(request)


@router.post(
    "/check",
    response_class=HTMLResponse,
    dependencies=[Depends(limit("check", "rate_limit_per_minute"))],
)
async def check_submit(request: Request, session: SessionDep) -> Response:
    form = await request.form()
    fields = {name: str(form.get(name) or "").strip() for name in ("names", "country", "url")}
    upload = form.get("file")
    country = fields["country"].upper() if len(fields["country"]) == COUNTRY_LENGTH else None
    try:
        found = await _report(request, fields, upload, country)
    except ParseError as exc:
        return _page(request, status=422, form=fields, error=f"Could not read it: {exc}")
    except ScrapeError as exc:
        status = 422 if isinstance(exc, REFUSED_FETCHES) else 502
        return _page(request, status=status, form=fields, error=f"Could not fetch it: {exc}")
    except VoicetallyError as exc:
        return _page(request, status=exc.status, form=fields, error=exc.detail)
    if found is None:
        return _page(request, status=422, form=fields,
                     error="Paste some names, give a URL or choose a file.")  # fmt: skip
    kind, result = found
    if form.get("save"):
        title = result["event"]["name"] if kind == "lineup" else None
        try:
            await enforce(request, "report", "report_rate_limit_per_hour", keyed=False)
            row = reports.save(session, kind=kind, report=result, title=title,
                               **_report_limits(request))  # fmt: skip
        except VoicetallyError as exc:
            return _page(request, status=exc.status, form=fields, error=exc.detail)
        return RedirectResponse(f"/report/{row.slug}", status_code=303)
    return _page(request, form=fields, report=_shape(kind, result))


def _report_limits(request: Request) -> dict[str, Any]:
    settings = request.app.state.settings
    return {"max_bytes": settings.report_max_bytes,
            "ttl": timedelta(days=settings.report_ttl_days)}  # fmt: skip


def _shape(kind: str, result: dict[str, Any]) -> dict[str, Any]:
    if kind == "lineup":
        return check_view.lineup_report(result)
    return check_view.panel_report(result)


@router.get("/report/{slug}", response_class=HTMLResponse)
def saved_report(request: Request, slug: Slug, session: SessionDep) -> HTMLResponse:
    try:
        row = reports.get(session, slug, ttl=_report_limits(request)["ttl"])
    except (NotFound, Gone) as exc:
        detail = "This saved report has expired." if isinstance(exc, Gone) else (
            "No saved report here.")  # fmt: skip
        body = render("not_found.html", urls=Urls(), title=exc.title, section="",
                      detail=detail)  # fmt: skip
        return HTMLResponse(body, status_code=exc.status)
    report = reports.without_opted_out(session, row.report)
    title = f"Saved report: {row.title}" if row.title else "Saved report"
    return _page(request, report=_shape(row.kind, report), saved=True, title=title)


async def _report(
    request: Request, fields: dict[str, str], upload: Any, country: str | None
) -> tuple[str, dict[str, Any]] | None:
    threshold = request.app.state.settings.gender_threshold
    if isinstance(upload, UploadFile) and upload.filename:
        content = await upload.read(MAX_UPLOAD + 1)
        if len(content) > MAX_UPLOAD:
            raise ParseError(f"an upload is limited to {MAX_UPLOAD} bytes", source="upload")
        return "lineup", await run_check(request, _lineup, content, upload.filename, threshold)
    names = [line.strip() for line in fields["names"].splitlines() if line.strip()]
    if names:
        refs = [records.PersonRef(name=name[:300]) for name in names[:MAX_NAMES]]
        return "panel", await run_check(request, _panel, refs, threshold, country)
    if fields["url"]:
        await enforce(request, "check-url", "check_url_rate_limit_per_minute", keyed=False)
        snapshot = await pipeline.fetch_url(fields["url"], settings=request.app.state.settings)
        job = _lineup
        return "lineup", await run_check(request, job, snapshot.content, snapshot.final_url,
                                         threshold)  # fmt: skip
    return None


def _lineup(content: bytes, url: str | None, threshold: float | None) -> dict[str, Any]:
    """In a check worker (app.workers): parse and report a lineup off the event loop."""
    lineup = lineup_parser.parse(content, url=url)
    return check.check_lineup(lineup, engine=worker_engine(threshold))


def _panel(
    refs: list[records.PersonRef], threshold: float | None, country: str | None
) -> dict[str, Any]:
    """In a check worker: label a pasted panel."""
    return check.check_panel(refs, engine=worker_engine(threshold), country=country)


def _result_page(
    request: Request, fields: dict[str, str], kind: str, result: dict[str, Any]
) -> HTMLResponse:
    """In a worker thread: shape and render a report (seconds for a large lineup)."""
    return _page(request, form=fields, report=_shape(kind, result))
