"""Metrics endpoints at scale: p95 of each against the naive query, same numbers (issue #6).

    python -m bench.metrics_speed [--scale 1.0] [--backend sqlite|postgresql|both]

Builds the bench database (bench/metrics_data.py: 100k people, 1M appearances, 1M citations at
scale 1) on each backend, then times every metrics endpoint through the real app (TestClient)
and the naive query (appearances joined to sessions, events and labels, grouped by year), and
checks both give the same counts. Exit 1 when an endpoint's p95 is over 100 ms or numbers differ.
"first" is the first request after the rollups changed: the citation matrix's resampling result
is cached per rollup version, so later requests are served from the cache until data changes.
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

from app import db
from app.settings import Settings
from app.web import create_app
from bench import metrics_data

TARGET_P95 = 0.100
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


def fresh(backend: str, tmp: Path) -> Engine:
    if backend == "sqlite":
        path = tmp / "metrics-bench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return db.make_engine(f"sqlite:///{path}")
    base = make_url(POSTGRES_URL)
    admin = db.make_engine(
        base.set(database="postgres").render_as_string(hide_password=False),
        isolation_level="AUTOCOMMIT",
    )
    with admin.connect() as connection:
        connection.execute(text('drop database if exists "voicetally_bench" with (force)'))
        connection.execute(text('create database "voicetally_bench"'))
    admin.dispose()
    return db.make_engine(base.set(database="voicetally_bench").render_as_string(False))


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


def run(backend: str, scale: float, tmp: Path) -> bool:
    engine = fresh(backend, tmp)
    db.upgrade(engine)
    timings = metrics_data.build(engine, scale=scale)
    print(f"\n[{backend}] built in {timings['insert']:.1f} s, rollups {timings['rollups']:.1f} s")
    app = create_app(Settings(database_url=engine.url.render_as_string(hide_password=False),
                              rate_limit_per_minute=1_000_000))  # fmt: skip
    client = TestClient(app)
    results = time_endpoints(client)
    naive_time, counts = naive(engine)
    equal = same_numbers(client.get("/api/metrics/share").json()["rows"], counts)
    ok = equal
    for name, (first, median, high) in results.items():
        verdict = "ok" if high <= TARGET_P95 else "OVER"
        ok = ok and high <= TARGET_P95
        print(f"  {name:38s} first {first * 1000:6.1f} ms  median {median * 1000:6.1f} ms"
              f"  p95 {high * 1000:6.1f} ms  {verdict}")  # fmt: skip
    print(f"  naive query (appearances x sessions x events x labels by year): {naive_time:.2f} s")
    print(f"  endpoint vs naive: {'same numbers' if equal else 'NUMBERS DIFFER'}")
    engine.dispose()
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--tmp", type=Path, default=Path("/tmp"))
    args = parser.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    ok = all([run(backend, args.scale, args.tmp) for backend in backends])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
