"""Who may be named on a public page: one call, so every page asks the same question.

DESIGN.md (Metrics, public naming): a person is named publicly only where the label comes from
self-identification or a public record, or the person is a public figure by a stated rule;
opted-out people never. The rule itself belongs to the people domain.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy.orm import Session

from app.people import privacy

__all__ = ["nameable"]


def nameable(
    session: Session, person_ids: Collection[int], rule: privacy.PublicRule | None = None
) -> set[int]:
    """The ids among PERSON_IDS that may be named on public pages under RULE (the settings'
    VOICETALLY_PUBLIC_MIN_*; the defaults when omitted): app.people.privacy decides."""
    return privacy.publicly_named(session, set(person_ids), rule or privacy.PublicRule())
