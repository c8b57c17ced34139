"""Hand-written HTML agenda pages (think-tank and conference layouts) parse to the people and
roles a reader sees; positions, institutions and placeholders are never read as people.

The `.expected.json` beside each page was written by hand from the page, not from the parser.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrapers import lineup, text
from scrapers.records import PersonKind

PAGES = sorted(
    (Path(__file__).resolve().parents[2] / "fixtures" / "lineup_handgold").glob("*.html")
)


def gold(page: Path) -> dict[str, object]:
    return json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))


def found(page: Path) -> dict[str, str]:
    parsed = lineup.parse(page.read_bytes())
    assert parsed.format == "html"
    people: dict[str, str] = {}
    for session in parsed.sessions:
        for person in session.people:
            if person.kind is PersonKind.PERSON:
                people.setdefault(text.name_key(person.name), person.role.value)
    return people


def test_there_are_enough_pages() -> None:
    assert len(PAGES) >= 8


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_people_and_roles(page: Path) -> None:
    expected = gold(page)
    people = expected["people"]
    assert isinstance(people, list)
    assert found(page) == {text.name_key(p["name"]): p["role"] for p in people}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_positions_and_institutions_are_not_people(page: Path) -> None:
    not_people = gold(page)["not_people"]
    assert isinstance(not_people, list)
    assert not {text.name_key(n) for n in not_people} & found(page).keys()
