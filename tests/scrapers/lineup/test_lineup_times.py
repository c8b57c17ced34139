"""When the sessions of an HTML agenda take place: the time a line gives (clock.py), the day a
programme's heading names (dates.day_mark), and the start and end the html reader sets from
them (timeline.py); no day known, no start."""

from __future__ import annotations

from datetime import date, datetime, time

import lxml.html
import pytest

from scrapers import lineup
from scrapers.lineup import clock, dates, sites, timeline
from scrapers.records import Lineup

D, T = date, time


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        ("09:30 - 10:45 Panel 1: Ports", T(9, 30), T(10, 45)),
        ("9.30 Uhr Begrüßung", T(9, 30), None),
        ("10.00–11.30 Uhr Podiumsdiskussion", T(10, 0), T(11, 30)),
        ("von 9 bis 10.30 Uhr", T(9, 0), T(10, 30)),
        ("14 Uhr Impulsvortrag", T(14, 0), None),
        ("14h00 Table ronde", T(14, 0), None),
        ("de 14h à 15h30 : Débat", T(14, 0), T(15, 30)),
        ("9h Accueil", T(9, 0), None),
        ("2:15 pm Keynote", T(14, 15), None),
        ("2:15-3:30 pm Panel", T(14, 15), T(15, 30)),
        ("11:30-1 pm Lunch talk", T(11, 30), T(13, 0)),  # the morning's 11:30
        ("11 am - 1 Workshop", T(11, 0), T(13, 0)),
        ("10:00 AM - 11:00 AM EST", T(10, 0), T(11, 0)),
        ("12 pm Lunch", T(12, 0), None),
        ("9:30am–10:45am Opening", T(9, 30), T(10, 45)),
        ("23:00-01:00 Night session", T(23, 0), T(1, 0)),
    ],
)
def test_times_as_agendas_write_them(line: str, start: time, end: time | None) -> None:
    assert clock.leading(line) == clock.Slot(start, end)


@pytest.mark.parametrize(
    "line",
    ["2 Panels", "10 Downing Street", "2026 Conference", "12.05.2026", "12.05. Dienstag",
     "1. Panel", "3 h Workshop", "24:00 Close", "13 pm", "Amsterdam 9:30"],
)  # fmt: skip
def test_numbers_that_are_not_times(line: str) -> None:
    assert clock.leading(line) is None


def test_a_time_alone_and_a_time_at_the_end_of_a_heading() -> None:
    assert clock.alone("09:30 – 10:45") == clock.Slot(T(9, 30), T(10, 45))
    assert clock.alone("10:00 AM - 11:00 AM EST") == clock.Slot(T(10, 0), T(11, 0))
    assert clock.alone("09:30 Panel on ports") is None
    assert clock.trailing("Panel 1 (09:30-10:45)") == clock.Slot(T(9, 30), T(10, 45))
    assert clock.trailing("Keynote | 2:15 pm") == clock.Slot(T(14, 15))
    assert clock.trailing("Workshop: Python 3.12") is None  # a version, not a time
    assert clock.trailing("Workshop – 3.12") is None
    assert clock.trailing("Workshop (2h)") is None  # a length
    assert clock.trailing("Table ronde (14h-15h30)") == clock.Slot(T(14, 0), T(15, 30))


@pytest.mark.parametrize(
    "heading, title",
    [
        ("Panel 1 (09:30-10:45)", "Panel 1"),
        ("Keynote | 2:15 pm", "Keynote"),
        ("Conférence de clôture (16h00-17h00)", "Conférence de clôture"),
        ("Podium – 14.30 Uhr", "Podium"),
        ("Workshop: Python 3.12", "Workshop: Python 3.12"),  # a version stays
        ("Workshop (2h)", "Workshop (2h)"),  # a length stays
        ("(10:00)", "(10:00)"),  # nothing left: the line stays
    ],
)
def test_a_heading_loses_the_time_at_its_end(heading: str, title: str) -> None:
    assert clock.without_trailing(heading) == title


