"""Sessionize API v2 JSON: All Data, grouped Sessions and Speakers views. Speakers resolved by id,
swapped names put back where the data shows it, `startsAt` null before scheduling. No app.
"""

from __future__ import annotations

from typing import Any

from scrapers import text
from scrapers.errors import ParseError
from scrapers.lineup import assemble, textroles
from scrapers.records import Event, Lineup, PersonRef, Role, Session

__all__ = ["parse", "speaker_name"]

FORMAT = "sessionize"
# Custom session questions whose answers name people in a role ("Moderator": "Jane Doe").
ROLE_QUESTIONS = {"moderat": "Moderator", "host": "Host", "chair": "Chair", "keynote": "Keynote by"}


def parse(content: bytes, *, url: str | None = None) -> Lineup:
    """Parse a Sessionize All-Data, grouped Sessions or Speakers view JSON document."""
    data = assemble.load_json(content, fmt=FORMAT, url=url)
    if isinstance(data, list):
        data = _from_view(data)
    if not isinstance(data, dict) or not isinstance(data.get("sessions"), list):
        raise ParseError("Sessionize JSON lacks a `sessions` list", source=url)
    speakers = {
        str(s.get("id")): s for s in _list(data, "speakers") if isinstance(s, dict) and s.get("id")
    }
    categories = {
        item.get("id"): assemble.i18n(item.get("name"))
        for category in _list(data, "categories")
        if isinstance(category, dict)
        for item in _list(category, "items")
        if isinstance(item, dict)
    }
    questions = {
        q.get("id"): assemble.i18n(q.get("question")).casefold()
        for q in _list(data, "questions")
        if isinstance(q, dict)
    }
    rooms = {
        r.get("id"): assemble.i18n(r.get("name"))
        for r in _list(data, "rooms")
        if isinstance(r, dict)
    }
    sessions = [
        _session(s, speakers=speakers, categories=categories, rooms=rooms, questions=questions)
        for s in data["sessions"]
        if isinstance(s, dict)
    ]
    starts = sorted(s.start for s in sessions if s.start is not None)
    event = Event(
        name=_event_name(url),
        url=url,
        starts_on=starts[0].date() if starts else None,
        ends_on=starts[-1].date() if starts else None,
    )
    return assemble.make_lineup(event, sessions, fmt=FORMAT, url=url)


def _from_view(items: list[Any]) -> dict[str, Any]:
    """Reshape the list views into All-Data: grouped sessions, or speakers with their sessions."""
    groups = [g for g in items if isinstance(g, dict)]
    if not any("fullName" in g or "firstName" in g for g in groups):  # [{groupName, sessions}]
        return {"sessions": [s for g in groups for s in _list(g, "sessions")]}
    sessions: dict[str, dict[str, Any]] = {}
    for speaker in groups:
        for ref in _list(speaker, "sessions"):
            if isinstance(ref, dict) and ref.get("id") is not None:
                title = assemble.i18n(ref.get("name") or ref.get("title"))
                entry = sessions.setdefault(str(ref["id"]), {"id": ref["id"], "title": title})
                entry.setdefault("speakers", []).append(str(speaker.get("id")))
    return {"sessions": list(sessions.values()), "speakers": groups}


def _list(mapping: dict[str, Any], key: str) -> list[Any]:
    value = mapping.get(key)
    return value if isinstance(value, list) else []


def _session(
    item: dict[str, Any],
    *,
    speakers: dict[str, dict[str, Any]],
    categories: dict[Any, str],
    rooms: dict[Any, str],
    questions: dict[Any, str],
) -> Session:
    labels = [categories[c] for c in _list(item, "categoryItems") if c in categories]
    kind = next((label for label in labels if "keynote" in label.casefold()), None)
    if kind is None and item.get("isPlenumSession"):
        kind = "plenum"
    people: list[PersonRef | None] = []
    for ref in _list(item, "speakers"):
        if isinstance(ref, dict):  # the grouped view embeds {id, name}
            people.append(_person(speakers.get(str(ref.get("id")), ref)))
        elif str(ref) in speakers:
            people.append(_person(speakers[str(ref)]))
    title = assemble.first_text(item, "title") or "(untitled)"
    texts = (title, assemble.raw_text(item.get("description")), *_role_answers(item, questions))
    return assemble.make_session(
        title,
        people=textroles.apply_text_roles(people, *texts),
        start=assemble.parse_datetime(item.get("startsAt")),
        end=assemble.parse_datetime(item.get("endsAt")),
        kind=kind or (labels[-1] if labels else None),
        room=rooms.get(item.get("roomId")) or assemble.i18n(item.get("room")),
        external_id=assemble.i18n(item.get("id")),
    )


def _role_answers(item: dict[str, Any], questions: dict[Any, str]) -> list[str]:
    """Answers to role questions, as statements ('Moderator: Jane Doe') textroles reads."""
    statements = []
    for answer in _list(item, "questionAnswers"):
        question = questions.get(answer.get("questionId")) if isinstance(answer, dict) else None
        value = text.clean(assemble.i18n(answer.get("answerValue"))) if question else ""
        label = next((v for k, v in ROLE_QUESTIONS.items() if question and k in question), None)
        if label and value:
            statements.append(f"{label}: {value}")
    return statements


def _person(speaker: dict[str, Any]) -> PersonRef | None:
    role = Role.SPEAKER
    return assemble.make_person(
        speaker_name(speaker),
        role=role,
        affiliation=assemble.i18n(speaker.get("tagLine")) or None,
        bio=assemble.i18n(speaker.get("bio")) or None,
        external_id=assemble.i18n(speaker.get("id")) or None,
    )


def speaker_name(speaker: dict[str, Any]) -> str:
    """Return 'First Last', undoing swaps the data reveals (an ALL-CAPS or 'Last,' first name)."""
    first = text.clean(assemble.i18n(speaker.get("firstName")))
    last = text.clean(assemble.i18n(speaker.get("lastName")))
    full = text.clean(assemble.i18n(speaker.get("fullName") or speaker.get("name")))
    if not (first and last):
        return full or first or last
    if first.endswith(","):  # "Doe," / "Jane": typed as a bibliography entry
        return f"{last} {first.rstrip(',')}"
    if _is_caps(first) and not _is_caps(last):  # "DOE" / "Jane": the surname in capitals
        return f"{last} {first.title()}"
    return full or f"{first} {last}"


def _is_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 2 and all(c.isupper() for c in letters)  # not initials like "AJ"


def _event_name(url: str | None) -> str:
    """The All-Data view does not name the event; the URL's API id is the best we have."""
    if url and "/api/" in url:
        parts = [p for p in url.split("/") if p]
        if "v2" in parts and parts.index("v2") + 1 < len(parts):
            return f"sessionize {parts[parts.index('v2') + 1]}"
    return assemble.name_from_url(url)
