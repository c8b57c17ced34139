"""Per-page cost of ingesting the real article pages, one process, no network (issue 16).

What bench/ingest_throughput.py's workers do per page, minus fetching: each fixture page
(../shared/fixtures/media, read in place) goes through the pipeline as a crawled article, in its
own transaction, on an empty database. Reports the costs that do not depend on the machine's
load: CPU seconds per page of this thread and, apart, of PostgreSQL's server processes serving
it (local server: read from /proc), SQL statements per page and the statement kinds that make
them up, with the time spent in each (round trip included); --profile prints cProfile's top
functions too (and keeps them in $TMPDIR/ingest_profile.prof). About a minute.

    .venv/bin/python -m bench.ingest_profile [--sqlite] [--profile] [--rounds 2]

Round 1 is fresh pages; round 2 re-ingests the same pages (the idempotent path: a re-crawl).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import event

from app import db
from app.gender.engine import default_engine
from app.ingest import pipeline
from app.ingest.models import SourceKind
from scrapers import records
from tests.conftest import create_postgres_database, postgres_problem

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "media"
HOSTS = 24
DATABASE = "voicetally_bench_ingest_profile"
COMMENT = re.compile(r"^(?:\s*--[^\n]*\n)+")


def fixture_pages() -> list[bytes]:
    paths = sorted(FIXTURES.glob("html/*.html")) + sorted(FIXTURES.glob("polnear_train/*.html"))
    return [path.read_bytes() for path in paths]


def _kind(statement: str) -> str:
    """A statement's verb and first table: 'insert into people', 'select', ..."""
    words = COMMENT.sub("", statement).split()
    verb = words[0].lower() if words else "?"
    if verb in ("insert", "delete") and len(words) > 2:
        return f"{verb} {words[2].lower()}"
    if verb == "update" and len(words) > 1:
        return f"update {words[1].lower()}"
    if verb == "select" and "from" in (lower := [w.lower() for w in words]):
        return f"select .. from {lower[lower.index('from') + 1]}"
    if verb == "select" and len(words) > 1:
        return f"select {words[1].split('(')[0]}"
    return verb


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these local processes (Linux /proc; 0 for one gone)."""
    tick, total = os.sysconf("SC_CLK_TCK"), 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def run(url: str, bodies: list[bytes], *, rounds: int, profile: bool) -> None:
    engine = db.make_engine(url)
    db.upgrade(engine)
    factory = db.make_sessionmaker(engine)
    gender = default_engine()
    gender.infer("Anna Schmidt")  # load the name data before the clock starts
    statements: Counter[str] = Counter()
    seconds: Counter[str] = Counter()  # wall time in the database call, round trip included

    backends: list[int] = []  # PostgreSQL's server processes of this engine, for their CPU

    @event.listens_for(engine, "checkout")
    def connected(dbapi_connection, record, _proxy):  # type: ignore[no-untyped-def]
        if engine.dialect.name == "postgresql" and not record.info.get("bench.pid"):
            record.info["bench.pid"] = True
            with dbapi_connection.cursor() as cursor:
                cursor.execute("select pg_backend_pid()")
                backends.append(int(cursor.fetchone()[0]))

    @event.listens_for(engine, "before_cursor_execute")
    def before(conn, _cursor, statement, _params, _context, _many):  # type: ignore[no-untyped-def]
        conn.info["voicetally.bench.started"] = time.perf_counter()

    @event.listens_for(engine, "after_cursor_execute")
    def after(conn, _cursor, statement, _params, _context, _many):  # type: ignore[no-untyped-def]
        kind = _kind(statement)
        statements[kind] += 1
        seconds[kind] += time.perf_counter() - conn.info.pop("voicetally.bench.started")

    options = pipeline.IngestOptions(kind=SourceKind.ARTICLE)
    fetched = datetime(2025, 1, 1, tzinfo=UTC)
    pages = [f"http://127.0.0.1:{9000 + n % HOSTS}/p{n // HOSTS}.html" for n in range(len(bodies))]
    snapshots = [
        records.Snapshot(
            url=page, final_url=page, status=200, headers={}, content=body, fetched_at=fetched
        )
        for page, body in zip(pages, bodies, strict=True)
    ]
    profiler = cProfile.Profile() if profile else None
    for round_number in range(1, rounds + 1):
        statements.clear()
        seconds.clear()
        cpu, wall, server = time.thread_time(), time.perf_counter(), _cpu_seconds(backends)
        if profiler:
            profiler.enable()
        outcomes = [pipeline.ingest_fetched(factory, s.url, s, engine=gender, options=options)
                    for s in snapshots]  # fmt: skip
        if profiler:
            profiler.disable()
        cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
        server = _cpu_seconds(backends) - server
        failed = [o for o in outcomes if not o.ok]
        pages = len(outcomes) - len(failed)
        total = sum(statements.values())
        print(f"round {round_number} ({'fresh' if round_number == 1 else 're-ingest'}): "
              f"{pages} pages ({len(failed)} failed), CPU {cpu / len(outcomes):.4f} s/page, "
              f"wall {wall / len(outcomes):.4f} s/page, "
              f"{total / len(outcomes):.1f} statements/page, "
              f"{sum(seconds.values()) / len(outcomes):.4f} s/page in them"
              + (f", PostgreSQL CPU {server / len(outcomes):.4f} s/page" if backends else "")
        )  # fmt: skip
        for outcome in failed[:3]:
            print(f"   failed: {outcome.source}: {outcome.detail[:200]}")
        print("   per page: statements  ms  kind")
        for kind, n in statements.most_common(24):
            ms = seconds[kind] / len(outcomes) * 1000
            print(f"   {n / len(outcomes):6.2f}  {ms:6.1f}  {kind}")
    engine.dispose()
    if profiler:
        profiler.dump_stats(Path(tempfile.gettempdir()) / "ingest_profile.prof")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    bodies = fixture_pages()
    if args.sqlite:
        with tempfile.TemporaryDirectory() as where:
            run(f"sqlite:///{where}/profile.db", bodies, rounds=args.rounds, profile=args.profile)
        return
    if (problem := postgres_problem()) is not None:
        print(f"skipped: PostgreSQL not reachable ({problem})")
        return
    run(create_postgres_database(DATABASE), bodies, rounds=args.rounds, profile=args.profile)


if __name__ == "__main__":
    main()
