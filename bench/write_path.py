"""The write path's stateful property, long: >= 500 random write sequences per database
(tests/app/metrics/write_path_machine.py; `make test` runs a short fixed-seed version).

Each sequence mixes ingest (also labelled from cue words), re-ingest, inference (also the same
label again from other evidence), correction, bulk correction, merge, split,
undo, self-identification and opt-out; after every step every metric must equal a rebuild and
no opted-out identity may be listed. Prints sequences, steps and mismatches per database; exits 1
on the first mismatch (hypothesis shrinks it and prints the sequence).

    python -m bench.write_path [--examples N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test
from sqlalchemy.orm import Session

from app import db
from tests.app.metrics.write_path_machine import WritePath
from tests.conftest import fresh_engine, postgres_problem


def run(backend: str, examples: int, steps: int) -> tuple[int, float]:
    with tempfile.TemporaryDirectory() as tmp:
        engine = fresh_engine(backend, Path(tmp), database="bench_write_path")
        db.upgrade(engine)
        connection = engine.connect()
        outer = connection.begin()
        session = Session(bind=connection, join_transaction_mode="create_savepoint")
        counted = {"sequences": 0}

        class Counted(WritePath):
            def __init__(self) -> None:
                counted["sequences"] += 1
                super().__init__()

        Counted.session = session
        started = time.perf_counter()
        run_state_machine_as_test(Counted, settings=settings(
            max_examples=examples, stateful_step_count=steps, deadline=None, database=None,
            suppress_health_check=list(HealthCheck),
        ))  # fmt: skip
        elapsed = time.perf_counter() - started
        session.close()
        outer.rollback()
        connection.close()
        engine.dispose()
    return counted["sequences"], elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=int(os.environ.get("EXAMPLES", 500)))
    parser.add_argument("--steps", type=int, default=12)
    args = parser.parse_args(sys.argv[1:] if __name__ == "__main__" else [])
    backends = ["sqlite"] + ([] if postgres_problem() else ["postgresql"])
    for backend in backends:
        sequences, elapsed = run(backend, args.examples, args.steps)
        print(f"{backend:10s} {sequences:5d} sequences of up to {args.steps} steps: "
              f"0 mismatches, 0 leaks ({elapsed:.0f} s)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
