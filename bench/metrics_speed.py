"""Metrics endpoints at scale: p95 of each against the naive query, same numbers (issues #6, #16).

    python -m bench.metrics_speed [--scale 1.0] [--backend sqlite|postgresql|both] [--reuse]

Builds the bench database (bench/metrics_data.py: 100k people, 1M appearances, 1M citations at
scale 1) on each backend, then times every metrics endpoint through the real app (TestClient)
and the naive query (appearances joined to sessions, events and labels, grouped by year), and
checks both give the same counts. PostgreSQL: the database named in VOICETALLY_TEST_POSTGRES_URL
when its name contains "bench", else `voicetally_bench` on that server; it is dropped and
rebuilt unless --reuse finds it already built at this scale.

Columns: "cold" is an endpoint's first request on a fresh process (nothing cached); "after
change" is its first request after one label correction committed through the write path
(gender service `correct`, whose commit refreshes the rollups it touched), made to a person who
appears in series 3 and is cited by outlet 4, so the change reaches every endpoint's data and
the citation matrix's cache (keyed by its input) must recompute; "write" is that commit.
Exit 1 when an endpoint's p95 is over 100 ms, a first request after a change over 150 ms, or
the numbers differ from the naive query (checked after the changes too).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from app import db
from app.gender import service as gender_service
from app.gender.labels import Label
from app.settings import Settings
from app.web import create_app
from bench import metrics_data

TARGET_P95 = 0.100
TARGET_AFTER_CHANGE = 0.150
REPEATS = 30
POSTGRES_URL = os.environ.get(
    "VOICETALLY_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
ENDPOINTS = {
    "share (panels, by year)": ("/api/metrics/share", {}),
    "share (panels, by month, one series)": (
        "/api/metrics/share",
        {"period": "month", "series": 3},
    ),
    "share (citations)": ("/api/metrics/share", {"scope": "citations"}),
    "share (probabilistic)": ("/api/metrics/share", {"mode": "probabilistic"}),
    "roles": ("/api/metrics/roles", {}),
    "manels": ("/api/metrics/manels", {}),
    "citations matrix (by year)": ("/api/metrics/citations", {}),
    "citations matrix (one outlet)": ("/api/metrics/citations", {"outlet": 4}),
}
NAIVE_YEAR = {
    "sqlite": "cast(strftime('%Y', e.starts_on) as integer)",
    "postgresql": "cast(extract(year from e.starts_on) as integer)",
}
NAIVE_SQL = """
select {year} as period, cl.label, count(*) as n
from appearances as a
join sessions as s on s.id = a.session_id
join events as e on e.id = s.event_id
join current_label as cl on cl.person_id = a.person_id
where cl.kind = 'person'
group by 1, 2
"""


def fresh(backend: str, tmp: Path, *, scale: float, reuse: bool) -> tuple[Engine, bool]:
    """The bench database's engine, and whether it still has to be built."""
    if backend == "sqlite":
        path = tmp / "metrics-bench.sqlite3"
        engine = db.make_engine(f"sqlite:///{path}")
        if reuse and path.exists() and built(engine, scale):
            return engine, False
        engine.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return db.make_engine(f"sqlite:///{path}"), True
    base = make_url(POSTGRES_URL)
    name = base.database if "bench" in (base.database or "") else "voicetally_bench"
    url = base.set(database=name).render_as_string(hide_password=False)
    admin = db.make_engine(
        base.set(database="postgres").render_as_string(hide_password=False),
        isolation_level="AUTOCOMMIT",
    )
    with admin.connect() as connection:
        exists = connection.scalar(
            text("select 1 from pg_database where datname = :name"), {"name": name}
        )
        if reuse and exists and built(engine := db.make_engine(url), scale):
            admin.dispose()
            return engine, False
        connection.execute(text(f'drop database if exists "{name}" with (force)'))
        connection.execute(text(f'create database "{name}"'))
    admin.dispose()
    return db.make_engine(url), True


def built(engine: Engine, scale: float) -> bool:
    """The database holds the bench data at SCALE, rollups included."""
    try:
        with engine.connect() as connection:
            people = connection.scalar(text("select max(id) from people"))
            rollup = connection.scalar(text("select count(*) from citation_profile"))
    except Exception:  # no tables yet: not built
        return False
    return people == int(100_000 * scale) and bool(rollup)


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[18] if len(samples) > 1 else samples[0]


def time_endpoints(client: TestClient) -> dict[str, tuple[float, float, float]]:
    found = {}
    for name, (path, params) in ENDPOINTS.items():
        started = time.perf_counter()
        assert client.get(path, params=params).status_code == 200, path
        first = time.perf_counter() - started  # cold: nothing cached for this rollup version
        samples = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            response = client.get(path, params=params)
            samples.append(time.perf_counter() - started)
            assert response.status_code == 200
        found[name] = (first, statistics.median(samples), p95(samples))
    return found


