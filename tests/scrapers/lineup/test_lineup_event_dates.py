"""Which day an HTML page's event and sessions fall on when the page gives more than one date:
the date beside the event's information beats a post's publication date (timeline.event_days),
and a card's date after its heading is that card's session's (level CARD)."""

from __future__ import annotations

from datetime import date

from scrapers import lineup
from scrapers.records import Lineup

D = date


def parse(body: str, *, head: str = "") -> Lineup:
    page = f"<html><head><title>Institute</title>{head}</head><body>{body}</body></html>"
    return lineup.parse(page.encode(), format="html")


def starts(found: Lineup) -> dict[str, tuple[str | None, str | None]]:
    return {
        s.title: (s.start.isoformat() if s.start else None, s.end.isoformat() if s.end else None)
        for s in found.sessions
    }


POST = (
    "<h1>Webinar: Ports and power</h1><p>{posted}</p><p>Research, Events</p>"
    "<p>On June 4, the institute will convene a debate on ports.</p>"
    "<div class=box><h5>Event Information</h5><p><strong>Ports and power</strong></p>"
    "<p><strong>Thursday, June 4, 2026</strong><br>12:00 to 1:00 pm ET</p>"
    "<p>Zoom webinar; Registration requested</p>"
    "<p>For the Proposition: Dr. Anna Berg and Dr. Jonas Lindqvist.</p></div>"
)


def test_the_event_date_beside_its_information_beats_the_post_date() -> None:
    found = parse(POST.format(posted="May 22, 2026"))
    assert (found.event.starts_on, found.event.ends_on) == (D(2026, 6, 4), None)
    assert starts(found) == {"Ports and power": ("2026-06-04T12:00:00", "2026-06-04T13:00:00")}


def test_a_post_date_in_a_time_element_does_not_win_over_the_event_date() -> None:
    posted = '<time datetime="2026-05-22T14:00:03-04:00">May 22, 2026</time>'
    found = parse(POST.format(posted=posted))
    assert found.event.starts_on == D(2026, 6, 4)
    assert [s.start.isoformat() for s in found.sessions if s.start] == ["2026-06-04T12:00:00"]


def test_session_days_inside_the_page_days_leave_them() -> None:
    found = parse(
        "<h1>Forum</h1><p>12–14 May 2026</p><h2>Wednesday 13 May 2026</h2>"
        "<h3>09:30 Panel</h3><p>With Anna Berg and Jonas Lindqvist</p>"
    )
    assert (found.event.starts_on, found.event.ends_on) == (D(2026, 5, 12), D(2026, 5, 14))
    assert starts(found) == {"Panel": ("2026-05-13T09:30:00", None)}


def test_a_numbered_day_does_not_move_the_event() -> None:
    found = parse(
        "<h1>Forum</h1><p>12 May 2026</p><h2>Day 2</h2><h3>09:30 Panel</h3>"
        "<p>With Anna Berg and Jonas Lindqvist</p>"
    )
    assert (found.event.starts_on, found.event.ends_on) == (D(2026, 5, 12), None)


def test_a_page_without_any_date_keeps_null_starts() -> None:
    found = parse(
        "<h1>Webinar: Ports</h1><div><h5>Event Information</h5><p>12:00 to 1:00 pm ET</p>"
        "<p>For the Proposition: Dr. Anna Berg and Dr. Jonas Lindqvist.</p></div>"
    )
    assert (found.event.starts_on, found.event.ends_on) == (None, None)
    assert set(starts(found).values()) == {(None, None)}


CARD = (
    "<figure><figcaption><span>{area}</span><h2><a href=#>{title}</a></h2>"
    "<p class=desc>{people}</p><p class=date><span>{day}</span><span>{time}</span></p>"
    "</figcaption></figure>"
)


def test_a_cards_date_and_time_after_its_people_are_that_cards() -> None:
    cards = [
        ("Defense", "Munitions and the industrial base", "Anna Berg, Jonas Lindqvist",
         "Jun 11, 2026", "9:00a.m. ET"),
        ("Technology", "Quantum supply chains", "Petra Novak, Ingrid Solheim",
         "Jun 16, 2026", "2:30p.m. ET"),
        ("Energy", "Tariffs after the ruling", "Maria Keller, Tomas Varga", "Feb 20, 2026", ""),
    ]  # fmt: skip
    body = "<h1>Events</h1>" + "".join(
        CARD.format(area=a, title=t, people=p, day=d, time=h) for a, t, p, d, h in cards
    )
    found = parse(body)
    assert starts(found) == {
        "Munitions and the industrial base": ("2026-06-11T09:00:00", None),
        "Quantum supply chains": ("2026-06-16T14:30:00", None),
        "Tariffs after the ruling": (None, None),  # a day without a time: no start guessed
    }
    assert (found.event.starts_on, found.event.ends_on) == (None, None)  # a listing


