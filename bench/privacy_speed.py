"""What the privacy rules cost (issues 13 and 14): the outputs that mask opted-out names, timed
with no opt-out and then with OPTED people opted out (each with a merged alias), in one run.

    .venv/bin/python -m bench.privacy_speed [--scale 0.2] [--opted 200]

Builds a SQLite file in /tmp with bench/metrics_data at --scale (100k people and 1M rows at 1.0).
Prints each output's median and the ratio opted-out / baseline; fails above MAX_RATIO.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from app.access import service as access_service
from app.people import privacy
from app.people.models import Person
from app.settings import Settings
from app.web import create_app
from bench import pages_speed

REPEATS = 5
MAX_RATIO = 2.0  # masking may at most double an output's time
PATHS = {
    "appearances.csv": "/api/export/appearances.csv",
    "people.csv": "/api/export/people.csv",
    "event 1 (API)": "/api/events/1",
    "sources panels 2015": "/sources/panels?point=2015",
    "outlet 1": "/outlets/1",
    "person 1": "/person/1",
}


def _time(client: TestClient, path: str, headers: dict[str, str]) -> float:
    assert client.get(path, headers=headers).status_code < 500, path  # warm
    samples = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        response = client.get(path, headers=headers)
        samples.append(time.perf_counter() - started)
        assert response.status_code < 500, path
    return statistics.median(samples)


def _opt_out(engine, count: int) -> list[str]:  # type: ignore[no-untyped-def]
    """Opt COUNT random people out, each with an alias merged into them; return their names."""
    rng = random.Random(13)
    with Session(engine) as session, session.begin():
        total = session.scalar(select(func.count()).select_from(Person)) or 0
        chosen = rng.sample(range(1, total + 1), count)
        session.execute(update(Person).where(Person.id.in_(chosen)).values(opted_out=True))
        names = dict(session.execute(select(Person.id, Person.display_name).where(
            Person.id.in_(chosen))).all())  # fmt: skip
        aliases = [{"display_name": f"Dr. {names[pid]}", "name_key": f"alias {pid}",
                    "kind": "person", "opted_out": False, "merged_into_id": pid}
                   for pid in chosen]  # fmt: skip
        session.execute(insert(Person), aliases)
    return list(names.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=0.2)
    parser.add_argument("--opted", type=int, default=200)
    parser.add_argument("--tmp", type=Path, default=Path("/tmp"))
    args = parser.parse_args()
    engine = pages_speed.build(args.scale, args.tmp / "privacy-bench.sqlite3")
    url = engine.url.render_as_string(hide_password=False)
    client = TestClient(create_app(Settings(database_url=url, rate_limit_per_minute=10**6)))
    with Session(engine) as session, session.begin():
        _row, secret = access_service.create_key(session, role="viewer", name="bench")
    headers = {"Authorization": f"Bearer {secret}"}
    baseline = {name: _time(client, path, headers) for name, path in PATHS.items()}
    _opt_out(engine, args.opted)
    with Session(engine) as session:
        started = time.perf_counter()
        seen = privacy.load(session)
        load = time.perf_counter() - started
    print(f"[sqlite] scale {args.scale}: {args.opted} opted out + {args.opted} aliases; "
          f"privacy.load {load * 1000:.1f} ms, {len(seen.hidden_ids)} ids hidden")  # fmt: skip
    worst = 0.0
    for name, path in PATHS.items():
        masked = _time(client, path, headers)
        ratio = masked / baseline[name]
        worst = max(worst, ratio)
        print(f"  {name:24s} baseline {baseline[name] * 1000:8.1f} ms  "
              f"opted-out {masked * 1000:8.1f} ms  ratio {ratio:5.2f}")  # fmt: skip
    engine.dispose()
    print(f"worst ratio {worst:.2f} (floor: at most {MAX_RATIO})")
    return 0 if worst <= MAX_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
