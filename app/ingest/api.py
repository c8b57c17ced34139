"""Sources to crawl: list (viewer), register and queue crawls (editor)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.access import service as access_service
from app.access.api import Caller, require
from app.access.models import KeyRole
from app.errors import Conflict, NotFound
from app.ingest import crawl
from app.ingest import service as ingest_service
from app.ingest.models import Source
from app.ingest.schemas import SourceIn, SourceRead
from app.web_session import IdPath, gender_engine, get_session

__all__ = ["router"]

router = APIRouter(prefix="/api/sources", tags=["sources"])
SessionDep = Annotated[Session, Depends(get_session)]
Editor = Annotated[Caller, Depends(require(KeyRole.EDITOR))]


@router.get("", response_model=list[SourceRead], summary="Registered sources (viewer)")
def list_sources(
    session: SessionDep, _caller: Annotated[Caller, Depends(require(KeyRole.VIEWER))]
) -> list[Source]:
    return list(session.scalars(select(Source).order_by(Source.id)))


@router.post("", status_code=201, response_model=SourceRead, summary="Register a source")
def create_source(body: SourceIn, session: SessionDep, caller: Editor) -> Source:
    if session.scalar(select(Source).where(Source.url == body.url)) is not None:
        raise Conflict(f"the source {body.url} is registered already")
    source = Source(url=body.url, kind=body.kind, format=body.format, schedule=body.schedule)
    if body.series:
        source.series_id = ingest_service.series_row(session, body.series).id
    session.add(source)
    session.flush()
    access_service.audit(
        session, actor=caller.actor, action="source.create", entity="source",
        entity_id=source.id, after={"url": source.url, "kind": source.kind.value},
    )  # fmt: skip
    return source


@router.post("/{source_id}/crawl", status_code=202, summary="Queue a crawl of a source")
def queue_crawl(
    source_id: IdPath,
    request: Request,
    background: BackgroundTasks,
    session: SessionDep,
    _caller: Editor,
) -> dict[str, Any]:
    if session.get(Source, source_id) is None:
        raise NotFound(f"no source with id {source_id}")
    # In-process on the embedded default; PostgreSQL deployments queue it for workers (#8).
    background.add_task(
        crawl.crawl_source,
        request.app.state.sessionmaker,
        source_id,
        settings=request.app.state.settings,
        engine=gender_engine(request),
    )
    return {"source_id": source_id, "queued": True}
