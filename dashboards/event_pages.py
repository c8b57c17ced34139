"""An event edition's page (panels, speakers, roles, each panel's balance, its badge and embed
code, a "what if" re-check) and women experts for a topic (issue #15)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from app.metrics import editions
from app.metrics import service as metrics_service
from app.people import privacy
from app.web_session import IdPath, IdQuery, get_session
from dashboards import badge
from dashboards.render import render
from dashboards.urls import Urls

__all__ = ["badge_svg", "router"]

router = APIRouter(include_in_schema=False)
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
BADGE_CACHE = {"cache-control": "public, max-age=300"}


def badge_svg(session: Session, event_id: int) -> str | None:
    """The badge of edition EVENT_ID (None when there is no such edition)."""
    event = editions.edition_header(session, event_id)
    if event is None:
        return None
    filters = metrics_service.Filters(event=event_id, period="all")
    share = metrics_service.share(session, filters, scope="panels")["rows"]
    manels = metrics_service.manels(session, filters)["rows"]
    year = event["starts_on"].year if event["starts_on"] else None
    return badge.event_badge(share[0] if share else None, manels[0] if manels else None,
                             name=event["name"], year=year)  # fmt: skip


@router.get("/badge/event/{event_id}.svg")
def event_badge(event_id: IdPath, session: SessionDep) -> Response:
    svg = badge_svg(session, event_id)
    if svg is None:
        return Response("no such event\n", status_code=404, media_type="text/plain")
    return Response(svg, media_type="image/svg+xml", headers=BADGE_CACHE)


def _rule(request: Request) -> privacy.PublicRule:
    """The public-naming rule of the app's settings (DESIGN.md, public naming)."""
    settings = request.app.state.settings
    return privacy.PublicRule(
        min_articles=settings.public_min_articles, min_events=settings.public_min_events
    )


def _page(request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    body = render(template, urls=Urls(), path=request.url.path,
                  contact=request.app.state.settings.contact_url, **context)  # fmt: skip
    return HTMLResponse(body, status_code=status)


def draft_lines(panel: dict[str, Any]) -> str:
    """A panel as pasted lines for the "what if" form: named people by name, the others as a
    placeholder carrying only their role, so nobody unnamed is revealed."""
    lines = []
    for person in panel["people"]:
        if not person["counted"]:
            continue
        role = "" if person["role"] == "speaker" else f" ({person['role']})"
        lines.append((person["name"] or "Unnamed speaker") + role)
    return "\n".join(lines)


@router.get("/event/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: IdPath, session: SessionDep) -> HTMLResponse:
    found = editions.edition(session, event_id, rule=_rule(request))
    if found is None:
        return _page(request, "not_found.html", status=404, title="Not found", section="",
                     detail=f"No event {event_id}.")  # fmt: skip
    base = str(request.base_url).rstrip("/")
    embed = (f'<a href="{base}/event/{event_id}"><img src="{base}/badge/event/{event_id}.svg" '
             f'alt="Women on stage at {found["event"].name}"></a>')  # fmt: skip
    return _page(request, "event.html", title=found["event"].name, section="series",
                 edition=found, embed=embed, draft=draft_lines)  # fmt: skip


@router.get("/suggest", response_class=HTMLResponse)
def suggest_page(
    request: Request,
    session: SessionDep,
    topic: Annotated[str, Query(max_length=300)] = "",
    event: IdQuery = None,
) -> HTMLResponse:
    found = editions.suggest_women(session, topic, rule=_rule(request)) if topic.strip() else []
    return _page(
        request, "suggest.html", title="Women experts on a topic", section="series",
        topic=topic, found=found, words=editions.topic_words(topic), event=event,
    )  # fmt: skip
