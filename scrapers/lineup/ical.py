"""iCalendar (RFC 5545) feeds: people from ATTENDEE;CN= and DESCRIPTION lines ("Speaker:", "von:"),
read by a small tolerant reader of our own (folding, CRLF, bad UTF-8, unfolded lines). No app.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from scrapers import text
from scrapers.errors import ParseError
from scrapers.lineup import assemble, textroles, titles
from scrapers.records import Event, Lineup, PersonRef, Role, Session

__all__ = ["parse"]

FORMAT = "ical"
# "Speaker: Jane Doe", "Moderator: X", "von: Y" at the start of a DESCRIPTION line.
LABEL_LINE_RE = re.compile(
    r"^\s*(?P<label>speakers?|moderators?|moderated by|chairs?|chaired by|hosts?|hosted by"
    r"|panel(?:ists?|lists?)|presenters?|keynote(?: speaker)?|discussants?|referent(?:in|en)?"
    r"|von|by|with)\s*:\s*(?P<names>.+)$",
    re.I,
)
ATTENDEE_ROLES = {"CHAIR": Role.CHAIR, "REQ-PARTICIPANT": Role.SPEAKER}
FOLD_RE = re.compile(r"\r?\n[ \t]")
# NAME *(;PARAM=VALUE[,VALUE]) : VALUE, with quoted parameter values.
CONTENT_LINE_RE = re.compile(
    r'^(?P<name>[A-Za-z0-9-]+)(?P<params>(?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:]*)'
    r'(?:,(?:"[^"]*"|[^";:,]*))*)*):(?P<value>.*)$'
)
PARAM_RE = re.compile(r';([A-Za-z0-9-]+)=("[^"]*"|[^";]*)')
TEXT_ESCAPE_RE = re.compile(r"\\([nN,;\\])")
STAMP_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z)?)?$")
MAX_NESTING = 20
OWNER_MIN = 5  # events an ORGANIZER must be on before it reads as the calendar's owner


@dataclass
class _Component:
    name: str
    props: dict[str, list[tuple[dict[str, str], str]]] = field(default_factory=dict)

    def first(self, key: str) -> tuple[dict[str, str], str] | None:
        values = self.props.get(key)
        return values[0] if values else None

    def text(self, key: str) -> str:
        found = self.first(key)
        return text.clean(_unescape(found[1])) if found else ""


def parse(content: bytes, *, url: str | None = None) -> Lineup:
    """Parse an iCalendar feed into a Lineup, one session per VEVENT."""
    raw = assemble.decode(content)
    if "BEGIN:VCALENDAR" not in raw[:2000].upper():
        raise ParseError("not an iCalendar document (no BEGIN:VCALENDAR)", source=url)
    calendar, events = _read(raw, url=url)
    owners = _calendar_owners(events)
    sessions = [_session(component, owners=owners) for component in events]
    starts = sorted(s.start.date() for s in sessions if s.start is not None)
    event = Event(
        name=calendar.text("X-WR-CALNAME") or calendar.text("X-WR-CALDESC") or "(untitled)",
        url=url,
        starts_on=starts[0] if starts else None,
        ends_on=starts[-1] if starts else None,
    )
    return assemble.make_lineup(event, sessions, fmt=FORMAT, url=url)


def _content_lines(raw: str) -> Iterator[tuple[str, dict[str, str], str] | str]:
    """Yield (NAME, params, value) per unfolded line, or the bare text of a broken line."""
    for line in FOLD_RE.sub("", raw).splitlines():
        match = CONTENT_LINE_RE.match(line)
        if match is None:
            if line.strip():
                yield line
            continue
        params = {k.upper(): v.strip('"') for k, v in PARAM_RE.findall(match.group("params"))}
        yield match.group("name").upper(), params, match.group("value")


def _read(raw: str, *, url: str | None) -> tuple[_Component, list[_Component]]:
    """Return the VCALENDAR component and its VEVENTs."""
    calendar = _Component("VCALENDAR")
    stack: list[_Component] = []
    events: list[_Component] = []
    last: list[tuple[dict[str, str], str]] | None = None
    for item in _content_lines(raw):
        if isinstance(item, str):  # an over-long line cut without folding: continue the value
            if last:
                params, value = last[-1]
                last[-1] = (params, value + item)
            continue
        name, params, value = item
        if name == "BEGIN":
            stack.append(_Component(value.strip().upper()))
            if len(stack) > MAX_NESTING:
                raise ParseError("iCalendar components nested too deeply", source=url)
            if stack[-1].name == "VCALENDAR":
                calendar = stack[-1]
        elif name == "END":
            if stack and stack[-1].name == "VEVENT":
                events.append(stack[-1])
            if stack:
                stack.pop()
        elif stack:
            last = stack[-1].props.setdefault(name, [])
            last.append((params, value))
    return calendar, events


def _unescape(value: str) -> str:
    return TEXT_ESCAPE_RE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _when(component: _Component, key: str) -> datetime | None:
    """Read DATE or DATE-TIME values: UTC ('Z'), with TZID, or floating (naive)."""
    found = component.first(key)
    match = STAMP_RE.match(found[1].strip()) if found else None
    if found is None or match is None:
        return None
    year, month, day, hour, minute, second, utc = match.groups()
    zone: tzinfo | None = UTC if utc else _zone(found[0].get("TZID"))
    clock = (int(hour or 0), int(minute or 0), int(second or 0))
    try:
        return datetime(int(year), int(month), int(day), *clock, tzinfo=zone)
    except ValueError:
        return None


def _zone(name: str | None) -> tzinfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name.strip().lstrip("/"))
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _calendar_owners(events: list[_Component]) -> frozenset[str]:
    """ORGANIZER names on most events of a big feed: the calendar's owner, not a speaker."""
    counts: dict[str, int] = {}
    for component in events:
        for params, _value in component.props.get("ORGANIZER", []):
            name = text.clean(_unescape(params.get("CN", "")))
            counts[name] = counts.get(name, 0) + 1
    return frozenset(n for n, c in counts.items() if c >= OWNER_MIN and c > len(events) / 2)


