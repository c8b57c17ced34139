"""Rollups: aggregates kept current in the same transaction as ingests and label changes, so
charts over millions of rows answer from small tables (DESIGN.md, Data flow).

Each row carries hard counts (by current label) and the probabilistic sums for the
probabilistic mode. A test keeps their numbers equal to the naive queries' (tests/app/metrics).
"""

from __future__ import annotations

from sqlalchemy import Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base

__all__ = [
    "CitationProfile",
    "CitationResampling",
    "CitationRollup",
    "CitationYearProfile",
    "CitationYearRollup",
    "CitationYearStamp",
    "CountryCitationProfile",
    "CountryCitationRollup",
    "CountryCitationYearProfile",
    "CountryCitationYearRollup",
    "ManelRollup",
    "PanelRollup",
]


class PanelRollup(Base):
    """Appearances of people by event, role and current label."""

    __tablename__ = "panel_rollup"
    __table_args__ = (Index("ix_panel_rollup_year", "year", "series_id"),)

    event_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    role: Mapped[str] = mapped_column(String(24), primary_key=True)
    label: Mapped[str] = mapped_column(String(24), primary_key=True)
    series_id: Mapped[int | None] = mapped_column(Integer)
    country: Mapped[str | None] = mapped_column(String(2))
    year: Mapped[int | None] = mapped_column(Integer)
    month: Mapped[int | None] = mapped_column(Integer)
    people: Mapped[int] = mapped_column(Integer)
    p_woman: Mapped[float] = mapped_column(Float)
    p_man: Mapped[float] = mapped_column(Float)
    p_var: Mapped[float] = mapped_column(Float)  # sum of p_woman * (1 - p_woman)


class ManelRollup(Base):
    """Sessions by event, size (people counted) and status: manel, not_manel, undetermined."""

    __tablename__ = "manel_rollup"
    __table_args__ = (Index("ix_manel_rollup_year", "year", "series_id"),)

    event_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    size: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(24), primary_key=True)
    series_id: Mapped[int | None] = mapped_column(Integer)
    country: Mapped[str | None] = mapped_column(String(2))
    year: Mapped[int | None] = mapped_column(Integer)
    month: Mapped[int | None] = mapped_column(Integer)
    sessions: Mapped[int] = mapped_column(Integer)
    men: Mapped[int] = mapped_column(Integer)  # people labelled man in these sessions
    p_manel: Mapped[float] = mapped_column(Float)  # sum over sessions of prod(P(man))


class CitationRollup(Base):
    """Citations by outlet, month, author group and the cited person's current label."""

    __tablename__ = "citation_rollup"
    __table_args__ = (Index("ix_citation_rollup_year", "year", "outlet_id"),)

    outlet_id: Mapped[int] = mapped_column(Integer, primary_key=True)  # 0: no outlet
    year: Mapped[int] = mapped_column(Integer, primary_key=True)  # 0: undated
    month: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_group: Mapped[str] = mapped_column(String(12), primary_key=True)
    label: Mapped[str] = mapped_column(String(24), primary_key=True)
    country: Mapped[str | None] = mapped_column(String(2))
    citations: Mapped[int] = mapped_column(Integer)
    p_woman: Mapped[float] = mapped_column(Float)
    p_man: Mapped[float] = mapped_column(Float)
    p_var: Mapped[float] = mapped_column(Float)


class CitationProfile(Base):
    """Articles by outlet, month, author group and (women cited, gendered cited): enough to
    bootstrap and permute over articles exactly without reading one row per article."""

    __tablename__ = "citation_profile"
    # A month's country sums read every outlet's rows of that month (issue #16).
    __table_args__ = (Index("ix_citation_profile_month", "year", "month"),)

    outlet_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_group: Mapped[str] = mapped_column(String(12), primary_key=True)
    women: Mapped[int] = mapped_column(Integer, primary_key=True)
    gendered: Mapped[int] = mapped_column(Integer, primary_key=True)
    country: Mapped[str | None] = mapped_column(String(2))
    articles: Mapped[int] = mapped_column(Integer)


# Every outlet of a country together: the metrics without an outlet filter read these, a
# twentieth of the rows at 20 outlets (issue #16: at 10M citations the per-outlet rows were too
# many to sum per request). Sums of the per-outlet rows of the same month, refreshed with them;
# country '' holds the articles without an outlet or whose outlet has no country.


