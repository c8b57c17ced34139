"""Times as think-tank event pages write them beside a date: ranges with am/pm at their end,
'a.m.', 'noon', a time zone after the time (read over, never kept in a title), a date and a time
run together when tags are dropped (clock.py, dates.py, linetext.py)."""

from __future__ import annotations

from datetime import date, time

import pytest

from scrapers import lineup
from scrapers.lineup import clock, dates, linetext

D, T = date, time


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        ("12:00 to 1:00 pm ET", T(12, 0), T(13, 0)),  # the end's pm: noon, not midnight
        ("11 to 12:30 pm CET", T(11, 0), T(12, 30)),  # the end's pm would put 11 after 12:30
        ("9:00a.m. ET", T(9, 0), None),
        ("9:00 a.m. – 10:30 a.m. EDT", T(9, 0), T(10, 30)),
        ("10:00 a.m. until noon", T(10, 0), T(12, 0)),
        ("noon to 1:30 p.m. ET", T(12, 0), T(13, 30)),
        ("12 noon - 2 p.m.", T(12, 0), T(14, 0)),
        ("6:00 PM - 7:30 PM (ET)", T(18, 0), T(19, 30)),
        ("14:00–15:30 CEST", T(14, 0), T(15, 30)),
        ("10:00 – 11:00 UTC+2", T(10, 0), T(11, 0)),
        ("at 3 p.m. BST", T(15, 0), None),
        ("2:45 pm Eastern Time", T(14, 45), None),
    ],
)
def test_a_time_alone_with_its_zone(line: str, start: time, end: time | None) -> None:
    assert clock.alone(line) == clock.Slot(start, end)


@pytest.mark.parametrize(
    ("line", "day", "start", "end"),
    [
        ("Thursday, June 4, 202612:00 to 1:00 pm ET", D(2026, 6, 4), T(12, 0), T(13, 0)),
        ("Jun 11, 20269:00a.m. ET", D(2026, 6, 11), T(9, 0), None),
        ("Mon, June 1, 2026 • 2:45 pm ET", D(2026, 6, 1), T(14, 45), None),
        ("June 4, 2026 | 12:00 ET", D(2026, 6, 4), T(12, 0), None),
        ("June 4, 2026 at 12:00 pm ET", D(2026, 6, 4), T(12, 0), None),
        ("Thursday 4 June 2026, noon BST", D(2026, 6, 4), T(12, 0), None),
        ("4 June 2026 – 14:00–15:30 CEST", D(2026, 6, 4), T(14, 0), T(15, 30)),
    ],
)
def test_a_date_line_gives_its_day_and_time(
    line: str, day: date, start: time, end: time | None
) -> None:
    mark = dates.day_mark(line)
    assert mark is not None and mark.full == day
    assert clock.find(mark.rest) == clock.Slot(start, end)
    assert dates.find_days(line) == (day, None)
    assert linetext.is_date(line)  # a heading giving only these opens no session


@pytest.mark.parametrize("line", ["Founded in 20261", "June 4, 202612", "May 2026 9:00"])
def test_digits_after_a_year_that_are_no_time_give_no_date(line: str) -> None:
    assert dates.find_days(line) is None


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("Panel on ports | 2:15 pm ET", "Panel on ports"),
        ("Keynote (14:00 CET)", "Keynote"),
        ("Opening remarks – 9:00 a.m. EST", "Opening remarks"),
        ("Lunch debate (12 noon–1:30 pm GMT)", "Lunch debate"),
        ("Noon Forum on ports", "Noon Forum on ports"),  # a title's word, not a time
    ],
)
def test_a_trailing_time_and_its_zone_leave_the_title(heading: str, title: str) -> None:
    assert clock.without_trailing(heading) == title


@pytest.mark.parametrize(
    ("line", "rest"),
    [
        ("10:00 am ET Panel: Ports", "Panel: Ports"),
        ("10:00 to 11:00 Panel on ports", "Panel on ports"),
        ("9:30 – 10:45 CET | Opening", "Opening"),
        ("14h et 15h Débat", "et 15h Débat"),  # French 'et' is no zone
        ("14:00 MT evaluation session", "MT evaluation session"),  # machine translation
    ],
)
def test_a_leading_time_and_its_zone_leave_the_title(line: str, rest: str) -> None:
    assert linetext.TIME_PREFIX_RE.sub("", line) == rest


def test_no_zone_word_is_left_in_a_session_title() -> None:
    page = (
        b"<html><head><title>Forum</title></head><body><h1>Forum</h1><p>4 June 2026</p>"
        b"<h3>10:00 am ET Panel on ports</h3><p>Speakers: Anna Berg and Jonas Lindqvist</p>"
        b"<h3>Closing talk | 2:15 pm ET</h3><p>Speaker: Nathalie Dubois</p></body></html>"
    )
    found = lineup.parse(page, format="html")
    assert [(s.title, s.start.isoformat() if s.start else None) for s in found.sessions] == [
        ("Panel on ports", "2026-06-04T10:00:00"),
        ("Closing talk", "2026-06-04T14:15:00"),
    ]
