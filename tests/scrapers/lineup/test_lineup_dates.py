"""The day and the name of an HTML agenda's event, as pages write them (scrapers.lineup.dates)."""

from __future__ import annotations

from datetime import date

import pytest

from scrapers import lineup
from scrapers.lineup import dates

D = date


@pytest.mark.parametrize(
    ("line", "days"),
    [
        ("12 May 2026, 14:00–15:30 BST", (D(2026, 5, 12), None)),
        ("Thursday, June 4, 2026 | 12:00 ET", (D(2026, 6, 4), None)),
        ("Thursday, June 4th 2026", (D(2026, 6, 4), None)),
        ("12–14 May 2026 · Tallinn", (D(2026, 5, 12), D(2026, 5, 14))),
        ("May 12-14, 2026", (D(2026, 5, 12), D(2026, 5, 14))),
        ("Mittwoch, 3. Juni 2026, 18:00 Uhr", (D(2026, 6, 3), None)),
        ("le 5 juin 2026 à 9h30", (D(2026, 6, 5), None)),
        ("1er octobre 2026", (D(2026, 10, 1), None)),
        ("Madrid, 24 de marzo de 2026 / 24 March 2026", (D(2026, 3, 24), None)),
        ("Roma, 19 febbraio 2026", (D(2026, 2, 19), None)),
        ("14 мая 2026 г., Москва", (D(2026, 5, 14), None)),
        ("Київ, 3 березня 2026", (D(2026, 3, 3), None)),
        ("2026-05-12T09:00:00+02:00", (D(2026, 5, 12), None)),
        ("12.05.2026", (D(2026, 5, 12), None)),  # day first: dateparser read 5 December
        ("Sept. 9, 2026", (D(2026, 9, 9), None)),
    ],
)
def test_dates_as_agendas_write_them(line: str, days: tuple[date, date | None]) -> None:
    assert dates.find_days(line) == days


@pytest.mark.parametrize(
    "line", ["Founded in 2026", "31 June 2026", "32.13.2026", "May 2026", "Room 12 May", "© 2026"]
)
def test_no_full_date_no_day(line: str) -> None:
    assert dates.find_days(line) is None


def page(body: str) -> bytes:
    return (
        f"<html><head><title>Forum</title></head><body><h1>Forum</h1>{body}</body></html>".encode()
    )


PANEL = "<h2>Panel</h2><p>Speakers: Anna Berg and Jonas Lind</p>"


def test_an_html_agenda_is_dated_from_its_date_line_or_its_time_element() -> None:
    dated = lineup.parse(page("<p>Vilnius · 12–13 May 2026</p>" + PANEL), format="html")
    assert (dated.event.starts_on, dated.event.ends_on) == (D(2026, 5, 12), D(2026, 5, 13))
    timed = lineup.parse(page('<time datetime="2026-06-04">4 June</time>' + PANEL))
    assert timed.event.starts_on == D(2026, 6, 4)
    undated = lineup.parse(page(PANEL), format="html")
    assert (undated.event.starts_on, undated.event.ends_on) == (None, None)


def test_a_date_in_a_paragraph_or_far_down_the_page_is_not_the_event_s() -> None:
    prose = "<p>" + "The forum, first held on 3 March 2019 in Riga, returns. " * 5 + "</p>"
    assert lineup.parse(page(prose + PANEL), format="html").event.starts_on is None
    far = "".join(f"<p>Line {n}</p>" for n in range(60)) + "<p>1 May 2026</p>"
    assert lineup.parse(page(PANEL + far), format="html").event.starts_on is None


def test_a_listing_of_events_gets_no_single_day_and_a_conference_its_days() -> None:
    listing = "".join(f"<h2>Event {n}</h2><p>{n} June 2026</p>" for n in (2, 11, 25)) + PANEL
    assert lineup.parse(page(listing), format="html").event.starts_on is None
    days = "<h2>Day 1</h2><p>Tuesday, 9 June 2026</p><h2>Day 2</h2><p>10 June 2026</p>" + PANEL
    event = lineup.parse(page(days), format="html").event
    assert (event.starts_on, event.ends_on) == (D(2026, 6, 9), D(2026, 6, 10))


def test_a_heading_that_only_says_programme_leaves_the_event_its_title() -> None:
    content = (
        "<html><head><title>Paris Defence Forum 2026 – Programme</title></head><body>"
        f"<h1>Programme</h1>{PANEL}</body></html>"
    )
    assert lineup.parse(content.encode(), format="html").event.name == (
        "Paris Defence Forum 2026 – Programme"
    )
    assert lineup.parse(page(PANEL), format="html").event.name == "Forum"  # the h1 names it
