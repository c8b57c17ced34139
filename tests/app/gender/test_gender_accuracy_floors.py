"""bench/gender_accuracy.py's pinned floors: a metric above its ceiling fails the bench."""

from __future__ import annotations

from bench import gender_accuracy


def test_floors_hold_at_or_below_the_ceilings() -> None:
    assert gender_accuracy.check_floors(dict(gender_accuracy.CEILINGS)) == []


def test_a_metric_above_its_ceiling_is_reported() -> None:
    measured = {"errorCoded": 0.2, "errorCodedWithoutNA": 0.001}
    [line] = gender_accuracy.check_floors(measured)
    assert line.startswith("errorCoded 0.200 > ceiling")


def test_ceilings_are_the_issue_targets_or_tighter() -> None:
    assert gender_accuracy.CEILINGS["errorCoded"] <= 0.06
    assert gender_accuracy.CEILINGS["errorCodedWithoutNA"] <= 0.02
