"""`voicetally gender`: label names given on the command line or in a CSV (DESIGN.md contract).

A plain function; app/cli.py registers it with Typer. Errors print one stderr line, exit code 1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from app.gender.batch import MissingColumn, label_csv
from app.gender.engine import Engine, Inference, default_engine

__all__ = ["run_gender"]


def run_gender(
    names: list[str],
    *,
    country: str | None,
    as_json: bool,
    csv_path: Path | str | None,
    out_path: Path | str | None,
    engine: Engine | None = None,
) -> int:
    """Print one JSON object per name (`as_json`) or a table, or label a CSV; return exit code."""
    if csv_path is not None:
        try:
            label_csv(csv_path, out_path, engine=engine or default_engine())
        except MissingColumn as error:
            return _error(str(error))
        except OSError as error:  # "[Errno 2] No such file ..." in words, naming the file
            why = (error.strerror or str(error)).lower()
            return _error(f"cannot read or write {error.filename or csv_path}: {why}")
        except UnicodeDecodeError as error:
            return _error(f"{csv_path} is not UTF-8 text (byte {error.start}): save it as UTF-8")
        return 0
    if not names:
        return _error("give one or more names, or --csv IN.csv")
    engine = engine or default_engine()
    found = [engine.infer(name, country=country) for name in names]
    if as_json:
        for name, inference in zip(names, found, strict=True):
            print(json.dumps(inference.as_dict(name), ensure_ascii=False))
    else:
        _print_table(names, found)
    return 0


def _error(message: str) -> int:
    """One stderr line, as every command prints its errors (app/cli.py's fail); exit code 1."""
    print(f"voicetally: error: {message}", file=sys.stderr)
    return 1


def _print_table(names: list[str], found: list[Inference]) -> None:
    table = Table("name", "label", "probability", "source", "why")
    for name, inference in zip(names, found, strict=True):
        why = inference.reason or "; ".join(e.detail for e in inference.evidence)
        table.add_row(name, str(inference.label), f"{inference.probability:.2f}",
                      str(inference.source), why)  # fmt: skip
    Console().print(table)
