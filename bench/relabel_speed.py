"""`voicetally relabel` on SQLite (issue 16): people relabelled a second, and the time for 1M.

N people (default 100k) get real-looking names: a given name and a surname from two different
rows of the shared name lists (../shared/data, read in place), so most full names are new to the
engine, with the country of the first row. Two passes, each through `app.jobs.relabel`, the code
`voicetally relabel` runs on SQLite (batches of 2,000, each its own transaction):
- first: no label yet (a database from before engine versions, or a new engine everywhere):
  every person gets a new label row;
- again with --all: every estimate is the same, so rows are only stamped with today's version.
The 1M figure is N's time scaled linearly (keyset batches: the cost per batch does not grow
with the table; run with --people 1000000 to measure it). Target: 1M people in <= 10 minutes.
Inference runs in a process per core; the CPU all processes used is printed with the load
average, so a run on a busy shared machine can be told from a slow one.

    .venv/bin/python -m bench.relabel_speed [--people 100000]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, insert, select

from app import db, jobs
from app.columns import utcnow
from app.gender.models import GenderLabel
from app.people.models import Person
from app.settings import Settings

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
TARGET_SECONDS_1M = 600
SEED = 16
COUNTRIES = {"Algeria": "DZ", "Brazil": "BR", "Germany": "DE", "India": "IN", "Japan": "JP"}


def _names() -> list[tuple[str, str, str | None]]:
    """(given, surname, country) from the shared name lists."""
    found = []
    for path in sorted(DATA.glob("names*_dev.csv")):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                parts = row["full_name"].split()
                if len(parts) >= 2:
                    found.append((parts[0], parts[-1], COUNTRIES.get(row.get("country") or "")))
    return found


def _fill(engine, count: int) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(SEED)
    names = _names()
    now = utcnow()
    with db.make_sessionmaker(engine)() as session, session.begin():
        for start in range(0, count, 50_000):
            rows = []
            for pid in range(start + 1, min(count, start + 50_000) + 1):
                given, _, country = rng.choice(names)
                surname = rng.choice(names)[1]
                rows.append({"id": pid, "display_name": f"{given} {surname}",
                             "name_key": f"{given} {surname} {pid}".lower(), "kind": "person",
                             "country": country, "opted_out": False, "created_at": now,
                             "updated_at": now})  # fmt: skip
            session.execute(insert(Person), rows)


def _cpu() -> float:
    """CPU seconds used by this process and its reaped children (the inference processes)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(settings: Settings, everyone: bool) -> tuple[float, float, int, int]:
    shown = [0.0]

    def progress(done: int, total: int) -> None:
        if total and (done / total >= shown[0] + 0.25 or done == total):
            shown[0] = done / total
            print(f"   {done:>9,d} / {total:,d}", flush=True)

    started, cpu = time.perf_counter(), _cpu()
    result = jobs.relabel(settings, everyone=everyone, progress=progress)
    return time.perf_counter() - started, _cpu() - cpu, result.total, result.changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: no name lists in {DATA}")
        return
    ok = True
    with tempfile.TemporaryDirectory(prefix="relabel_speed") as tmp:
        url = f"sqlite:///{tmp}/relabel.sqlite3"
        engine = db.make_engine(url)
        db.upgrade(engine)
        _fill(engine, args.people)
        settings = Settings(database_url=url)
        for label, everyone in (("first relabel (new rows)", False), ("--all (stamped)", True)):
            print(f"{label}:")
            seconds, cpu, total, changed = _timed(settings, everyone)
            million = seconds * 1_000_000 / max(total, 1)
            ok &= million <= TARGET_SECONDS_1M
            print(f"   {total:,d} people in {seconds:.1f} s ({total / seconds:,.0f}/s), "
                  f"{changed:,d} new label rows; 1M people: {million / 60:.1f} min "
                  f"(target {TARGET_SECONDS_1M / 60:.0f} min)")  # fmt: skip
            print(f"   CPU {cpu:.1f} s ({cpu / total * 1000:.2f} ms a person, all processes); "
                  f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")  # fmt: skip
        with engine.connect() as connection:
            rows = connection.scalar(select(func.count()).select_from(GenderLabel))
        print(f"label rows: {rows:,d}")
        engine.dispose()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
