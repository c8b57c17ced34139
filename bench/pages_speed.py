"""Server time of each dashboard page and of its data (CSV, drill-down, badge): target p95 <=
300 ms on the 1M-row bench database of bench/metrics_data.py (issue #7).

    .venv/bin/python -m bench.pages_speed [--scale 1.0] [--url URL | --demo]

Without --url a SQLite file in /tmp is (re)built with metrics_data at --scale (kept for reruns
with --url); --demo times the bundled samples instead.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app import db
from app.settings import Settings
from app.web import create_app
from bench import metrics_data

TARGET_P95 = 0.300
REPEATS = 7
PAGES = {
    "overview": "/",
    "overview (probabilistic)": "/?mode=probabilistic",
    "series index": "/series",
    "series 1": "/series/1",
    "outlets index": "/outlets",
    "outlet 1 (by month)": "/outlets/1",
    "citations": "/citations",
    "person 1": "/person/1",
    "methodology": "/methodology",
    "check form": "/check",
    "csv overview-share": "/data/overview-share.csv",
    "csv series-roles": "/data/series-roles.csv?series=1",
    "csv outlet-matrix": "/data/outlet-matrix.csv?outlet=1",
    "csv citations-gaps": "/data/citations-gaps.csv",
    "sources panels (series 1, one year)": "/sources/panels?series=1&point=2015",
    "sources articles (outlet 1, one year)": "/sources/articles?outlet=1&point=2016",
    "badge event 1": "/badge/event/1.svg",
}


def build(scale: float, path: Path) -> Engine:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    timings = metrics_data.build(engine, scale=scale)
    print(f"built {path} (scale {scale}) in {timings['insert']:.1f} s + {timings['rollups']:.1f} s")
    return engine


def demo(path: Path) -> Engine:
    from app.gender.engine import default_engine
    from app.ingest import samples

    path.unlink(missing_ok=True)
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    samples.load(engine, gender=default_engine())
    return engine


def time_pages(client: TestClient) -> bool:
    ok = True
    for name, path in PAGES.items():
        assert client.get(path).status_code == 200, path  # warm caches
        samples = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            response = client.get(path)
            samples.append(time.perf_counter() - started)
            assert response.status_code == 200, path
        high = statistics.quantiles(samples, n=20)[18]
        verdict = "ok" if high <= TARGET_P95 else "OVER"
        ok = ok and high <= TARGET_P95
        print(
            f"  {name:40s} median {statistics.median(samples) * 1000:7.1f} ms  "
            f"p95 {high * 1000:7.1f} ms  {len(response.content) / 1000:7.0f} kB  {verdict}"
        )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--url", help="an existing database (skips the build)")
    parser.add_argument("--demo", action="store_true", help="time the bundled samples")
    parser.add_argument("--tmp", type=Path, default=Path("/tmp"))
    args = parser.parse_args()
    if args.url:
        engine = db.make_engine(args.url)
    elif args.demo:
        engine = demo(args.tmp / "pages-bench-demo.sqlite3")
    else:
        engine = build(args.scale, args.tmp / "pages-bench.sqlite3")
    url = engine.url.render_as_string(hide_password=False)
    app = create_app(Settings(database_url=url, rate_limit_per_minute=1_000_000))
    print(f"[{engine.dialect.name}] {db.mask_url(url)}")
    ok = time_pages(TestClient(app))
    engine.dispose()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
