"""Naive Bayes combination: caps per kind, threshold, deciding source, reasons."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from app.gender.combine import combine, combine_each_kind
from app.gender.evidence import Evidence
from app.gender.labels import Label, Source


def _piece(kind: str, label: Label, weight: float) -> Evidence:
    return Evidence(kind=kind, value="x", label=label, weight=weight, detail="")


def test_independent_kinds_multiply() -> None:
    found = combine(
        [_piece("name", Label.WOMAN, 4.0), _piece("surname", Label.WOMAN, 5.0)], threshold=0.8
    )
    assert math.isclose(found.p_woman, 20 / 21)
    assert found.label is Label.WOMAN and found.source is Source.NAME


def test_same_kind_is_capped() -> None:
    many = [_piece("honorific", Label.MAN, 50.0)] * 5
    found = combine(many, threshold=0.5)
    assert math.isclose(found.p_man, 50 / 51)


def test_text_source_wins_when_it_agrees() -> None:
    found = combine(
        [_piece("name", Label.MAN, 3.0), _piece("pronoun", Label.MAN, 20.0)], threshold=0.8
    )
    assert found.label is Label.MAN and found.source is Source.TEXT


def test_below_threshold_is_unknown_with_reason() -> None:
    weak = combine([_piece("name", Label.WOMAN, 2.0)], threshold=0.8)
    assert weak.label is Label.UNKNOWN and weak.reason == "ambiguous name"
    assert math.isclose(weak.probability, 2 / 3)
    clash = combine(
        [_piece("name", Label.WOMAN, 20.0), _piece("pronoun", Label.MAN, 20.0)], threshold=0.8
    )
    assert clash.reason == "conflicting evidence"
    none = combine([], threshold=0.8, no_evidence_reason="no given name")
    assert (none.label, none.source, none.reason) == (Label.UNKNOWN, Source.NONE, "no given name")


def test_record_decides() -> None:
    found = combine(
        [_piece("name", Label.MAN, 100.0), _piece("wikidata", Label.WOMAN, 99.0)], threshold=0.8
    )
    assert found.label is Label.WOMAN and found.source is Source.WIKIDATA


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["name", "surname", "patronymic", "honorific", "pronoun", "wikidata", "x"]),
    st.sampled_from(list(Label)),
    st.one_of(st.floats(min_value=0.0, max_value=1e6), st.sampled_from([0.0, 1.0, 403.429])),
    st.sampled_from([0.5, 0.6, 0.75, 0.9]),
)
def test_one_piece_decides_as_the_general_loop(
    kind: str, label: Label, weight: float, threshold: float
) -> None:
    piece = _piece(kind, label, weight)
    try:
        expected: object = combine_each_kind([piece], threshold=threshold)
    except ValueError as error:  # no kind agrees with a label over the threshold
        expected = type(error)
    try:
        found: object = combine([piece], threshold=threshold)
    except ValueError as error:
        found = type(error)
    assert found == expected
