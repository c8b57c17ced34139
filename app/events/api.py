"""Event series, events and their sessions. Counts are public; names need a viewer key."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.access.api import Caller, require
from app.access.models import KeyRole
from app.errors import NotFound
from app.events import schemas
from app.events.models import AgendaSession, Appearance, Event, EventSeries
from app.gender.models import CURRENT_LABEL
from app.people import privacy
from app.people.models import Person
from app.web_session import IdPath, IdQuery, get_session

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["events"])
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


@router.get(
    "/series",
    response_model=list[schemas.SeriesRead],
    summary="Event series with their number of editions",
)
def list_series(session: SessionDep) -> list[dict[str, Any]]:
    rows = session.execute(
        select(EventSeries.id, EventSeries.name, EventSeries.slug, func.count(Event.id))
        .outerjoin(Event, Event.series_id == EventSeries.id)
        .group_by(EventSeries.id, EventSeries.name, EventSeries.slug)
        .order_by(EventSeries.name)
    )
    seen = privacy.load(session)
    return [{"id": i, "name": seen.text(n), "slug": s, "events": c} for i, n, s, c in rows]


@router.get(
    "/events",
    response_model=schemas.EventPage,
    summary="Events with their numbers of sessions and appearances",
)
def list_events(
    session: SessionDep,
    series: IdQuery = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    sessions = (
        select(AgendaSession.event_id, func.count(AgendaSession.id).label("sessions"))
        .group_by(AgendaSession.event_id)
        .subquery()
    )
    appearances = (
        select(AgendaSession.event_id, func.count(Appearance.id).label("appearances"))
        .join(Appearance, Appearance.session_id == AgendaSession.id)
        .group_by(AgendaSession.event_id)
        .subquery()
    )
    stmt = (
        select(Event, sessions.c.sessions, appearances.c.appearances)
        .outerjoin(sessions, sessions.c.event_id == Event.id)
        .outerjoin(appearances, appearances.c.event_id == Event.id)
    )
    if series is not None:
        stmt = stmt.where(Event.series_id == series)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.execute(
        stmt.order_by(Event.starts_on.desc(), Event.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    seen = privacy.load(session)
    items = [
        {**_event(event, seen), "sessions": s or 0, "appearances": a or 0} for event, s, a in rows
    ]
    return {"items": items, "total": total, "page": page, "per_page": per_page}


def _event(event: Event, seen: privacy.Visibility) -> dict[str, Any]:
    return {
        "id": event.id, "name": seen.text(event.name), "url": event.url,
        "series_id": event.series_id,
        "starts_on": event.starts_on.isoformat() if event.starts_on else None,
        "ends_on": event.ends_on.isoformat() if event.ends_on else None,
        "location": event.location, "country": event.country,
    }  # fmt: skip


@router.get(
    "/events/{event_id}",
    response_model=schemas.EventDetail,
    summary="An event's sessions, people and labels (viewer)",
)
def get_event(
    event_id: IdPath,
    session: SessionDep,
    _caller: Annotated[Caller, Depends(require(KeyRole.VIEWER))],
) -> dict[str, Any]:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound(f"no event with id {event_id}")
    rows = session.execute(
        select(Appearance.session_id, Appearance.role, Person.id, Person.display_name,
               Person.kind, Person.opted_out, CURRENT_LABEL.c.label, CURRENT_LABEL.c.source,
               CURRENT_LABEL.c.probability)
        .join(AgendaSession, Appearance.session_id == AgendaSession.id)
        .join(Person, Person.id == Appearance.person_id)
        .join(CURRENT_LABEL, CURRENT_LABEL.c.person_id == Person.id)
        .where(AgendaSession.event_id == event_id)
    )  # fmt: skip
    seen = privacy.load(session)
    people: dict[int, list[dict[str, Any]]] = {}
    hidden: dict[int, int] = {}
    for sid, role, pid, name, kind, opted_out, label, source, probability in rows:
        if opted_out or seen.hidden(pid):  # DESIGN.md: listed nowhere, counted only as unknown
            hidden[sid] = hidden.get(sid, 0) + 1
            continue
        people.setdefault(sid, []).append({
            "person_id": pid, "name": name, "role": str(role), "kind": str(kind),
            "label": label, "source": source, "probability": probability,
        })  # fmt: skip
    sessions = [
        {"id": s.id, "title": seen.text(s.title), "kind": s.kind,
         "start": s.start.isoformat() if s.start else None,
         "people": people.get(s.id, []), "unlisted_people": hidden.get(s.id, 0)}
        for s in event.sessions
    ]  # fmt: skip
    return {**_event(event, seen), "sessions": sessions}
