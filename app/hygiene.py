"""Output hygiene: text safe to store and show, CSV cells safe to open in a spreadsheet (issue 14).

Pure: no database, no settings. Every CSV the app writes goes through `csv_writer` or `csv_cell`;
every name, title or free text stored or shown goes through `clean_text`.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from typing import Any, TextIO

__all__ = ["SafeWriter", "clean_deep", "clean_text", "csv_cell", "csv_writer"]

# Bidi controls and overrides (U+202E...), zero-width characters, word joiners, the BOM, the soft
# hyphen: invisible, never part of a name, and a way to spoof one (RTL override).
INVISIBLE = re.compile(r"[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_SPACE = re.compile(r"[^\S\n]+")
_LINES = re.compile(r"\n{3,}")
# A cell a spreadsheet would read as a formula (OWASP "CSV injection"): = + - @, tab or CR first.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FIRST = frozenset(FORMULA_START)
_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?%?$")


def clean_text(raw: str, *, keep_newlines: bool = False) -> str:
    """RAW without control, bidi and zero-width characters; spaces folded, NFC.

    Other control characters (NUL, escapes) become spaces so words stay apart.
    """
    if raw.isascii() and raw.isprintable():  # the common case, ~20x faster
        return _SPACE.sub(" ", raw).strip()
    text = INVISIBLE.sub("", unicodedata.normalize("NFC", raw))
    chars = []
    for ch in text:
        if ch == "\n" and keep_newlines:
            chars.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            chars.append(" ")
        else:
            chars.append(ch)
    text = _SPACE.sub(" ", "".join(chars))
    if keep_newlines:
        return _LINES.sub("\n\n", "\n".join(line.strip() for line in text.split("\n"))).strip()
    return text.strip()


def clean_deep(value: Any) -> Any:
    """VALUE (JSON-like: dicts, lists, strings) with every string cleaned (clean_text)."""
    if isinstance(value, str):
        return clean_text(value, keep_newlines=True)
    if isinstance(value, dict):
        return {key: clean_deep(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [clean_deep(item) for item in value]
    return value


def csv_cell(value: Any) -> Any:
    """VALUE as a CSV cell no spreadsheet runs: a text starting like a formula gets a `'`.

    Numbers (and numeric text such as "-0.12" or "-12%") are left alone: a spreadsheet reads
    them as numbers, never as formulas.
    """
    if value.__class__ is str:  # the common case first: one set lookup
        if value[:1] in _FIRST and not _NUMBER.match(value):
            return "'" + value
        return value
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    return csv_cell(str(value))


class SafeWriter:
    """csv.writer whose every cell goes through csv_cell."""

    def __init__(self, sink: TextIO, **options: Any) -> None:
        self._writer = csv.writer(sink, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([csv_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(sink: TextIO, **options: Any) -> SafeWriter:
    """A CSV writer on SINK that escapes formula-like cells (csv.writer's options)."""
    return SafeWriter(sink, **options)
