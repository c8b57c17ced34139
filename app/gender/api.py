"""Label corrections by editors (audited, appended, never overwriting), bulk, and review."""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from app.access.api import Caller, require
from app.access.models import KeyRole
from app.errors import InvalidInput, VoicetallyError
from app.gender import service as gender_service
from app.gender.labels import Label
from app.gender.schemas import BulkReport, BulkResult, BulkRow, CorrectionIn, ReviewItem
from app.people import privacy
from app.people.schemas import LabelRead
from app.web_session import IdPath, get_session

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["labels"])
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
Editor = Annotated[Caller, Depends(require(KeyRole.EDITOR))]
MAX_BULK_BYTES = 5_000_000


@router.post(
    "/people/{person_id}/labels",
    status_code=201,
    response_model=LabelRead,
    summary="Correct a person's label (editor)",
)
def correct_label(
    person_id: IdPath, body: CorrectionIn, session: SessionDep, caller: Editor
) -> LabelRead:
    row = gender_service.correct(
        session, person_id=person_id, label=body.label, note=body.note, actor=caller.actor
    )
    return LabelRead.model_validate(row)


@router.get("/review", response_model=list[ReviewItem], summary="Unsure labels that weigh most")
def review(
    session: SessionDep,
    _caller: Annotated[Caller, Depends(require(KeyRole.VIEWER))],
    max_probability: Annotated[float, Query(ge=0, le=1)] = 0.9,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[ReviewItem]:
    rows = gender_service.review_queue(session, max_probability=max_probability, limit=limit)
    seen = privacy.load(session)
    return [
        ReviewItem(
            person_id=row.person_id,
            name=row.display_name,
            label=Label(row.label),
            probability=row.probability,
            source=row.source,
            appearances=row.appearances,
            citations=row.citations,
        )
        for row in rows
        if not seen.hidden(row.person_id)
    ]


async def _bulk_rows(request: Request) -> list[dict[str, object]]:
    """The uploaded rows (CSV or a JSON list), read without holding a database session."""
    raw = bytearray()
    async for chunk in request.stream():
        raw.extend(chunk)
        if len(raw) > MAX_BULK_BYTES:
            raise InvalidInput(f"a bulk upload is limited to {MAX_BULK_BYTES} bytes")
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    text = raw.decode("utf-8-sig", errors="replace")
    if kind in ("text/csv", "application/csv"):
        reader = csv.DictReader(io.StringIO(text, newline=""))
        try:
            missing = {"person_id", "label", "note"} - set(reader.fieldnames or [])
            if missing:
                raise InvalidInput(f"the CSV lacks the column(s) {', '.join(sorted(missing))}")
            return [dict(row) for row in reader]
        except csv.Error as exc:  # found by schemathesis: a 500 before (issue 14)
            raise InvalidInput(f"the CSV cannot be read: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"the body is neither CSV (text/csv) nor JSON: {exc}") from None
    if not isinstance(data, list):
        raise InvalidInput("the JSON body must be a list of {person_id, label, note}")
    return [row if isinstance(row, dict) else {"row": row} for row in data]


@router.post(
    "/labels/bulk",
    response_model=BulkReport,
    summary="Correct many labels at once, all or nothing (editor; CSV or JSON list)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
                "text/csv": {  # the header the reader requires, so the schema says it
                    "schema": {"type": "string", "pattern": "^person_id,label,note(\\r?\\n|$)"}
                },
            },
        }
    },
)
def bulk_labels(
    rows: Annotated[list[dict[str, object]], Depends(_bulk_rows)],
    session: SessionDep,
    caller: Editor,
) -> BulkReport:
    # A sync handler on the request's own session (one session, one transaction per request);
    # the body is read by the async dependency before it.
    adapter = TypeAdapter(BulkRow)
    results: list[BulkResult] = []
    everything = session.begin_nested()  # all or nothing, inside the request's transaction
    for number, raw in enumerate(rows, start=1):
        try:
            item = adapter.validate_python(raw)
            with session.begin_nested():
                gender_service.correct(
                    session, person_id=item.person_id, label=item.label, note=item.note,
                    actor=caller.actor,
                )  # fmt: skip
            results.append(BulkResult(row=number, person_id=item.person_id, ok=True,
                                      detail=f"now {item.label.value}"))  # fmt: skip
        except (ValidationError, VoicetallyError) as exc:
            detail = exc.detail if isinstance(exc, VoicetallyError) else _first_error(exc)
            person = raw.get("person_id")
            results.append(BulkResult(row=number, person_id=person if isinstance(person, int)
                                      else None, ok=False, detail=detail))  # fmt: skip
    failed = sum(not r.ok for r in results)
    if failed:
        everything.rollback()
    else:
        everything.commit()
    applied = 0 if failed else len(results)
    return BulkReport(applied=applied, failed=failed, rows=results)


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    return f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}"
