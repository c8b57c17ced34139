"""Indico HTTP export API JSON (`export/event/N.json?detail=contributions|sessions`, Indico 2-3),
plus site dumps derived from it that keep `programme.days[].rows[].items[]` with conveners,
discussants and per-paper speakers. Names arrive as "Last, First". Pure; never imports app.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from scrapers import text
from scrapers.errors import ParseError
from scrapers.lineup import assemble, textroles
from scrapers.records import Event, Lineup, PersonRef, Role, Session

__all__ = ["parse"]

FORMAT = "indico"
MAX_DEPTH = 6


def parse(content: bytes, *, url: str | None = None) -> Lineup:
    """Parse an Indico export (or a programme dump derived from one)."""
    data = assemble.load_json(content, fmt=FORMAT, url=url)
    results = data.get("results") if isinstance(data, dict) else None
    if isinstance(results, list) and results and isinstance(results[0], dict):
        return _export(results[0], url=url)
    if isinstance(results, dict) and results:
        return _timetable(results, url=url)
    programme = _find_programme(data, depth=0)
    if programme is not None:
        return _programme(*programme, url=url)
    raise ParseError("Indico JSON lacks `results` or a `programme`", source=url)


def _person(entry: Any, *, role: Role) -> PersonRef | None:
    if not isinstance(entry, dict):
        return None
    first = assemble.i18n(entry.get("first_name") or entry.get("firstName"))
    last = assemble.i18n(entry.get("last_name") or entry.get("familyName"))
    full = assemble.first_text(entry, "fullName", "full_name", "name")
    if first and last:  # some people type their whole name into the last-name field
        name = last if last.startswith(f"{first} ") else f"{first} {last}"
    else:
        name = text.reverse_comma_name(full)
    return assemble.make_person(
        name,
        role=role,
        affiliation=assemble.i18n(entry.get("affiliation")) or None,
        honorific=assemble.i18n(entry.get("title")) or None,
        external_id=assemble.i18n(entry.get("person_id") or entry.get("id")) or None,
    )


def _people(entries: Any, *, role: Role) -> list[PersonRef | None]:
    return [_person(e, role=role) for e in (entries if isinstance(entries, list) else [])]


def _when(value: Any) -> datetime | None:
    """Indico dates are {'date': 'YYYY-MM-DD', 'time': 'HH:MM:SS', 'tz': 'UTC'}."""
    if isinstance(value, dict):
        stamp = f"{assemble.i18n(value.get('date'))}T{assemble.i18n(value.get('time'))[:8]}"
        parsed = assemble.parse_datetime(stamp)
        zone = _zone(assemble.i18n(value.get("tz")))
        return parsed.replace(tzinfo=zone) if parsed is not None and zone else parsed
    return assemble.parse_datetime(value)


def _zone(name: str) -> tzinfo | None:
    if name.upper() == "UTC":
        return UTC
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _contribution_people(contribution: dict[str, Any]) -> list[PersonRef | None]:
    """Speakers when listed; otherwise primary authors present the paper."""
    speakers = _people(contribution.get("speakers"), role=Role.SPEAKER)
    if any(speakers):
        return speakers
    return _people(contribution.get("primaryauthors"), role=Role.SPEAKER)


def _contribution(contribution: dict[str, Any]) -> Session:
    title = assemble.first_text(contribution, "title") or "(untitled)"
    return assemble.make_session(
        title,
        people=_with_text_roles(_contribution_people(contribution), contribution, title),
        start=_when(contribution.get("startDate")),
        end=_when(contribution.get("endDate")),
        kind=assemble.first_text(contribution, "type"),
        room=assemble.first_text(contribution, "room", "roomFullname"),
        external_id=assemble.i18n(contribution.get("id")),
    )


def _export(result: dict[str, Any], *, url: str | None) -> Lineup:
    event = Event(
        name=assemble.first_text(result, "title") or "(untitled)",
        url=assemble.i18n(result.get("url")) or url,
        starts_on=assemble.parse_date(_date(result.get("startDate"))),
        ends_on=assemble.parse_date(_date(result.get("endDate"))),
        location=assemble.first_text(result, "location") or None,
    )
    sessions: list[Session] = []
    for block in _dicts(result.get("sessions")):
        inner = block.get("session") if isinstance(block.get("session"), dict) else block
        assert isinstance(inner, dict)
        people = _people(block.get("conveners") or inner.get("conveners"), role=Role.CHAIR)
        for contribution in _dicts(block.get("contributions")):
            people.extend(_contribution_people(contribution))
        title = assemble.first_text(block, "title") or assemble.first_text(inner, "title")
        sessions.append(
            assemble.make_session(
                title,
                people=_with_text_roles(people, block, title),
                start=_when(block.get("startDate")),
                end=_when(block.get("endDate")),
                room=assemble.first_text(block, "room"),
                external_id=assemble.i18n(block.get("id")),
            )
        )
    sessions.extend(_contribution(c) for c in _dicts(result.get("contributions")))
    return assemble.make_lineup(event, sessions, fmt=FORMAT, url=url)


def _with_text_roles(
    people: list[PersonRef | None], node: dict[str, Any], title: str
) -> list[PersonRef | None]:
    """Roles the title and description state ("Chaired by X") applied to the people."""
    return textroles.apply_text_roles(people, title, assemble.raw_text(node.get("description")))


def _date(value: Any) -> Any:
    return value.get("date") if isinstance(value, dict) else value


def _dicts(value: Any) -> Iterator[dict[str, Any]]:
    yield from (v for v in (value if isinstance(value, list) else []) if isinstance(v, dict))


def _find_programme(node: Any, *, depth: int) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """Find (event, programme) where a dict holds `programme: {days: [...]}`."""
    if depth > MAX_DEPTH or not isinstance(node, dict):
        return None
    programme = node.get("programme")
    if isinstance(programme, dict) and isinstance(programme.get("days"), list):
        return node, programme
    for child in node.values():
        found = _find_programme(child, depth=depth + 1)
        if found is not None:
            return found
    return None


def _programme(event_node: dict[str, Any], programme: dict[str, Any], *, url: str | None) -> Lineup:
    event = Event(
        name=assemble.first_text(event_node, "title") or "(untitled)",
        url=assemble.i18n(event_node.get("url")) or url,
        starts_on=assemble.parse_date(event_node.get("startDateOnly") or event_node.get("start")),
        ends_on=assemble.parse_date(event_node.get("endDateOnly") or event_node.get("end")),
        location=assemble.first_text(event_node, "location") or None,
    )
    sessions = [
        _programme_item(item, day=assemble.i18n(day.get("date")))
        for day in _dicts(programme.get("days"))
        for row in _dicts(day.get("rows"))
        for item in _dicts(row.get("items"))
        if item.get("kind") != "break"
    ]
    return assemble.make_lineup(event, sessions, fmt=FORMAT, url=url)


def _programme_item(item: dict[str, Any], *, day: str) -> Session:
    """A panel: conveners chair it when others present papers, else they are the speakers
    (roundtables, and poster sessions where the conveners are the presenters)."""
    contributions = list(_dicts(item.get("contributions")))
    speakers = [p for c in contributions for p in _people(c.get("speakers"), role=Role.SPEAKER)]
    people = _panel(item, speakers=speakers)
    kind = assemble.i18n(item.get("subtype")) or assemble.i18n(item.get("type"))
    title = assemble.first_text(item, "title") or "(untitled)"
    return assemble.make_session(
        title,
        people=_with_text_roles(people, item, title),
        start=assemble.parse_datetime(f"{day}T{assemble.i18n(item.get('startTime'))}"),
        end=assemble.parse_datetime(f"{day}T{assemble.i18n(item.get('endTime'))}"),
        kind=kind or None,
        room=assemble.first_text(item, "room"),
        external_id=assemble.i18n(item.get("id")),
    )


def _panel(block: dict[str, Any], *, speakers: list[PersonRef | None]) -> list[PersonRef | None]:
    """Conveners chair a block where others present; with no other presenters (roundtables,
    remarks, posters presented by their conveners) the conveners are the speakers."""
    conveners = _people(block.get("conveners"), role=Role.CHAIR)
    presenting = {text.name_key(p.name) for p in speakers if p is not None}
    convening = {text.name_key(p.name) for p in conveners if p is not None}
    if not speakers or presenting <= convening:
        conveners = _people(block.get("conveners"), role=Role.SPEAKER)
    people = [*conveners, *_people(block.get("chairs"), role=Role.CHAIR)]
    people.extend(_people(block.get("discussants"), role=Role.DISCUSSANT))
    people.extend(speakers)
    return people


def _timetable(results: dict[str, Any], *, url: str | None) -> Lineup:
    """`export/timetable/N.json`: results -> event id -> YYYYMMDD -> entry id -> entry."""
    sessions = [
        _timetable_entry(entry)
        for days in results.values()
        if isinstance(days, dict)
        for entries in days.values()
        if isinstance(entries, dict)
        for entry in entries.values()
        if isinstance(entry, dict) and entry.get("entryType") in ("Session", "Contribution")
    ]
    return assemble.make_lineup(
        Event(name=assemble.name_from_url(url), url=url), sessions, fmt=FORMAT, url=url
    )


def _timetable_entry(entry: dict[str, Any]) -> Session:
    """A session block (conveners, inner contributions' presenters) or a lone contribution."""
    inner = entry.get("entries") if isinstance(entry.get("entries"), dict) else {}
    assert isinstance(inner, dict)
    talks = (
        [entry] if entry.get("entryType") == "Contribution" else list(_dicts(list(inner.values())))
    )
    speakers = [
        p
        for t in talks
        for p in _people(t.get("presenters") or t.get("speakers"), role=Role.SPEAKER)
    ]
    title = assemble.first_text(entry, "title", "slotTitle") or "(untitled)"
    return assemble.make_session(
        title,
        people=_with_text_roles(_panel(entry, speakers=speakers), entry, title),
        start=_when(entry.get("startDate")),
        end=_when(entry.get("endDate")),
        room=assemble.first_text(entry, "room"),
        external_id=assemble.i18n(entry.get("id")),
    )
