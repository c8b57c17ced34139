"""Any JSON agenda: walk the document for objects shaped like sessions (a title and people).

Sites publish their own JSON (a flat list of talks with inline speakers, Sessionize's grid view,
a CMS export). A session is an object with a title-like key and a people-like key: a list of
speaker objects ({name} / {fullName} / {firstName, lastName}), of names, or of ids that a
top-level speakers list resolves, or one string naming several people. The same session seen
twice (a grid lists it per room and per time slot) is counted once. Pure; never imports app.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scrapers.errors import ParseError
from scrapers.lineup import assemble, textroles, titles
from scrapers.records import Event, Lineup, PersonRef, Role, Session

__all__ = ["find_sessions", "parse_data"]

FORMAT = "json"
TITLE_KEYS = ("title", "session_title", "talk_title", "name", "session", "talk")
PEOPLE_KEYS: dict[str, Role] = {
    "speakers": Role.SPEAKER,
    "speaker": Role.SPEAKER,
    "persons": Role.SPEAKER,
    "people": Role.SPEAKER,
    "presenters": Role.SPEAKER,
    "presenter": Role.SPEAKER,
    "authors": Role.SPEAKER,
    "panelists": Role.SPEAKER,
    "panellists": Role.SPEAKER,
    "moderators": Role.MODERATOR,
    "moderator": Role.MODERATOR,
    "hosts": Role.HOST,
    "host": Role.HOST,
    "chairs": Role.CHAIR,
    "chair": Role.CHAIR,
    "discussants": Role.DISCUSSANT,
}
NAME_KEYS = ("name", "fullName", "full_name", "public_name", "display_name", "displayName")
START_KEYS = ("startsAt", "start", "starts_at", "start_time", "startTime", "begin", "date")
KIND_KEYS = ("format", "type", "kind", "category", "session_type", "sessionType")
ROOM_KEYS = ("room", "roomName", "location", "track")
MAX_DEPTH = 12


def parse_data(data: Any, *, url: str | None = None) -> Lineup:
    """Read the sessions found anywhere in a parsed JSON document; raise when there are none."""
    speakers = _speaker_index(data)
    sessions = list(find_sessions(data, speakers=speakers))
    if not sessions:
        raise ParseError(
            "JSON holds no sessions: lineup JSON needs a `sessions` list, and no object has a"
            " title and speakers/persons/people/authors",
            source=url,
        )
    starts = sorted(s.start for s in sessions if s.start is not None)
    event = Event(
        name=assemble.name_from_url(url),
        url=url,
        starts_on=starts[0].date() if starts else None,
        ends_on=starts[-1].date() if starts else None,
    )
    return assemble.make_lineup(event, sessions, fmt=FORMAT, url=url)


def find_sessions(data: Any, *, speakers: dict[str, str] | None = None) -> Iterator[Session]:
    """Yield each distinct session-shaped object of the document, in document order."""
    seen: set[tuple[str, str]] = set()
    for item in _objects(data, depth=0):
        if not _is_session(item):
            continue
        session = _session(item, speakers or {})
        ident = str(item.get("id") or "") or f"{session.title}|{session.start}"
        if (ident, session.title) in seen:
            continue
        seen.add((ident, session.title))
        yield session


def _objects(data: Any, *, depth: int) -> Iterator[dict[str, Any]]:
    if depth > MAX_DEPTH:
        return
    if isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, dict | list):
                yield from _objects(value, depth=depth + 1)
    elif isinstance(data, list):
        for value in data:
            if isinstance(value, dict | list):
                yield from _objects(value, depth=depth + 1)


def _is_session(item: dict[str, Any]) -> bool:
    title = next((item[k] for k in TITLE_KEYS if isinstance(item.get(k), str | dict)), None)
    if not title or not any(k in item for k in PEOPLE_KEYS):
        return False
    return not any(k in item for k in ("firstName", "lastName", "tagLine"))


def _speaker_index(data: Any) -> dict[str, str]:
    """id -> name of a top-level speakers list (Sessionize grid and All-Data views)."""
    found: dict[str, str] = {}
    listed = data.get("speakers") if isinstance(data, dict) else None
    for speaker in listed if isinstance(listed, list) else []:
        if isinstance(speaker, dict) and speaker.get("id") is not None:
            name = _speaker_name(speaker)
            if name:
                found[str(speaker["id"])] = name
    return found


def _speaker_name(speaker: dict[str, Any]) -> str:
    name = assemble.first_text(speaker, *NAME_KEYS)
    if name:
        return name
    first = assemble.first_text(speaker, "firstName", "first_name", "given_name")
    last = assemble.first_text(speaker, "lastName", "last_name", "family_name")
    return f"{first} {last}".strip()


def _session(item: dict[str, Any], speakers: dict[str, str]) -> Session:
    people: list[PersonRef | None] = []
    for key, role in PEOPLE_KEYS.items():
        value = item.get(key)
        entries = value if isinstance(value, list) else [value] if value else []
        for entry in entries:
            people.extend(_people(entry, role, speakers))
    title = next(assemble.i18n(item[k]) for k in TITLE_KEYS if item.get(k))
    if not any(p is not None for p in people):  # "... with A and B." in the abstract only
        people.extend(titles.people_in_title(title))
        people.extend(titles.people_in_text(assemble.raw_text(item.get("description"))))
    texts = (
        title,
        assemble.raw_text(item.get("abstract")),
        assemble.raw_text(item.get("description")),
    )
    return assemble.make_session(
        title,
        people=textroles.apply_text_roles(people, *texts),
        start=next((assemble.parse_datetime(item[k]) for k in START_KEYS if item.get(k)), None),
        kind=_text(item, KIND_KEYS),
        room=_text(item, ROOM_KEYS),
        external_id=assemble.i18n(item.get("id")) or None,
    )


def _text(item: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = item.get(key)
        if isinstance(value, dict) and not any(isinstance(v, str) for v in value.values()):
            continue
        found = assemble.first_text(value, *NAME_KEYS) if isinstance(value, dict) else ""
        found = found or assemble.i18n(value)
        if found:
            return found
    return None


def _people(entry: Any, role: Role, speakers: dict[str, str]) -> list[PersonRef]:
    if isinstance(entry, dict):
        name = _speaker_name(entry) or speakers.get(str(entry.get("id")), "")
        person = assemble.make_person(
            name,
            role=role,
            affiliation=assemble.first_text(entry, "company", "affiliation", "organisation")
            or None,
            bio=assemble.i18n(entry.get("bio") or entry.get("biography")) or None,
            external_id=assemble.i18n(entry.get("id")) or None,
        )
        return [person] if person is not None else []
    if isinstance(entry, str | int) and str(entry) in speakers:
        person = assemble.make_person(speakers[str(entry)], role=role, external_id=str(entry))
        return [person] if person is not None else []
    if isinstance(entry, str):
        return assemble.people_from_field(entry, role=role)
    return []
