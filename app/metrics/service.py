"""The metrics of DESIGN.md over the rollups: one SQL file per metric, statistics in stats.py.

Every function returns plain dicts (the API, dashboards and exports share them). Cells carry
counts, women's share with its interval, coverage, women / all, and a `small` flag with the
reason public charts grey them out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from functools import cache
from importlib import resources
from types import SimpleNamespace
from typing import Any, Literal

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.metrics import resampling, rollups, stats
from app.metrics.models import CitationYearStamp

__all__ = ["Filters", "citations", "citations_encoded", "manels", "roles", "share"]

Period = Literal["year", "month", "all"]
Mode = Literal["hard", "probabilistic"]
SMALL_PEOPLE = 30


@dataclass(frozen=True, slots=True)
class Filters:
    """The filters every metric takes (unused ones are ignored by a metric that has no such
    dimension: outlets for panels, series and roles for citations)."""

    period: Period = "year"
    series: int | None = None
    event: int | None = None
    outlet: int | None = None
    country: str | None = None
    role: str | None = None
    start: date | None = None
    end: date | None = None
    mode: Mode = "hard"

    def params(self) -> dict[str, Any]:
        values = asdict(self)
        values["from_ym"] = self.start.year * 100 + self.start.month if self.start else None
        values["to_ym"] = self.end.year * 100 + self.end.month if self.end else None
        # by month, or within a month range: the monthly rollups; else their yearly sums
        values["monthly"] = int(self.period == "month" or bool(self.start or self.end))
        for unused in ("start", "end", "mode"):
            values.pop(unused)
        return values


@cache
def _query(name: str) -> Any:
    return text(resources.files("app.metrics.queries").joinpath(f"{name}.sql").read_text())


# Sums of probabilities depend, in their last bits, on the order rows are added in; rounded
# here, a live database and a rebuilt one give byte-identical results (issue 13).
PROBABILITY_SUMS = ("p_woman", "p_man", "p_var", "p_manel")
SUM_DIGITS = 9


def _rows(session: Session, name: str, filters: Filters) -> list[Any]:
    rollups.apply_pending(session)  # this transaction's own writes first
    found = []
    for row in session.execute(_query(name), filters.params()).all():
        values = dict(row._mapping)
        for key in PROBABILITY_SUMS:
            if values.get(key) is not None:
                values[key] = round(float(values[key]), SUM_DIGITS)
        found.append(SimpleNamespace(**values))
    return found


def cell(row: Any, mode: Mode) -> dict[str, Any]:
    """Counts, share (unknown excluded) with its 95% interval, coverage, and the small flag."""
    women, men, nonbinary, unknown = (int(row.women), int(row.men), int(row.nonbinary),
                                      int(row.unknown))  # fmt: skip
    gendered = women + men + nonbinary
    total = gendered + unknown
    if mode == "probabilistic":
        weight = float(row.p_woman) + float(row.p_man) + nonbinary
        share = float(row.p_woman) / weight if weight > 0 else None
        interval = (
            stats.normal_interval(
                share, share * (1 - share) / weight + float(row.p_var) / weight**2
            )
            if share is not None
            else None
        )
    else:
        share = women / gendered if gendered else None
        interval = stats.wilson(women, gendered)
    # DESIGN.md, small numbers: only a cell of fewer than 30 people is flagged (said in words and
    # drawn lighter); the interval, always drawn, shows the rest (issue #15).
    small_reason = None
    if gendered < SMALL_PEOPLE:
        small_reason = f"fewer than {SMALL_PEOPLE} people with a label"
    return {
        "women": women, "men": men, "nonbinary": nonbinary, "unknown": unknown, "n": total,
        "share": share,
        "interval": [interval.low, interval.high] if interval else None,
        "coverage": gendered / total if total else None,
        "share_of_all": women / total if total else None,
        "small": small_reason is not None, "small_reason": small_reason,
    }  # fmt: skip


def share(session: Session, filters: Filters, *, scope: Literal["panels", "citations"]) -> dict:
    """Women's share per period among people on panels or among cited experts."""
    rows = _rows(session, f"share_{scope}", filters)
    return {
        "metric": "share",
        "scope": scope,
        "mode": filters.mode,
        "rows": [{"period": row.period, **cell(row, filters.mode)} for row in rows],
    }


def roles(session: Session, filters: Filters) -> dict:
    """Women's share per period among keynotes, moderators/chairs and speakers."""
    grouped: dict[int, dict[str, Any]] = defaultdict(dict)
    for row in _rows(session, "roles", filters):
        grouped[row.period][row.role_group] = cell(row, filters.mode)
    return {
        "metric": "roles",
        "mode": filters.mode,
        "rows": [{"period": period, "roles": cells} for period, cells in sorted(grouped.items())],
    }


def manels(session: Session, filters: Filters) -> dict:
    """Observed manel rate per period beside the rate expected from the same pool at random."""
    pool = {row.period: row for row in _rows(session, "share_panels", _no_role(filters))}
    by_period: dict[int, list[Any]] = defaultdict(list)
    for row in _rows(session, "manels", filters):
        by_period[row.period].append(row)
    return {
        "metric": "manels",
        "mode": filters.mode,
        "rows": [
            _manel_cell(period, rows, pool.get(period), filters.mode)
            for period, rows in sorted(by_period.items())
        ],
    }


