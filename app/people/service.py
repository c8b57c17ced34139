"""Find and create people (identities: app/people/identity.py). Functions over a Session;
callers own transactions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotFound
from app.gender import service as gender_service
from app.people import identity
from app.people.models import Person
from scrapers.records import PersonKind

__all__ = [
    "clean_name",
    "find",
    "get",
    "get_or_create",
    "name_key",
    "search",
    "set_kind",
]

MAX_NAME = 300
# Bidi controls, zero-width characters and other format characters: invisible, never part of a
# name, and a way to spoof one (RTL override).
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]")
_SPACE = re.compile(r"\s+")
_KEY_DROP = re.compile(r"[^\w\s-]")
_HONORIFIC_PREFIX = re.compile(
    r"^(?:(?:dr|prof|professor|mr|mrs|ms|miss|mx|sir|dame|lady|lord|sen|rep|gen|amb|col)\.?\s+)+",
    re.IGNORECASE,
)


def clean_name(raw: str) -> str:
    """Return RAW as a display name: controls and bidi marks removed, spaces folded, capped."""
    text = unicodedata.normalize("NFC", raw)
    text = _INVISIBLE.sub("", text)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return _SPACE.sub(" ", text).strip()[:MAX_NAME]


def name_key(raw: str) -> str:
    """Return the deduplication key: no honorifics, accents, case or punctuation."""
    text = _HONORIFIC_PREFIX.sub("", clean_name(raw))
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    text = _KEY_DROP.sub(" ", text.replace("-", " "))
    return _SPACE.sub(" ", text).strip()[:MAX_NAME]


def get(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"no person with id {person_id}")
    return person


def find(session: Session, name: str) -> Person | None:
    """Return the first identity named NAME (following merges); None when there is none.

    Namesakes are separate people: where the context is known, use `identity.match`.
    """
    key = name_key(name)
    person = (
        session.scalar(select(Person).where(Person.name_key == key).order_by(Person.id).limit(1))
        if key
        else None
    )
    if person is not None and person.merged_into_id is not None:
        person = get(session, person.merged_into_id)
    return person


def get_or_create(
    session: Session,
    *,
    name: str,
    context: identity.Context | None = None,
    kind: PersonKind = PersonKind.PERSON,
    kind_reason: str | None = None,
    honorific: str | None = None,
    affiliation: str | None = None,
    country: str | None = None,
    bio: str | None = None,
    candidates: Mapping[str, Sequence[int]] | None = None,
    flush: bool = True,
) -> Person:
    """Return the person NAME in CONTEXT is (the matching rule in identity.py), creating them
    when there is none; the evidence given fills what the row lacks.

    CANDIDATES: `identity.candidates` of a page's name keys, read in one statement. Without
    FLUSH a new person is inserted (and gets its id) with the session's next flush, so a page's
    new people go in one INSERT; a person with an identifier is flushed at once (it needs the id).
    """
    display = clean_name(name)
    key = name_key(display)
    if not key:
        raise InvalidInput(f"a person's name needs letters: {name[:80]!r}")
    context = context or identity.Context(affiliation=affiliation)
    known = candidates.get(key) if candidates is not None else None
    person = identity.match(session, key, context, known=known)
    if person is None:
        person = Person(display_name=display, name_key=key, kind=kind, opted_out=False)
        session.add(person)
    person.honorific = person.honorific or (honorific[:40] if honorific else None)
    person.affiliation = (affiliation[:500] if affiliation else None) or person.affiliation
    person.country = person.country or country
    person.bio = bio or person.bio
    _set_kind(person, kind, kind_reason)
    if flush or context.identifier is not None:
        session.flush()
    if context.identifier is not None:
        identity.remember_identifier(session, person, context.identifier)
    return person


EDITOR_REASON = "editor: "


def _set_kind(person: Person, kind: PersonKind, reason: str | None) -> None:
    """A page's evidence may make a person an organisation, never the other way round; an
    editor's decision (`set_kind`) is never changed by a page."""
    if (person.kind_reason or "").startswith(EDITOR_REASON):
        return
    if person.kind is None or kind is PersonKind.ORGANISATION or person.kind is kind:
        person.kind = kind
        person.kind_reason = (reason[:300] if reason else None) or person.kind_reason


def set_kind(session: Session, *, person_id: int, kind: PersonKind, note: str) -> Person:
    """An editor's decision: PERSON_ID is a person or an organisation, whatever pages say."""
    person = get(session, person_id)
    person.kind = kind
    person.kind_reason = f"{EDITOR_REASON}{note}"[:300]
    session.flush()
    return person


def search(
    session: Session,
    *,
    query: str | None = None,
    label: str | None = None,
    source: str | None = None,
    page: int = 1,
    per_page: int = 50,
    include_opted_out: bool = False,
) -> tuple[list[tuple[Person, Any]], int]:
    """People matching QUERY (by name) and the label/source filters, with their current label."""
    current = gender_service.CURRENT_LABEL
    stmt = (
        select(Person, current.c.label, current.c.source, current.c.probability)
        .join(current, current.c.person_id == Person.id)
        .where(Person.merged_into_id.is_(None))
    )
    if not include_opted_out:  # the identity's opt-out: any of its rows (an alias) counts
        stmt = stmt.where(current.c.opted_out.is_(False))
    if query and (key := name_key(query)):
        stmt = stmt.where(Person.name_key.contains(key, autoescape=True))
    if label:
        stmt = stmt.where(current.c.label == label)
    if source:
        stmt = stmt.where(current.c.source == source)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.execute(
        stmt.order_by(Person.name_key, Person.id).limit(per_page).offset((page - 1) * per_page)
    ).all()
    return [(row[0], row) for row in rows], total