def test_a_session_title_keeps_no_trailing_time() -> None:
    page = (
        b"<html><body><h1>Forum</h1><p>12 May 2026</p><h3>Closing talk (16:00-17:00)</h3>"
        b"<p>Speaker: Nathalie Dubois</p></body></html>"
    )
    (session,) = lineup.parse(page, format="html").sessions
    assert session.title == "Closing talk"
    assert session.start == datetime(2026, 5, 12, 16, 0)


def test_a_slot_is_placed_on_its_day_and_an_end_past_midnight_is_the_next_day() -> None:
    day = D(2026, 5, 12)
    assert clock.placed(clock.Slot(T(9, 30), T(10, 45)), day) == (
        datetime(2026, 5, 12, 9, 30),
        datetime(2026, 5, 12, 10, 45),
    )
    assert clock.placed(clock.Slot(T(23, 0), T(1, 0)), day)[1] == datetime(2026, 5, 13, 1, 0)
    assert clock.placed(clock.Slot(T(9, 30)), None) == (None, None)


EVENT = (D(2026, 5, 12), D(2026, 5, 14))  # Tuesday to Thursday


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Day 2", D(2026, 5, 13)),
        ("Day 1 – Tuesday 12 May", D(2026, 5, 12)),
        ("Day Two: Policy", D(2026, 5, 13)),
        ("Tuesday 12 May", D(2026, 5, 12)),
        ("Wednesday, May 13", D(2026, 5, 13)),
        ("Thursday", D(2026, 5, 14)),
        ("Wednesday 13th", D(2026, 5, 13)),
        ("Dienstag, 12. Mai", D(2026, 5, 12)),
        ("Mittwoch, 13. Mai 2026, 9 Uhr", D(2026, 5, 13)),
        ("2. Tag", D(2026, 5, 13)),
        ("12.05.", D(2026, 5, 12)),
        ("mardi 12 mai", D(2026, 5, 12)),
        ("Jour 3", D(2026, 5, 14)),
        ("jeudi 14 mai 2026", D(2026, 5, 14)),
        ("miércoles 13 de mayo", D(2026, 5, 13)),
        ("giovedì 14 maggio", D(2026, 5, 14)),
        ("среда, 13 мая", D(2026, 5, 13)),
        ("2026-05-13", D(2026, 5, 13)),
    ],
)
def test_day_headings_in_the_languages_the_dates_are_read_in(line: str, day: date) -> None:
    mark = dates.day_mark(line)
    assert mark is not None
    assert mark.resolve(*EVENT) == day


@pytest.mark.parametrize(
    "line",
    ["12–14 May 2026", "Sunday Times columnist Jane Doe", "Panel 1", "09:30 Opening",
     "Room 12 May", "Speakers", "Среда и климат"],
)  # fmt: skip
def test_lines_that_are_no_day_heading(line: str) -> None:
    assert dates.day_mark(line) is None


def test_a_day_is_not_guessed() -> None:
    no_year = dates.day_mark("Tuesday 12 May")
    assert no_year is not None and no_year.resolve(None, None) is None
    assert dates.day_mark("Day 2").resolve(None, None) is None  # type: ignore[union-attr]
    wrong_weekday = dates.day_mark("Friday 13 May")  # 13 May 2026 is a Wednesday
    assert wrong_weekday is not None and wrong_weekday.resolve(*EVENT) is None
    stated = dates.day_mark("Tuesday 12 May 2026")
    assert stated is not None and stated.resolve(None, None) == D(2026, 5, 12)
    new_year = dates.day_mark("2 January")  # an event over New Year's Eve
    assert new_year is not None and new_year.resolve(D(2026, 12, 31), None) == D(2027, 1, 2)


def parse(body: str) -> Lineup:
    page = f"<html><head><title>Forum</title></head><body><h1>Forum</h1>{body}</body></html>"
    return lineup.parse(page.encode(), format="html")


