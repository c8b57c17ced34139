"""Static-site YAML data (Jekyll/Hugo `_data/*.yml`): a schedule list (entries with `title`, people
in `speakers`/`moderator`/... or in the title: "Opening Keynote with Jane Doe (Org)") or a speaker
roster (entries with `name`, `institution`, `keynote: true`). Pure; never imports app.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from scrapers import text
from scrapers.errors import ParseError
from scrapers.lineup import assemble
from scrapers.records import Event, Lineup, PersonRef, Role, Session

__all__ = ["parse"]

FORMAT = "yaml"
LIST_KEYS = ("sessions", "schedule", "talks", "program", "programme", "agenda", "speakers")
PEOPLE_KEYS = (
    ("speakers", Role.SPEAKER), ("speaker", Role.SPEAKER), ("people", Role.SPEAKER),
    ("presenters", Role.SPEAKER), ("panelists", Role.SPEAKER), ("moderators", Role.MODERATOR),
    ("moderator", Role.MODERATOR), ("chairs", Role.CHAIR), ("chair", Role.CHAIR),
    ("host", Role.HOST), ("hosts", Role.HOST), ("keynote_speaker", Role.KEYNOTE),
)  # fmt: skip
AFFILIATION_KEYS = ("affiliation", "institution", "organisation", "organization", "company")
# "Opening Keynote with Patrice Auffret (ONYPHE)", "Talk by Jane Doe".
TITLE_PEOPLE_RE = re.compile(r"\b(?:with|by|featuring)\s+(?P<names>[A-Z].{2,150})$")
TRUE_WORDS = frozenset({"true", "yes", "1", "y"})
MAX_PEOPLE = 100  # per field


def parse(content: bytes, *, url: str | None = None) -> Lineup:
    """Parse a YAML schedule or speaker roster."""
    try:
        data = yaml.safe_load(assemble.decode(content))
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        raise ParseError(f"malformed YAML: {exc}", source=url) from exc
    entries = [e for e in _entries(data) if isinstance(e, dict)]
    if not entries and not isinstance(data, list | dict):
        raise ParseError("YAML holds no list of sessions or speakers", source=url)
    event = Event(name=_event_name(data, url), url=url)
    if entries and all("title" not in e and "name" in e for e in entries):
        roster = [_roster_person(e) for e in entries]
        sessions = [assemble.make_session("Speakers", people=roster)] if any(roster) else []
    else:
        sessions = [_session(e) for e in entries if assemble.i18n(e.get("title"))]
    return assemble.make_lineup(event, sessions, fmt=FORMAT, url=url)


def _entries(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in LIST_KEYS:
            if isinstance(data.get(key), list):
                return list(data[key])
    return []


def _event_name(data: Any, url: str | None) -> str:
    if isinstance(data, dict):
        name = assemble.first_text(data, "event", "conference", "name", "title")
        if name:
            return name
    return assemble.name_from_url(url)


def _flag(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() in TRUE_WORDS)


def _roster_person(entry: dict[str, Any]) -> PersonRef | None:
    return assemble.make_person(
        assemble.i18n(entry.get("name")),
        role=Role.KEYNOTE if _flag(entry.get("keynote")) else Role.SPEAKER,
        affiliation=assemble.first_text(entry, *AFFILIATION_KEYS) or None,
        bio=assemble.i18n(entry.get("bio")) or None,
        pronouns=assemble.i18n(entry.get("pronouns")) or None,
        external_id=assemble.i18n(entry.get("id")) or None,
    )


def _session(entry: dict[str, Any]) -> Session:
    title = assemble.i18n(entry.get("title"))
    people: list[PersonRef | None] = []
    for key, role in PEOPLE_KEYS:
        people.extend(_people(entry.get(key), role=role))
    if not people:
        found = TITLE_PEOPLE_RE.search(title)
        if found:
            people.extend(assemble.people_from_field(found.group("names"), role=Role.SPEAKER))
    people = [p for p in people if p is not None and text.looks_like_name(p.name)]
    return assemble.make_session(
        title,
        people=people,
        start=assemble.parse_datetime(entry.get("start") or entry.get("date")),
        end=assemble.parse_datetime(entry.get("end")),
        kind=assemble.first_text(entry, "type", "kind", "format") or None,
        room=assemble.first_text(entry, "room", "location") or None,
        external_id=assemble.i18n(entry.get("id")) or None,
    )


def _people(value: Any, *, role: Role, depth: int = 0) -> list[PersonRef | None]:
    """People in a field: a string list of names, a {name, affiliation} map, or a list of these.

    Lists nest at most once: YAML aliases can make a small file describe a huge tree.
    """
    if isinstance(value, str):
        return list(assemble.people_from_field(value, role=role))
    if isinstance(value, dict):
        return [
            assemble.make_person(
                assemble.i18n(value.get("name")),
                role=role,
                affiliation=assemble.first_text(value, *AFFILIATION_KEYS) or None,
            )
        ]
    if isinstance(value, list) and depth < 1:
        return [p for item in value[:MAX_PEOPLE] for p in _people(item, role=role, depth=1)]
    return []