def _session(component: _Component, *, owners: frozenset[str] = frozenset()) -> Session:
    people: list[PersonRef | None] = []
    for params, _value in component.props.get("ATTENDEE", []):
        role = ATTENDEE_ROLES.get(params.get("ROLE", "").upper(), Role.SPEAKER)
        cn = _unescape(params.get("CN", ""))
        people.extend(assemble.people_from_field(cn, role=role, record=True))
    if not people:  # feeds that put the speaker (or 2-4 of them) in ORGANIZER;CN
        for params, _value in component.props.get("ORGANIZER", []):
            name = text.clean(_unescape(params.get("CN", "")))
            if name and name not in owners:
                people.extend(assemble.people_from_field(name, role=Role.SPEAKER, record=True))
    found = component.first("DESCRIPTION")
    description = text.html_to_text(_unescape(found[1])) if found else ""
    people.extend(_description_people(description))
    categories = component.text("CATEGORIES").split(",")[0]
    title = component.text("SUMMARY") or "(untitled)"
    if not any(p is not None for p in people):
        people.extend(titles.people_in_title(title))  # "Title (talk by A)", "Keynote: A - T"
    if not any(p is not None for p in people):
        people.extend(titles.people_in_text(description))  # "... with A and B."
    return assemble.make_session(
        title,
        people=textroles.apply_text_roles(people, title, description),
        start=_when(component, "DTSTART"),
        end=_when(component, "DTEND"),
        kind=categories or None,
        room=component.text("LOCATION") or None,
        external_id=component.text("UID") or None,
    )


def _description_people(description: str) -> list[PersonRef]:
    found: list[PersonRef] = []
    for line in description.splitlines():
        match = LABEL_LINE_RE.match(line)
        if match:
            role = assemble.role_for_label(match.group("label")) or Role.SPEAKER
            found.extend(assemble.people_from_field(match.group("names"), role=role))
    return found
