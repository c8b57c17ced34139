"""Format details the fixtures do not spell out: pagination, name swaps, durations, time zones."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

import scrapers.fetch
from scrapers import lineup
from scrapers.lineup import frab, pretalx, sessionize
from scrapers.records import Role

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "lineup"


def test_pretalx_next_page() -> None:
    page = (FIXTURES / "pretalx" / "talks-page.json").read_bytes()
    assert pretalx.next_page_url(page) == (
        "https://pretalx.example.org/api/events/democon-2025/talks/?page=2"
    )
    assert pretalx.next_page_url(b'{"next": null}') is None
    assert pretalx.next_page_url(b"not json") is None


def test_pretalx_event_name_from_api_url() -> None:
    page = (FIXTURES / "pretalx" / "talks-page.json").read_bytes()
    url = "https://pretalx.example.org/api/events/democon-2025/talks/"
    assert lineup.parse(page, url=url).event.name == "democon-2025"


@pytest.mark.parametrize(
    ("speaker", "name"),
    [
        ({"firstName": "Ada", "lastName": "Quill", "fullName": "Ada Quill"}, "Ada Quill"),
        ({"firstName": "QUILL", "lastName": "Ada", "fullName": "QUILL Ada"}, "Ada Quill"),
        ({"firstName": "Quill,", "lastName": "Ada", "fullName": "Quill, Ada"}, "Ada Quill"),
        ({"firstName": "AJ", "lastName": "Zafar", "fullName": "AJ Zafar"}, "AJ Zafar"),
        ({"fullName": "Solo"}, "Solo"),
    ],
)
def test_sessionize_speaker_name(speaker: dict[str, str], name: str) -> None:
    assert sessionize.speaker_name(speaker) == name


def test_sessionize_unscheduled_session_has_no_start() -> None:
    parsed = lineup.parse((FIXTURES / "sessionize" / "all.json").read_bytes())
    workshop = next(s for s in parsed.sessions if s.title == "Copilot Workshop")
    assert workshop.start is None and workshop.room is None


@pytest.mark.parametrize(
    ("duration", "minutes"), [("00:45", 45), ("1:00:00", 1440), ("bad", None), ("-1:00", None)]
)
def test_frab_duration(duration: str, minutes: int | None) -> None:
    start = datetime(2024, 2, 3, 10, 0, tzinfo=UTC)
    end = frab._end(start, duration)
    assert (None if end is None else int((end - start).total_seconds() // 60)) == minutes


def test_frab_several_names_in_one_person() -> None:
    parsed = lineup.parse((FIXTURES / "frab" / "pentabarf.xml").read_bytes())
    names = [p.name for p in parsed.sessions[1].people]
    assert names == ["Jonas Berg", "Kalinda Marr", "Lucía Fernández", "Mateo Ruiz"]


def test_ical_folded_lines_invalid_utf8_and_roles() -> None:
    parsed = lineup.parse((FIXTURES / "ical" / "civic-day.ics").read_bytes())
    podium = parsed.sessions[1]
    roles = {p.name: p.role for p in podium.people}
    assert roles["Rita Sousa"] is Role.CHAIR and roles["Jana Müller"] is Role.MODERATOR
    assert roles["Lena Schmitt"] is Role.SPEAKER  # "von: Karl Weber und\r\n  Lena Schmitt"
    assert parsed.sessions[0].start is not None and parsed.sessions[0].start.utcoffset()
    assert parsed.sessions[2].title == "Mittagspause"  # cut mid-character, repaired
    assert parsed.sessions[3].people == ()  # "TBA" is a placeholder: left out


def test_fetch_public_names() -> None:
    for name in scrapers.fetch.__all__:
        assert hasattr(scrapers.fetch, name)