def test_a_card_date_with_its_time_run_together_is_read() -> None:
    card = CARD.replace("<span>{day}</span><span>{time}</span>", "{day}{time}")
    body = "<h1>Events</h1>" + card.format(
        area="Defense", title="Munitions and the industrial base",
        people="Anna Berg, Jonas Lindqvist", day="Jun 11, 2026", time="9:00a.m. ET",
    )  # fmt: skip
    found = parse(body)
    assert starts(found) == {"Munitions and the industrial base": ("2026-06-11T09:00:00", None)}


def test_a_cards_date_and_time_before_its_heading_are_that_cards() -> None:
    card = (
        "<section><a href=#><div><span>Public Event</span><span>{when}</span></div>"
        "<h4>{title}</h4></a><div><p>{people}</p></div></section>"
    )
    body = "<h1>Upcoming events</h1>" + "".join(
        card.format(when=w, title=t, people=p)
        for w, t, p in [
            ("Mon, June 1, 2026 • 2:45 pm ET", "Winning the AI era", "With Anna Berg and Jon Lind"),
            ("Tue, June 2, 2026 | 10:00 am EDT", "Hurricane readiness", "With Petra Novak"),
            ("Wed, May 20, 2026", "Energy in a new order", "With Maria Keller and Tomas Varga"),
        ]
    )  # fmt: skip
    assert starts(parse(body)) == {
        "Winning the AI era": ("2026-06-01T14:45:00", None),
        "Hurricane readiness": ("2026-06-02T10:00:00", None),
        "Energy in a new order": (None, None),
    }


def test_a_timed_session_beats_one_that_only_took_the_post_date() -> None:
    found = parse(
        "<h1>Webinar: Ports</h1><p>May 22, 2026</p><h3>Series: Round Two</h3>"
        "<p>Hosted by Maria Keller</p><div class=box><h5>Event Information</h5>"
        "<p><strong>Ports and power</strong></p><p><strong>Thursday, June 4, 2026</strong>"
        "<br>11:30 to 1:00 pm ET</p><p>Speakers: Anna Berg and Jonas Lindqvist</p></div>"
    )
    assert found.event.starts_on == D(2026, 6, 4)  # not None for May 22 - June 4, 13 days
    assert starts(found)["Ports and power"] == ("2026-06-04T11:30:00", "2026-06-04T13:00:00")


def test_a_session_cards_time_after_its_people_is_its_own() -> None:
    found = parse(
        "<h1>Forum</h1><p>4 June 2026</p>"
        "<div><h3>Panel one</h3><p>Speakers: Anna Berg and Jonas Lindqvist</p><p>09:30 – 10:30</p>"
        "</div><div><h3>Panel two</h3><p>Speakers: Petra Novak and Ingrid Solheim</p>"
        "<p>11:00 – 12:00</p></div>"
    )  # the first time went to the second panel, the second to none
    assert starts(found) == {
        "Panel one": ("2026-06-04T09:30:00", "2026-06-04T10:30:00"),
        "Panel two": ("2026-06-04T11:00:00", "2026-06-04T12:00:00"),
    }


def test_a_day_block_with_one_heading_still_dates_the_timed_lines_below() -> None:
    found = parse(
        "<h1>Forum</h1><div><h2>Day 1</h2><p>Tuesday 12 May 2026</p>"
        "<p>09:30 Opening — Anna Berg, Director, Ports Institute</p></div>"
        "<div><h2>Day 2</h2><p>Wednesday 13 May 2026</p>"
        "<p>09:30 Closing — Petra Novak, Director, Arctic Institute</p></div>"
    )
    assert starts(found) == {
        "Opening": ("2026-05-12T09:30:00", None),
        "Closing": ("2026-05-13T09:30:00", None),
    }
    assert (found.event.starts_on, found.event.ends_on) == (D(2026, 5, 12), D(2026, 5, 13))
