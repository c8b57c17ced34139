"""Names with a bracketed part are read again with the bracket when the plain reading is unsure."""

from __future__ import annotations

from app.gender.engine import bracket_variants, default_engine
from app.gender.labels import Label


def test_bracket_variants() -> None:
    assert bracket_variants("The (Theodor) Svedberg") == ["Theodor Svedberg", "The Svedberg"]
    assert bracket_variants("Viscount (Lord Edgar Cecil)") == ["Lord Edgar Cecil", "Viscount"]
    assert bracket_variants("Ada Lovelace") == []
    assert bracket_variants("((((") == []


def test_bracketed_given_name_decides_when_the_first_word_cannot() -> None:
    engine = default_engine()
    assert engine.infer("The (Theodor) Svedberg").label is Label.MAN
    assert engine.infer_batch([("The (Theodor) Svedberg", None)])[0].label is Label.MAN
    assert engine.infer("((((").label is Label.UNKNOWN
