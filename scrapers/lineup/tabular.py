"""Our own lineup formats for organisers' drafts (docs/lineup-format.md): CSV with one row per
person, and JSON shaped like `voicetally extract lineup --json`. Pure; never imports app.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from scrapers import text
from scrapers.errors import ParseError
from scrapers.lineup import assemble
from scrapers.records import Event, Lineup, PersonKind, PersonRef, Role, Session

__all__ = ["parse_csv", "parse_json"]

# Accepted header spellings, first is canonical.
COLUMNS = {
    "session": ("session", "session_title", "title", "panel"),
    "name": ("name", "person", "speaker", "full_name"),
    "role": ("role",),
    "kind": ("kind", "person_kind"),
    "honorific": ("honorific", "title_prefix"),
    "affiliation": ("affiliation", "organisation", "organization", "company"),
    "pronouns": ("pronouns",),
    "bio": ("bio", "biography"),
    "start": ("start", "session_start", "starts_at"),
    "end": ("end", "session_end", "ends_at"),
    "session_kind": ("session_kind", "type", "format"),
    "room": ("room",),
    "event": ("event", "event_name"),
    "event_url": ("event_url",),
    "event_location": ("event_location", "location"),
}
ROLE_VALUES = {r.value for r in Role}
ONE_PANEL = "Panel"


def parse_csv(content: bytes, *, url: str | None = None) -> Lineup:
    """Parse our CSV lineup: a header row, then one row per person in a session."""
    raw = assemble.decode(content).replace("\x00", "")
    reader = csv.DictReader(io.StringIO(raw, newline=""))
    try:
        fieldnames = list(reader.fieldnames or [])
        rows = list(reader)
    except csv.Error as exc:
        raise ParseError(f"malformed lineup CSV: {exc}", source=url) from exc
    headers = {text.clean(h).casefold(): h for h in fieldnames if h}
    column = {
        key: next((headers[a] for a in aliases if a in headers), None)
        for key, aliases in COLUMNS.items()
    }
    if column["name"] is None:
        raise ParseError("lineup CSV needs a `name` column (and `session` for several)", source=url)
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    for line, row in enumerate(rows, start=2):
        get = _getter(row, column)
        # No `session` column: the whole file is one panel (issue #15, organisers' drafts).
        title = get("session") if column["session"] else ONE_PANEL
        if not title:
            raise ParseError(f"lineup CSV line {line}: empty `session`", source=url)
        slot = grouped.setdefault((title, get("start")), {"row": get, "people": []})
        slot["people"].append(_person(get, where=f"line {line}", url=url))
    first = next(iter(grouped.values()))["row"] if grouped else _getter({}, column)
    event = Event(
        name=first("event") or "(untitled)",
        url=first("event_url") or url,
        location=first("event_location") or None,
    )
    sessions = [_session(v["row"], v["people"]) for v in grouped.values()]
    return assemble.make_lineup(event, sessions, fmt="csv", url=url)


def _getter(row: dict[str, Any], column: dict[str, str | None]) -> Any:
    def get(key: str) -> str:
        name = column.get(key)
        value = row.get(name) if name else None
        return text.clean(value) if isinstance(value, str) else ""

    return get


def _person(get: Any, *, where: str, url: str | None) -> PersonRef | None:
    role = get("role").casefold() or "speaker"
    if role not in ROLE_VALUES:
        valid = ", ".join(sorted(ROLE_VALUES))
        raise ParseError(f"{where}: unknown role {role!r} (valid: {valid})", source=url)
    person = assemble.make_person(
        get("name"),
        role=Role(role),
        affiliation=get("affiliation") or None,
        bio=get("bio") or None,
        pronouns=get("pronouns") or None,
        honorific=get("honorific") or None,
    )
    if person is not None and get("kind").casefold() in {k.value for k in PersonKind}:
        person = person.model_copy(update={"kind": PersonKind(get("kind").casefold())})
    return person


def _session(get: Any, people: list[PersonRef | None]) -> Session:
    return assemble.make_session(
        get("session"),
        people=people,
        start=assemble.parse_datetime(get("start")),
        end=assemble.parse_datetime(get("end")),
        kind=get("session_kind") or None,
        room=get("room") or None,
    )


def parse_json(content: bytes, *, url: str | None = None) -> Lineup:
    """Parse our JSON lineup ({"event": {...}, "sessions": [{..., "people": [...]}]})."""
    data = assemble.load_json(content, fmt="lineup", url=url)
    if not isinstance(data, dict) or not isinstance(data.get("sessions"), list):
        raise ParseError("lineup JSON needs a `sessions` list", source=url)
    raw_event = data.get("event") if isinstance(data.get("event"), dict) else {}
    assert isinstance(raw_event, dict)
    event = Event(
        name=assemble.first_text(raw_event, "name") or "(untitled)",
        url=assemble.i18n(raw_event.get("url")) or url,
        starts_on=assemble.parse_date(raw_event.get("starts_on")),
        ends_on=assemble.parse_date(raw_event.get("ends_on")),
        location=assemble.first_text(raw_event, "location") or None,
    )
    sessions = []
    for index, item in enumerate(data["sessions"]):
        if not isinstance(item, dict):
            raise ParseError(f"lineup JSON sessions[{index}] is not an object", source=url)
        people = item.get("people") if isinstance(item.get("people"), list) else []
        assert isinstance(people, list)
        rows = [{k: assemble.i18n(v) for k, v in p.items()} for p in people if isinstance(p, dict)]
        column: dict[str, str | None] = {key: key for key in COLUMNS}
        found = [_person(_getter(r, column), where=f"sessions[{index}]", url=url) for r in rows]
        sessions.append(
            assemble.make_session(
                assemble.first_text(item, "title") or "(untitled)",
                people=found,
                start=assemble.parse_datetime(item.get("start")),
                end=assemble.parse_datetime(item.get("end")),
                kind=assemble.first_text(item, "kind") or None,
                room=assemble.first_text(item, "room") or None,
            )
        )
    return assemble.make_lineup(event, sessions, fmt="json", url=url)
