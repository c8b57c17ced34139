"""The day an agenda page's event takes place, as people write it near the top of the page:
"12 May 2026, 14:00-15:30 BST", "Thursday, June 4, 2026", "3. Juni 2026", "le 5 juin 2026",
"24 de marzo de 2026", "14 мая 2026 г.", "2026-05-12", "12.05.2026", "12-14 May 2026".

Hand-written on purpose: dateparser (the multilingual library) read "12.05.2026" as 5 December,
gave nothing for "12 May 2026, 14:00-15:30 BST" and took 3 s on its first call. Month names
of the languages the agenda readers know (English, German, French, Spanish, Italian, Russian,
Ukrainian); a day, a month and a year are all required. Also the day headings of a programme of
several days ("Day 2", "Tuesday 12 May", "Dienstag, 12. Mai", "mardi 12 mai"), dated from the
event's days when they give no year. Pure; no app.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from lxml.html import HtmlElement

from scrapers.lineup import clock

__all__ = ["DayMark", "day_mark", "event_days", "find_days"]

MONTH_WORDS = {
    1: "january jan janvier januar jänner enero gennaio января січня",
    2: "february feb février fevrier februar febrero febbraio февраля лютого",
    3: "march mar mars märz maerz marzo марта березня",
    4: "april apr avril abril aprile апреля квітня",
    5: "may mai mayo maggio мая травня",
    6: "june jun juin juni junio giugno июня червня",
    7: "july jul juillet juli julio luglio июля липня",
    8: "august aug août aout agosto августа серпня",
    9: "september sep sept septembre settembre septiembre setiembre сентября вересня",
    10: "october oct octobre oktober octubre ottobre октября жовтня",
    11: "november nov novembre noviembre ноября листопада",
    12: "december dec décembre decembre dezember diciembre dicembre декабря грудня",
}
MONTHS = {word: number for number, words in MONTH_WORDS.items() for word in words.split()}
MONTH = "(?P<month>" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + ")"
DAY = r"(?P<day>[0-3]?\d)"
LAST_DAY = r"(?:\s*[-–—/]\s*(?P<last>[0-3]?\d))?"
# A year, or one a time runs into when tags are dropped ("June 4, 202612:00", "20269:00a.m.")
TIME_AFTER_YEAR = r"(?=[01]?\d[:.]\d\d(?!\d)|\d{1,2}\s?[ap]\.?m\b)"
YEAR = rf"(?P<year>(?:19|20)\d\d)(?:\b|{TIME_AFTER_YEAR})"
RUN_IN_YEAR_RE = re.compile(rf"(?<!\d)((?:19|20)\d\d){TIME_AFTER_YEAR}", re.I)
ORDINAL = r"(?:st|nd|rd|th|er|º|°)?\.?"
PATTERNS = (
    # "12 May 2026", "12-14 May 2026", "3. Juni 2026", "24 de marzo de 2026", "14 мая 2026"
    re.compile(
        rf"(?<!\d){DAY}{ORDINAL}{LAST_DAY}{ORDINAL}\s+(?:de\s+)?{MONTH}\.?,?\s+(?:de\s+)?{YEAR}",
        re.I,
    ),
    # "June 4, 2026", "May 12-14, 2026", "Thursday, June 4th 2026"
    re.compile(rf"\b{MONTH}\.?\s+{DAY}{ORDINAL}{LAST_DAY}{ORDINAL},?\s+{YEAR}", re.I),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    # "12.05.2026": day first, as everywhere the dotted form is written
    re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?!\d)"),
)
MAX_LINE_CHARS = 200  # a date line, a subtitle; not a paragraph that mentions a day in passing
MAX_LINES = 40  # near the top: the event's day, not a related event's further down
MAX_SPAN_DAYS = 7  # a conference's days; dates further apart list several events


def find_days(value: str) -> tuple[date, date | None] | None:
    """The first full date in `value` (and the last day of a range such as "12-14 May 2026")."""
    found: list[tuple[int, date, date | None]] = []
    for pattern in PATTERNS:
        for match in pattern.finditer(value):
            days = _days(match)
            if days is not None:
                found.append((match.start(), *days))
                break
    if not found:
        return None
    _, first, last = min(found, key=lambda item: item[0])
    return first, last


def _days(match: re.Match[str]) -> tuple[date, date | None] | None:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.casefold())
    if month is None:
        return None
    year = int(match.group("year"))
    try:
        first = date(year, month, int(match.group("day")))
        last_day = match.groupdict().get("last")
        last = date(year, month, int(last_day)) if last_day else None
    except ValueError:  # "31 June", "32.13.2026"
        return None
    return first, last if last is not None and last > first else None


def event_days(
    root: HtmlElement, lines: Iterable[tuple[int, str]]
) -> tuple[date | None, date | None]:
    """The event's first (and last) day: a <time datetime> of the page's content, else the
    short lines near the top that give full dates; (None, None) when none does, or when those
    dates span more than MAX_SPAN_DAYS (a listing of events, not one event's days)."""
    for node in root.iter("time"):
        stamp = (node.get("datetime") or "").strip()
        days = find_days(stamp) if len(stamp) >= 10 else None
        if days is not None:
            return days
    found: list[date] = []
    for number, (_level, line) in enumerate(lines):
        if number >= MAX_LINES:
            break
        days = find_days(line) if len(line) <= MAX_LINE_CHARS else None
        if days is not None:
            found.extend(day for day in days if day is not None)
    if not found or (max(found) - min(found)).days > MAX_SPAN_DAYS:
        return None, None
    return min(found), max(found) if max(found) > min(found) else None


WEEKDAY_WORDS = {
    0: "monday mon montag lundi lunes lunedì lunedi понедельник понеділок",
    1: "tuesday tue tues dienstag mardi martes martedì martedi вторник вівторок",
    2: "wednesday wed mittwoch mercredi miércoles miercoles mercoledì mercoledi среда среду середа",
    3: "thursday thu thur thurs donnerstag jeudi jueves giovedì giovedi четверг четвер",
    4: "friday fri freitag vendredi viernes venerdì venerdi пятница пятницу пʼятниця п'ятниця",
    5: "saturday sat samstag sonnabend samedi sábado sabado sabato суббота субботу субота",
    6: "sunday sun sonntag dimanche domingo domenica воскресенье неділя",
}
WEEKDAYS = {word: number for number, words in WEEKDAY_WORDS.items() for word in words.split()}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_DAY_WORD = r"(?:day|tag|jour|journée|journee|día|dia|giorno|jornada|день)"
_INDEX = r"(?P<index>\d{1,2}|" + "|".join(NUMBER_WORDS) + ")"
_WEEKDAY = "(?P<weekday>" + "|".join(sorted(map(re.escape, WEEKDAYS), key=len, reverse=True)) + ")"
_NOT_TIME = r"(?![:.h]\d|\s?[ap]\.?m\b|\s?uhr)"
# "Day 2", "Tag 2", "Jour 2", "2nd day", "2. Tag", "2e jour": the programme's second day.
DAY_INDEX_RE = re.compile(
    rf"^(?:{_DAY_WORD}\s*{_INDEX}\b|(?P<nth>\d)(?:st|nd|rd|th|er|re|e|ème|\.)?\s*{_DAY_WORD}\b)"
    r"[\s:,.|·•–—-]*",
    re.I,
)
WEEKDAY_RE = re.compile(rf"^{_WEEKDAY}\b\.?,?\s*", re.I)
# A day and a month without the year: "12 May", "12. Mai", "12 de mayo", "May 12th", "12.05."
PARTIAL_PATTERNS = (
    re.compile(rf"^{DAY}{ORDINAL}\s+(?:de\s+)?{MONTH}\b\.?", re.I),
    re.compile(rf"^{MONTH}\.?\s+{DAY}{ORDINAL}(?!\d){_NOT_TIME}", re.I),
    re.compile(r"^(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?!\d)"),
)
DAY_NUMBER_RE = re.compile(rf"^{DAY}{ORDINAL}(?!\d){_NOT_TIME}", re.I)  # "Tuesday 12th"
MAX_MARK_CHARS = 80
# The words a day heading may open with (checked first: most lines open with none of them).
OPENING_WORDS = frozenset({*WEEKDAYS, *MONTHS, "day", "tag", "jour", "journée", "journee", "día"}
                          | {"dia", "giorno", "jornada", "день"})  # fmt: skip
FIRST_WORD_RE = re.compile(r"[^\W\d_]+")
CLOCK_START_RE = re.compile(r"\d{1,2}(?::|h\d|h\b|\s?[ap]\.?m\b)", re.I)
LETTERS_RE = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class DayMark:
    """A day heading of a programme, as far as it goes without the event's days: a full date,
    a day and month, a weekday (and day of the month), or the programme's n-th day; `rest` is
    the text after it (a time, a title)."""

    full: date | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    index: int | None = None
    rest: str = ""

    def resolve(self, first: date | None, last: date | None) -> date | None:
        """The day it names, the event's first and last day giving what it leaves out; None
        when they do not settle it (no year known, two days fit, a weekday that disagrees)."""
        found = self.full or self._dated(first, last)
        if found is None and self.index is not None and first is not None:
            found = first + timedelta(days=self.index - 1)
        if found is not None and self.weekday is not None and found.weekday() != self.weekday:
            return self.full  # a stated full date stands; an inferred one that disagrees does not
        return found

    def _dated(self, first: date | None, last: date | None) -> date | None:
        anchor = first or last
        if anchor is None:
            return None
        if self.month is not None and self.day is not None:
            try:
                near = [date(anchor.year + k, self.month, self.day) for k in (-1, 0, 1)]
            except ValueError:
                return None
            return min(near, key=lambda day: abs((day - anchor).days))
        if self.weekday is None:
            return None
        span = [anchor + timedelta(days=k) for k in range(((last or anchor) - anchor).days + 1)]
        fits = [d for d in span if d.weekday() == self.weekday and self.day in (None, d.day)]
        return fits[0] if len(fits) == 1 else None


def day_mark(line: str) -> DayMark | None:
    """The day a programme's heading or date line opens with ("Day 2 – Tuesday 12 May",
    "Dienstag, 12. Mai 2026, 9 Uhr", "mardi 12 mai"); None for other lines and for an event's
    span ("12-14 May 2026"). A weekday alone must be all its line says ("Sunday Times ...")."""
    rest, index, weekday = line.strip(), None, None
    if len(line) > MAX_MARK_CHARS or not _may_open_a_day(rest):
        return None
    if found := DAY_INDEX_RE.match(rest):
        number = found.group("index") or found.group("nth")
        index = int(number) if number.isdigit() else NUMBER_WORDS[number.casefold()]
        rest = rest[found.end() :]
    if found := WEEKDAY_RE.match(rest):
        weekday, rest = WEEKDAYS[found.group("weekday").casefold()], rest[found.end() :]
    full, rest, span = _full_date(rest)
    if span:
        return None
    month = day = None
    if full is None and (partial := _partial(rest)) is not None:
        month, day, rest = partial
    elif full is None and weekday is not None and (number := DAY_NUMBER_RE.match(rest)):
        day, rest = int(number.group("day")), rest[number.end() :]
    undated = full is None and month is None and index is None
    if undated and (weekday is None or (day is None and _words_after(rest))):
        return None
    return DayMark(full=full, month=month, day=day, weekday=weekday, index=index, rest=rest)


def _may_open_a_day(line: str) -> bool:
    """A digit or one of OPENING_WORDS first: a cheap test before the patterns run."""
    if line[:1].isdigit():
        return not CLOCK_START_RE.match(line)  # "09:30 Panel", "9am", "14h": a time
    word = FIRST_WORD_RE.match(line)
    return word is not None and word.group().casefold() in OPENING_WORDS


def _full_date(rest: str) -> tuple[date | None, str, bool]:
    """A full date opening `rest`, the text after it, and whether it is a span of days."""
    for pattern in PATTERNS:
        match = pattern.match(rest)
        days = _days(match) if match else None
        if match is not None and days is not None:
            return days[0], rest[match.end() :], days[1] is not None
    return None, rest, False


def _partial(rest: str) -> tuple[int, int, str] | None:
    for pattern in PARTIAL_PATTERNS:
        match = pattern.match(rest)
        if match is None:
            continue
        month_text = match.group("month")
        month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.casefold())
        day = int(match.group("day"))
        if month is not None and 1 <= month <= 12 and 1 <= day <= 31:
            return month, day, rest[match.end() :]
    return None


def _words_after(rest: str) -> bool:
    """Whether words follow a weekday (a title, 'Times columnist'), not only a time."""
    rest = rest.strip(" ,.;:|·•–—-")
    return bool(LETTERS_RE.search(rest)) and clock.alone(rest) is None
