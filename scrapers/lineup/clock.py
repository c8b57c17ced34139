"""Times of day as agenda lines write them ("09:30 - 10:45", "9.30 Uhr", "14h00", "2:15 pm",
"11:30-1 pm", "12:00 to 1:00 pm ET", "9:00a.m.", "noon", "de 14h à 15h30", "von 9 bis 10.30 Uhr")
and the start and end they give a session once its day is known. Local wall-clock time: a zone
after the time is read over, not kept (the form frab's `<day date><start>` gives).
Pure; no app.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

__all__ = ["Slot", "alone", "find", "leading", "placed", "trailing", "without_trailing"]

# One time of day: noon, or an hour, minutes after ':', '.' or 'h', then am/pm, 'Uhr' or 'h'.
_TIME = (
    r"(?:(?P<{n}noon>(?<![\w.:,/])(?:12(?::00)?\s?noon\b|noon\b(?!\s+(?-i:[A-Z][a-z]))))|"
    r"(?<![\w.:,/])(?P<{n}h>[01]?\d|2[0-3])(?:(?P<{n}sep>[:.]|\s?h\s?)(?P<{n}m>[0-5]\d)(?!\d))?"
    r"(?!\d)(?:\s?(?P<{n}ap>[ap])\.?\s?m\b\.?|(?P<{n}unit>\s?uhr\b|h\b))?)"
)
_RANGE = r"\s*(?:[-–—−]|\bto\b|\btill\b|\buntil\b|\bbis\b|\bà\b|\ba\b|\bau\b|\balle\b)\s*"
_LEAD = r"(?:(?:from|von|de|dalle|dès|ab|um|at)\s+)?"
# How a line that gives only a time opens: a digit, noon, or a word before one ("from 9").
OPENING_RE = re.compile(r"\d|noon\b|(?:from|von|de|dalle|dès|ab|um|at)\s+(?:\d|noon\b)", re.I)
# A time zone written after a time ("2:45 pm ET", "14:00 CEST", "(GMT+1)", "Eastern Time"):
# recognised so that it stays out of titles, not kept: a session's start is the page's local
# wall-clock time (the database takes a naive time as it is; see docs/lineup-format.md).
# Not CT, MT, GST, ICT: a title may open with them (CT imaging, MT evaluation, GST reform).
ZONE_WORDS_TEXT = """ET EST EDT CST CDT MST MDT PT PST PDT AKST AKDT HST GMT UTC BST IST CET CEST
EET EEST WET WEST MEZ MESZ MSK PKT WIB SGT HKT JST KST AEST AEDT AWST NZST NZDT SAST EAT WAT"""
ZONE = (
    r"(?:\(\s*)?(?:(?-i:" + "|".join(ZONE_WORDS_TEXT.split()) + ")"
    r"(?:\s?[+−-]\s?\d{1,2}(?::?\d\d)?)?"
    r"(?:\s?/\s?(?-i:[A-Z]{2,4}))?|(?:eastern|central|mountain|pacific)(?:\s(?:standard|daylight))?"
    r"\stime|local\stime)\b(?:\s*\))?"
)
SLOT_RE = re.compile(
    _LEAD + _TIME.format(n="a") + rf"(?:{_RANGE}" + _TIME.format(n="b") + r")?"
    r"(?:\s?(?P<unit>uhr\b))?" + rf"(?:\s*(?P<zone>{ZONE}))?",
    re.I,
)
# What may follow a time that stands alone on its line: a zone, punctuation.
ZONE_TAIL_RE = re.compile(r"^[\s()\[\],.;:|·•–—-]*(?:[A-Z]{2,4}|(?i:hrs?))?[\s()\[\].]*$")
TRAILING_SEPARATORS = "(|–—-,·•"


class Slot(NamedTuple):
    """A session's time of day: its start, and its end when the line gives a range."""

    start: time
    end: time | None = None


def leading(line: str) -> Slot | None:
    """The slot a line opens with ('09:30 - 10:45 Panel 1', '9.30 Uhr Begrüßung')."""
    match = SLOT_RE.match(line.lstrip())
    return _slot(match, line.lstrip(), strict=False) if match else None


def trailing(line: str) -> Slot | None:
    """The slot at the end of a heading, after a separator ('Panel 1 (09:30-10:45)',
    'Keynote | 2:15 pm'); a dotted time only with 'Uhr', and never hours alone, so 'Python
    3.12' and 'Workshop (2h)' give none."""
    found = _trailing(line)
    return found[1] if found else None


def without_trailing(line: str) -> str:
    """The heading without the slot `trailing` reads at its end: 'Panel 1 (09:30-10:45)' ->
    'Panel 1' (the time is the session's, not its title's)."""
    found = _trailing(line)
    if found is None:
        return line
    return line[: found[0]].rstrip(TRAILING_SEPARATORS + " ") or line


def _trailing(line: str) -> tuple[int, Slot] | None:
    """Where the trailing slot starts, and the slot."""
    for match in SLOT_RE.finditer(line):
        tail = line[match.end() :].strip(" )]")
        head = line[: match.start()].rstrip()
        if not tail and head and head[-1] in TRAILING_SEPARATORS:
            slot = _slot(match, line, strict=True)
            return (match.start(), slot) if slot else None
    return None