class CountryCitationRollup(Base):
    """citation_rollup summed over the outlets of each country."""

    __tablename__ = "country_citation_rollup"
    # A month's (and a year's) refresh reads the rows of that month across countries.
    __table_args__ = (Index("ix_country_citation_rollup_month", "year", "month"),)

    country: Mapped[str] = mapped_column(String(2), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_group: Mapped[str] = mapped_column(String(12), primary_key=True)
    label: Mapped[str] = mapped_column(String(24), primary_key=True)
    citations: Mapped[int] = mapped_column(Integer)
    p_woman: Mapped[float] = mapped_column(Float)
    p_man: Mapped[float] = mapped_column(Float)
    p_var: Mapped[float] = mapped_column(Float)


class CountryCitationProfile(Base):
    """citation_profile summed over the outlets of each country."""

    __tablename__ = "country_citation_profile"
    __table_args__ = (Index("ix_country_citation_profile_month", "year", "month"),)

    country: Mapped[str] = mapped_column(String(2), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_group: Mapped[str] = mapped_column(String(12), primary_key=True)
    women: Mapped[int] = mapped_column(Integer, primary_key=True)
    gendered: Mapped[int] = mapped_column(Integer, primary_key=True)
    articles: Mapped[int] = mapped_column(Integer)


# The same sums by year: a chart by year or over all time without a month range reads these, a
# twelfth of the rows (issue #16: at 10M citations, 76 years of monthly rows were too many to sum
# per request). Sums of the monthly rows above, refreshed with them.


class CitationYearRollup(Base):
    """citation_rollup summed over the months of each year."""

    __tablename__ = "citation_year_rollup"

    outlet_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_group: Mapped[str] = mapped_column(String(12), primary_key=True)
    label: Mapped[str] = mapped_column(String(24), primary_key=True)
    country: Mapped[str | None] = mapped_column(String(2))
    citations: Mapped[int] = mapped_column(Integer)
    p_woman: Mapped[float] = mapped_column(Float)
    p_man: Mapped[float] = mapped_column(Float)
    p_var: Mapped[float] = mapped_column(Float)


class CitationYearProfile(Base):
    """citation_profile summed over the months of each year."""

    __tablename__ = "citation_year_profile"

    outlet_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_group: Mapped[str] = mapped_column(String(12), primary_key=True)
    women: Mapped[int] = mapped_column(Integer, primary_key=True)
    gendered: Mapped[int] = mapped_column(Integer, primary_key=True)
    country: Mapped[str | None] = mapped_column(String(2))
    articles: Mapped[int] = mapped_column(Integer)


class CountryCitationYearRollup(Base):
    """country_citation_rollup summed over the months of each year."""

    __tablename__ = "country_citation_year_rollup"

    country: Mapped[str] = mapped_column(String(2), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_group: Mapped[str] = mapped_column(String(12), primary_key=True)
    label: Mapped[str] = mapped_column(String(24), primary_key=True)
    citations: Mapped[int] = mapped_column(Integer)
    p_woman: Mapped[float] = mapped_column(Float)
    p_man: Mapped[float] = mapped_column(Float)
    p_var: Mapped[float] = mapped_column(Float)


class CountryCitationYearProfile(Base):
    """country_citation_profile summed over the months of each year."""

    __tablename__ = "country_citation_year_profile"

    country: Mapped[str] = mapped_column(String(2), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_group: Mapped[str] = mapped_column(String(12), primary_key=True)
    women: Mapped[int] = mapped_column(Integer, primary_key=True)
    gendered: Mapped[int] = mapped_column(Integer, primary_key=True)
    articles: Mapped[int] = mapped_column(Integer)


class CitationYearStamp(Base):
    """A token per year, new whenever that year's citation rollups are written: the citation
    matrix by year caches its answer under the tokens instead of re-reading thousands of profile
    rows a request (issue #16)."""

    __tablename__ = "citation_year_stamp"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    stamp: Mapped[str] = mapped_column(String(32))


class CitationResampling(Base):
    """The unfiltered citation matrix's resampling (intervals and p-values, JSON) per period:
    a year, or 0 for all time; stored when a write commits, with the digest of the input it was
    computed from, so a reader uses it only for that very input (app/metrics/resampling.py)."""

    __tablename__ = "citation_resampling"

    period: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    digest: Mapped[str] = mapped_column(String(64))
    result: Mapped[str] = mapped_column(Text)
