"""Sources to crawl: list (viewer), register and queue crawls (editor)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import jobs
from app.access import service as access_service
from app.access.api import Caller, require
from app.access.models import KeyRole
from app.errors import Conflict, NotFound
from app.ingest import service as ingest_service
from app.ingest.models import Source
from app.ingest.schemas import CrawlQueued, SourceIn, SourceRead
from app.web_session import IdPath, get_session

__all__ = ["router"]

router = APIRouter(prefix="/api/sources", tags=["sources"])
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
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


@router.post(
    "/{source_id}/crawl",
    status_code=202,
    response_model=CrawlQueued,
    summary="Queue a crawl of a source",
)
def queue_crawl(
    source_id: IdPath,
    request: Request,
    session: SessionDep,
    _caller: Editor,
) -> dict[str, Any]:
    if session.get(Source, source_id) is None:
        raise NotFound(f"no source with id {source_id}")
    # PostgreSQL: a job for the workers (None: a crawl of it is already waiting);
    # SQLite: started in this process in the background.
    job_id = jobs.queue_crawl(request.app.state.settings, source_id)
    return {"source_id": source_id, "queued": True, "job_id": job_id}
