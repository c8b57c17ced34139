"""API shapes for sources."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.ingest.models import SourceKind
from app.metrics.schemas import HTTP_URL

# No control character (a NUL would reach PostgreSQL, which refuses it in text).
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"

__all__ = ["CrawlQueued", "SourceIn", "SourceRead"]


class SourceIn(BaseModel):
    url: str = Field(
        max_length=2000,
        pattern=HTTP_URL,
        description="An http(s) URL: never a local path",
    )
    kind: SourceKind
    format: str | None = Field(default=None, max_length=40, pattern=PRINTABLE)
    schedule: str | None = Field(
        default=None, max_length=60, pattern=PRINTABLE, description="e.g. daily, weekly"
    )
    series: str | None = Field(
        default=None, max_length=300, pattern=PRINTABLE, description="Event series name"
    )

    @field_validator("url")
    @classmethod
    def _http(cls, value: str) -> str:
        if not value.lower().startswith(("http://", "https://")):
            raise ValueError("a source is an http(s) URL")
        return value


class SourceRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    url: str
    kind: SourceKind
    format: str | None
    schedule: str | None
    series_id: int | None
    last_status: str | None
    last_error: str | None
    last_crawled_at: datetime | None


class CrawlQueued(BaseModel):
    source_id: int
    queued: bool
    job_id: int | None = Field(
        default=None, description="The job on PostgreSQL; None when one already waits or on SQLite"
    )