def starts(found: Lineup) -> dict[str, tuple[str | None, str | None]]:
    return {
        s.title: (s.start.isoformat() if s.start else None, s.end.isoformat() if s.end else None)
        for s in found.sessions
    }


def test_a_time_between_the_title_and_the_people_is_the_sessions() -> None:
    found = parse(
        "<p>Thursday, 4 June 2026</p><h2>Panel on ports</h2><p>09:30 – 10:45</p>"
        "<p>Speakers: Anna Berg and Jonas Lindqvist</p>"
    )
    assert starts(found) == {"Panel on ports": ("2026-06-04T09:30:00", "2026-06-04T10:45:00")}


def test_the_date_line_of_a_one_session_page_gives_its_time() -> None:
    found = parse(
        "<p>Thursday, 4 June 2026, 12:00–13:30 BST</p><h3>Speakers</h3>"
        "<ul><li>Anna Berg, Director, Ports Institute</li><li>Jonas Lindqvist, Professor, "
        "University of Bergen</li></ul>"
    )
    assert [s.start for s in found.sessions] == [datetime(2026, 6, 4, 12, 0)]
    assert found.sessions[0].end == datetime(2026, 6, 4, 13, 30)


def test_the_date_line_under_each_title_of_a_listing_dates_that_title() -> None:
    found = parse(
        "<h2>Breakfast briefing</h2><p>Tuesday 20 January 2026, 08:30 – 09:45</p>"
        "<p>Speakers: Anna Berg and Jonas Lindqvist</p>"
        "<h2>Roundtable</h2><p>Thursday 5 February 2026, 12:30 – 14:00</p>"
        "<p>Speakers: Petra Novak and Ingrid Solheim</p>"
    )
    assert starts(found) == {
        "Breakfast briefing": ("2026-01-20T08:30:00", "2026-01-20T09:45:00"),
        "Roundtable": ("2026-02-05T12:30:00", "2026-02-05T14:00:00"),
    }


def test_several_days_and_no_day_heading_give_no_start() -> None:
    found = parse(
        "<p>Riga, 21–22 October 2026</p><h3>09:30 Panel on ports</h3>"
        "<p>Speakers: Anna Berg and Jonas Lindqvist</p>"
    )
    assert starts(found) == {"Panel on ports": (None, None)}


def test_a_numbered_day_needs_the_event_day_but_a_full_date_does_not() -> None:
    numbered = parse("<h2>Day 2</h2><h3>09:30 Panel</h3><p>With Anna Berg and Jonas Lindqvist</p>")
    assert starts(numbered) == {"Panel": (None, None)}
    dated = parse(
        "<h2>Wednesday 13 May 2026</h2><h3>09:30 Panel</h3>"
        "<p>With Anna Berg and Jonas Lindqvist</p>"
    )
    assert starts(dated) == {"Panel": ("2026-05-13T09:30:00", None)}


def test_a_time_before_a_new_day_stays_with_the_day_before() -> None:
    found = parse(
        "<p>12–13 May 2026</p><h2>Tuesday 12 May</h2><h3>09:00 Opening</h3>"
        "<p>With Anna Berg</p><p>17:00</p><h2>Wednesday 13 May</h2><h3>Closing panel</h3>"
        "<p>With Jonas Lindqvist and Petra Novak</p>"
    )
    assert starts(found) == {
        "Opening": ("2026-05-12T09:00:00", None),
        "Closing panel": (None, None),
    }


TABS = """<p>9–10 June 2026</p><div role="tablist">
<button role="tab" id="t1" aria-controls="d1">Day 1 · 9 June</button>
<button role="tab" id="t2" aria-controls="d2">Day 2 · 10 June</button></div>
<div role="tabpanel" id="d1" {label1}><h3>09:00 Opening plenary</h3>
<p>With Anna Berg and Jonas Lindqvist</p></div>
<div role="tabpanel" id="d2" {label2} hidden><h3>11:00 Arctic science</h3>
<p>With Petra Novak and Ingrid Solheim</p></div>"""


