"""When the sessions of an agenda page take place: the heuristic reader notes, for each session
it opens, the time its line gives (or a time alone on the line before it) and the day headings
above it; `placed` turns them into a start and end once the event's days are known. Pure; no app.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from scrapers.lineup import clock, dates, linetext
from scrapers.records import PersonRef

__all__ = ["Timed", "Timeline", "When", "placed"]


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
    waiting: clock.Slot | None = None
    row: clock.Slot | None = None
    row_titled: bool = False

    def see(self, level: int, line: str, drafts: Sequence[Timed]) -> None:
        """Before a line is read: a row's time cell (level CLOCK) waits and holds for the row;
        a day heading joins the run (or starts one when a session came since, or when the
        layout sets it apart: level DAY) and dates a session that so far has only its title
        ('<h2>Title</h2><p>Thursday 5 February 2026, 12:30</p>'), its time waits; a line
        giving only a time waits for its session."""
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
        if self.fresh or level == linetext.DAY:
            self.days = ()  # a new day; several in a row with nothing between are tab labels
        self.days, self.fresh = (*self.days, mark), False
        self.waiting = clock.find(mark.rest)  # a time before a new day was the last day's
        last = drafts[-1]
        if not last.people and last.when.slot is None:
            last.when = When(days=self.days)

    def read(self, line: str, drafts: Sequence[Timed], before: tuple[int, int]) -> None:
        """After a line is read (`before`: the sessions and the last one's people until then):
        a session it opened takes the time the line gives, else the waiting one, else its
        row's; a session that gained people with no time of its own takes the waiting one
        ('Panel', '09:30', 'Speakers: ...')."""
        opened = drafts[before[0] :]
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
        named = {mark.resolve(first, last) for mark in when.days} - {None}
        day = named.pop() if len(named) == 1 else None  # tab labels name several: unknown
    else:
        day = first if last is None or last == first else None
    return clock.placed(when.slot, day)
