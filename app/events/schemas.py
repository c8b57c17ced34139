"""API shapes for event series, events and their sessions (the OpenAPI schema states them)."""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = ["EventDetail", "EventPage", "EventPerson", "EventRead", "SeriesRead", "SessionRead"]


class SeriesRead(BaseModel):
    id: int
    name: str
    slug: str
    events: int


class EventBase(BaseModel):
    id: int
    name: str
    url: str | None = None
    series_id: int | None = None
    starts_on: str | None = Field(default=None, description="ISO date")
    ends_on: str | None = None
    location: str | None = None
    country: str | None = None


class EventRead(EventBase):
    sessions: int
    appearances: int


class EventPage(BaseModel):
    items: list[EventRead]
    total: int
    page: int
    per_page: int


class EventPerson(BaseModel):
    person_id: int
    name: str
    role: str
    kind: str
    label: str
    source: str
    probability: float | None = None


class SessionRead(BaseModel):
    id: int
    title: str
    kind: str | None = None
    start: str | None = None
    people: list[EventPerson]
    unlisted_people: int = Field(description="Opted-out people: counted, never named")


class EventDetail(EventBase):
    sessions: list[SessionRead]
