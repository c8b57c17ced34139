"""People: everyone who speaks, moderates, writes or is cited, deduplicated by a name key."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint, func, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.columns import TIMESTAMP, enum_column, utcnow
from app.db import Base
from scrapers.records import PersonKind

__all__ = ["Person", "PersonIdentifier", "SelfIdToken"]


class Person(Base):
    """An identity: a name in a context (DESIGN.md, people as identities).

    Namesakes are separate rows until an editor merges them; a merged row points at the
    survivor (`merged_into_id`, one level) and keeps its appearances, citations and labels, which
    count for the survivor (the current_label view and the rollup SQL resolve it).
    """

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
    # Normalised name (app.people.service.name_key): where matching starts, not an identity.
    name_key: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[PersonKind] = mapped_column(
        enum_column(PersonKind, "person_kind"), default=PersonKind.PERSON
    )
    # Why `kind` is what it is (scrapers.personhood's reason, or "editor: <note>", which sticks).
    kind_reason: Mapped[str | None] = mapped_column(String(300))
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


# Finds an identity's members (itself and the people merged into it) by index.
Index("ix_people_identity", func.coalesce(Person.merged_into_id, Person.id))


class PersonIdentifier(Base):
    """An identifier a person carries across sources: `pretalx:host` + speaker code, `wikidata`
    + Q-id. The same identifier always resolves to the same person."""

    __tablename__ = "person_identifiers"
    __table_args__ = (
        UniqueConstraint("scheme", "value", name="uq_person_identifiers_scheme_value"),
        Index("ix_person_identifiers_person", "person_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    scheme: Mapped[str] = mapped_column(String(200))
    value: Mapped[str] = mapped_column(String(300))


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
