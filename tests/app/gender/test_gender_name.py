"""Name parsing and name-table evidence."""

from __future__ import annotations

import pytest

from app.gender.engine import default_engine
from app.gender.labels import Label
from app.gender.name import NameModel
from app.gender.namedata import GG_COUNTRY, load_tables
from app.gender.nameparse import is_initial, parse_name


@pytest.mark.parametrize(
    ("raw", "given", "surname", "titles"),
    [
        ("Maria Schmidt", ("maria",), "schmidt", ()),
        ("Doe, Jane", ("jane",), "doe", ()),
        ("Ms. Jane Doe", ("jane",), "doe", ("ms",)),
        ("Dr. Anne-Marie Slaughter Jr.", ("anne-marie",), "slaughter", ("dr",)),
        ("J. Robert Oppenheimer", ("j.", "robert"), "oppenheimer", ()),
        ("Juul van den Bergh", ("juul",), "van den bergh", ()),
        ("Ólafur Ragnar Grímsson", ("olafur", "ragnar"), "grimsson", ()),
        ("Анна Иванова", ("anna",), "ivanova", ()),
        ("王秀英", ("xiuying",), "wang", ()),
        ("<b>Anna</b> Smith\u200f", ("anna",), "smith", ()),
    ],
)
def test_parse_name(
    raw: str, given: tuple[str, ...], surname: str, titles: tuple[str, ...]
) -> None:
    parsed = parse_name(raw)
    assert (parsed.given, parsed.surname, parsed.titles) == (given, surname, titles)


def test_initials() -> None:
    assert is_initial("j.") and is_initial("t.d.") and is_initial("j")
    assert not is_initial("anna")
    assert parse_name("J. R.").reason == "only an initial"


@pytest.fixture(scope="module")
def model() -> NameModel:
    return NameModel(load_tables())


def test_country_changes_the_reading_of_a_native_name(model: NameModel) -> None:
    [italy] = model.evidence(parse_name("Andrea Rossi"), "IT")
    [anywhere] = model.evidence(parse_name("Andrea Rossi"))
    [guest] = model.evidence(parse_name("Andrea Nahles"), "IT")
    assert italy.label is Label.MAN and anywhere.label is Label.WOMAN
    assert guest.label is Label.WOMAN and "worldwide one kept" in guest.detail


def test_middle_name_used_when_first_is_an_initial(model: NameModel) -> None:
    [piece] = model.evidence(parse_name("J. Robert Oppenheimer"))
    assert piece.value == "robert" and piece.label is Label.MAN


def test_hyphenated_given_name(model: NameModel) -> None:
    [piece] = model.evidence(parse_name("Jean-Pierre Dupont"))
    assert piece.label is Label.MAN


def test_swapped_order_detected(model: NameModel) -> None:
    [piece] = model.evidence(parse_name("Baumgartner Stefan"))
    assert piece.value == "stefan"
    assert "surname-first" in piece.detail


def test_unknown_name_gives_no_evidence(model: NameModel) -> None:
    assert model.evidence(parse_name("Qzxqv Blorp")) == []
    assert default_engine().infer("Qzxqv Blorp").reason == "given name not in the name data"


def test_iso_countries_map_to_gender_guesser_columns() -> None:
    assert set(GG_COUNTRY) >= {"DE", "IT", "FR", "US", "CN", "SA", "KZ"}
