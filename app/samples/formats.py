"""Write a planned edition in the real shapes scrapers read: pretalx schedule.json (c3voc 1.x),
frab schedule.xml, and a schema.org JSON-LD event page. Deterministic: ids and guids derive
from names and URLs, never from the clock.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import uuid
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from typing import Any

from app.samples.lineups import PlannedEdition, PlannedSession, Seat

__all__ = ["file_url", "frab_xml", "jsonld_page", "pretalx_json", "slugify"]

PRETALX_HOST = "https://pretalx.northbridge-forum.example"
FRAB_HOST = "https://frab.baltic-dialogue.example"
JSONLD_HOST = "https://coral-strait-roundtable.example"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ3789"  # the alphabet pretalx codes use
NON_SLUG_RE = re.compile(r"[^a-z0-9]+")
LICENSE = "CC BY 4.0"


def slugify(text: str) -> str:
    """Lowercase ASCII slug ('Sanctions That Work' -> 'sanctions-that-work')."""
    ascii_text = text.lower().encode("ascii", "ignore").decode()
    return NON_SLUG_RE.sub("-", ascii_text).strip("-")


def _digest(*parts: str) -> bytes:
    return hashlib.sha256("\x1f".join(parts).encode()).digest()


def _code(*parts: str, length: int = 6) -> str:
    return "".join(CODE_ALPHABET[b % len(CODE_ALPHABET)] for b in _digest(*parts)[:length])


def _guid(url: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, url))


def _person_id(name: str) -> int:
    return 100 + int.from_bytes(_digest("person", name)[:3], "big") % 9000


def _acronym(planned: PlannedEdition) -> str:
    return f"{planned.series.acronym}{planned.edition.year}"


def file_url(planned: PlannedEdition) -> str:
    """The fictional URL the edition's file stands for."""
    year, acronym = planned.edition.year, _acronym(planned)
    return {
        "pretalx": f"{PRETALX_HOST}/{acronym}/schedule/export/schedule.json",
        "frab": f"{FRAB_HOST}/en/{acronym}/public/schedule.xml",
        "jsonld": f"{JSONLD_HOST}/{year}/",
    }[planned.series.fmt]


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _stamp(day: date, minutes: int, offset: str) -> str:
    return f"{day.isoformat()}T{_hhmm(minutes)}:00{offset}"


def _description(session: PlannedSession) -> str:
    moderator = session.moderator
    if moderator is None:
        return session.abstract
    speakers = [s.name for s in session.seats if s.role != "moderator"]
    listed = ", ".join(speakers[:-1]) + f" and {speakers[-1]}" if len(speakers) > 1 else speakers[0]
    return f"Moderated by {moderator.name}.\n\nWith {listed}."


# -- pretalx -------------------------------------------------------------------------------


