"""API shapes for people: PersonRead in lists, PersonDetail with history and appearances."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.gender.labels import Label
from app.web_session import IdField
from scrapers.records import PersonKind

__all__ = [
    "AppearanceRead",
    "CitationRead",
    "KindIn",
    "LabelRead",
    "MergeIn",
    "MergeResult",
    "PersonDetail",
    "PersonPage",
    "PersonRead",
]


class PersonRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    kind: str
    kind_reason: str | None = Field(
        default=None, description="Why a person or an organisation (an editor's call sticks)"
    )
    honorific: str | None = None
    affiliation: str | None = None
    country: str | None = None
    label: Label
    probability: float | None = None
    source: str = Field(description="self_id, correction, wikidata, text, name, none or opt_out")


class PersonPage(BaseModel):
    items: list[PersonRead]
    total: int
    page: int
    per_page: int


class LabelRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    label: Label
    source: str
    probability: float | None = None
    evidence: list[dict[str, Any]] = []
    actor: str | None = None
    note: str | None = None
    created_at: datetime


class AppearanceRead(BaseModel):
    session_id: int
    session_title: str
    event_id: int
    event_name: str
    starts_on: str | None = None
    role: str


class CitationRead(BaseModel):
    article_id: int
    title: str | None = None
    url: str
    published: datetime | None = None
    quoted: bool
    mentions: int


class PersonDetail(PersonRead):
    opted_out: bool = False
    evidence: list[dict[str, Any]] = []
    history: list[LabelRead] = []
    appearances: list[AppearanceRead] = []
    citations: list[CitationRead] = []


class MergeIn(BaseModel):
    other_id: IdField = Field(description="The duplicate, merged into the person in the path")


class MergeResult(BaseModel):
    person_id: int
    merged_id: int
    moved: dict[str, int] = Field(description="Rows now counted for the person, by table")
    audit_id: int = Field(description="Undo with POST /api/people/changes/{audit_id}/undo")


class KindIn(BaseModel):
    """An editor's decision: a person (counted) or an organisation (listed, never counted)."""

    kind: PersonKind
    note: str = Field(min_length=1, max_length=2000, description="Why (kept in the audit log)")


SPLIT_ROWS = ("appearances", "authorships", "citations")


class SplitIn(BaseModel):
    """The rows that belong to a namesake: they move to a new person of the same name. At least
    one row, and the schema says so (anyOf), so a client can tell from it alone."""

    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [{"required": [name], "properties": {name: {"minItems": 1}}}
                      for name in SPLIT_ROWS]
        }
    )  # fmt: skip

    appearances: list[IdField] = Field(default_factory=list, max_length=10_000)
    authorships: list[IdField] = Field(default_factory=list, max_length=10_000)
    citations: list[IdField] = Field(default_factory=list, max_length=10_000)

    @model_validator(mode="after")
    def _some_rows(self) -> SplitIn:
        if not any(getattr(self, name) for name in SPLIT_ROWS):
            raise ValueError("choose at least one appearance, authorship or citation to split off")
        return self


class SplitResult(BaseModel):
    person_id: int
    new_person_id: int
    moved: dict[str, list[int]]
    audit_id: int = Field(description="Undo with POST /api/people/changes/{audit_id}/undo")


class UndoResult(BaseModel):
    undone: int = Field(description="The audit entry of the merge or split undone")
    audit_id: int
