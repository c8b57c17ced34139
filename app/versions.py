"""Which engine and parsers made a row: a short hash of their code and data (issue 16).

A label records the gender engine version that inferred it, an event or article the parser
version that read its page; `voicetally relabel` and `voicetally reparse` redo the rows whose
version is not today's. The hash covers every file the result depends on, so any change to the
code or the name data is a new version without anyone remembering to bump a number.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

__all__ = ["ENGINE_SOURCES", "article_parser_version", "engine_version", "lineup_parser_version"]

ROOT = Path(__file__).resolve().parent.parent
ENGINE_SOURCES = ("app/gender", "scrapers/text.py")
LINEUP_SOURCES = ("scrapers/lineup", "scrapers/text.py", "scrapers/records.py")
ARTICLE_SOURCES = ("scrapers/article", "scrapers/text.py", "scrapers/records.py")
SUFFIXES = {".py", ".json", ".csv", ".tsv", ".txt", ".gz", ".yaml", ".yml"}


def _digest(paths: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for name in paths:
        path = ROOT / name
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and file.suffix in SUFFIXES and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(ROOT)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


@functools.cache
def engine_version() -> str:
    """The gender engine's version: its code and name data."""
    return _digest(ENGINE_SOURCES)


@functools.cache
def lineup_parser_version() -> str:
    """The agenda parsers' version."""
    return _digest(LINEUP_SOURCES)


@functools.cache
def article_parser_version() -> str:
    """The article parser's version."""
    return _digest(ARTICLE_SOURCES)
