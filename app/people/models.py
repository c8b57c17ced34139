"""People: everyone who speaks, moderates, writes or is cited, deduplicated by a name key."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.columns import TIMESTAMP, enum_column, utcnow
from app.db import Base
from scrapers.records import PersonKind

__all__ = ["Person", "SelfIdToken"]


class Person(Base):
    __tablename__ = "people"
    # Who is hidden is read on every request (app.people.privacy): partial indexes keep it small.
    __table_args__ = (
        Index("ix_people_opted_out", "id", sqlite_where=text("opted_out = 1"),
              postgresql_where=text("opted_out")),
        Index("ix_people_merged_into", "merged_into_id",
              sqlite_where=text("merged_into_id is not null"),
              postgresql_where=text("merged_into_id is not null")),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str] = mapped_column(String(300))
    # Normalised for deduplication (app.people.service.name_key); re-ingest finds the same row.
    name_key: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[PersonKind] = mapped_column(
        enum_column(PersonKind, "person_kind"), default=PersonKind.PERSON
    )
    honorific: Mapped[str | None] = mapped_column(String(40))
    affiliation: Mapped[str | None] = mapped_column(String(500))
    country: Mapped[str | None] = mapped_column(String(2))
    bio: Mapped[str | None] = mapped_column(Text)
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set when an editor merges this person into another; the row stays for the audit trail.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    wikidata_id: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(TIMESTAMP, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(TIMESTAMP, default=utcnow, onupdate=utcnow)

    labels: Mapped[list[GenderLabel]] = relationship(  # noqa: F821
        "GenderLabel", back_populates="person", order_by="GenderLabel.id"
    )


class SelfIdToken(Base):
    """A single-use, expiring self-identification link; only the token's hash is kept."""

    __tablename__ = "self_id_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(TIMESTAMP, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(TIMESTAMP)
    used_at: Mapped[datetime | None] = mapped_column(TIMESTAMP)
