"""Saved check reports: a quick check's result kept under an unguessable slug (issue #7)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from app.columns import TIMESTAMP, utcnow
from app.db import Base

__all__ = ["SavedReport"]


class SavedReport(Base):
    """The result of one check (a panel or a lineup), as it was when saved; never updated."""

    __tablename__ = "saved_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(12))  # "panel" or "lineup"
    title: Mapped[str | None] = mapped_column(String(300))
    report: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(TIMESTAMP, default=utcnow)
