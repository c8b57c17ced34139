"""Accuracy floors: the engine is run on fixed samples and fails when it labels them worse.

These are regression floors on names the rules have seen, not accuracy claims: every accuracy
figure is out of sample, from bench/gender_world.py (leave one country out). The ceilings sit a
little above what the engine measured when they were pinned; lower them when it improves, never
raise them to pass.

- tests/fixtures/gender/names_dev_sample.csv: 200 rows shipped with the tests (CC0; see README).
- ../shared/data/names_world_dev.csv, every 4th row, read in place when it is there (the data is
  not ours to copy): legislators of 56 countries, names as their parliaments publish them.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from app.gender.engine import default_engine
from bench.gender_accuracy import metrics

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "tests" / "fixtures" / "gender" / "names_dev_sample.csv"
WORLD = ROOT.parent / "shared" / "data" / "names_world_dev.csv"
WORLD_STRIDE = 4
# Measured 2026-12-06 at the default threshold: dev sample 0.035 / 0.000, world 0.166 / 0.026.
SAMPLE_CEILINGS = {"errorCoded": 0.05, "errorCodedWithoutNA": 0.01}
WORLD_CEILINGS = {"errorCoded": 0.18, "errorCodedWithoutNA": 0.03}
LABEL = {"woman": "f", "man": "m"}


def _measure(rows: list[tuple[str, str]]) -> dict[str, float]:
    engine = default_engine()
    found = engine.infer_batch((name, None) for name, _ in rows)
    return metrics(
        [(g, LABEL.get(str(i.label), "u")) for (_, g), i in zip(rows, found, strict=True)]
    )


def _read(path: Path, stride: int = 1) -> list[tuple[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = [(r["full_name"], r["gender"]) for r in csv.DictReader(handle)]
    return rows[::stride]


def _over(measured: dict[str, float], ceilings: dict[str, float]) -> list[str]:
    return [f"{k} {measured[k]:.3f} > {v:.3f}" for k, v in ceilings.items() if measured[k] > v]


def test_the_shipped_sample_holds_its_floor() -> None:
    rows = _read(SAMPLE)
    assert len(rows) == 200
    assert _over(_measure(rows), SAMPLE_CEILINGS) == []


@pytest.mark.skipif(not WORLD.exists(), reason="../shared/data/names_world_dev.csv not present")
def test_legislators_of_the_world_hold_their_floor() -> None:
    rows = _read(WORLD, WORLD_STRIDE)
    assert len(rows) > 900
    assert _over(_measure(rows), WORLD_CEILINGS) == []


def test_a_regression_is_caught() -> None:
    assert _over({"errorCoded": 0.2, "errorCodedWithoutNA": 0.0}, SAMPLE_CEILINGS) == [
        "errorCoded 0.200 > 0.050"
    ]
