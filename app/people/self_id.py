"""Self-identification links: signed, expiring, single-use; the person's choice wins everywhere.

DESIGN.md, Gender labels: self_id is the strongest source; "prefer not to say" counts as unknown;
opting out removes the person from every listing and export.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.access import service as access_service
from app.columns import utcnow
from app.errors import Conflict, Forbidden, NotFound
from app.gender import service as gender_service
from app.gender.labels import Label, Source
from app.people import identity
from app.people import service as people_service
from app.people.models import Person, SelfIdToken

__all__ = ["Choice", "apply_choice", "create_link", "resolve"]

DEFAULT_TTL = timedelta(days=14)


class Choice(StrEnum):
    WOMAN = "woman"
    MAN = "man"
    NONBINARY = "nonbinary"
    PREFER_NOT_TO_SAY = "prefer_not_to_say"
    OPT_OUT = "opt_out"


def _signature(secret_key: str, payload: str) -> str:
    return hmac.new(secret_key.encode(), payload.encode(), hashlib.sha256).hexdigest()[:24]


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_link(
    session: Session, *, person_id: int, actor: str, secret_key: str, ttl: timedelta = DEFAULT_TTL
) -> tuple[str, datetime]:
    """Return a new token for PERSON_ID and when it expires; only its hash is stored."""
    if not secret_key:
        raise Conflict("self-identification links need VOICETALLY_SECRET_KEY to be set")
    person = people_service.get(session, person_id)
    payload = f"{person.id}.{secrets.token_urlsafe(24)}"
    token = f"{payload}.{_signature(secret_key, payload)}"
    expires = utcnow() + ttl
    session.add(
        SelfIdToken(
            person_id=person.id, token_hash=_digest(token), created_by=actor, expires_at=expires
        )
    )
    access_service.audit(
        session, actor=actor, action="self_id.link", entity="person", entity_id=person.id
    )
    session.flush()
    return token, expires


def resolve(session: Session, token: str, *, secret_key: str) -> tuple[SelfIdToken, Person]:
    """Return the live token row and its person; refuse forged, used or expired links."""
    payload, _, signature = token.rpartition(".")
    if (
        not secret_key
        or not payload
        or not hmac.compare_digest(signature, _signature(secret_key, payload))
    ):
        raise NotFound("this self-identification link is not valid")
    row = session.scalar(select(SelfIdToken).where(SelfIdToken.token_hash == _digest(token)))
    if row is None:
        raise NotFound("this self-identification link is not valid")
    if row.used_at is not None:
        raise Forbidden("this self-identification link has already been used")
    expires = (
        row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=utcnow().tzinfo)
    )
    if expires < utcnow():
        raise Forbidden("this self-identification link has expired; ask for a new one")
    return row, people_service.get(session, row.person_id)


def apply_choice(session: Session, token: str, choice: Choice, *, secret_key: str) -> Person:
    """Record the person's choice as self-identification and spend the link.

    The link is spent by a conditional update first, so of simultaneous submits exactly one
    wins on either database (PostgreSQL re-checks the condition after the row lock).
    """
    row, person = resolve(session, token, secret_key=secret_key)
    spent = session.execute(
        update(SelfIdToken)
        .where(SelfIdToken.id == row.id, SelfIdToken.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if spent.rowcount != 1:
        raise Forbidden("this self-identification link has already been used")
    before = gender_service.current_label(session, person.id)
    label = {
        Choice.WOMAN: Label.WOMAN,
        Choice.MAN: Label.MAN,
        Choice.NONBINARY: Label.NONBINARY,
    }.get(choice, Label.UNKNOWN)
    gender_service.record_label(
        session, person_id=person.id, label=label, source=Source.SELF_ID, probability=1.0,
        actor="self-id", note=f"self-identified: {choice.value}",
    )  # fmt: skip
    # The choice is the whole identity's (the people merged into this one are the same person).
    members = identity.members(person.merged_into_id or person.id)
    for member in session.scalars(select(Person).where(Person.id.in_(members))):
        member.opted_out = choice is Choice.OPT_OUT
    access_service.audit(
        session,
        actor="self-id",
        action="self_id.apply",
        entity="person",
        entity_id=person.id,
        before={"label": before.label.value, "source": before.source} if before else None,
        after={"choice": choice.value},
    )
    session.flush()
    return person
