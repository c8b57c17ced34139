"""Every lineup fixture parses to its `<name>.expected.json`, and its format is detected.

The fixtures are small documents written for these tests; their expected files are edited by
hand (there is no generator). `kind_reason` is left out of the comparison: it is prose.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scrapers import lineup

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "lineup"
SKIP_SUFFIXES = (".expected.json", ".url")
INPUTS = sorted(
    p for p in FIXTURES.glob("*/*") if p.is_file() and not p.name.endswith(SKIP_SUFFIXES)
)


def fixture_url(path: Path) -> str | None:
    sidecar = path.with_suffix(".url")
    return sidecar.read_text(encoding="utf-8").strip() if sidecar.exists() else None


def expected(path: Path) -> dict[str, object]:
    file = path.with_name(path.name.rsplit(".", 1)[0] + ".expected.json")
    return json.loads(file.read_text(encoding="utf-8"))


def test_every_format_has_a_fixture() -> None:
    formats = {p.parent.name for p in INPUTS}
    assert formats >= set(lineup.FORMATS) - {"frab-json", "markdown"}  # markdown: wild_shapes


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_matches_expected(path: Path) -> None:
    parsed = lineup.parse(path.read_bytes(), url=fixture_url(path), format=path.parent.name)
    assert _without_reasons(parsed.model_dump(mode="json")) == expected(path)


def _without_reasons(dumped: dict[str, Any]) -> dict[str, Any]:
    for session in dumped["sessions"]:
        for person in session["people"]:
            person.pop("kind_reason", None)
    return dumped


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_is_detected(path: Path) -> None:
    """Detection picks the folder's format; a JSON-LD page is read through the html parser."""
    content = path.read_bytes()
    detected = lineup.detect_format(content, url=fixture_url(path))
    if path.parent.name == "jsonld" and path.suffix == ".html":
        assert detected == "html"
        assert lineup.parse(content).format == "jsonld"
    else:
        assert detected == path.parent.name