def test_tab_panels_take_the_day_of_their_tab_and_unlabelled_tabs_give_none() -> None:
    labelled = parse(TABS.format(label1='aria-labelledby="t1"', label2='aria-labelledby="t2"'))
    assert starts(labelled) == {
        "Opening plenary": ("2026-06-09T09:00:00", None),
        "Arctic science": ("2026-06-10T11:00:00", None),
    }
    unlabelled = parse(TABS.format(label1="", label2=""))  # two days in a row: which one?
    assert set(starts(unlabelled).values()) == {(None, None)}


def test_table_rows_a_heading_row_day_and_the_sub_sessions_of_a_row() -> None:
    found = parse(
        "<table><tr><th colspan=2>Day 3 November 20, 2026</th></tr>"
        "<tr><td>9:00 - 9:10<br>10m</td><td><b>Opening</b><br>Anna Berg</td></tr>"
        "<tr><td>17.00-17.30</td><td><p><b>Closing plenary</b></p>"
        "<p><b>Synthesis of the day</b><br>Jonas Lindqvist (Board Chair)</p></td></tr>"
        "<tr><td></td><td><b>Farewell</b><br>Petra Novak</td></tr></table>"
    )
    assert starts(found) == {
        "Opening": ("2026-11-20T09:00:00", "2026-11-20T09:10:00"),
        "Synthesis of the day": ("2026-11-20T17:00:00", "2026-11-20T17:30:00"),
        "Farewell": (None, None),  # a row with no time of its own
    }


def test_a_session_shown_twice_is_kept_once_with_its_start() -> None:
    panel = "<h3>{time}Panel on ports</h3><p>With Anna Berg and Jonas Lindqvist</p>"
    once = parse("<p>4 June 2026</p>" + panel.format(time="") + panel.format(time="09:30 "))
    assert starts(once) == {"Panel on ports": ("2026-06-04T09:30:00", None)}
    twice = parse(
        "<p>4–5 June 2026</p><h2>Thursday 4 June</h2>" + panel.format(time="09:30 ")
        + "<h2>Friday 5 June</h2>" + panel.format(time="09:30 ")
    )  # fmt: skip
    assert [s.start for s in twice.sessions] == [
        datetime(2026, 6, 4, 9, 30),
        datetime(2026, 6, 5, 9, 30),
    ]


def test_a_markdown_agenda_is_timed_through_the_html_reader() -> None:
    source = (
        "# Forum 2026\n\n## Tuesday 12 May 2026\n\n### 09:30 Opening panel\n\n"
        "Speakers: Anna Berg and Jonas Lindqvist\n"
    )
    found = lineup.parse(source.encode(), format="markdown")
    assert starts(found) == {"Opening panel": ("2026-05-12T09:30:00", None)}


SITE = {"hosts": ["events.example.org"], "session": "article", "title": "h2", "time": "p.date",
        "people": "p.speakers"}  # fmt: skip


@pytest.mark.parametrize(
    ("when", "start"),
    [
        ("May 28, 2026, 10:00 am", datetime(2026, 5, 28, 10, 0)),
        ("28 mai 2026, 14h30", datetime(2026, 5, 28, 14, 30)),
        ("12.05.2026 9.30 Uhr", datetime(2026, 5, 12, 9, 30)),
        ("28 May 2026", datetime(2026, 5, 28, 0, 0)),  # a date alone, as before
        ("2026-05-28T10:00:00+02:00", datetime.fromisoformat("2026-05-28T10:00:00+02:00")),
    ],
)
def test_a_site_configs_time_selector_gives_the_start(when: str, start: datetime) -> None:
    page = lxml.html.document_fromstring(
        f"<html><body><article><h2>Panel</h2><p class=date>{when}</p>"
        "<p class=speakers>Anna Berg and Jonas Lindqvist</p></article></body></html>"
    )
    (found,) = sites.extract(page, SITE)
    assert found.start == start


def test_public_names() -> None:
    for module in (clock, dates, timeline):
        for name in module.__all__:
            assert hasattr(module, name)
