"""Our own lineup formats for organisers' drafts (docs/lineup-format.md): CSV with one row per
person, and JSON shaped like `voicetally extract lineup --json`. Pure; never imports app.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from scrapers import text
from scrapers.errors import ParseError
from scrapers.lineup import assemble, jsonwalk
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


NAME_HEADER_RE = re.compile(
    r"name|speaker|presenter|moderator|panell?ist|person|host|chair|author|referent|redner"
    r"|sprecher|intervenant|orateur|ponente|orador|relator|спикер|докладчик|спікер|доповідач",
    re.I,
)
NOT_NAME_HEADER_RE = re.compile(
    r"company|affiliation|organi|bio|title|e-?mail|mail|url|link|twitter|mastodon|github|photo"
    r"|image|picture|avatar|\bid\b|_id|pronoun|gender|country|city|job|position|count|number",
    re.I,
)
TITLE_ALIASES = ("talk", "talk_title", "session_name", "event_title", "titre", "titel", "título")
DELIMITERS = ",;\t|"
NAMES_SPLIT_RE = re.compile(r"\s*[|\n]\s*")  # "Ann Lee | Bo Chen": two people in one cell


def name_column(head: str) -> bool:
    """Whether the first line reads as a CSV header with a name-like column."""
    first = head.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    cells = [c.strip(' "') for c in first.split(delimiter)]
    return len(cells) >= 2 and any(NAME_HEADER_RE.search(c) and len(c) <= 40 for c in cells)


def parse_csv(content: bytes, *, url: str | None = None) -> Lineup:
    """Parse a CSV lineup: a header row, then one row per person (our format) or per session
    (any CSV with a name-like column; several names in one cell are split)."""
    raw = assemble.decode(content).replace("\x00", "")
    first = raw.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.DictReader(io.StringIO(raw, newline=""), delimiter=delimiter)
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
    column["session"] = column["session"] or next(
        (headers[a] for a in TITLE_ALIASES if a in headers), None
    )
    name_columns = _name_columns(headers, column)
    if not name_columns:
        raise ParseError(
            f"lineup CSV needs a name-like column (name, speaker, moderator...); found "
            f"{', '.join(headers) or 'no header'}",
            source=url,
        )
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    for line, row in enumerate(rows, start=2):
        get = _getter(row, column)
        # No `session` column: the whole file is one panel (issue #15, organisers' drafts).
        title = (get("session") or f"(row {line})") if column["session"] else ONE_PANEL
        slot = grouped.setdefault((title, get("start")), {"row": get, "people": []})
        for header, role in name_columns:
            slot["people"].extend(
                _people(get, row.get(header), role, where=f"line {line}", url=url)
            )
    first_row = next(iter(grouped.values()))["row"] if grouped else _getter({}, column)
    event = Event(
        name=first_row("event") or "(untitled)",
        url=first_row("event_url") or url,
        location=first_row("event_location") or None,
    )
    sessions = [_session(v["row"], v["people"]) for v in grouped.values()]
    return assemble.make_lineup(event, sessions, fmt="csv", url=url)


def _name_columns(
    headers: dict[str, str], column: dict[str, str | None]
) -> list[tuple[str, Role | None]]:
    """(header, role) of the columns naming people: our `name` column (role from `role`), else
    every name-like column, its role from its header ('Moderator' -> moderator)."""
    taken = {v for v in column.values() if v}
    found: list[tuple[str, Role | None]] = [(column["name"], None)] if column["name"] else []
    for folded, header in headers.items():
        if header in taken or not NAME_HEADER_RE.search(folded) or len(folded) > 40:
            continue
        if NOT_NAME_HEADER_RE.search(folded):
            continue  # "Speaker bio", "Speaker email", "Moderator affiliation"
        role = assemble.role_for_label(folded) or Role.SPEAKER
        if not found or role is not Role.SPEAKER or column["name"] is None:
            found.append((header, role))  # beside our `name` column: role columns only
    return found


def _people(
    get: Any, cell: Any, role: Role | None, *, where: str, url: str | None
) -> list[PersonRef | None]:
    value = text.clean(cell) if isinstance(cell, str) else ""
    if role is None:  # our format: one person per row (or "A | B"), the `role` column says
        parts = [text.clean(p) for p in NAMES_SPLIT_RE.split(value) if text.clean(p)]
        return [
            _person(get, where=where, url=url, name=p) for p in (parts if len(parts) > 1 else [""])
        ]
    found: list[PersonRef | None] = []
    for part in NAMES_SPLIT_RE.split(cell if isinstance(cell, str) else ""):
        if text.clean(part):
            found.extend(assemble.people_from_field(text.clean(part), role=role))
    return found if value else []


def _getter(row: dict[str, Any], column: dict[str, str | None]) -> Any:
    def get(key: str) -> str:
        name = column.get(key)
        value = row.get(name) if name else None
        return text.clean(value) if isinstance(value, str) else ""

    return get


def _person(get: Any, *, where: str, url: str | None, name: str = "") -> PersonRef | None:
    role = get("role").casefold() or "speaker"
    if role not in ROLE_VALUES:
        mapped = assemble.role_for_label(role)  # "Panelist", "Moderatorin": a label we know
        if mapped is None:
            valid = ", ".join(sorted(ROLE_VALUES))
            raise ParseError(f"{where}: unknown role {role!r} (valid: {valid})", source=url)
        role = mapped.value
    person = assemble.make_person(
        name or get("name"),
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


def _own_shape(data: Any) -> bool:
    sessions = data.get("sessions") if isinstance(data, dict) else None
    return isinstance(sessions, list) and all(
        isinstance(s, dict) and "speakers" not in s and "persons" not in s for s in sessions
    )


def parse_json(content: bytes, *, url: str | None = None) -> Lineup:
    """Parse our JSON lineup ({"event": {...}, "sessions": [{..., "people": [...]}]}), or any
    other JSON whose objects look like sessions (jsonwalk)."""
    data = assemble.load_json(content, fmt="lineup", url=url)
    if not _own_shape(data):
        return jsonwalk.parse_data(data, url=url)
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
