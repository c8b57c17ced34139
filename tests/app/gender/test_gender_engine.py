"""Engine: the combined label, its JSON shape, the batch cache and hostile input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.gender.engine import Engine, Inference, default_engine
from app.gender.labels import Label, Source
from app.gender.nameparse import parse_name


@pytest.fixture(scope="module")
def engine() -> Engine:
    return default_engine()


def test_default_engine_is_loaded_once() -> None:
    assert default_engine() is default_engine()


@pytest.mark.parametrize(
    ("name", "country", "label"),
    [
        ("Maria Schmidt", None, Label.WOMAN),
        ("Stefan Baumgartner", None, Label.MAN),
        ("Baumgartner Stefan", None, Label.MAN),
        ("Kishida Fumio", None, Label.MAN),  # a Japanese surname's ending, the given name last
        ("Andrea Rossi", "IT", Label.MAN),
        ("Jean Dupont", "FR", Label.MAN),
        ("Anna Ivanova", None, Label.WOMAN),
        ("J. Robert Oppenheimer", None, Label.MAN),
        ("Doe, Jane", None, Label.WOMAN),
        ("Александр Пушкин", None, Label.MAN),
        ("Katrín Jakobsdóttir", None, Label.WOMAN),
    ],
)
def test_names_alone(engine: Engine, name: str, country: str | None, label: Label) -> None:
    found = engine.infer(name, country=country)
    assert found.label is label
    assert found.source is Source.NAME
    assert found.probability >= engine.threshold


def test_the_name_data_decides_ambiguity_not_the_surname(engine: Engine) -> None:
    for name in ("Wang Wei", "Xi Jinping"):
        found = engine.infer(name)
        assert found.label is Label.UNKNOWN, name
        assert found.reason == "ambiguous name"
    # An English given name with an East Asian surname; a Korean and a Han given name the data
    # knows as women's.
    assert engine.infer("Lisa Su").label is Label.WOMAN
    assert engine.infer("Jensen Huang").label is Label.MAN
    assert engine.infer("Park Geun-hye").label is Label.WOMAN
    assert engine.infer("王秀英").label is Label.WOMAN


def test_slavic_endings_hold_only_for_their_language(engine: Engine) -> None:
    for name in ("Luca Terranova", "Alex Casanova", "Jordan Villanova"):
        assert engine.infer(name).label is Label.MAN, name
    assert engine.infer("Anna Ivanova").label is Label.WOMAN
    assert engine.infer("Sasha Ivanova").label is Label.WOMAN


def test_a_country_never_turns_a_worldwide_name_around(engine: Engine) -> None:
    for name in ("Andrea Nahles", "Simone Veil"):
        assert engine.infer(name, country="IT").label is Label.WOMAN, name
    assert engine.infer("Nicola Sturgeon", country="IT").label is not Label.MAN
    # ...unless the surname has the country's shape: an Italian Andrea is a man.
    assert engine.infer("Andrea Rossi", country="IT").label is Label.MAN


@pytest.mark.parametrize(
    ("name", "label", "reason"),
    [
        ("UMBETOV Serik Abikenovich", Label.MAN, "patronymic"),
        ("Akaev ZHanarbek Kubanychovich", Label.MAN, "patronymic"),
        ("Матіос Марія Василівна", Label.WOMAN, "patronymic"),
        ("Abad, Henedina R.", Label.WOMAN, "'Surname, Given' order"),
        ("Hon. Delilah Gore, MP", Label.WOMAN, "post-nominal"),
        ("ADE REZKI PRATAMA, SE, MM", None, "post-nominal 'SE'"),
        ("Adriana Diana TUSA", Label.WOMAN, "surname in capitals"),
        ("ABID NEE DOUAIFIA SAMIRA", Label.WOMAN, "marriage marker"),
    ],
)
def test_name_form_is_read_before_lookup(
    engine: Engine, name: str, label: Label | None, reason: str
) -> None:
    found = engine.infer(name)
    if label is not None:
        assert found.label is label
    assert any(reason in piece.detail for piece in found.evidence) or reason in str(
        parse_name(name).order
    )


def test_arabic_script_given_names_are_read(engine: Engine) -> None:
    assert engine.infer("محمد علي").label is Label.MAN
    assert engine.infer("فاطمة الزهراء").label is Label.WOMAN


def test_vietnamese_middle_name(engine: Engine) -> None:
    assert engine.infer("Vo Thi Anh Xuan").label is Label.WOMAN
    assert engine.infer("Nguyen Van Minh").label is Label.MAN


def test_patronymic_names_are_not_swapped(engine: Engine) -> None:
    assert engine.infer("Hafsat Jibril").label is not Label.MAN


def test_text_evidence_speaks_for_an_ambiguous_name(engine: Engine) -> None:
    bio = "Wang Wei leads the climate team. She joined in 2019 and her work covers Asia."
    found = engine.infer("Wang Wei", bio=bio)
    assert found.label is Label.WOMAN
    assert found.source is Source.TEXT


def test_honorific_overrides_a_weak_name(engine: Engine) -> None:
    found = engine.infer("Kim Lee", honorific="Mr.")
    assert found.label is Label.MAN
    assert found.source is Source.TEXT


def test_declared_pronouns_and_cues(engine: Engine) -> None:
    assert engine.infer("Alex Smith", pronouns="she/her").label is Label.WOMAN
    assert engine.infer("Kim Lee", cues=["spokeswoman"]).label is Label.WOMAN
    weighed = engine.infer("Alex Smith", cues=["spokeswoman"])  # a male-leaning name pulls back
    assert weighed.label is Label.WOMAN and weighed.probability < 0.8
    assert engine.infer("Alex Smith", pronouns="they/them").label is not Label.NONBINARY


def test_as_dict_is_design_gender_json(engine: Engine) -> None:
    data = engine.infer("Maria Schmidt").as_dict("Maria Schmidt")
    assert list(data)[:5] == ["name", "label", "probability", "source", "evidence"]
    assert data["label"] == "woman"
    evidence = data["evidence"]
    assert isinstance(evidence, list)
    assert evidence[0]["kind"] == "name"


def test_infer_batch_matches_infer_and_caches(engine: Engine) -> None:
    rows = [("Maria Schmidt", None), ("Andrea Rossi", "IT"), ("Maria Schmidt", None)]
    found = engine.infer_batch(rows)
    assert [f.label for f in found] == [Label.WOMAN, Label.MAN, Label.WOMAN]
    assert found[0] is found[2]
    assert found[1].label is engine.infer("Andrea Rossi", country="IT").label


def test_threshold_moves_ambiguous_names_to_unknown() -> None:
    strict = Engine(threshold=0.999)
    assert strict.infer("Maria Schmidt").label is Label.UNKNOWN


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "empty name"),
        ("   ", "empty name"),
        ("J.", "only an initial"),
        ("x" * 10_000, "too long to be a name"),
        ("😀😀", "empty name"),
        ("<script>alert(1)</script>", None),
        ("שרה כהן", "Hebrew script: vowels unknown"),
    ],
)
def test_bad_input_is_unknown_with_a_reason(engine: Engine, name: str, reason: str | None) -> None:
    found = engine.infer(name)
    assert found.label is Label.UNKNOWN
    assert found.reason
    if reason:
        assert found.reason == reason


@settings(max_examples=200, deadline=None)
@given(name=st.text(max_size=300), country=st.one_of(st.none(), st.text(max_size=3)))
def test_any_text_gives_an_inference(name: str, country: str | None) -> None:
    found = default_engine().infer(name, country=country, bio=name, cues=[name])
    assert isinstance(found, Inference)
    assert 0.0 <= found.probability <= 1.0
    assert found.label is not Label.NONBINARY
    assert (found.label is Label.UNKNOWN) == (found.reason is not None)


@settings(max_examples=100, deadline=None)
@given(
    name=st.lists(
        st.sampled_from(["\u200f", "\u202e", "<b>", "&amp;", "😀", "Anna", "n", " ", "."]),
        max_size=30,
    ).map("".join)
)
def test_rtl_marks_html_and_emoji_never_raise(name: str) -> None:
    found = default_engine().infer_batch([(name, None)])[0]
    assert found.label in (Label.WOMAN, Label.MAN, Label.UNKNOWN)


def test_thai_script_titles_and_given_names(engine: Engine) -> None:
    # "Mr" glued to the given name; "Miss"; a given name in PyThaiNLP's women's list alone.
    assert engine.infer("นายสมชาย วงศ์สวัสดิ์").label is Label.MAN
    assert engine.infer("นางสาวยิ่งลักษณ์ ชินวัตร").label is Label.WOMAN
    found = engine.infer("ยิ่งลักษณ์ ชินวัตร")
    assert found.label is Label.WOMAN and "PyThaiNLP" in found.evidence[0].detail
