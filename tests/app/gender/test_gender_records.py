"""The fast builders of records and strings equal the plain forms they replace (issue 11)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.gender.combine import Decision, new_decision
from app.gender.engine import Engine, Inference, _inference
from app.gender.evidence import Evidence, new_evidence
from app.gender.honorifics import honorific_evidence, role_noun_evidence
from app.gender.labels import Label, Source
from app.gender.name import LOGIT_CAP, PERCENTS, NameReading, grouped, new_reading, round3
from app.gender.namedata import GG_FREQUENCY, _frequency, guesser_score, load_tables

LABELS = st.sampled_from(list(Label))
SOURCES = st.sampled_from(list(Source))
FLOATS = st.floats(allow_nan=False)


@given(st.text(), st.text(), LABELS, FLOATS, st.text())
def test_new_evidence_is_the_record(
    kind: str, value: str, label: Label, weight: float, detail: str
) -> None:
    built, plain = (
        new_evidence(kind, value, label, weight, detail),
        Evidence(kind, value, label, weight, detail),
    )
    assert type(built) is Evidence and built == plain and built.as_dict() == plain.as_dict()


@given(LABELS, FLOATS, FLOATS, FLOATS, SOURCES, st.none() | st.text())
def test_new_decision_and_inference_are_the_records(
    label: Label,
    probability: float,
    p_woman: float,
    p_man: float,
    source: Source,
    reason: str | None,
) -> None:
    decision = new_decision(label, probability, p_woman, p_man, source, reason)
    assert type(decision) is Decision
    assert decision == Decision(label, probability, p_woman, p_man, source, reason)
    evidence = (Evidence("name", "ann", label, 3.0, "why"),)
    inference = _inference(label, probability, p_woman, p_man, source, evidence, reason)
    assert type(inference) is Inference
    assert inference == Inference(label, probability, p_woman, p_man, source, evidence, reason)
    assert inference.as_dict("Ann") == Inference(*inference).as_dict("Ann")


@given(st.text(), FLOATS, st.text(), st.integers())
def test_new_reading_is_the_record(token: str, logit: float, detail: str, counts: int) -> None:
    built = new_reading(token, logit, detail, counts)
    assert type(built) is NameReading and built == NameReading(token, logit, detail, counts)
    assert hash(built) == hash(NameReading(token, logit, detail, counts))


@settings(max_examples=3000)
@given(st.floats(min_value=0.0, max_value=LOGIT_CAP))
def test_round3_equals_round_on_name_weights(logit: float) -> None:
    weight = math.exp(logit)
    assert round3(weight) == round(weight, 3)


@settings(max_examples=3000)
@given(st.floats(allow_nan=True, allow_infinity=True) | st.floats(min_value=-1e6, max_value=1e6))
def test_round3_equals_round_on_any_float(value: float) -> None:
    expected = round(value, 3)
    assert round3(value) == expected or (math.isnan(expected) and math.isnan(round3(value)))


@given(
    st.integers(min_value=0, max_value=10**9), st.sampled_from([-2e-9, -1e-12, 0.0, 1e-12, 2e-9])
)
def test_round3_at_halves(k: int, nudge: float) -> None:
    """Values at and next to a half of the third decimal, where value * 1000 may round wrong."""
    value = (k + 0.5) / 1000 + nudge
    assert round3(value) == round(value, 3)
    assert round3(math.nextafter(value, 0.0)) == round(math.nextafter(value, 0.0), 3)


@given(st.integers(min_value=-(10**12), max_value=10**15))
def test_grouped_equals_format(number: int) -> None:
    assert grouped(number) == f"{number:,}"


def test_percents_are_the_formatted_table_values() -> None:
    for k in range(1001):
        p_female = float(f"{k / 1000:.3f}")  # as namedata reads the table's three decimals
        assert PERCENTS[p_female] == f"{p_female:.0%}"


def _frequency_plain(cells: str) -> int:
    return sum(map(GG_FREQUENCY.__getitem__, cells.replace(" ", "")))


@given(st.text(alphabet=" 123456789ABCDEF", max_size=60))
def test_frequency_equals_the_table_sum(cells: str) -> None:
    assert _frequency(cells) == _frequency_plain(cells)


def test_frequency_fails_as_the_table_did() -> None:
    with pytest.raises(KeyError):
        _frequency("1 2G")


def test_guesser_scores_equal_the_plain_sums() -> None:
    for lines in list(load_tables().guesser.values())[:20_000]:
        for index in (None, 0, 3, 12, 47):
            total = weight = 0
            for score, countries in lines:
                cells = countries if index is None else countries[index : index + 1]
                freq = _frequency_plain(cells)
                total, weight = total + score * freq, weight + freq
            assert guesser_score(lines, index) == (None if weight == 0 else total / weight)


def test_batch_rows_are_read_as_unpacking_reads_them() -> None:
    engine = Engine()
    assert engine.infer_batch([["Maria Schmidt", None]])[0].label is Label.WOMAN  # type: ignore[list-item]
    for row in [("Maria Schmidt", None, "extra"), ("Maria Schmidt",)]:
        with pytest.raises(ValueError, match="values to unpack"):
            engine.infer_batch([row])  # type: ignore[list-item]


@pytest.mark.parametrize("word", ["Ms.", " Frau ", "Herr", "Sir", "Dr", "señora"])
def test_honorific_evidence_is_the_record(word: str) -> None:
    found = honorific_evidence(word)
    if found is not None:
        assert type(found) is Evidence
        assert found == Evidence(
            "honorific", word.strip(), found.label, 50.0, f"addressed as '{word.strip()}'"
        )


@pytest.mark.parametrize("word", ["spokeswoman", "Chairman", "businessman", "writer"])
def test_role_noun_evidence_is_the_record(word: str) -> None:
    found = role_noun_evidence(word)
    if found is not None:
        assert type(found) is Evidence and found.kind == "role_noun"
        assert found == Evidence(
            "role_noun", word, found.label, found.weight, f"described as '{word}'"
        )
