"""When the sessions of an agenda page take place: the heuristic reader notes, for each session
it opens, the time its line gives (or a time alone on the line before it, or its card's date and
time after its heading) and the day headings above it; `event_days` settles the event's days
from the page's and the sessions', and `placed` turns each session's into a start and end.
Pure; no app.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from scrapers.lineup import clock, dates, linetext
from scrapers.records import PersonRef

__all__ = ["Timed", "Timeline", "When", "event_days", "placed"]


@dataclass
class When:
    """A session's time of day, and the day headings it comes under (the last run of them)."""

    slot: clock.Slot | None = None
    days: tuple[dates.DayMark, ...] = ()


class Timed(Protocol):
    """A session being read (heuristics.Draft)."""

    when: When
    people: list[PersonRef]


@dataclass
class Timeline:
    """What a reader of agenda lines knows of time so far: the run of day headings seen last
    ('Day 1' then 'Tuesday 12 May': one day, two ways), a time waiting for its session, and
    the time of the table row being read (its sub-sessions share it)."""

    days: tuple[dates.DayMark, ...] = ()
    fresh: bool = False  # a session gained a time or people since the last day heading
    opened: bool = False  # a line that names no day opened a session since the last one
    waiting: clock.Slot | None = None
    row: clock.Slot | None = None
    row_titled: bool = False

    def see(self, level: int, line: str, drafts: Sequence[Timed]) -> None:
        """Before a line is read: a row's time cell (level CLOCK) waits and holds for the row;
        a day heading joins the run, or starts one when a session came since (one with a time
        or people, or any a line naming no day opened: a post's date, then the event's
        'Thursday, June 4, 2026' under the event's headings) or when the layout sets it apart
        (level DAY); it dates a session that so far has only its title ('<h2>Title</h2><p>
        Thursday 5 February 2026, 12:30</p>'), its time waits; a line giving only a time waits
        for its session."""
        if level == linetext.CLOCK:
            self.waiting = self.row = clock.leading(line)
            self.row_titled = False
            return
        if level == linetext.ROW_LEVEL and not self.row_titled:
            self.row_titled = True  # the row's title; a second one starts the next row
        elif linetext.BODY < level <= linetext.ROW_LEVEL:
            self.row = None
        mark = dates.day_mark(line)
        if mark is None:
            self.waiting = clock.alone(line) or self.waiting
            return
        if self.fresh or self.opened or level == linetext.DAY:
            self.days = ()  # a new day; several in a row with nothing between are tab labels
        self.days, self.fresh, self.opened = (*self.days, mark), False, False
        self.waiting = clock.find(mark.rest)  # a time before a new day was the last day's
        last = drafts[-1]
        if not last.people and last.when.slot is None:
            last.when = When(days=self.days)

    def trail(self, line: str, drafts: Sequence[Timed]) -> None:
        """A date or time of a card after its heading (level CARD) is the card's session's,
        never the next card's: once that session has people or a time, the line gives it its
        own day and time ('Title / Speakers / May 28, 2026') and ends the run of day headings,
        so the next card takes no day but its own; before, the day joins the run as any day
        heading's and the time is the session's at once rather than waiting."""
        last = drafts[-1]
        mark = dates.day_mark(line)
        slot = clock.find(mark.rest) if mark is not None else clock.alone(line)
        if last.people or last.when.slot is not None:
            days = (mark,) if mark is not None else last.when.days
            last.when = When(slot=last.when.slot or slot, days=days)
            if mark is not None:
                self.days, self.waiting, self.fresh, self.opened = (), None, True, False
            return
        if mark is not None:
            self.see(linetext.BODY, line, drafts)
        if slot is not None:
            last.when, self.waiting = When(slot=slot, days=last.when.days), None

    def read(self, line: str, drafts: Sequence[Timed], before: tuple[int, int]) -> None:
        """After a line is read (`before`: the sessions and the last one's people until then):
        a session it opened takes the time the line gives, else the waiting one, else its
        row's; a session that gained people with no time of its own takes the waiting one
        ('Panel', '09:30', 'Speakers: ...')."""
        opened = drafts[before[0] :]
        if opened and dates.day_mark(line) is None:
            self.opened = True  # 'Day 2: Policy' opens a session and names its day: no break
        for draft in opened:
            own = clock.leading(line) or clock.trailing(line)
            draft.when = When(slot=own or self.waiting or self.row, days=self.days)
            self.waiting = None
            self.fresh = self.fresh or bool(draft.people or draft.when.slot)
        last = drafts[-1]
        gained = not opened and len(last.people) > before[1]
        self.fresh = self.fresh or gained
        if gained and last.when.slot is None and self.waiting is not None:
            last.when = When(slot=self.waiting, days=last.when.days or self.days)
            self.waiting = None


def placed(
    when: When, *, first: date | None, last: date | None
) -> tuple[datetime | None, datetime | None]:
    """A session's start and end: its time on the day its headings name, or on the event's
    only day when no heading names one; (None, None) when the day is not known."""
    if when.slot is None:
        return None, None
    if when.days:
        day = _named_day(when, first, last)
    else:
        day = first if last is None or last == first else None
    return clock.placed(when.slot, day)


def event_days(
    whens: Iterable[When], *, page: tuple[date | None, date | None], cards: Sequence[date] = ()
) -> tuple[date | None, date | None]:
    """The event's first and last day: the page's (dates.event_days), unless the dates the
    sessions' own day headings give fall outside them: then the sessions' days, for the date
    beside the event's information beats one elsewhere (a post's publication date under its
    title, a <time> of the page), those of timed sessions when there are any; none when the
    sessions' days span more than a week. When the days the page's cards give (`cards`: the
    dates of CARD lines) span more than a week, the page lists events and its sessions' days
    say nothing of one event's: the page's stand.
    'Day 2' or a weekday alone counts from the page's days, so it cannot move them."""
    first, last = page
    if cards and (max(cards) - min(cards)).days > dates.MAX_SPAN_DAYS:
        return page
    named: dict[date, bool] = {}  # a day the sessions fall on: whether one has a time on it
    for when in whens:
        dated = When(days=tuple(m for m in when.days if m.full or m.month))
        day = _named_day(dated, first, last) if len(dated.days) == len(when.days) else None
        if day is not None:
            named[day] = named.get(day, False) or when.slot is not None
    if any(named.values()):  # a day with its time is the event's; a day alone may be a post's
        named = {day: timed for day, timed in named.items() if timed}
    if not named:
        return page
    low, high = min(named), max(named)
    if first is not None and low >= first and high <= (last or first):
        return page
    if (high - low).days > dates.MAX_SPAN_DAYS:
        return None, None
    return low, high if high > low else None


def _named_day(when: When, first: date | None, last: date | None) -> date | None:
    """The one day a session's headings name; None when they name none or several (tab
    labels)."""
    named = {mark.resolve(first, last) for mark in when.days} - {None}
    return named.pop() if len(named) == 1 else None
