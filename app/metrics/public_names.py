"""Who may be named on a public page: one call, so every page asks the same question.

DESIGN.md (Metrics, public naming): a person is named publicly only where the label comes from
self-identification or a public record, or the person is a public figure by a stated rule;
opted-out people never. The rule itself belongs to the people domain.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.gender.models import CURRENT_LABEL
from app.people import service as people_service

__all__ = ["PUBLIC_SOURCES", "nameable"]

PUBLIC_SOURCES = ("self_id", "wikidata")


def nameable(session: Session, person_ids: Collection[int]) -> set[int]:
    """The ids among PERSON_IDS that may be named on public pages."""
    rule = getattr(people_service, "may_be_named", None)
    if rule is not None:
        return set(rule(session, person_ids))
    # TODO(#15): the privacy engineer's `people_service.may_be_named(session, ids) -> set[int]`
    # (public-figure setting included) replaces this strict stand-in: self-identified or
    # public-record labels only, never an opted-out person.
    ids = sorted(set(person_ids))
    if not ids:
        return set()
    query = select(CURRENT_LABEL.c.person_id).where(
        CURRENT_LABEL.c.person_id.in_(ids),
        CURRENT_LABEL.c.source.in_(PUBLIC_SOURCES),
        CURRENT_LABEL.c.opted_out.is_not(True),
    )
    return set(session.scalars(query))