def pretalx_json(planned: PlannedEdition) -> bytes:
    """The edition as pretalx's /schedule/export/schedule.json (c3voc schedule 1.x)."""
    edition, series, acronym = planned.edition, planned.series, _acronym(planned)
    base = f"{PRETALX_HOST}/{acronym}/schedule/"
    conference = {
        "acronym": acronym,
        "title": f"{series.title} {edition.year}",
        "start": planned.starts_on.isoformat(),
        "end": planned.ends_on.isoformat(),
        "daysCount": series.days,
        "timeslot_duration": "00:05",
        "time_zone_name": edition.tz,
        "colors": {"primary": "#1d4e89"},
        "rooms": [
            {
                "name": room,
                "slug": slugify(room),
                "guid": _guid(base + slugify(room)),
                "description": None,
                "capacity": 400 if n == 0 else 120,
            }
            for n, room in enumerate(series.rooms)
        ],
        "tracks": [{"name": "Security", "slug": "security", "color": "#1d4e89"}],
        "days": _pretalx_days(planned),
    }
    document = {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": "pretalx", "version": "2024.3.1"},
        "schedule": {"version": "1.0", "base_url": base, "conference": conference},
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()


def _pretalx_days(planned: PlannedEdition) -> list[dict[str, Any]]:
    series, offset = planned.series, planned.edition.offset
    days = []
    for index in range(series.days):
        day = planned.day_date(index)
        rooms: dict[str, list[dict[str, Any]]] = {room: [] for room in series.rooms}
        for session in planned.sessions:
            if session.day == index:
                rooms[session.room].append(_pretalx_talk(planned, session, day))
        days.append(
            {
                "index": index + 1,
                "date": day.isoformat(),
                "day_start": _stamp(day, 4 * 60, offset),
                "day_end": _stamp(day + timedelta(days=1), 3 * 60 + 59, offset),
                "rooms": rooms,
            }
        )
    return days


def _pretalx_talk(planned: PlannedEdition, session: PlannedSession, day: date) -> dict[str, Any]:
    acronym = _acronym(planned)
    code = _code(acronym, session.title)
    url = f"{PRETALX_HOST}/{acronym}/talk/{code}/"
    return {
        "id": planned.edition.year % 100 * 100 + session.number,
        "guid": _guid(url),
        "logo": "",
        "date": _stamp(day, session.start_minutes, planned.edition.offset),
        "start": _hhmm(session.start_minutes),
        "duration": _hhmm(session.duration),
        "room": session.room,
        "slug": f"{acronym}-{code.lower()}-{slugify(session.title)}"[:80],
        "url": url,
        "title": session.title,
        "subtitle": "",
        "track": "Security",
        "type": session.kind,
        "language": "en",
        "abstract": session.abstract,
        "description": _description(session) if session.moderator else "",
        "recording_license": LICENSE,
        "do_not_record": session.kind == "Panel" and session.number % 5 == 0,
        "persons": [_pretalx_person(planned, seat) for seat in session.seats],
        "links": [],
        "attachments": [],
        "answers": [],
    }


def _pretalx_person(planned: PlannedEdition, seat: Seat) -> dict[str, Any]:
    code = _code(planned.series.slug, seat.name, length=5)
    has_avatar = _digest("avatar", seat.name)[0] % 3 == 0
    return {
        "code": code,
        "name": seat.name,
        "public_name": seat.name,
        "biography": seat.expert.bio if seat.expert else "The people who run the forum.",
        "guid": _guid(f"{PRETALX_HOST}/speaker/{code}/"),
        "avatar": f"{PRETALX_HOST}/media/avatars/{code}.jpg" if has_avatar else None,
        "answers": [],
    }


# -- frab ----------------------------------------------------------------------------------


def frab_xml(planned: PlannedEdition) -> bytes:
    """The edition as frab's /public/schedule.xml."""
    edition, series, acronym = planned.edition, planned.series, _acronym(planned)
    base = f"{FRAB_HOST}/en/{acronym}/public/"
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", name="frab", version="1.0.0")
    _leaf(root, "version", f"{edition.year}.3")
    conference = ET.SubElement(root, "conference")
    for tag, value in (
        ("acronym", acronym),
        ("title", f"{series.title} {edition.year}"),
        ("start", planned.starts_on.isoformat()),
        ("end", planned.ends_on.isoformat()),
        ("days", str(series.days)),
        ("timeslot_duration", "00:15"),
        ("base_url", base),
        ("time_zone_name", edition.tz),
    ):
        _leaf(conference, tag, value)
    for index in range(series.days):
        day = planned.day_date(index)
        day_node = ET.SubElement(
            root,
            "day",
            index=str(index + 1),
            date=day.isoformat(),
            start=_stamp(day, 8 * 60, edition.offset),
            end=_stamp(day, 20 * 60, edition.offset),
        )
        for room in series.rooms:
            room_node = ET.SubElement(day_node, "room", name=room, guid=_guid(base + room))
            for session in planned.sessions:
                if session.day == index and session.room == room:
                    _frab_event(room_node, planned, session, day)
    ET.indent(root, space="  ")
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _leaf(parent: ET.Element, tag: str, value: str) -> ET.Element:
    node = ET.SubElement(parent, tag)
    node.text = value
    return node


def _frab_event(
    room_node: ET.Element, planned: PlannedEdition, session: PlannedSession, day: date
) -> None:
    acronym = _acronym(planned)
    event_id = 1000 + planned.edition.year % 100 * 100 + session.number
    slug = f"{acronym}-{event_id}-{slugify(session.title)}"
    url = f"{FRAB_HOST}/en/{acronym}/public/events/{event_id}"
    node = ET.SubElement(room_node, "event", guid=_guid(url), id=str(event_id))
    _leaf(node, "date", _stamp(day, session.start_minutes, planned.edition.offset))
    for tag, value in (
        ("start", _hhmm(session.start_minutes)),
        ("duration", _hhmm(session.duration)),
        ("room", session.room),
        ("slug", slug),
        ("url", url),
        ("title", session.title),
        ("subtitle", ""),
        ("track", "Defence"),
        ("type", session.kind),
        ("language", "en"),
        ("abstract", session.abstract),
    ):
        _leaf(node, tag, value)
    _leaf(node, "description", _description(session) if session.moderator else "")
    _leaf(node, "logo", "")
    persons = ET.SubElement(node, "persons")
    for seat in session.seats:
        person = ET.SubElement(persons, "person", id=str(_person_id(seat.name)))
        person.text = seat.name
    ET.SubElement(node, "links")
    ET.SubElement(node, "attachments")
    recording = ET.SubElement(node, "recording")
    _leaf(recording, "license", LICENSE)
    _leaf(recording, "optout", "false")


# -- schema.org JSON-LD page ---------------------------------------------------------------


def jsonld_page(planned: PlannedEdition) -> bytes:
    """The edition as an event web page carrying a schema.org Event with subEvents."""
    edition, series = planned.edition, planned.series
    url = file_url(planned)
    name = f"{series.title} {edition.year}"
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": name,
        "url": url,
        "startDate": planned.starts_on.isoformat(),
        "endDate": planned.ends_on.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": edition.venue,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": edition.city,
                "addressCountry": edition.country,
            },
        },
        "organizer": {"@type": "Organization", "name": series.organiser, "url": JSONLD_HOST},
        "subEvent": [_sub_event(planned, s) for s in planned.sessions],
    }
    payload = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    agenda = "\n".join(_agenda_item(planned, s) for s in planned.sessions)
    page = JSONLD_PAGE.format(
        title=html.escape(name),
        url=html.escape(url),
        payload=payload,
        agenda=agenda,
        where=html.escape(f"{edition.venue}, {edition.city}"),
        when=planned.starts_on.strftime("%d %B %Y"),
        organiser=html.escape(series.organiser),
    )
    return page.encode()


