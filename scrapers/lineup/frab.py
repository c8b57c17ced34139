"""frab / Pentabarf schedule.xml and its JSON twin (c3voc schedule schema 1.x), as frab, pretalx,
wafer and others export them. Several names in one <person> are split. Pure; never imports app.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from lxml import etree

from scrapers.errors import ParseError
from scrapers.lineup import assemble, textroles, titles
from scrapers.records import Event, Lineup, PersonRef, Role, Session

__all__ = ["parse", "parse_json_document", "parse_xml", "read_xml"]

FORMAT = "frab"
PERSON_NAME_KEYS = ("public_name", "full_public_name", "name", "full_name")


def parse(content: bytes, *, url: str | None = None) -> Lineup:
    """Parse a frab schedule.xml or schedule.json export."""
    if content.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return parse_xml(read_xml(content, url=url), url=url, fmt=FORMAT)
    return parse_json_document(assemble.load_json(content, fmt=FORMAT, url=url), url=url)


def read_xml(content: bytes, *, url: str | None = None) -> etree._Element:
    """Parse XML safely (no entities, no network) or raise ParseError with the line."""
    # No entity expansion and no network: a hostile feed cannot read files or explode in size.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(content, parser=parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise ParseError(f"malformed schedule XML: {exc}", source=url) from exc
    if root is None:
        raise ParseError("empty XML document", source=url)
    return root


def parse_xml(root: etree._Element, *, url: str | None, fmt: str) -> Lineup:
    """Read a <schedule> element tree into a Lineup."""
    if root.tag != "schedule":
        raise ParseError(f"expected a <schedule> root element, found <{root.tag}>", source=url)
    conference = root.find("conference")
    event = Event(
        name=_xml_text(conference, "title") or "(untitled)",
        url=_xml_text(conference, "base_url") or url,
        starts_on=assemble.parse_date(_xml_text(conference, "start")),
        ends_on=assemble.parse_date(_xml_text(conference, "end")),
    )
    sessions = []
    for node in root.iter("event", "entry"):  # <entry>: EuroPython-style <day><entry> exports
        day = node.getparent()
        while day is not None and day.tag != "day":
            day = day.getparent()
        sessions.append(_xml_session(node, day=day.get("date", "") if day is not None else ""))
    return assemble.make_lineup(event, sessions, fmt=fmt, url=url)


def _xml_text(node: etree._Element | None, tag: str) -> str:
    if node is None:
        return ""
    child = node.find(tag)
    return (child.text or "").strip() if child is not None else ""


def _xml_session(node: etree._Element, *, day: str = "") -> Session:
    fields: dict[str, str] = {}
    people: list[PersonRef | None] = []
    for child in node:  # one pass over the children: faster than a find() per field
        if child.tag in ("persons", "speakers"):
            for person in child.iterchildren("person", "speaker"):
                name = _xml_text(person, "name") or (person.text or "")
                bio = _xml_text(person, "description") or _xml_text(person, "biography")
                people.extend(_people(name, external_id=person.get("id"), bio=bio))
        elif isinstance(child.tag, str) and child.tag not in fields:
            fields[child.tag] = (child.text or "").strip()
    start = assemble.parse_datetime(fields.get("date")) or _day_start(day, fields.get("start"))
    texts = (fields.get("title", ""), fields.get("abstract", ""), fields.get("description", ""))
    if not any(p is not None for p in people):
        people.extend(titles.people_in_text("\n".join(texts[1:])))
    return assemble.make_session(
        fields.get("title", ""),
        people=textroles.apply_text_roles(people, *texts),
        start=start,
        end=_end(start, fields.get("duration", "")),
        kind=fields.get("type") or fields.get("category"),
        room=fields.get("room"),
        external_id=node.get("guid") or node.get("id"),
    )


def parse_json_document(data: Any, *, url: str | None, fmt: str = FORMAT) -> Lineup:
    """Read a parsed c3voc schedule.json document into a Lineup."""
    schedule = data.get("schedule") if isinstance(data, dict) else None
    conference = schedule.get("conference") if isinstance(schedule, dict) else None
    if not isinstance(schedule, dict) or not isinstance(conference, dict):
        raise ParseError("schedule JSON lacks schedule.conference", source=url)
    event = Event(
        name=assemble.first_text(conference, "title", "acronym") or "(untitled)",
        url=assemble.i18n(schedule.get("base_url")) or url,
        starts_on=assemble.parse_date(conference.get("start")),
        ends_on=assemble.parse_date(conference.get("end")),
    )
    sessions = [_json_session(item) for item in _json_events(conference)]
    return assemble.make_lineup(event, sessions, fmt=fmt, url=url)


def _json_events(conference: dict[str, Any]) -> Iterator[dict[str, Any]]:
    days = conference.get("days")
    for day in days if isinstance(days, list) else []:
        rooms = day.get("rooms") if isinstance(day, dict) else None
        if not isinstance(rooms, dict):
            continue
        for talks in rooms.values():
            yield from (
                t for t in (talks if isinstance(talks, list) else []) if isinstance(t, dict)
            )


def _json_session(item: dict[str, Any]) -> Session:
    people: list[PersonRef | None] = []
    persons = item.get("persons")
    for person in persons if isinstance(persons, list) else []:
        if isinstance(person, dict):
            people.extend(
                _people(
                    assemble.first_text(person, *PERSON_NAME_KEYS),
                    external_id=assemble.i18n(person.get("code") or person.get("id")),
                    bio=assemble.i18n(person.get("biography")),
                )
            )
        elif isinstance(person, str):
            people.extend(_people(person))
    start = assemble.parse_datetime(item.get("date"))
    title = assemble.first_text(item, "title") or "(untitled)"
    texts = (
        title,
        assemble.raw_text(item.get("abstract")),
        assemble.raw_text(item.get("description")),
    )
    return assemble.make_session(
        title,
        people=textroles.apply_text_roles(people, *texts),
        start=start,
        end=_end(start, assemble.i18n(item.get("duration"))),
        kind=assemble.first_text(item, "type"),
        room=assemble.first_text(item, "room"),
        external_id=assemble.first_text(item, "guid", "id"),
    )


def _people(raw: str, *, external_id: str | None = None, bio: str = "") -> list[PersonRef]:
    """Split one <person> that may name several people; the id and bio go to a lone person."""
    return assemble.people_from_field(
        raw, role=Role.SPEAKER, external_id=external_id or None, bio=bio or None, record=True
    )


def _day_start(day: str, start: str | None) -> datetime | None:
    """A <day date="2014-07-21"> and a <start>0930</start> (or 09:30), no zone given."""
    digits = (start or "").replace(":", "")
    if not day or len(digits) != 4 or not digits.isdigit():
        return None
    return assemble.parse_datetime(f"{day[:10]}T{digits[:2]}:{digits[2:]}:00")


def _end(start: datetime | None, duration: str) -> datetime | None:
    """Add an 'HH:MM' (or 'D:HH:MM') duration to the start."""
    if start is None or not duration:
        return None
    try:
        parts = [int(p) for p in duration.split(":")]
    except ValueError:
        return None
    if len(parts) not in (2, 3) or any(p < 0 for p in parts):
        return None
    minutes = parts[-2] * 60 + parts[-1] + (parts[0] * 1440 if len(parts) == 3 else 0)
    try:
        return start + timedelta(minutes=minutes)
    except OverflowError:
        return None
