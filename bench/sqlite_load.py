"""SQLite under ordinary use (issue 13): 20 keyed readers and one writer for 30 s against two
uvicorn workers on one database file; errors and p95 latency; then one bulk correction of 200
labels, timed. Targets: 0 errors; bulk labels < 1 s.

    python -m bench sqlite_load [--seconds 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
from sqlalchemy import select

from app import db
from app.ingest import service as ingest_service
from app.people.models import Person
from tests.app.builders import make_key, make_lineup
from tests.app.live import live_server


def prepare(url: str) -> tuple[dict[str, str], list[int]]:
    engine = db.make_engine(url)
    db.upgrade(engine)
    with db.make_sessionmaker(engine)() as session, session.begin():
        for year in range(2015, 2025):
            lineup = make_lineup()
            event = lineup.event.model_copy(update={"url": f"https://forum.example/{year}"})
            ingest_service.ingest_lineup(session, lineup.model_copy(update={"event": event}))
        keys = {role: make_key(session, role) for role in ("viewer", "editor")}
        people = list(session.scalars(select(Person.id)))
    engine.dispose()
    return keys, people


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args(sys.argv[1:] if __name__ == "__main__" else [])
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'load.sqlite3'}"
        keys, people = prepare(url)
        # One client address sends everything: the per-client limits are lifted for the bench.
        limits = {"keyed_rate_limit_per_minute": "100000000", "rate_limit_per_minute": "100000000"}
        with live_server(url, workers=2, **limits) as base:
            result = load(base, keys, people, args.seconds)
            bulk = bulk_seconds(base, keys, people)
    reads = result["latencies"]
    p95 = statistics.quantiles(reads, n=20)[18] * 1000 if len(reads) > 20 else float("nan")
    print(f"{len(reads)} keyed reads, {result['writes']} writes in {args.seconds:.0f} s; "
          f"errors {len(result['errors'])}; read p95 {p95:.0f} ms")  # fmt: skip
    print(f"bulk correction of 200 labels: {bulk:.2f} s (target < 1 s)")
    for error in result["errors"][:5]:
        print("  ", error)
    return 0 if not result["errors"] and bulk < 1.0 else 1


def load(base: str, keys: dict[str, str], people: list[int], seconds: float) -> dict:
    done = threading.Event()
    latencies: list[float] = []
    errors: list[str] = []
    writes = [0]

    def read() -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            headers = {"authorization": f"Bearer {keys['viewer']}"}
            while not done.is_set():
                started = time.perf_counter()
                answer = client.get("/api/metrics/share", headers=headers)
                latencies.append(time.perf_counter() - started)
                if answer.status_code != 200:
                    errors.append(f"read {answer.status_code}: {answer.text[:100]}")

    def write() -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            headers = {"authorization": f"Bearer {keys['editor']}"}
            while not done.is_set():
                label = ("woman", "man")[writes[0] % 2]
                answer = client.post(f"/api/people/{people[0]}/labels", headers=headers,
                                     json={"label": label, "note": "load"})  # fmt: skip
                writes[0] += 1
                if answer.status_code != 201:
                    errors.append(f"write {answer.status_code}: {answer.text[:100]}")

    threads = [threading.Thread(target=read) for _ in range(20)] + [threading.Thread(target=write)]
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    done.set()
    for thread in threads:
        thread.join()
    return {"latencies": latencies, "errors": errors, "writes": writes[0]}


def bulk_seconds(base: str, keys: dict[str, str], people: list[int]) -> float:
    rows = [{"person_id": people[n % len(people)], "label": "woman", "note": "bulk"}
            for n in range(200)]  # fmt: skip
    started = time.perf_counter()
    answer = httpx.post(f"{base}/api/labels/bulk", json=rows, timeout=60,
                        headers={"authorization": f"Bearer {keys['editor']}"})  # fmt: skip
    elapsed = time.perf_counter() - started
    if answer.status_code != 200:
        print(f"bulk answered {answer.status_code}: {answer.text[:200]}")
        return float("inf")
    return elapsed


if __name__ == "__main__":
    sys.exit(main())
