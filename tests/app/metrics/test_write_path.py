"""The write path holds under random sequences of every kind of write, on both databases:
metrics equal a rebuild after every step, and opted-out people are never listed
(write_path_machine.py). A fixed-seed short run here; bench/write_path.py runs 500 sequences.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from tests.app.metrics.write_path_machine import WritePath

SHORT_RUN = settings(
    max_examples=8,
    stateful_step_count=8,
    derandomize=True,  # a fixed seed: the same sequences every run
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def test_random_write_sequences_keep_every_number_right(session) -> None:
    machine = type("BoundWritePath", (WritePath,), {"session": session})
    run_state_machine_as_test(machine, settings=SHORT_RUN)
