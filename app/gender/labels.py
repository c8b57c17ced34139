"""The gender vocabulary of DESIGN.md: label values and evidence sources, strongest first.

Pure: imports nothing from the database layer, so the engine and scrapers-facing code can use it.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["INFERRED_SOURCES", "SOURCE_RANK", "Label", "Source"]


class Label(StrEnum):
    WOMAN = "woman"
    MAN = "man"
    NONBINARY = "nonbinary"
    UNKNOWN = "unknown"


class Source(StrEnum):
    """Where a label comes from. DESIGN.md: self_id > correction > wikidata > text > name."""

    SELF_ID = "self_id"
    CORRECTION = "correction"
    WIKIDATA = "wikidata"
    TEXT = "text"
    NAME = "name"
    NONE = "none"


# Lower rank wins. The current_label view (migration 0001) encodes the same order in SQL.
SOURCE_RANK: dict[Source, int] = {
    Source.SELF_ID: 1,
    Source.CORRECTION: 2,
    Source.WIKIDATA: 3,
    Source.TEXT: 4,
    Source.NAME: 5,
    Source.NONE: 6,
}

INFERRED_SOURCES = frozenset({Source.TEXT, Source.NAME, Source.NONE})