CANDIDATES_SQL = """
select distinct c.person_id
from citations as c
join articles as ar on ar.id = c.article_id
join appearances as ap on ap.person_id = c.person_id
join sessions as s on s.id = ap.session_id
join events as e on e.id = s.event_id
where ar.outlet_id = 4 and e.series_id = 3
order by c.person_id
limit 50
"""


def changed_person(engine: Engine) -> int:
    """A person labelled woman or man who appears in series 3 and is cited by outlet 4."""
    with Session(engine) as session:
        for person_id in session.scalars(text(CANDIDATES_SQL)):
            found = gender_service.current_label(session, person_id)
            if found is not None and found.label in (Label.WOMAN, Label.MAN):
                return int(person_id)
    raise LookupError("no person in both series 3 and outlet 4")


def change_label(engine: Engine, person_id: int) -> float:
    """Flip PERSON_ID's label by an editor's correction; return the seconds to commit it."""
    with Session(engine) as session:
        current = gender_service.current_label(session, person_id)
        assert current is not None
        label = Label.MAN if current.label == Label.WOMAN else Label.WOMAN
        session.rollback()
        started = time.perf_counter()
        with session.begin():  # the commit refreshes the rollups the correction touched
            gender_service.correct(
                session, person_id=person_id, label=label, note="bench", actor="bench"
            )
        return time.perf_counter() - started


def time_after_change(engine: Engine, client: TestClient) -> dict[str, tuple[float, float]]:
    """Per endpoint: (the write's seconds, the endpoint's first request after it)."""
    person_id = changed_person(engine)
    found = {}
    for name, (path, params) in ENDPOINTS.items():
        write = change_label(engine, person_id)
        started = time.perf_counter()
        assert client.get(path, params=params).status_code == 200, path
        found[name] = (write, time.perf_counter() - started)
    return found


def naive(engine: Engine) -> tuple[float, dict[int, dict[str, int]]]:
    sql = text(NAIVE_SQL.format(year=NAIVE_YEAR[engine.dialect.name]))
    started = time.perf_counter()
    with engine.connect() as connection:
        rows = connection.execute(sql).all()
    elapsed = time.perf_counter() - started
    counts: dict[int, dict[str, int]] = {}
    for period, label, n in rows:
        counts.setdefault(int(period), {})[label] = int(n)
    return elapsed, counts


def same_numbers(api_rows: list[dict[str, Any]], counts: dict[int, dict[str, int]]) -> bool:
    keys = {"women": "woman", "men": "man", "nonbinary": "nonbinary", "unknown": "unknown"}
    for row in api_rows:
        expected = counts.get(row["period"], {})
        if any(row[k] != expected.get(label, 0) for k, label in keys.items()):
            return False
    return len(api_rows) == len(counts)


def run(backend: str, scale: float, tmp: Path, *, reuse: bool) -> bool:
    engine, empty = fresh(backend, tmp, scale=scale, reuse=reuse)
    if empty:
        db.upgrade(engine)
        timings = metrics_data.build(engine, scale=scale)
        print(f"\n[{backend}] scale {scale}: built in {timings['insert']:.1f} s,"
              f" rollups {timings['rollups']:.1f} s")  # fmt: skip
    else:
        print(f"\n[{backend}] scale {scale}: reusing the database built before")
    app = create_app(Settings(database_url=engine.url.render_as_string(hide_password=False),
                              rate_limit_per_minute=1_000_000))  # fmt: skip
    # One event loop for the whole run, as a server has (a bare TestClient starts a thread and a
    # loop for every request: 10-30 ms of each figure on a loaded machine, none of it the app's).
    with TestClient(app) as client:
        results = time_endpoints(client)
        changes = time_after_change(engine, client)
        naive_time, counts = naive(engine)
        equal = same_numbers(client.get("/api/metrics/share").json()["rows"], counts)
    ok = equal
    for name, (first, median, high) in results.items():
        write, after = changes[name]
        good = high <= TARGET_P95 and after <= TARGET_AFTER_CHANGE
        ok = ok and good
        print(f"  {name:38s} cold {first * 1000:6.1f}  median {median * 1000:6.1f}"
              f"  p95 {high * 1000:6.1f}  after change {after * 1000:6.1f}"
              f"  (write {write * 1000:6.1f}) ms  {'ok' if good else 'OVER'}")  # fmt: skip
    print(f"  naive query (appearances x sessions x events x labels by year): {naive_time:.2f} s")
    print(f"  endpoint vs naive: {'same numbers' if equal else 'NUMBERS DIFFER'}")
    engine.dispose()
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--tmp", type=Path, default=Path("/tmp"))
    parser.add_argument("--reuse", action="store_true", help="keep a database built at this scale")
    args = parser.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    ok = all([run(backend, args.scale, args.tmp, reuse=args.reuse) for backend in backends])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
