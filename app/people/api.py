"""People endpoints: search and detail (viewer key; an opted-out person is 404 but for admin)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.access import service as access_service
from app.access.api import Caller, require
from app.access.models import KeyRole
from app.articles.models import Article, Citation
from app.errors import NotFound
from app.events.models import AgendaSession, Appearance, Event
from app.gender import service as gender_service
from app.gender.labels import Label
from app.gender.models import GenderLabel
from app.people import identity, privacy
from app.people import service as people_service
from app.people.schemas import (
    AppearanceRead,
    CitationRead,
    KindIn,
    LabelRead,
    MergeIn,
    MergeResult,
    PersonDetail,
    PersonPage,
    PersonRead,
    SplitIn,
    SplitResult,
    UndoResult,
)
from app.web_session import IdPath, get_session

__all__ = ["router"]

router = APIRouter(prefix="/api/people", tags=["people"])
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
Viewer = Annotated[Caller, Depends(require(KeyRole.VIEWER))]


@router.get("", response_model=PersonPage, summary="Search people by name, label and source")
def list_people(
    session: SessionDep,
    caller: Viewer,
    q: Annotated[str | None, Query(max_length=300, description="Part of a name")] = None,
    label: Label | None = None,
    source: Annotated[str | None, Query(max_length=20)] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=500)] = 50,
) -> PersonPage:
    rows, total = people_service.search(
        session,
        query=q,
        label=label.value if label else None,
        source=source,
        page=page,
        per_page=per_page,
        include_opted_out=caller.has(KeyRole.ADMIN),
    )
    seen = privacy.load(session)
    admin = caller.has(KeyRole.ADMIN)
    items = [
        PersonRead(
            id=person.id,
            name=person.display_name,
            kind=person.kind.value,
            kind_reason=person.kind_reason,
            honorific=person.honorific,
            affiliation=person.affiliation,
            country=person.country,
            label=Label(row.label),
            probability=row.probability,
            source=row.source,
        )
        for person, row in rows
        if admin or not seen.hidden(person.id)
    ]
    return PersonPage(items=items, total=total, page=page, per_page=per_page)


@router.get("/{person_id}", response_model=PersonDetail, summary="A person with label history")
def get_person(person_id: IdPath, session: SessionDep, caller: Viewer) -> PersonDetail:
    person = people_service.get(session, person_id)
    seen = privacy.load(session)
    if seen.hidden(person.id) and not caller.has(KeyRole.ADMIN):
        raise NotFound(f"no person with id {person_id}")
    if person.merged_into_id is not None:
        raise NotFound(f"no person with id {person_id}: merged into {person.merged_into_id}")
    current = gender_service.current_label(session, person.id)
    if current is None:
        raise NotFound(f"no person with id {person_id}")
    evidence_row = session.get(GenderLabel, current.label_id) if current.label_id else None
    return PersonDetail(
        id=person.id,
        name=person.display_name,
        kind=person.kind.value,
        kind_reason=person.kind_reason,
        honorific=person.honorific,
        affiliation=person.affiliation,
        country=person.country,
        label=current.label,
        probability=current.probability,
        source=current.source,
        opted_out=seen.hidden(person.id),
        evidence=evidence_row.evidence if evidence_row else [],
        history=[
            LabelRead.model_validate(row)
            for row in session.scalars(
                select(GenderLabel)
                .where(GenderLabel.person_id.in_(identity.members(person.id)))
                .order_by(GenderLabel.id)
            )
        ],
        appearances=_appearances(session, person.id, seen),
        citations=_citations(session, person.id, seen),
    )


def _appearances(
    session: Session, person_id: int, seen: privacy.Visibility
) -> list[AppearanceRead]:
    rows = session.execute(
        select(Appearance.role, AgendaSession.id, AgendaSession.title, Event.id, Event.name,
               Event.starts_on)
        .join(AgendaSession, Appearance.session_id == AgendaSession.id)
        .join(Event, AgendaSession.event_id == Event.id)
        .where(Appearance.person_id.in_(identity.members(person_id)))
        .order_by(Event.starts_on.desc(), AgendaSession.position)
        .limit(500)
    )  # fmt: skip
    return [
        AppearanceRead(
            session_id=sid,
            session_title=seen.text(title) or "",
            event_id=eid,
            event_name=seen.text(ename) or "",
            starts_on=starts.isoformat() if starts else None,
            role=role.value,
        )
        for role, sid, title, eid, ename, starts in rows
    ]


def _citations(session: Session, person_id: int, seen: privacy.Visibility) -> list[CitationRead]:
    rows = session.execute(
        select(Citation.quoted, Citation.mentions, Article.id, Article.title, Article.url,
               Article.published)
        .join(Article, Citation.article_id == Article.id)
        .where(Citation.person_id.in_(identity.members(person_id)))
        .order_by(Article.published.desc())
        .limit(500)
    )  # fmt: skip
    return [
        CitationRead(
            article_id=aid,
            title=seen.text(title),
            url=url,
            published=published,
            quoted=quoted,
            mentions=mentions,
        )
        for quoted, mentions, aid, title, url, published in rows
    ]


Editor = Annotated[Caller, Depends(require(KeyRole.EDITOR))]


@router.post("/{person_id}/merge", response_model=MergeResult, summary="Merge a duplicate (editor)")
def merge_people(
    person_id: IdPath, body: MergeIn, session: SessionDep, caller: Editor
) -> MergeResult:
    entry = identity.merge(session, keep_id=person_id, other_id=body.other_id, actor=caller.actor)
    moved = (entry.after or {}).get("counted_rows", {})
    return MergeResult(person_id=person_id, merged_id=body.other_id, moved=moved, audit_id=entry.id)


@router.post(
    "/{person_id}/kind", response_model=PersonRead, summary="Person or organisation (editor)"
)
def set_kind(person_id: IdPath, body: KindIn, session: SessionDep, caller: Editor) -> PersonRead:
    person = people_service.get(session, person_id)
    before = {"kind": person.kind.value, "reason": person.kind_reason}
    person = people_service.set_kind(session, person_id=person_id, kind=body.kind, note=body.note)
    access_service.audit(
        session, actor=caller.actor, action="person.kind", entity="person", entity_id=person.id,
        before=before, after={"kind": person.kind.value, "reason": person.kind_reason},
        note=body.note,
    )  # fmt: skip
    current = gender_service.current_label(session, person.id)
    return PersonRead(
        id=person.id, name=person.display_name, kind=person.kind.value,
        kind_reason=person.kind_reason, honorific=person.honorific,
        affiliation=person.affiliation, country=person.country,
        label=current.label if current else Label.UNKNOWN,
        probability=current.probability if current else None,
        source=current.source if current else "none",
    )  # fmt: skip


@router.post(
    "/{person_id}/split", response_model=SplitResult, summary="Split off a namesake (editor)"
)
def split_person(
    person_id: IdPath, body: SplitIn, session: SessionDep, caller: Editor
) -> SplitResult:
    rows = identity.SplitRows(
        appearances=tuple(body.appearances),
        authorships=tuple(body.authorships),
        citations=tuple(body.citations),
    )
    entry = identity.split(session, person_id=person_id, rows=rows, actor=caller.actor)
    after = entry.after or {}
    return SplitResult(
        person_id=person_id, new_person_id=after["new_person_id"], moved=after["moved"],
        audit_id=entry.id,
    )  # fmt: skip


@router.post(
    "/changes/{audit_id}/undo", response_model=UndoResult, summary="Undo a merge or split (editor)"
)
def undo_change(audit_id: IdPath, session: SessionDep, caller: Editor) -> UndoResult:
    entry = identity.undo(session, entry_id=audit_id, actor=caller.actor)
    return UndoResult(undone=audit_id, audit_id=entry.id)
