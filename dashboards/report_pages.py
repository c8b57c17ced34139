"""Saved reports: the permalink page (with Open Graph tags naming its image) and its result
image as SVG and PNG (issue #15). People who opted out since are masked in all three.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from app.errors import Gone, NotFound, VoicetallyError
from app.metrics import reports
from app.metrics.reports_models import SavedReport
from app.web_session import get_session
from dashboards import check_view, result_image
from dashboards.render import render
from dashboards.urls import Urls

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
# A mistyped address is a report not found (404), like an unknown slug, never a 422.
SLUG_RE = re.compile(r"[A-Za-z0-9_-]{8,32}")
WHAT = {"panel": "the panel's speakers", "lineup": "the agenda's speakers",
        "article": "the people the article cites"}  # fmt: skip
IMAGE_CACHE = {"cache-control": "public, max-age=3600"}


def _row(request: Request, session: Session, slug: str) -> SavedReport | VoicetallyError:
    """The report SLUG, or why there is none: not found, or expired (Gone, and deleted)."""
    ttl = timedelta(days=request.app.state.settings.report_ttl_days)
    if SLUG_RE.fullmatch(slug) is None:
        return NotFound("no saved report here")
    try:
        return reports.get(session, slug, ttl=ttl)
    except (NotFound, Gone) as exc:
        return exc


def _missing(request: Request, why: VoicetallyError) -> HTMLResponse:
    detail = "This saved report has expired." if isinstance(why, Gone) else (
        "No saved report here.")  # fmt: skip
    body = render("not_found.html", urls=Urls(), title=why.title, section="", detail=detail)
    return HTMLResponse(body, status_code=why.status)


def _plain_missing(why: VoicetallyError) -> Response:
    text = "this saved report has expired\n" if isinstance(why, Gone) else "no saved report here\n"
    return Response(text, status_code=why.status, media_type="text/plain")


def _card(session: Session, row: SavedReport) -> tuple[result_image.ResultCard, dict, str]:
    """The image card, the masked report and the title (never an opted-out person's name)."""
    title = reports.public_title(session, row) or "A saved report"
    report = reports.without_opted_out(session, row.report)
    shaped = check_view.report(row.kind, report)  # type: ignore[arg-type]
    date = row.created_at.date().isoformat() if row.created_at else "the day"
    card = result_image.card(title, shaped["balance"], what=WHAT.get(row.kind, "people"),
                             date=date)  # fmt: skip
    return card, report, title


@router.get("/report/{slug}.svg")
def report_svg(request: Request, slug: str, session: SessionDep) -> Response:
    row = _row(request, session, slug)
    if isinstance(row, VoicetallyError):
        return _plain_missing(row)
    card, _, _ = _card(session, row)
    return Response(result_image.svg(card), media_type="image/svg+xml", headers=IMAGE_CACHE)


@router.get("/report/{slug}.png")
def report_png(request: Request, slug: str, session: SessionDep) -> Response:
    row = _row(request, session, slug)
    if isinstance(row, VoicetallyError):
        return _plain_missing(row)
    card, _, _ = _card(session, row)
    return Response(result_image.png(card), media_type="image/png", headers=IMAGE_CACHE)


# Registered last: "/report/{slug}" would otherwise take "/report/x.svg" and refuse its slug.
@router.get("/report/{slug}", response_class=HTMLResponse)
def saved_report(request: Request, slug: str, session: SessionDep) -> HTMLResponse:
    row = _row(request, session, slug)
    if isinstance(row, VoicetallyError):
        return _missing(request, row)
    card, report, title = _card(session, row)
    base = str(request.base_url).rstrip("/")
    share = {"url": f"{base}/report/{slug}", "png": f"{base}/report/{slug}.png",
             "svg": f"/report/{slug}.svg", "caption": card.caption, "big": card.big,
             "counts": card.counts}  # fmt: skip
    body = render(
        "check.html", urls=Urls(), path=f"/report/{slug}", title=title, section="check",
        form={}, report=check_view.report(row.kind, report), error=None, saved=True,  # type: ignore[arg-type]
        share=share, contact=request.app.state.settings.contact_url,
    )  # fmt: skip
    return HTMLResponse(body)
