"""Gender label rows: append-only history; the current label is the current_label view."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, String, Text, column, table
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.columns import TIMESTAMP, enum_column, utcnow
from app.db import Base
from app.gender.labels import INFERRED_SOURCES, Label, Source
from app.versions import engine_version

__all__ = ["CURRENT_LABEL", "GenderLabel"]


def _made_by(context: DefaultExecutionContext) -> str | None:
    """The engine version for a row the engine inferred; None for people's and editors' words."""
    source = context.get_current_parameters().get("source")
    return engine_version() if source is not None and Source(source) in INFERRED_SOURCES else None


class GenderLabel(Base):
    """One estimate or statement of a person's gender, never updated, never deleted."""

    __tablename__ = "gender_labels"
    __table_args__ = (Index("ix_gender_labels_person_created", "person_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    label: Mapped[Label] = mapped_column(enum_column(Label, "label"))
    source: Mapped[Source] = mapped_column(enum_column(Source, "label_source"))
    probability: Mapped[float | None] = mapped_column(Float)
    # P(woman), P(man) for the probabilistic metrics mode (DESIGN.md, Metrics).
    p_woman: Mapped[float | None] = mapped_column(Float)
    p_man: Mapped[float | None] = mapped_column(Float)
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    actor: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(TIMESTAMP, default=utcnow)
    # The engine version (app/versions.py) that inferred this estimate, or last re-checked it
    # and agreed (`voicetally relabel`); None for self-identification and corrections.
    engine_version: Mapped[str | None] = mapped_column(String(40), default=_made_by)

    person: Mapped[Person] = relationship("Person", back_populates="labels")  # noqa: F821


# The current_label view (migration 0001) as a selectable, for joins in other domains' queries.
CURRENT_LABEL = table(
    "current_label",
    column("person_id"),
    column("identity_id"),
    column("kind"),
    column("opted_out"),
    column("label"),
    column("source"),
    column("probability"),
    column("p_woman"),
    column("p_man"),
    column("label_id"),
)
