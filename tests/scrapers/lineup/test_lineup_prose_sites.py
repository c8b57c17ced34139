"""People in running text, the per-site HTML configs, and the documented own formats."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scrapers import lineup
from scrapers.lineup import prose, sites
from scrapers.records import Role

DOC = Path(__file__).resolve().parents[3] / "docs" / "lineup-format.md"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("The future of energy with Dr. Sultan Al Jaber", [("Sultan Al Jaber", "Dr.")]),
        ("Fireside Chat with Assistant Secretary of War Michael Cadenazzi on U.S. Munitions",
         [("Michael Cadenazzi", None)]),
        ("Sir Charles Roxburgh, chair of Lloyd’s, discusses risk", [("Charles Roxburgh", "Sir")]),
        ("A conversation with Governor Maria Santos", [("Maria Santos", "Governor")]),
        ("Hit It with Your Best Shot: An American Doctrine", []),
        ("Coffee with friends", []),
    ],
)  # fmt: skip
def test_inline_people(line: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(p.name, p.honorific) for p in prose.inline_people(line)] == expected


def test_in_conversation_with_gives_a_moderator() -> None:
    people = prose.inline_people("Ruth Kaplan in conversation with Daniel Ortiz.")
    assert [(p.name, p.role) for p in people] == [
        ("Ruth Kaplan", Role.SPEAKER),
        ("Daniel Ortiz", Role.MODERATOR),
    ]


def test_with_is_not_read_in_body_text() -> None:
    assert prose.inline_people("The series rolls on with Event Two Today", title=False) == []


def test_site_configs_match_hosts_and_none_ship() -> None:
    assert sites.load_configs() == ()  # configs are an organiser's feature, never a bench's
    configs = ({"hosts": ["events.example.org"], "session": "article", "people": "p"},)
    assert sites.config_for("https://www.events.example.org/x", configs) is configs[0]
    assert sites.config_for("https://events.example.org.evil.example/x", configs) is None
    assert sites.config_for(None, configs) is None


def test_public_names() -> None:
    for module in (prose, sites):
        for name in module.__all__:
            assert hasattr(module, name)


def doc_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_documented_csv_example_parses() -> None:
    (block,) = doc_blocks("csv")
    parsed = lineup.parse(block.encode())
    assert parsed.format == "csv"
    panel = parsed.sessions[1]
    assert [(p.name, p.role.value, p.kind.value) for p in panel.people] == [
        ("Tom Becker", "moderator", "person"),
        ("Sara Lindqvist", "speaker", "person"),
        ("Data Guild Volunteers", "host", "organisation"),
    ]
    assert parsed.sessions[0].people[0].honorific == "Dr."


def test_documented_json_example_parses() -> None:
    blocks = [b for b in doc_blocks("json") if '"sessions"' in b]
    parsed = lineup.parse(blocks[0].encode())
    assert parsed.format == "json"
    people = parsed.sessions[0].people
    assert [p.kind.value for p in people] == ["person", "person", "organisation"]
    assert people[1].pronouns == "she/her" and people[1].honorific == "Dr."
