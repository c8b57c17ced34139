"""Find, create and deduplicate people. Functions over a Session; callers own transactions."""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotFound
from app.people.models import Person
from scrapers.records import PersonKind

__all__ = ["clean_name", "get", "get_or_create", "name_key"]

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


def get_or_create(
    session: Session,
    *,
    name: str,
    kind: PersonKind = PersonKind.PERSON,
    honorific: str | None = None,
    affiliation: str | None = None,
    country: str | None = None,
    bio: str | None = None,
) -> Person:
    """Return the person NAME's key finds (following merges), creating them when new."""
    display = clean_name(name)
    key = name_key(display)
    if not key:
        raise InvalidInput(f"a person's name needs letters: {name[:80]!r}")
    person = session.scalar(select(Person).where(Person.name_key == key))
    if person is None:
        person = Person(display_name=display, name_key=key, kind=kind, opted_out=False)
        session.add(person)
    while person.merged_into_id is not None:
        person = get(session, person.merged_into_id)
    person.honorific = person.honorific or (honorific[:40] if honorific else None)
    person.affiliation = (affiliation[:500] if affiliation else None) or person.affiliation
    person.country = person.country or country
    person.bio = bio or person.bio
    if kind is PersonKind.ORGANISATION:
        person.kind = kind
    session.flush()
    return person
