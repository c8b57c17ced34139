"""Event series, editions, their sessions and who appears in them in which role."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.columns import TIMESTAMP, enum_column, utcnow
from app.db import Base
from scrapers.records import Role

__all__ = ["AgendaSession", "Appearance", "Event", "EventSeries"]


class EventSeries(Base):
    __tablename__ = "event_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    country: Mapped[str | None] = mapped_column(String(2))

    events: Mapped[list[Event]] = relationship(back_populates="series")


class Event(Base):
    """One edition. `key` (the agenda URL, or series + name + start) makes re-ingest idempotent."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(600), unique=True)
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_series.id", ondelete="SET NULL"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(2000))
    starts_on: Mapped[date | None] = mapped_column(Date, index=True)
    ends_on: Mapped[date | None] = mapped_column(Date)
    location: Mapped[str | None] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(2))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    snapshot_id: Mapped[int | None] = mapped_column(ForeignKey("snapshots.id", ondelete="SET NULL"))
    # The parser version (app/versions.py) that read the snapshot; `voicetally reparse` redoes
    # the rows whose version is not today's.
    parser_version: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(TIMESTAMP, default=utcnow)

    series: Mapped[EventSeries | None] = relationship(back_populates="events")
    sessions: Mapped[list[AgendaSession]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="AgendaSession.position"
    )


class AgendaSession(Base):
    """A talk, panel, keynote... of an event (named so as not to clash with the ORM Session)."""

    __tablename__ = "sessions"
    __table_args__ = (UniqueConstraint("event_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    # The source system's id, or title + start: stable across re-ingests.
    key: Mapped[str] = mapped_column(String(600))
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(60))
    start: Mapped[datetime | None] = mapped_column(TIMESTAMP)
    end: Mapped[datetime | None] = mapped_column(TIMESTAMP)
    room: Mapped[str | None] = mapped_column(String(200))

    event: Mapped[Event] = relationship(back_populates="sessions")
    appearances: Mapped[list[Appearance]] = relationship(
        back_populates="session", cascade="all, delete-orphan"
    )


class Appearance(Base):
    """A person in a session in one role; the same person may hold two roles."""

    __tablename__ = "appearances"
    __table_args__ = (
        UniqueConstraint("session_id", "person_id", "role"),
        Index("ix_appearances_person", "person_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    affiliation: Mapped[str | None] = mapped_column(String(500))

    session: Mapped[AgendaSession] = relationship(back_populates="appearances")
    person: Mapped[Person] = relationship("Person")  # noqa: F821
