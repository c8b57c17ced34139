"""Regenerate the bundled sample data: `python -m app.samples.generate [--out DIR]`.

Deterministic (fixed seed, no clock): the same run always writes the same bytes, and a test
compares a fresh run with the committed files. Run it on purpose and commit the result.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.samples import DATA_DIR, MANIFEST_NAME, articles, formats, lineups
from app.samples.roster import NONBINARY, Expert, build_roster

__all__ = ["SEED", "generate", "main"]

SEED = 20261128
OWNED_DIRS = ("lineups", "media")  # generated subtrees: stale files there are removed
OUTLET_DIR = "media/meridian-ledger"
NOTE = (
    "Fictional sample data for voicetally demo: every person, event, outlet and quote is "
    "invented. Regenerate with `python -m app.samples.generate`."
)
WRITERS = {
    "pretalx": (formats.pretalx_json, "{acronym}.schedule.json"),
    "frab": (formats.frab_xml, "{acronym}.schedule.xml"),
    "jsonld": (formats.jsonld_page, "{year}.html"),
}


def generate(out_dir: Path) -> list[Path]:
    """Write every sample file and manifest.json under out_dir; return the paths written."""
    rng = random.Random(SEED)
    roster = build_roster(rng)
    files: dict[str, bytes] = {}
    entries: list[dict[str, Any]] = []
    for path, content, entry in _lineup_files(rng, roster):
        files[path] = content
        entries.append(entry)
    pages = articles.write_articles(rng, roster)
    for page in pages:
        path = f"{OUTLET_DIR}/{page.path}"
        files[path] = page.content
        entries.append(_media_entry(path, "article", "article", page.url, page.published.date()))
    files[f"{OUTLET_DIR}/feed.xml"] = articles.feed_xml(pages)
    entries.append(
        _media_entry(f"{OUTLET_DIR}/feed.xml", "feed", "rss", f"{articles.HOST}/feed.xml")
    )
    document = {
        "note": NOTE,
        "seed": SEED,
        "files": entries,
        "self_identified": [
            {"name": e.name, "label": "nonbinary"} for e in roster if e.gender == NONBINARY
        ],
    }
    files[MANIFEST_NAME] = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode()
    return _write(out_dir, files)


def _lineup_files(
    rng: random.Random, roster: list[Expert]
) -> Iterator[tuple[str, bytes, dict[str, Any]]]:
    """Plan the series and write each edition in its series' format."""
    for planned in lineups.plan(rng, roster):
        series, edition = planned.series, planned.edition
        writer, pattern = WRITERS[series.fmt]
        name = pattern.format(acronym=f"{series.acronym}{edition.year}", year=edition.year)
        path = f"lineups/{series.slug}/{name}"
        yield (
            path,
            writer(planned),
            {
                "path": path,
                "kind": "lineup",
                "format": series.fmt,
                "url": formats.file_url(planned),
                "series": series.title,
                "outlet": None,
                "country": edition.country,
                "location": edition.location,
                "date": planned.starts_on.isoformat(),
            },
        )


def _media_entry(path: str, kind: str, fmt: str, url: str, day: Any = None) -> dict[str, Any]:
    return {
        "path": path,
        "kind": kind,
        "format": fmt,
        "url": url,
        "series": None,
        "outlet": articles.OUTLET,
        "country": articles.OUTLET_COUNTRY,
        "location": None,
        "date": day.isoformat() if day else None,
    }


def _write(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    written = []
    for relative, content in files.items():
        target = out_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(target)
    keep = set(written)
    for owned in OWNED_DIRS:
        for stale in sorted((out_dir / owned).rglob("*")):
            if stale.is_file() and stale not in keep:
                stale.unlink()
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="python -m app.samples.generate", description=__doc__)
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="output directory")
    args = parser.parse_args(argv)
    written = generate(args.out)
    total = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} files, {total / 1024:.0f} KiB, to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
