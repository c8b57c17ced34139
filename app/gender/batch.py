"""Label a CSV of names: every input column kept, `label`, `probability`, `source` added.

Pure file-to-file work over an Engine; the CLI (app/cli.py) wires it as `voicetally gender --csv`.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import TextIO

from app.gender.engine import Engine
from app.hygiene import csv_cell

__all__ = ["OUTPUT_COLUMNS", "MissingColumn", "label_csv"]

NAME_COLUMN = "full_name"
COUNTRY_COLUMN = "country"
OUTPUT_COLUMNS = ("label", "probability", "source")
CHUNK = 10_000


class MissingColumn(ValueError):
    """The input CSV lacks a required column."""

    def __init__(self, column: str, path: Path | str) -> None:
        super().__init__(f"{path}: missing column '{column}' (the CSV needs a '{column}' header)")
        self.column = column
        self.path = str(path)


def label_csv(
    in_path: Path | str,
    out_path: Path | str | None,
    *,
    engine: Engine,
    out_stream: TextIO | None = None,
) -> int:
    """Label every row of `in_path`; write to `out_path` (or `out_stream`, else stdout).

    Returns the number of rows written. Raises MissingColumn when `full_name` is absent.
    """
    with Path(in_path).open(newline="", encoding="utf-8-sig") as source:
        reader = csv.DictReader(source)
        fields = list(reader.fieldnames or [])
        if NAME_COLUMN not in fields:
            raise MissingColumn(NAME_COLUMN, in_path)
        header = fields + [c for c in OUTPUT_COLUMNS if c not in fields]
        if out_path is not None:
            with Path(out_path).open("w", newline="", encoding="utf-8") as sink:
                return _write(reader, sink, header, engine)
        return _write(reader, out_stream or sys.stdout, header, engine)


def _write(reader: csv.DictReader[str], sink: TextIO, header: list[str], engine: Engine) -> int:
    writer = csv.DictWriter(sink, fieldnames=header, extrasaction="ignore")
    writer.writeheader()
    written, chunk = 0, []
    for row in reader:
        chunk.append(row)
        if len(chunk) >= CHUNK:
            written += _flush(chunk, writer, engine)
            chunk = []
    return written + _flush(chunk, writer, engine)


def _flush(rows: list[dict[str, str]], writer: csv.DictWriter[str], engine: Engine) -> int:
    found = engine.infer_batch(
        (row.get(NAME_COLUMN) or "", (row.get(COUNTRY_COLUMN) or "").strip() or None)
        for row in rows
    )
    for row, inference in zip(rows, found, strict=True):
        row["label"] = str(inference.label)
        row["probability"] = f"{inference.probability:.3f}"
        row["source"] = str(inference.source)
        writer.writerow({key: csv_cell(value) for key, value in row.items()})
    return len(rows)
