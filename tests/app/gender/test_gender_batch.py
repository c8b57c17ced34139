"""CSV labelling and the `voicetally gender` command function."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from app.gender import batch
from app.gender.command import run_gender
from app.gender.engine import default_engine


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_label_csv_keeps_columns_and_adds_three(tmp_path: Path) -> None:
    source = _write(
        tmp_path / "in.csv",
        [["id", "full_name", "country"], ["1", "Maria Schmidt", ""], ["2", "Andrea Rossi", "IT"],
         ["3", "", ""]],
    )  # fmt: skip
    out = tmp_path / "out.csv"
    assert batch.label_csv(source, out, engine=default_engine()) == 3
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == ["id", "full_name", "country", "label", "probability", "source"]
    assert [r["label"] for r in rows] == ["woman", "man", "unknown"]
    assert rows[2]["source"] == "none"


def test_label_csv_to_a_stream(tmp_path: Path) -> None:
    source = _write(tmp_path / "in.csv", [["full_name"], ["Stefan Baumgartner"]])
    stream = io.StringIO()
    batch.label_csv(source, None, engine=default_engine(), out_stream=stream)
    assert "Stefan Baumgartner,man," in stream.getvalue()


def test_missing_column_names_column_and_file(tmp_path: Path) -> None:
    source = _write(tmp_path / "names.csv", [["name"], ["Maria"]])
    with pytest.raises(batch.MissingColumn) as caught:
        batch.label_csv(source, None, engine=default_engine(), out_stream=io.StringIO())
    assert isinstance(caught.value, ValueError)
    assert "full_name" in str(caught.value) and "names.csv" in str(caught.value)


def test_run_gender_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = run_gender(["Maria Schmidt", "J."], country=None, as_json=True, csv_path=None,
                      out_path=None)  # fmt: skip
    lines = capsys.readouterr().out.splitlines()
    assert code == 0 and len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["name"] == "Maria Schmidt" and first["label"] == "woman"
    assert set(first) >= {"name", "label", "probability", "source", "evidence"}
    assert second["label"] == "unknown"


def test_run_gender_table_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_gender(["Maria Schmidt"], country="DE", as_json=False, csv_path=None,
                      out_path=None) == 0  # fmt: skip
    assert "woman" in capsys.readouterr().out
    bad = _write(tmp_path / "bad.csv", [["name"], ["x"]])
    assert run_gender([], country=None, as_json=False, csv_path=bad, out_path=None) == 1
    assert "full_name" in capsys.readouterr().err
    assert run_gender([], country=None, as_json=False, csv_path=None, out_path=None) == 1


def test_package_all_names_exist() -> None:
    import app.gender as package

    for name in package.__all__:
        assert hasattr(package, name)
