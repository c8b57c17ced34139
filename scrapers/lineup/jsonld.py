"""schema.org JSON-LD Event / EducationEvent / BusinessEvent (any *Event type) with performer,
organizer and subEvent; read from raw JSON-LD or from <script type="application/ld+json"> in HTML,
@graph and lists flattened. Pure; never imports app.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from scrapers import text
from scrapers.errors import EmptyDocument, ParseError
from scrapers.lineup import assemble, textroles
from scrapers.records import Event, Lineup, PersonKind, PersonRef, Role, Session

__all__ = ["blocks", "event_nodes", "parse"]

FORMAT = "jsonld"
SCRIPT_RE = re.compile(
    r"<script[^>]{0,200}type\s*=\s*[\"']application/ld\+json[\"'][^>]{0,200}>(.*?)</script>",
    re.I | re.S,
)
PEOPLE_KEYS = (
    ("performer", Role.SPEAKER),
    ("performers", Role.SPEAKER),
    ("actor", Role.SPEAKER),
    ("organizer", Role.ORGANISER),
)
# schema.org Role wrappers: {"@type": "PerformanceRole", "roleName": "Moderator", "performer": {..}}
ROLE_TYPES = frozenset({"Role", "PerformanceRole", "OrganizationRole", "EmployeeRole"})
ROLE_INNER_KEYS = ("performer", "performers", "actor", "member", "organizer")
ORGANISATION_TYPES = frozenset({"Organization", "Corporation", "EducationalOrganization", "NGO"})
MAX_DEPTH = 12


def parse(content: bytes, *, url: str | None = None) -> Lineup:
    """Parse schema.org Event JSON-LD (raw, or embedded in an HTML page)."""
    events = event_nodes(blocks(content, url=url))
    if not events:
        raise EmptyDocument("no schema.org Event found in the JSON-LD", source=url)
    nested = {id(sub) for node in events for sub in _as_list(node.get("subEvent"))}
    top = next((n for n in events if id(n) not in nested), events[0])
    subs = [s for s in _as_list(top.get("subEvent")) if isinstance(s, dict)]
    others = [n for n in events if n is not top and id(n) not in nested]
    sessions = [_session(n) for n in (subs + others if subs or others else [top])]
    event = Event(
        name=_name(top) or "(untitled)",
        url=assemble.i18n(top.get("url")) or url,
        starts_on=assemble.parse_date(top.get("startDate")),
        ends_on=assemble.parse_date(top.get("endDate") or top.get("startDate")),
        location=_location(top.get("location")),
    )
    return assemble.make_lineup(event, sessions, fmt=FORMAT, url=url)


def blocks(content: bytes, *, url: str | None = None) -> list[Any]:
    """Return the JSON-LD documents in content (a JSON-LD file or an HTML page)."""
    raw = assemble.decode(content).strip()
    sources = [raw] if raw[:1] in "{[" else SCRIPT_RE.findall(raw)
    found: list[Any] = []
    for source in sources:
        try:
            found.append(json.loads(source.strip().rstrip(";")))
        except (json.JSONDecodeError, RecursionError) as exc:
            if raw[:1] in "{[":
                raise ParseError(f"malformed JSON-LD: {exc}", source=url) from exc
            continue  # one broken script block on a page must not hide the others
    return found


def event_nodes(documents: list[Any]) -> list[dict[str, Any]]:
    """Return every node whose @type names an Event, in document order."""
    return [n for n in _walk(documents, depth=0) if any(t.endswith("Event") for t in _types(n))]


def _walk(node: Any, *, depth: int) -> Iterator[dict[str, Any]]:
    if depth > MAX_DEPTH:
        return
    if isinstance(node, list):
        for item in node:
            yield from _walk(item, depth=depth + 1)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "subEvent", "mainEntity", "itemListElement", "item"):
            if key in node and key != "subEvent":
                yield from _walk(node[key], depth=depth + 1)
        for sub in _as_list(node.get("subEvent")):
            yield from _walk(sub, depth=depth + 1)


def _types(node: dict[str, Any]) -> list[str]:
    return [t.rsplit("/", 1)[-1] for t in _as_list(node.get("@type")) if isinstance(t, str)]


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _name(node: dict[str, Any]) -> str:
    return text.clean(assemble.i18n(node.get("name")))


def _location(value: Any) -> str | None:
    for place in _as_list(value):
        if isinstance(place, str) and place.strip():
            return text.clean(place)
        if isinstance(place, dict) and _name(place):
            return _name(place)
    return None


def _session(node: dict[str, Any]) -> Session:
    people: list[PersonRef | None] = []
    for key, role in PEOPLE_KEYS:
        for entry in _as_list(node.get(key)):
            people.extend(_people(entry, role=role))
    kind = next((t for t in _types(node) if t != "Event"), None)
    title = _name(node) or "(untitled)"
    description = text.html_to_text(assemble.raw_text(node.get("description")))
    return assemble.make_session(
        title,
        people=textroles.apply_text_roles(people, title, description),
        start=assemble.parse_datetime(node.get("startDate")),
        end=assemble.parse_datetime(node.get("endDate")),
        kind=kind,
        room=_location(node.get("location")),
        external_id=assemble.i18n(node.get("@id")) or None,
    )


def _people(entry: Any, *, role: Role, depth: int = 0) -> list[PersonRef | None]:
    if isinstance(entry, str):
        return list(assemble.people_from_field(entry, role=role))
    if not isinstance(entry, dict) or depth > MAX_DEPTH:
        return []
    if set(_types(entry)) & ROLE_TYPES or ("roleName" in entry and _role_inner(entry)):
        stated = assemble.role_for_label(assemble.i18n(entry.get("roleName")))
        label = assemble.i18n(entry.get("roleName")).casefold()
        stated = Role.KEYNOTE if "keynote" in label else stated
        return [
            p
            for inner in _role_inner(entry)
            for p in _people(inner, role=stated or role, depth=depth + 1)
        ]
    name = _name(entry) or text.clean(
        f"{assemble.i18n(entry.get('givenName'))} {assemble.i18n(entry.get('familyName'))}"
    )
    stated = assemble.role_word(assemble.i18n(entry.get("jobTitle")))  # "jobTitle": "Moderator"
    person = assemble.make_person(
        name,
        role=stated if stated is not None and role is Role.SPEAKER else role,
        honorific=assemble.i18n(entry.get("honorificPrefix")) or None,
        affiliation=_affiliation(entry),
        bio=assemble.i18n(entry.get("description")) or None,
        external_id=assemble.i18n(entry.get("@id")) or None,
    )
    if person is not None and set(_types(entry)) & ORGANISATION_TYPES:
        person = person.model_copy(update={"kind": PersonKind.ORGANISATION})
    return [person]


def _role_inner(entry: dict[str, Any]) -> list[Any]:
    """The people a schema.org Role wraps."""
    return [inner for key in ROLE_INNER_KEYS for inner in _as_list(entry.get(key))]


def _affiliation(entry: dict[str, Any]) -> str | None:
    for key in ("affiliation", "worksFor", "memberOf"):
        for value in _as_list(entry.get(key)):
            name = _name(value) if isinstance(value, dict) else value
            name = name if isinstance(name, str) else ""
            if name:
                return text.clean(name)
    return None