def _sub_event(planned: PlannedEdition, session: PlannedSession) -> dict[str, Any]:
    day = planned.day_date(session.day)
    offset = planned.edition.offset
    performers: list[dict[str, Any]] = []
    for seat in session.seats:
        person = _schema_person(seat)
        if seat.role == "moderator":
            person = {"@type": "PerformanceRole", "roleName": "Moderator", "performer": person}
        performers.append(person)
    moderator = session.moderator
    description = session.abstract
    if moderator is not None:
        description += f" Moderated by {moderator.name}."
    return {
        "@type": "Event",
        "name": f"Keynote: {session.title}" if session.kind == "Keynote" else session.title,
        "startDate": _stamp(day, session.start_minutes, offset),
        "endDate": _stamp(day, session.start_minutes + session.duration, offset),
        "description": description,
        "performer": performers,
    }


def _schema_person(seat: Seat) -> dict[str, Any]:
    if seat.expert is None:
        return {"@type": "Organization", "name": seat.name}
    expert = seat.expert
    job = expert.job.removeprefix("a ").removeprefix("the ").removesuffix(" at").removesuffix(" of")
    organisation = expert.affiliation.removeprefix("the ")
    return {
        "@type": "Person",
        "name": seat.name,
        "jobTitle": job[:1].upper() + job[1:],
        "affiliation": {"@type": "Organization", "name": organisation},
    }


def _agenda_item(planned: PlannedEdition, session: PlannedSession) -> str:
    people = []
    for seat in session.seats:
        label = "Moderator: " if seat.role == "moderator" else ""
        extra = f", {seat.expert.affiliation.removeprefix('the ')}" if seat.expert else ""
        people.append(
            f"      <li>{label}<strong>{html.escape(seat.name)}</strong>{html.escape(extra)}</li>"
        )
    return AGENDA_ITEM.format(
        time=_hhmm(session.start_minutes),
        kind=html.escape(session.kind),
        title=html.escape(session.title),
        abstract=html.escape(session.abstract),
        people="\n".join(people),
    )


AGENDA_ITEM = """  <section class="agenda-item">
    <h3><span class="time">{time}</span> {title}</h3>
    <p class="session-type">{kind}</p>
    <p>{abstract}</p>
    <ul class="speakers">
{people}
    </ul>
  </section>"""

JSONLD_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | Programme</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="canonical" href="{url}">
<meta property="og:title" content="{title}">
<meta property="og:type" content="website">
<script type="application/ld+json">
{payload}
</script>
</head>
<body>
<!-- Fictional sample page generated for voicetally (app.samples.generate). -->
<header><a class="brand" href="/">{organiser}</a>
<nav><a href="/about/">About</a> <a href="/archive/">Past editions</a></nav></header>
<main>
<h1>{title}</h1>
<p class="event-meta">{when} &middot; {where}</p>
<h2>Programme</h2>
{agenda}
</main>
<footer><p>&copy; {organiser}. Fictional sample data.</p></footer>
</body>
</html>
"""
