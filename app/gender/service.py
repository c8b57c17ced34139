"""Record gender labels (append-only) and read the current one from the current_label view."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from app.gender.labels import Label, Source
from app.gender.models import GenderLabel

__all__ = ["CurrentLabel", "current_label", "current_labels", "record_label"]


@dataclass(frozen=True, slots=True)
class CurrentLabel:
    """A row of the current_label view."""

    person_id: int
    label: Label
    source: str  # a Source value, or "opt_out"
    probability: float | None
    p_woman: float
    p_man: float
    opted_out: bool


_CURRENT = text(
    "select person_id, label, source, probability, p_woman, p_man, opted_out "
    "from current_label where person_id in :ids"
).bindparams(bindparam("ids", expanding=True))


def record_label(
    session: Session,
    *,
    person_id: int,
    label: Label,
    source: Source,
    probability: float | None = None,
    p_woman: float | None = None,
    p_man: float | None = None,
    evidence: Sequence[dict[str, Any]] = (),
    actor: str | None = None,
    note: str | None = None,
    skip_if_same: bool = False,
) -> GenderLabel | None:
    """Append a label row; with SKIP_IF_SAME, nothing when the source's newest row says the same.

    Re-inference on re-ingest uses skip_if_same so running ingest again adds no rows.
    """
    if label is Label.NONBINARY and source in (Source.NAME, Source.TEXT, Source.NONE):
        raise ValueError("nonbinary is never inferred (DESIGN.md, Gender labels)")
    if p_woman is None and p_man is None:
        p_woman = 1.0 if label is Label.WOMAN else 0.0
        p_man = 1.0 if label is Label.MAN else 0.0
    if skip_if_same:
        latest = session.scalar(
            select(GenderLabel)
            .where(GenderLabel.person_id == person_id, GenderLabel.source == source)
            .order_by(GenderLabel.created_at.desc(), GenderLabel.id.desc())
            .limit(1)
        )
        if latest is not None and _same(latest, label, probability, list(evidence)):
            return None
    row = GenderLabel(
        person_id=person_id,
        label=label,
        source=source,
        probability=probability,
        p_woman=p_woman,
        p_man=p_man,
        evidence=list(evidence),
        actor=actor,
        note=note,
    )
    session.add(row)
    session.flush()
    return row


def _same(row: GenderLabel, label: Label, probability: float | None, evidence: list[Any]) -> bool:
    same_p = (row.probability is None and probability is None) or (
        row.probability is not None
        and probability is not None
        and abs(row.probability - probability) < 1e-9
    )
    return row.label == label and same_p and row.evidence == evidence


def current_labels(session: Session, person_ids: Sequence[int]) -> dict[int, CurrentLabel]:
    """Return the current label of each person (DESIGN.md precedence, opt-out applied)."""
    if not person_ids:
        return {}
    rows = session.execute(_CURRENT, {"ids": list(person_ids)})
    return {
        row.person_id: CurrentLabel(
            person_id=row.person_id,
            label=Label(row.label),
            source=row.source,
            probability=row.probability,
            p_woman=row.p_woman,
            p_man=row.p_man,
            opted_out=bool(row.opted_out),
        )
        for row in rows
    }


def current_label(session: Session, person_id: int) -> CurrentLabel | None:
    return current_labels(session, [person_id]).get(person_id)
