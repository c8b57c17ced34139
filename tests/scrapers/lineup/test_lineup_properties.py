"""Property tests: random and mutated bytes fed to every parser raise only ParseError subclasses."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrapers import lineup
from scrapers.errors import ParseError
from scrapers.records import Lineup

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "lineup"
SEEDS = {
    p.parent.name: p.read_bytes()
    for p in sorted(FIXTURES.glob("*/*"))
    if p.is_file() and not p.name.endswith((".expected.json", ".url"))
}
PROPERTY_SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def parse_or_documented_error(content: bytes, fmt: str | None) -> None:
    try:
        result = lineup.parse(content, format=fmt, url="https://example.org/agenda")
    except ParseError as exc:
        assert str(exc)  # every error says something
    else:
        assert isinstance(result, Lineup)


@pytest.mark.parametrize("fmt", [*lineup.FORMATS, None])
@PROPERTY_SETTINGS
@given(content=st.binary(max_size=2048))
def test_random_bytes(fmt: str | None, content: bytes) -> None:
    parse_or_documented_error(content, fmt)


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """Cut, splice and corrupt a real fixture."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        where = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
        if action == "flip":
            data[where] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[where : where + draw(st.integers(1, 64))]
        elif action == "insert":
            data[where:where] = draw(
                st.sampled_from([b"{", b"}", b"<", b'"', b"\xff", b"\r\n ", b",", b"null", b"[]"])
            )
        else:
            del data[where:]
    return bytes(data)


@pytest.mark.parametrize("fmt", sorted(SEEDS))
@PROPERTY_SETTINGS
@given(data=st.data())
def test_mutated_fixtures(fmt: str, data: st.DataObject) -> None:
    content = data.draw(mutated(SEEDS[fmt]))
    parse_or_documented_error(content, data.draw(st.sampled_from([fmt, None])))


@pytest.mark.parametrize("fmt", ["json", "sessionize", "pretalx", "indico", "frab", "jsonld"])
@PROPERTY_SETTINGS
@given(
    doc=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "schedule",
                        "conference",
                        "days",
                        "rooms",
                        "persons",
                        "sessions",
                        "speakers",
                        "results",
                        "contributions",
                        "title",
                        "name",
                        "@type",
                        "subEvent",
                        "performer",
                        "programme",
                        "slot",
                        "event",
                        "people",
                    ]
                ),
                children,
                max_size=5,
            )
        ),
        max_leaves=30,
    )
)
def test_random_json_shapes(fmt: str, doc: object) -> None:
    import json

    parse_or_documented_error(json.dumps(doc).encode(), fmt)
