"""The starts an HTML agenda's sessions now carry, downstream: `extract lineup --json` prints
them as the structured formats' are printed, our JSON reads them back, and ingest stores them
(both databases), keeping page order and staying idempotent; and an events listing's cards,
each stored with its own speakers."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select
from typer.testing import CliRunner

from app.cli import cli
from app.events.models import AgendaSession, Appearance
from app.ingest import service as ingest_service
from app.people.models import Person
from scrapers import lineup

PAGE = Path(__file__).resolve().parents[2] / "fixtures" / "lineup" / "html" / "tagung-de.html"
STARTS = ["2026-06-03T09:30:00", "2026-06-03T10:00:00", "2026-06-04T14:00:00", None]


def test_extract_prints_the_starts_and_our_json_reads_them_back() -> None:
    result = CliRunner().invoke(cli, ["extract", "lineup", str(PAGE), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [s["start"] for s in document["sessions"]] == STARTS
    assert set(document["sessions"][0]) == {"title", "start", "kind", "people"}  # DESIGN.md
    again = lineup.parse(result.stdout.encode(), format="json")
    assert [s.start.isoformat() if s.start else None for s in again.sessions] == STARTS


def test_ingest_stores_the_starts_in_page_order_and_again_changes_nothing(session) -> None:
    parsed = lineup.parse(PAGE.read_bytes(), format="html")
    for _ in range(2):
        event = ingest_service.ingest_lineup(session, parsed, series="Fachtagung Wasserstoff")
    rows = session.scalars(
        select(AgendaSession)
        .where(AgendaSession.event_id == event.id)
        .order_by(AgendaSession.position)
    ).all()
    assert [r.start.isoformat() if r.start else None for r in rows] == STARTS
    assert rows[1].end == datetime(2026, 6, 3, 11, 30)
    assert session.scalar(select(func.count()).select_from(AgendaSession)) == 4


WEBINAR = PAGE.with_name("webinar-post.html")


def test_a_webinar_post_stores_the_event_day_and_the_wall_clock_start(session) -> None:
    """The event's date beside its information, not the post's; '11:30 to 1:00 pm ET' stored as
    the page's wall-clock time (the zone is not kept), read back unchanged on both databases."""
    parsed = lineup.parse(WEBINAR.read_bytes(), format="html")
    event = ingest_service.ingest_lineup(session, parsed, series="Coastal Debates")
    session.flush()
    session.expire_all()
    stored = session.get(type(event), event.id)
    assert stored is not None and stored.starts_on == date(2026, 3, 12)
    (row,) = session.scalars(select(AgendaSession).where(AgendaSession.event_id == event.id))
    assert row.start is not None and row.end is not None
    assert row.start.replace(tzinfo=None) == datetime(2026, 3, 12, 11, 30)
    assert row.end.replace(tzinfo=None) == datetime(2026, 3, 12, 13, 0)


CARDS = PAGE.with_name("events-cards.html")


def test_an_events_listing_stores_each_card_with_its_own_speakers(session) -> None:
    """A card naming one speaker is a session, a guest its title brings in 'with' is stored
    beside the card's own speaker; again changes nothing (both databases)."""
    parsed = lineup.parse(CARDS.read_bytes(), format="html")
    for _ in range(2):
        event = ingest_service.ingest_lineup(session, parsed, series="Harbour Institute events")
    rows = session.execute(
        select(AgendaSession.title, Person.display_name)
        .join(Appearance, Appearance.session_id == AgendaSession.id)
        .join(Person, Person.id == Appearance.person_id)
        .where(AgendaSession.event_id == event.id)
        .order_by(AgendaSession.position, Appearance.id)
    ).all()
    stored: dict[str, list[str]] = {}
    for title, name in rows:
        stored.setdefault(title, []).append(name)
    assert stored["Fireside Chat with Assistant Secretary Wendell Brandt"] == [
        "Wendell Brandt",
        "Miriam Okafor",
    ]
    assert stored["Project Lighthouse: Sensors at Sea"] == ["Rafael Quintero"]
    assert stored["The Coastal Debates: Second Round"] == ["Ingrid M. Solberg Haugen"]
    assert len(stored) == 8 and len(rows) == 13
