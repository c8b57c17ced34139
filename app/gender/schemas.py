"""API shapes for label corrections."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.gender.labels import Label
from app.web_session import IdField

__all__ = ["BulkReport", "BulkResult", "BulkRow", "CorrectionIn", "ReviewItem"]


class CorrectionIn(BaseModel):
    """An editor's correction: the label and why (DESIGN.md: a correction carries a note)."""

    label: Label
    note: str = Field(min_length=1, max_length=2000)


class BulkRow(BaseModel):
    """One row of a bulk correction: a person (by id) and their label, with why."""

    person_id: IdField
    label: Label
    note: str = Field(min_length=1, max_length=2000)


class BulkResult(BaseModel):
    row: int
    person_id: int | None
    ok: bool
    detail: str


class BulkReport(BaseModel):
    applied: int
    failed: int
    rows: list[BulkResult]


class ReviewItem(BaseModel):
    person_id: int
    name: str
    label: Label
    probability: float | None
    source: str
    appearances: int
    citations: int
