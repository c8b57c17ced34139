"""pretalx: schedule.json / schedule.xml exports (c3voc schema, read by frab.py) and REST API pages
(`/api/events/{event}/talks/`, `/submissions/`, `/speakers/`; paginated; i18n dict text fields),
including sites that re-key talk objects (date -> minute -> room -> talk). Pure; never imports app.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from scrapers.errors import ParseError
from scrapers.lineup import assemble, frab, textroles
from scrapers.records import Event, Lineup, PersonRef, Role, Session

__all__ = ["next_page_url", "parse"]

FORMAT = "pretalx"
MAX_DEPTH = 8  # how deep to look for talk objects in re-keyed exports
# A pretalx submission type "Plenary" (not "Short plenary") is a keynote talk, e.g. PyConFR.
PLENARY_TALK_RE = re.compile(r"^(?:plenary|pl[ée]ni[èe]re|plenarvortrag)(?: talk)?$", re.I)


def parse(content: bytes, *, url: str | None = None) -> Lineup:
    """Parse a pretalx export or API page."""
    if content.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return frab.parse_xml(frab.read_xml(content, url=url), url=url, fmt=FORMAT)
    data = assemble.load_json(content, fmt=FORMAT, url=url)
    schedule = data.get("schedule") if isinstance(data, dict) else None
    if isinstance(schedule, dict) and "conference" in schedule:
        return frab.parse_json_document(data, url=url, fmt=FORMAT)
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        results = [r for r in data["results"] if isinstance(r, dict)]
        if results and all("submissions" in r and "title" not in r for r in results):
            page = _speakers_page(results, url=url)
            return page.model_copy(update={"next_url": _next(data)})
    talks = list(_talks(data, depth=0))
    if not talks:
        raise ParseError("no pretalx talks, speakers or schedule found", source=url)
    event = Event(name=_event_name(data, url), url=url)
    found = assemble.make_lineup(event, (_session(t) for t in talks), fmt=FORMAT, url=url)
    return found.model_copy(update={"next_url": _next(data)})


def _next(data: Any) -> str | None:
    nxt = data.get("next") if isinstance(data, dict) else None
    return nxt if isinstance(nxt, str) and nxt.startswith(("http://", "https://", "/")) else None


def next_page_url(content: bytes) -> str | None:
    """Return the `next` link of a paginated pretalx API page, if any."""
    try:
        data = assemble.load_json(content, fmt=FORMAT)
    except ParseError:
        return None
    return _next(data)


def _talks(node: Any, *, depth: int) -> Iterator[dict[str, Any]]:
    """Yield talk/submission objects found anywhere (API `results`, re-keyed site dumps)."""
    if depth > MAX_DEPTH:
        return
    if isinstance(node, dict):
        if "title" in node and ("speakers" in node or "slot" in node):
            yield node
            return
        children: Any = node.values()
    elif isinstance(node, list):
        children = node
    else:
        return
    for child in children:
        yield from _talks(child, depth=depth + 1)


def _session(talk: dict[str, Any]) -> Session:
    slot = talk.get("slot") if isinstance(talk.get("slot"), dict) else {}
    assert isinstance(slot, dict)
    speakers = talk.get("speakers")
    people = [_speaker(s) for s in (speakers if isinstance(speakers, list) else [])]
    kind = assemble.first_text(talk, "submission_type")
    title = assemble.first_text(talk, "title") or "(untitled)"
    texts = (
        title,
        assemble.raw_text(talk.get("abstract")),
        assemble.raw_text(talk.get("description")),
    )
    return assemble.make_session(
        title,
        people=textroles.apply_text_roles(people, *texts),
        start=assemble.parse_datetime(slot.get("start")),
        end=assemble.parse_datetime(slot.get("end")),
        kind=kind,
        room=_room(slot.get("room")),
        external_id=assemble.i18n(talk.get("code")),
        keynote=bool(PLENARY_TALK_RE.match(kind)),
    )


def _speaker(speaker: Any) -> PersonRef | None:
    if not isinstance(speaker, dict):
        return None  # API v2 may list bare speaker codes: no name to count
    return assemble.make_person(
        assemble.first_text(speaker, "name", "public_name"),
        role=Role.SPEAKER,
        bio=assemble.i18n(speaker.get("biography")) or None,
        external_id=assemble.i18n(speaker.get("code")) or None,
    )


def _room(room: Any) -> str:
    if isinstance(room, dict) and "name" in room:
        return assemble.i18n(room["name"])
    return assemble.i18n(room)


def _speakers_page(results: list[dict[str, Any]], *, url: str | None) -> Lineup:
    """A `/speakers/` page: one session per submission code, named by its code."""
    by_submission: dict[str, list[PersonRef | None]] = {}
    for speaker in results:
        codes = speaker.get("submissions")
        for code in codes if isinstance(codes, list) else []:
            key = assemble.i18n(code if not isinstance(code, dict) else code.get("code"))
            by_submission.setdefault(key or "(untitled)", []).append(_speaker(speaker))
    sessions = [
        assemble.make_session(code, people=people, external_id=code)
        for code, people in by_submission.items()
    ]
    return assemble.make_lineup(
        Event(name=_event_name({}, url), url=url), sessions, fmt=FORMAT, url=url
    )


def _event_name(data: Any, url: str | None) -> str:
    """The API pages do not name the event: take the slug from /api/events/<slug>/ or the URL."""
    if isinstance(data, dict):
        name = assemble.first_text(data, "event", "name", "title")
        if name:
            return name
    if url:
        parts = [p for p in url.split("/") if p]
        if "events" in parts and parts.index("events") + 1 < len(parts):
            return parts[parts.index("events") + 1]
    return assemble.name_from_url(url)