def _no_role(filters: Filters) -> Filters:
    return Filters(**{**asdict(filters), "role": None})


def _manel_cell(period: int, rows: list[Any], pool: Any, mode: Mode) -> dict[str, Any]:
    count = defaultdict(int)
    sizes: dict[int, int] = defaultdict(int)  # determined panels by size
    p_manel = 0.0
    for row in rows:
        count[row.status] += int(row.sessions)
        p_manel += float(row.p_manel)
        if row.status != "undetermined":
            sizes[int(row.size)] += int(row.sessions)
    determined = count["manel"] + count["not_manel"]
    gendered = int(pool.women + pool.men + pool.nonbinary) if pool is not None else 0
    men_share = int(pool.men) / gendered if gendered else None
    expected = stats.expected_manel_rate(men_share, sizes) if men_share is not None else None
    interval = stats.wilson(count["manel"], determined)
    panels = determined + count["undetermined"]
    return {
        "period": period,
        "panels": panels,
        "manels": count["manel"],
        "not_manels": count["not_manel"],
        "undetermined": count["undetermined"],
        "rate": count["manel"] / determined if determined else None,
        "interval": [interval.low, interval.high] if interval else None,
        "expected_rate": expected,
        "probabilistic_rate": p_manel / panels if mode == "probabilistic" and panels else None,
        "small": determined < SMALL_PEOPLE,
    }


_ANSWERS = resampling.Cache(128)  # encoded citation matrices: up to ~150 kB each at 77 years


def citations_encoded(
    session: Session,
    filters: Filters,
    *,
    encode: Callable[[dict], bytes],
    resamples: int = resampling.RESAMPLES,
) -> bytes:
    """The citation matrix (as `citations`) encoded by ENCODE.

    By year or over all time without a month range, the answer is cached under every year's
    stamp (CitationYearStamp, new whenever a write touches that year), so a request reads one
    row a year instead of every year's profile rows until a write changes something (issue #16).
    """
    if filters.params()["monthly"]:
        return encode(citations(session, filters, resamples=resamples))
    rollups.apply_pending(session)  # this transaction's own writes (and their stamps) first
    stamps = session.execute(
        select(CitationYearStamp.year, CitationYearStamp.stamp).order_by(CitationYearStamp.year)
    ).all()
    key = (filters, resamples, encode, tuple(tuple(row) for row in stamps))
    return _ANSWERS.get(key, lambda: encode(citations(session, filters, resamples=resamples)))


def citations(session: Session, filters: Filters, *, resamples: int = resampling.RESAMPLES) -> dict:
    """The citation matrix per period: by author group, observed share of women cited, the
    expected share, the gap with its bootstrap interval, and a permutation p-value.

    Resampling costs tens of milliseconds a period at scale, so its results are cached by their
    input: a period's profile rows (the counts of its articles by author group and citation
    profile), read as plain tuples; and the unfiltered matrix's periods (by year, over all
    time) are stored when a write commits, for every process (app/metrics/resampling.py).
    """
    groups_rows: dict[int, dict[str, Any]] = defaultdict(dict)
    for row in _rows(session, "citation_groups", filters):
        groups_rows[row.period][row.author_group] = row
    profiles = resampling.profiles_by_period(session, filters.params())
    found: dict[int, Any] = {}
    if filters.mode == "hard":
        # The unfiltered matrix's periods are stored when a write commits (resampling.py).
        unfiltered = filters.outlet is None and filters.country is None
        stored = unfiltered and not filters.params()["monthly"]
        found = resampling.results(
            session if stored else None,
            {period: profiles.get(period, ()) for period in groups_rows},
            resamples,
        )
    rows = [
        {"period": period, "groups": _matrix(rows, found.get(period, ({}, {})), filters.mode)}
        for period, rows in sorted(groups_rows.items())
    ]
    return {"metric": "citations", "mode": filters.mode, "rows": rows}


def _matrix(rows: dict[str, Any], resampled: Any, mode: Mode) -> dict[str, Any]:
    cells = {name: cell(row, mode) for name, row in rows.items()}
    women = sum(c["women"] for c in cells.values())
    gendered = sum(c["women"] + c["men"] + c["nonbinary"] for c in cells.values())
    if mode == "probabilistic":
        women_p = sum(float(r.p_woman) for r in rows.values())
        weight = women_p + sum(float(r.p_man) + int(r.nonbinary) for r in rows.values())
        expected = women_p / weight if weight else None
    else:
        expected = women / gendered if gendered else None
    intervals, p_values = resampled  # empty in probabilistic mode
    for name, found in cells.items():
        observed = found["share"]
        found["expected"] = expected
        found["gap"] = observed / expected - 1 if observed is not None and expected else None
        share_ci, gap_ci = intervals.get(name, (None, None))
        if mode == "hard":
            found["interval"] = [share_ci.low, share_ci.high] if share_ci else None
        found["gap_interval"] = [gap_ci.low, gap_ci.high] if gap_ci else None
        found["p_value"] = p_values.get(name)
    return cells
