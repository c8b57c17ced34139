"""The day an agenda page's event takes place, as people write it near the top of the page:
"12 May 2026, 14:00-15:30 BST", "Thursday, June 4, 2026", "3. Juni 2026", "le 5 juin 2026",
"24 de marzo de 2026", "14 мая 2026 г.", "2026-05-12", "12.05.2026", "12-14 May 2026".

Hand-written on purpose: dateparser (the multilingual library) read "12.05.2026" as 5 December,
gave nothing for "12 May 2026, 14:00-15:30 BST" and took 3 s on its first call. Month names
of the languages the agenda readers know (English, German, French, Spanish, Italian, Russian,
Ukrainian); a day, a month and a year are all required. Pure; no app.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from lxml.html import HtmlElement

__all__ = ["event_days", "find_days"]

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
YEAR = r"(?P<year>(?:19|20)\d\d)"
ORDINAL = r"(?:st|nd|rd|th|er|º|°)?\.?"
PATTERNS = (
    # "12 May 2026", "12-14 May 2026", "3. Juni 2026", "24 de marzo de 2026", "14 мая 2026"
    re.compile(
        rf"(?<!\d){DAY}{ORDINAL}{LAST_DAY}{ORDINAL}\s+(?:de\s+)?{MONTH}\.?,?\s+(?:de\s+)?{YEAR}\b",
        re.I,
    ),
    # "June 4, 2026", "May 12-14, 2026", "Thursday, June 4th 2026"
    re.compile(rf"\b{MONTH}\.?\s+{DAY}{ORDINAL}{LAST_DAY}{ORDINAL},?\s+{YEAR}\b", re.I),
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
