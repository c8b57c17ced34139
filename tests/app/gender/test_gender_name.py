"""Name parsing and name-table evidence."""

from __future__ import annotations

import re

import pytest

from app.gender.engine import default_engine
from app.gender.labels import Label
from app.gender.name import NameModel, records_share
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


NAME_RECORDS = re.compile(r"^'[^']+' is (female|male) in (\d+)% of [\d,]+ nomquamgender records")


@pytest.mark.parametrize(
    ("p_female", "words"),
    [
        (0.0, "male in 100%"),
        (0.002, "male in 100%"),
        (0.03, "male in 97%"),
        (0.499, "male in 50%"),
        (0.5, "female in 50%"),
        (0.97, "female in 97%"),
        (1.0, "female in 100%"),
        (0.1234, "male in 88%"),  # a skeleton's record-weighted share: no three decimals
    ],
)
def test_records_share_says_the_side_the_records_point_to(p_female: float, words: str) -> None:
    assert records_share(p_female) == words


def test_a_name_detail_says_the_side_its_records_point_to(model: NameModel) -> None:
    """'olaf' is male in 100% of the records, not 'female in 0%'; the same from the engine
    (whose stored fast table holds the details too)."""
    [olaf] = model.evidence(parse_name("Olaf Berg"))
    assert olaf.label is Label.MAN
    assert olaf.detail.startswith("'olaf' is male in 100% of 9,821 nomquamgender records")
    [fiona] = model.evidence(parse_name("Fiona Smith"))
    assert fiona.detail.startswith("'fiona' is female in 99% of 103,842 nomquamgender records")
    for name in ("Olaf Berg", "Olaf"):
        [piece] = default_engine().infer(name).evidence
        assert piece.detail.startswith("'olaf' is male in 100% of"), piece.detail


def test_every_name_detail_points_where_its_records_do() -> None:
    """Over the name data: the side named is the side of P(female), with at least half."""
    tables = load_tables()
    model = NameModel(tables)
    checked = 0
    for key, (p_female, _sources, counts) in tables.nqg.items():
        if counts < 100 or not key.isalpha():
            continue
        reading = model.read(key)
        assert reading is not None
        found = NAME_RECORDS.match(reading.detail)
        assert found, reading.detail
        assert found[1] == ("female" if p_female >= 0.5 else "male"), reading.detail
        assert int(found[2]) >= 50, reading.detail
        checked += 1
    assert checked > 10_000
