"""The registry, format detection and hostile input: only documented errors escape."""

from __future__ import annotations

import pytest

import scrapers.lineup
from scrapers import lineup
from scrapers.errors import EmptyDocument, ParseError, UnknownFormat
from scrapers.records import Lineup, PersonKind, Role


def test_public_names() -> None:
    assert set(scrapers.lineup.__all__) == {
        "FORMATS",
        "PARSERS",
        "Parser",
        "detect_format",
        "parse",
    }
    for name in scrapers.lineup.__all__:
        assert hasattr(scrapers.lineup, name)


def test_wrong_format_name_lists_the_valid_ones() -> None:
    with pytest.raises(UnknownFormat, match="valid: csv, frab"):
        lineup.parse(b"{}", format="excel", url="agenda.xlsx")


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01\x02\xff\xfe binary", b"just some words", b"[1, 2, 3]", b'{"a": 1}'],
)
def test_unrecognised_content_is_unknown_format(content: bytes) -> None:
    with pytest.raises(UnknownFormat):
        lineup.detect_format(content, url="https://example.org/x")


def test_url_hint_when_content_is_ambiguous() -> None:
    assert lineup.detect_format(b"session,name\nA,B\n", url=None) == "csv"
    assert lineup.detect_format(b"BEGIN:VCALENDAR\r\n", url=None) == "ical"


@pytest.mark.parametrize(
    ("content", "fmt", "message"),
    [
        (b'{"schedule": ', "frab", "malformed frab JSON"),
        (b"<schedule><conference>", "frab", "malformed schedule XML"),
        (b"<agenda/>", "frab", "expected a <schedule> root"),
        (b'{"sessions": 3}', "sessionize", "lacks a `sessions` list"),
        (b"{}", "indico", "lacks `results` or a `programme`"),
        (b"{}", "pretalx", "no pretalx talks"),
        (b"hello", "ical", "no BEGIN:VCALENDAR"),
        (b'{"@type": "Event"', "jsonld", "malformed JSON-LD"),
        (b"title,who\nA,B\n", "csv", "needs a `name` column"),
        (b"session,name,role\nPanel,Ann,boss\n", "csv", "unknown role 'boss'"),
        (b'{"event": {}}', "json", "needs a `sessions` list"),
    ],
)
def test_malformed_input_names_what_is_wrong(content: bytes, fmt: str, message: str) -> None:
    with pytest.raises(ParseError, match=message) as caught:
        lineup.parse(content, format=fmt, url="https://example.org/agenda")
    assert "https://example.org/agenda" in str(caught.value)


@pytest.mark.parametrize(
    ("content", "fmt"),
    [
        (b'{"schedule": {"conference": {"title": "X", "days": []}}}', "frab"),
        (b"<schedule><conference><title>X</title></conference></schedule>", "frab"),
        (b'{"sessions": [], "speakers": []}', "sessionize"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "ical"),
        (b"<html><body><p>Nothing here.</p></body></html>", "html"),
        (b'{"@context": "https://schema.org", "@type": "WebPage"}', "jsonld"),
        (b"session,name\n", "csv"),
        (b'{"event": {"name": "X"}, "sessions": []}', "json"),
    ],
)
def test_empty_agenda_is_an_empty_document(content: bytes, fmt: str) -> None:
    with pytest.raises(EmptyDocument):
        lineup.parse(content, format=fmt)


def test_xml_entities_are_not_expanded(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    content = (
        f'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<schedule><conference><title>T</title></conference><day><room><event id='1'>"
        "<title>Talk</title><persons><person id='1'>&x;Ann Lee</person></persons>"
        "</event></room></day></schedule>"
    ).encode()
    parsed = lineup.parse(content, format="frab")
    assert "TOPSECRET" not in parsed.model_dump_json()


def test_parse_detects_then_parses() -> None:
    content = (
        b'{"event": {"name": "Draft"}, "sessions": [{"title": "Panel",'
        b' "people": [{"name": "Ann Lee", "role": "chair"}]}]}'
    )
    parsed = lineup.parse(content)
    assert isinstance(parsed, Lineup) and parsed.format == "json"
    assert parsed.sessions[0].people[0].role is Role.CHAIR


def test_group_accounts_are_organisations() -> None:
    content = (
        b"session,name\nPanel,Organising Team\nPanel,Various speakers\nPanel,TBA\nPanel,Ann Lee\n"
    )
    people = lineup.parse(content, format="csv").sessions[0].people
    kinds = {p.name: p.kind for p in people}
    assert kinds == {
        "Organising Team": PersonKind.ORGANISATION,
        "Various speakers": PersonKind.ORGANISATION,
        "TBA": PersonKind.ORGANISATION,
        "Ann Lee": PersonKind.PERSON,
    }
