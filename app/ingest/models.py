"""Sources to crawl and the snapshots fetched from them (raw bytes, compressed)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.columns import TIMESTAMP, enum_column, utcnow
from app.db import Base

__all__ = ["Snapshot", "Source", "SourceKind"]


class SourceKind(StrEnum):
    LINEUP = "lineup"  # an agenda: one event edition
    OUTLET = "outlet"  # a feed or sitemap listing articles
    ARTICLE = "article"  # one media page


class Source(Base):
    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    kind: Mapped[SourceKind] = mapped_column(enum_column(SourceKind, "source_kind"))
    format: Mapped[str | None] = mapped_column(String(40))
    # How often to re-crawl, e.g. "daily", "weekly" or an ISO 8601 duration; None: once.
    schedule: Mapped[str | None] = mapped_column(String(60))
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_series.id", ondelete="SET NULL")
    )
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id", ondelete="SET NULL"))
    last_status: Mapped[str | None] = mapped_column(String(40))
    last_error: Mapped[str | None] = mapped_column(Text)
    last_crawled_at: Mapped[datetime | None] = mapped_column(TIMESTAMP)
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(TIMESTAMP, default=utcnow)


class Snapshot(Base):
    """Fetched bytes, zlib-compressed; the same bytes from the same URL are stored once."""

    __tablename__ = "snapshots"
    __table_args__ = (UniqueConstraint("url", "content_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"), index=True
    )
    url: Mapped[str] = mapped_column(String(2000))
    final_url: Mapped[str] = mapped_column(String(2000))
    status: Mapped[int] = mapped_column(Integer)
    headers: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    content_hash: Mapped[str] = mapped_column(String(64))  # sha256 of the uncompressed bytes
    size: Mapped[int] = mapped_column(Integer)
    fetched_at: Mapped[datetime] = mapped_column(TIMESTAMP, default=utcnow)