def find(value: str) -> Slot | None:
    """The first slot anywhere in `value` (the rest of a date line: ', 14:00-15:30 BST')."""
    for match in SLOT_RE.finditer(value):
        found = _slot(match, value, strict=False)
        if found is not None:
            return found
    return None


def alone(line: str) -> Slot | None:
    """The slot of a line that gives only a time ('09:30 – 10:45', '10:00 AM - 11:00 AM EST')."""
    line = line.strip()
    if not OPENING_RE.match(line):
        return None  # most lines: no time first
    match = SLOT_RE.match(line)
    if match is None or not ZONE_TAIL_RE.match(line[match.end() :]):
        return None
    return _slot(match, line, strict=False)


def placed(slot: Slot | None, day: date | None) -> tuple[datetime | None, datetime | None]:
    """The session's start and end on `day`; (None, None) without a day or a time. An end
    before the start runs past midnight."""
    if slot is None or day is None:
        return None, None
    start = datetime.combine(day, slot.start)
    if slot.end is None or slot.end == slot.start:
        return start, None
    end = datetime.combine(day, slot.end)
    return start, end if end > start else end + timedelta(days=1)


def _slot(match: re.Match[str], line: str, *, strict: bool) -> Slot | None:
    """A slot from a match, or None when the digits are not a time: a bare number with no
    minutes, am/pm or 'Uhr' ('2 Panels'), a dotted date ('12.05.'), an hour past 12 with pm."""
    unit = match.group("unit")
    first = _parts(match, "a")
    second = _parts(match, "b") if _given(match, "b") else None
    bare_dot = _dotted(match, "a") and not (unit or match.group("aunit"))
    marks = ("am", "aap", "anoon", "bm", "bap", "bnoon")
    hours_only = not any(match.group(g) for g in marks) and not unit
    if _dated(match, line) or (strict and (bare_dot or hours_only)):
        return None  # at a title's end, '3.12' is a version and '(2h)' a length
    if not (_marked(match, "a") or (second is not None and _marked(match, "b")) or unit):
        return None
    start_ap = _meridiem(match, "a")
    end_ap = _meridiem(match, "b") if second is not None else None
    start, end = _times(first, second, start_ap, end_ap)
    if start is None or (second is not None and end is None):
        return None
    return Slot(start, end)


def _given(match: re.Match[str], n: str) -> bool:
    return match.group(f"{n}h") is not None or match.group(f"{n}noon") is not None


def _parts(match: re.Match[str], n: str) -> tuple[int, int]:
    if match.group(f"{n}noon"):
        return 12, 0
    return int(match.group(f"{n}h")), int(match.group(f"{n}m") or 0)


def _meridiem(match: re.Match[str], n: str) -> str | None:
    """'a' or 'p' as the time gives it; noon is 12 pm."""
    return "p" if match.group(f"{n}noon") else match.group(f"{n}ap")


def _marked(match: re.Match[str], n: str) -> bool:
    """Whether a time says it is one: minutes, am/pm, noon or a unit ('14h', '9 Uhr')."""
    return any(match.group(f"{n}{part}") for part in ("m", "ap", "noon", "unit"))


def _dotted(match: re.Match[str], n: str) -> bool:
    return (match.group(f"{n}sep") or "") == "."


def _dated(match: re.Match[str], line: str) -> bool:
    """A dotted day and month ('12.05.' or '12.05.2026'), not a time."""
    last = "b" if _given(match, "b") else "a"
    end = match.end(f"{last}m") if match.group(f"{last}m") else -1
    return _dotted(match, last) and end >= 0 and line[end : end + 1] == "."


def _times(
    first: tuple[int, int], second: tuple[int, int] | None, start_ap: str | None, end_ap: str | None
) -> tuple[time | None, time | None]:
    """A range's times; a side without am/pm takes the other side's when that keeps the start
    before the end ('2:15-3:30 pm'), else the other half of the day ('11:30-1 pm', '11 am-1')."""
    if second is None:
        return _clock(first, start_ap), None
    start = _clock(first, start_ap or end_ap)
    end = _clock(second, end_ap or start_ap)
    if start is not None and end is not None and start > end and not (start_ap and end_ap):
        if start_ap is None and end_ap is not None:
            start = _clock(first, "a" if end_ap.casefold() == "p" else "p")
        elif start_ap is not None:
            end = _clock(second, "p" if start_ap.casefold() == "a" else "a")
    if start is None and start_ap is None:
        start = _clock(first, None)  # '13:00-2 pm': a 24-hour start
    return start, end


def _clock(parts: tuple[int, int], meridiem: str | None) -> time | None:
    """A time from (hour, minutes) and am/pm ('12 pm' is noon, '12 am' midnight)."""
    hour, minutes = parts
    if meridiem is None:
        return time(hour, minutes) if hour <= 23 else None
    if not 1 <= hour <= 12:
        return None
    return time(hour % 12 + (12 if meridiem.casefold() == "p" else 0), minutes)
