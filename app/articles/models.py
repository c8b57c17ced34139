"""Outlets, their articles, who wrote them (authorships) and whom they cite (citations)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.columns import TIMESTAMP, utcnow
from app.db import Base

__all__ = ["Article", "Authorship", "Citation", "Outlet"]


class Outlet(Base):
    __tablename__ = "outlets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    domain: Mapped[str] = mapped_column(String(253), unique=True)
    country: Mapped[str | None] = mapped_column(String(2))
    language: Mapped[str | None] = mapped_column(String(12))

    articles: Mapped[list[Article]] = relationship(back_populates="outlet")


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    outlet_id: Mapped[int | None] = mapped_column(
        ForeignKey("outlets.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[datetime | None] = mapped_column(TIMESTAMP, index=True)
    language: Mapped[str | None] = mapped_column(String(12))
    topic: Mapped[str | None] = mapped_column(String(120))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    snapshot_id: Mapped[int | None] = mapped_column(ForeignKey("snapshots.id", ondelete="SET NULL"))
    # The parser version (app/versions.py) that read the snapshot; `voicetally reparse` redoes
    # the rows whose version is not today's.
    parser_version: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(TIMESTAMP, default=utcnow)

    outlet: Mapped[Outlet | None] = relationship(back_populates="articles")
    authorships: Mapped[list[Authorship]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="Authorship.position"
    )
    citations: Mapped[list[Citation]] = relationship(
        back_populates="article", cascade="all, delete-orphan"
    )


class Authorship(Base):
    __tablename__ = "authorships"
    __table_args__ = (
        UniqueConstraint("article_id", "person_id"),
        Index("ix_authorships_person", "person_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)

    article: Mapped[Article] = relationship(back_populates="authorships")
    person: Mapped[Person] = relationship("Person")  # noqa: F821


class Citation(Base):
    """An expert quoted (direct quote) or paraphrased in an article."""

    __tablename__ = "citations"
    __table_args__ = (
        UniqueConstraint("article_id", "person_id"),
        Index("ix_citations_person", "person_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    quoted: Mapped[bool] = mapped_column(Boolean, default=False)
    mentions: Mapped[int] = mapped_column(Integer, default=1)
    quote: Mapped[str | None] = mapped_column(Text)
    affiliation: Mapped[str | None] = mapped_column(String(500))

    article: Mapped[Article] = relationship(back_populates="citations")
    person: Mapped[Person] = relationship("Person")  # noqa: F821
