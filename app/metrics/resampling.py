"""The citation matrix's resampling (bootstrap intervals and permutation p-values, stats.py):
cached in process by its input, and stored at commit for the unfiltered matrix.

A period's result depends only on its profile rows and the number of resamples, so every cache
is keyed by exactly that input and can never be stale: changed data is a different key. In
process, `_RESULTS` holds periods' results and `_DRAWS` author groups' bootstrap draws. Across
processes, `citation_resampling` holds one row per period of the unfiltered matrix by year (and
0 for all time) with the digest of the input it was computed from: the write path computes the
periods it touched when it commits (`store_touched`, called by rollups.py), so the first request
after a change reads them instead of redrawing (issue #16). A row whose digest differs from the
period's input now is ignored.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from importlib import resources
from itertools import groupby
from operator import itemgetter
from typing import Any

import numpy as np
from sqlalchemy import delete, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.metrics import stats
from app.metrics.models import CitationResampling

__all__ = ["RESAMPLES", "Cache", "digest", "results", "store_all", "store_touched"]

RESAMPLES = 1000  # DESIGN.md: at least 1000; what the app's matrix uses, and what is stored
ALL_TIME = 0  # the period key of the matrix over all time
TOUCHED = "voicetally.resampling.touched"  # session.info: years this transaction's refreshes wrote

# (author group, women cited, gendered cited, articles): one row of citation_profiles.sql
Profile = tuple[str, int, int, int]
Result = tuple[dict[str, tuple[stats.Interval | None, stats.Interval | None]],
               dict[str, float | None]]  # fmt: skip


class Cache:
    """A small least-recently-used cache shared by the request threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.found: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self.lock = threading.Lock()

    def __contains__(self, key: tuple[Any, ...]) -> bool:
        with self.lock:
            return key in self.found

    def get(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        with self.lock:
            if key in self.found:
                self.found.move_to_end(key)
                return self.found[key]
        result = compute()
        self.put(key, result)
        return result

    def put(self, key: tuple[Any, ...], value: Any) -> None:
        with self.lock:
            self.found[key] = value
            while len(self.found) > self.size:
                self.found.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.found.clear()


# Cached values are never mutated: tuples, frozen intervals, and arrays only read.
_RESULTS = Cache(8192)  # a period's intervals and p-values: a few hundred bytes each
_DRAWS = Cache(2048)  # an author group's bootstrap draws: 8 kB each at 1000 resamples
# Uncached periods are resampled two at a time: numpy's draws release the GIL, and a change to
# someone cited over 15 years redraws 15 periods (issue #16).
_RESAMPLING = ThreadPoolExecutor(max_workers=2, thread_name_prefix="voicetally-resampling")


@cache
def _profiles_query() -> Any:
    return text(
        resources.files("app.metrics.queries").joinpath("citation_profiles.sql").read_text()
    )


def profiles_by_period(session: Session, params: dict[str, Any]) -> dict[int, tuple[Any, ...]]:
    """citation_profiles.sql's rows by period, as plain tuples (the resampling's input)."""
    params = {"first_year": None, "last_year": None, **params}
    found = session.execute(_profiles_query(), params).all()  # ordered by period
    return {
        period: tuple(tuple(row[1:]) for row in rows)
        for period, rows in groupby(found, itemgetter(0))
    }


def digest(profiles: tuple[Any, ...], resamples: int) -> str:
    """The digest of a period's whole input, independent of the driver's number types."""
    rows = [[str(name), int(w), int(g), int(a)] for name, w, g, a in profiles]
    return hashlib.sha256(json.dumps([resamples, rows]).encode()).hexdigest()


def results(
    session: Session | None,
    periods: dict[int, tuple[Any, ...]],
    resamples: int,
) -> dict[int, Result]:
    """Each period's resampling: cached in process, else stored (given SESSION, for the
    unfiltered matrix), else computed (two periods at a time)."""
    missing = {p: rows for p, rows in periods.items() if (resamples, rows) not in _RESULTS}
    if session is not None and missing and resamples == RESAMPLES:
        for period, result in _stored(session, missing, resamples).items():
            _RESULTS.put((resamples, missing.pop(period)), result)
    if len(missing) > 1:
        list(_RESAMPLING.map(lambda rows: _RESULTS.get(
            (resamples, rows), lambda: resampled(rows, resamples)), missing.values()))  # fmt: skip
    return {
        period: _RESULTS.get((resamples, rows), lambda rows=rows: resampled(rows, resamples))
        for period, rows in periods.items()
    }


def _stored(
    session: Session, periods: dict[int, tuple[Any, ...]], resamples: int
) -> dict[int, Result]:
    rows = session.execute(
        select(CitationResampling.period, CitationResampling.digest, CitationResampling.result)
        .where(CitationResampling.period.in_(sorted(periods)))
    ).all()  # fmt: skip
    return {
        period: _decode(result)
        for period, found, result in rows
        if found == digest(periods[period], resamples)
    }


def resampled(profiles: tuple[Profile, ...], resamples: int) -> Result:
    """Bootstrap intervals and permutation p-values of one period's author groups."""
    by_group: dict[str, list[Profile]] = defaultdict(list)
    for profile in profiles:
        by_group[profile[0]].append(profile)
    arrays = {
        name: stats.Profiles(*(np.array(column, dtype=np.float64)
                               for column in list(zip(*found, strict=True))[1:]))
        for name, found in by_group.items()
    }  # fmt: skip
    draws = {}
    for name, group in arrays.items():  # each group's draws depend on its own articles only
        key = (resamples, tuple(by_group[name]))
        found = _DRAWS.get(key, lambda group=group, name=name: stats.bootstrap_draws(
            group, resamples=resamples, seed=stats.group_seed(name)))  # fmt: skip
        if found is not None:
            draws[name] = found
    return stats.gaps_from_draws(draws), stats.permutation_p_values(arrays, resamples=resamples)


def _encode(result: Result) -> str:
    """JSON: Python writes floats by repr, which reads back to the same float."""
    intervals, p_values = result
    plain = {
        name: [[i.low, i.high] if i else None for i in pair] for name, pair in intervals.items()
    }
    return json.dumps([plain, p_values], sort_keys=True)


def _decode(encoded: str) -> Result:
    plain, p_values = json.loads(encoded)
    intervals = {
        name: tuple(stats.Interval(*i) if i else None for i in pair) for name, pair in plain.items()
    }
    return intervals, p_values  # type: ignore[return-value]


# The unfiltered matrix (no outlet, country or month range): by year, and over all time.
_UNFILTERED = {"series": None, "event": None, "outlet": None, "country": None, "role": None,
               "from_ym": None, "to_ym": None, "monthly": 0}  # fmt: skip


def mark_touched(session: Session, years: Iterable[int]) -> None:
    """Record that this transaction rewrote these years' citation rollups."""
    session.info.setdefault(TOUCHED, set()).update(years)


def forget_touched(session: Session) -> None:
    session.info.pop(TOUCHED, None)


def store_touched(session: Session) -> None:
    """Store the resampling of the years this transaction touched, and of all time (called
    by the write path just before it commits)."""
    years = session.info.pop(TOUCHED, None)
    if years:
        _store(session, years)


def store_all(session: Session) -> None:
    """Store every period's resampling anew (a rebuild)."""
    session.execute(delete(CitationResampling))
    _store(session, None)


def _store(session: Session, years: set[int] | None) -> None:
    # One read of the touched years' span (not of every year); a year inside it that was not
    # touched is dropped here. Each read scans the yearly sums, so one span beats a read per year.
    span = {"first_year": min(years), "last_year": max(years)} if years else {}
    by_year = profiles_by_period(session, {**_UNFILTERED, "period": "year", **span})
    periods = {y: rows for y, rows in by_year.items() if years is None or y in years}
    periods.update(profiles_by_period(session, {**_UNFILTERED, "period": "all"}))
    emptied = sorted(((years or set()) | {ALL_TIME}) - periods.keys())
    session.execute(delete(CitationResampling).where(CitationResampling.period.in_(emptied)))
    if not periods:
        return
    # Not put in this process's cache: readers here go through the rows as other processes do.
    ordered = sorted(periods)
    found = list(_RESAMPLING.map(lambda p: resampled(periods[p], RESAMPLES), ordered))
    rows = [
        {"period": period, "digest": digest(periods[period], RESAMPLES), "result": _encode(result)}
        for period, result in zip(ordered, found, strict=True)
    ]
    # An upsert: writers touching different years all write the all-time row. The last to
    # commit wins; if it read the profiles before another's commit, its digest no longer matches
    # and readers recompute, so a row is never stale.
    upsert = UPSERT[session.get_bind().dialect.name](CitationResampling).values(rows)
    session.execute(upsert.on_conflict_do_update(
        index_elements=["period"],
        set_={"digest": upsert.excluded.digest, "result": upsert.excluded.result},
    ))  # fmt: skip


UPSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
