"""Crawl throughput with 1, 2 and 4 procrastinate workers against local fake sites (issue 8).

This one is bound by politeness: each host is paced by the per-host delay, so most of a crawl is
waiting, and its efficiency says that the host locks spread hosts over workers, not how fast we
ingest. bench/ingest_throughput.py measures ingest itself (real pages, no delay, latency-bound
and CPU-bound apart).

Prints pages ingested per second for each worker count and the scaling efficiency per doubling
(throughput(2n) / (2 * throughput(n)); target >= 0.8 while the politeness bound, hosts / delay
requests a second, is far away). Needs PostgreSQL (VOICETALLY_TEST_POSTGRES_URL); skips otherwise.

    .venv/bin/python -m bench.crawl_scaling [--hosts 20] [--pages 8] [--delay 0.25]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import Engine, func, select, text

from app import db
from app.articles.models import Article
from app.ingest.models import Source, SourceKind
from app.jobs import queue_crawls
from app.settings import Settings
from tests.app.jobs.sites import (
    FakeWeb,
    job_counts,
    start_workers,
    stop_workers,
    wait_until,
    worker_env,
)
from tests.conftest import create_postgres_database, postgres_problem

DATABASE = "voicetally_bench_crawl"
WORKER_COUNTS = (1, 2, 4)
TARGET = 0.8
RUN_TIMEOUT = 300  # seconds: a run that takes longer is reported as stuck
RETRIED = text(
    "select count(*) from procrastinate.procrastinate_jobs"
    " where task_name = 'crawl' and (status = 'failed' or (status = 'todo' and attempts > 0))"
)
WORKERS_UP = text("select count(*) from procrastinate.procrastinate_workers")


def _failing(engine: Engine) -> bool:
    """True once a crawl job failed or is being retried: the bench measures clean runs only."""
    with engine.connect() as connection:
        return bool(connection.scalar(RETRIED))


def _errors(log: Path) -> list[str]:
    return [line for line in log.read_text(errors="replace").splitlines() if "Error:" in line]


def measure(workers: int, *, hosts: int, pages: int, delay: float, logs: Path) -> float:
    """Pages ingested a second by WORKERS worker processes crawling a fresh fake web."""
    url = create_postgres_database(DATABASE)
    engine = db.make_engine(url)
    db.upgrade(engine)
    with FakeWeb(hosts=hosts, pages=pages, latency=0.02) as web:
        with db.make_sessionmaker(engine)() as session, session.begin():
            session.add_all(Source(url=feed, kind=SourceKind.OUTLET) for feed in web.feeds)
        procs = start_workers(workers, env=worker_env(url, delay=delay), logs=logs / str(workers))
        try:
            with engine.connect() as connection:
                up = wait_until(lambda: connection.scalar(WORKERS_UP) == workers, timeout=60)
            if not up:
                raise SystemExit(f"{workers} workers did not start; see {logs}")
            started = time.perf_counter()
            queue_crawls(Settings(database_url=url))
            drained = wait_until(
                lambda: set(job_counts(engine)) <= {"succeeded"} or _failing(engine),
                timeout=RUN_TIMEOUT,
            )
            elapsed = time.perf_counter() - started
        finally:
            stop_workers(procs)
        if not drained or _failing(engine):
            errors = sorted({line for log in logs.glob("*/*.log") for line in _errors(log)})
            raise SystemExit(f"crawls failed or stuck: {job_counts(engine)}; {errors[:3]}")
        with engine.connect() as connection:
            ingested = connection.scalar(select(func.count()).select_from(Article)) or 0
        expected = len(web.page_urls(good=True))
    engine.dispose()
    if ingested != expected:
        raise SystemExit(f"{workers} workers ingested {ingested} pages, expected {expected}")
    return ingested / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--pages", type=int, default=8, help="article pages per host")
    parser.add_argument("--delay", type=float, default=0.25, help="seconds between hits per host")
    args = parser.parse_args()
    if (problem := postgres_problem()) is not None:
        print(f"skipped: PostgreSQL not reachable ({problem})")
        return
    bound = args.hosts / args.delay
    print(f"{args.hosts} hosts x {args.pages} pages, per-host delay {args.delay}s: "
          f"politeness bound {bound:.0f} requests/s")  # fmt: skip
    rates: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="crawl_scaling") as logs:
        for workers in WORKER_COUNTS:
            rates[workers] = measure(workers, hosts=args.hosts, pages=args.pages,
                                     delay=args.delay, logs=Path(logs))  # fmt: skip
            print(f"{workers} worker(s): {rates[workers]:6.1f} pages/s", flush=True)
    ok = True
    for low, high in itertools.pairwise(WORKER_COUNTS):
        efficiency = rates[high] / (rates[low] * high / low)
        ok &= efficiency >= TARGET
        print(f"{low} -> {high} workers: scaling efficiency {efficiency:.2f} (target {TARGET})")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
