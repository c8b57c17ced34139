"""Bundled fictional sample data (event lineups, news articles, a feed) for `voicetally demo`.

`manifest()` lists the files with the URL each stands for; `python -m app.samples.generate`
rewrites them. Everything in data/ is invented. Must not import dashboards.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = ["DATA_DIR", "MANIFEST_NAME", "SampleFile", "manifest", "self_identified"]

DATA_DIR = Path(__file__).resolve().parent / "data"
MANIFEST_NAME = "manifest.json"

Kind = Literal["lineup", "article", "feed"]


@dataclass(frozen=True)
class SampleFile:
    """One bundled file and what it stands for."""

    path: Path
    kind: Kind
    format: str  # "pretalx", "frab", "jsonld", "article" or "rss"
    url: str
    series: str | None = None
    outlet: str | None = None
    country: str | None = None
    location: str | None = None
    date: str | None = None  # ISO date: an edition's first day, an article's publication day


def manifest(data_dir: Path = DATA_DIR) -> list[SampleFile]:
    """List the bundled sample files, lineups first, in the generator's order."""
    document = json.loads((data_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    return [
        SampleFile(
            path=data_dir / entry["path"],
            kind=entry["kind"],
            format=entry["format"],
            url=entry["url"],
            series=entry.get("series"),
            outlet=entry.get("outlet"),
            country=entry.get("country"),
            location=entry.get("location"),
            date=entry.get("date"),
        )
        for entry in document["files"]
    ]


def self_identified(data_dir: Path = DATA_DIR) -> dict[str, str]:
    """Map the sample people who self-identify (the demo applies these) to their label."""
    document = json.loads((data_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    return {entry["name"]: entry["label"] for entry in document.get("self_identified", [])}
