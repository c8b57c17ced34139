"""Regenerate tests/fixtures/lineup/**/<name>.expected.json from the current parsers.

A deliberate, reviewed step (STYLE.md); read the diff before committing:
    .venv/bin/python tests/scrapers/lineup/regen_lineup_expected.py
The folder name is the format; a `<name>.url` file gives the URL the fixture pretends to have.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "lineup"
SKIP_SUFFIXES = (".expected.json", ".url")


def fixture_files() -> Iterator[Path]:
    """Yield every lineup fixture input, sorted."""
    for path in sorted(FIXTURES.glob("*/*")):
        if path.is_file() and not path.name.endswith(SKIP_SUFFIXES):
            yield path


def fixture_url(path: Path) -> str | None:
    """Return the URL a fixture pretends to come from, if it has a `.url` sidecar."""
    sidecar = path.with_suffix(".url")
    return sidecar.read_text(encoding="utf-8").strip() if sidecar.exists() else None


def expected_path(path: Path) -> Path:
    """Return the `<name>.expected.json` beside a fixture."""
    return path.with_name(path.name.rsplit(".", 1)[0] + ".expected.json")


def main() -> None:
    sys.path.insert(0, str(FIXTURES.parents[2]))
    from scrapers import lineup

    for path in fixture_files():
        parsed = lineup.parse(path.read_bytes(), url=fixture_url(path), format=path.parent.name)
        dumped = json.dumps(parsed.model_dump(mode="json"), indent=2, ensure_ascii=False)
        expected_path(path).write_text(dumped + "\n", encoding="utf-8")
        print("wrote", expected_path(path).relative_to(FIXTURES))


if __name__ == "__main__":
    main()
