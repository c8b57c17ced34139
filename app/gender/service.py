"""Record gender labels (append-only) and read the current one from the current_label view."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.orm import Session

from app.gender.engine import Engine
from app.gender.labels import Label, Source
from app.gender.models import CURRENT_LABEL, GenderLabel
from app.people.models import Person
from scrapers.records import PersonKind

__all__ = [
    "CURRENT_LABEL",
    "CurrentLabel",
    "Mention",
    "correct",
    "current_label",
    "current_labels",
    "infer_and_record",
    "infer_and_record_many",
    "record_label",
    "review_queue",
]


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
    label_id: int | None = None  # the row that decided it; None without labels or opted out


_CURRENT = text(
    "select person_id, label, source, probability, p_woman, p_man, opted_out, label_id "
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
            label_id=row.label_id,
        )
        for row in rows
    }


def current_label(session: Session, person_id: int) -> CurrentLabel | None:
    return current_labels(session, [person_id]).get(person_id)


def infer_and_record(
    session: Session,
    person: Person,
    *,
    engine: Engine,
    cues: Sequence[str] = (),
    pronouns: str | None = None,
) -> GenderLabel | None:
    """Infer PERSON's label from the name and the page's evidence; return the row if it changed.

    Organisations are never labelled (DESIGN.md: listed, never counted).
    """
    if person.kind is PersonKind.ORGANISATION:
        return None
    inference = engine.infer(
        person.display_name,
        country=person.country,
        honorific=person.honorific,
        bio=person.bio,
        pronouns=pronouns,
        cues=cues,
    )
    return record_label(
        session,
        person_id=person.id,
        label=inference.label,
        source=inference.source,
        probability=round(inference.probability, 6),
        p_woman=round(inference.p_woman, 6),
        p_man=round(inference.p_man, 6),
        evidence=[item.as_dict() for item in inference.evidence],
        actor="engine",
        note=inference.reason,
        skip_if_same=True,
    )


@dataclass(frozen=True, slots=True)
class Mention:
    """A person named on a page, with what the page says about them beyond the row: pronouns
    in a bio, cue words (gender.evidence.Evidence is what inference makes of it)."""

    person: Person
    pronouns: str | None = None
    cues: Sequence[str] = ()


def infer_and_record_many(
    session: Session, found: Sequence[Mention], *, engine: Engine
) -> list[GenderLabel]:
    """`infer_and_record` for each of FOUND in order, in two statements: one read of the newest
    rows their sources left, one INSERT of the rows that changed (issue 16: a page's people)."""
    inferred = [
        (item.person, engine.infer(item.person.display_name, country=item.person.country,
                                   honorific=item.person.honorific, bio=item.person.bio,
                                   pronouns=item.pronouns, cues=item.cues))
        for item in found
        if item.person.kind is not PersonKind.ORGANISATION
    ]  # fmt: skip
    if not inferred:
        return []
    latest = _latest(session, {person.id for person, _inference in inferred})
    rows: list[GenderLabel] = []
    for person, inference in inferred:
        evidence = [item.as_dict() for item in inference.evidence]
        probability = round(inference.probability, 6)
        if inference.label is Label.NONBINARY:
            raise ValueError("nonbinary is never inferred (DESIGN.md, Gender labels)")
        before = latest.get((person.id, inference.source))
        if before is not None and _same(before, inference.label, probability, evidence):
            continue
        row = latest[(person.id, inference.source)] = GenderLabel(
            person_id=person.id, label=inference.label, source=inference.source,
            probability=probability, p_woman=round(inference.p_woman, 6),
            p_man=round(inference.p_man, 6), evidence=evidence, actor="engine",
            note=inference.reason,
        )  # fmt: skip
        rows.append(row)
    session.add_all(rows)
    session.flush()  # one INSERT for all (SQLAlchemy's insertmanyvalues)
    return rows


def _latest(session: Session, person_ids: set[int]) -> dict[tuple[int, Source], GenderLabel]:
    """The newest row of each (person, source) among PERSON_IDS, as record_label orders them."""
    newest = (
        func.row_number()
        .over(
            partition_by=(GenderLabel.person_id, GenderLabel.source),
            order_by=(GenderLabel.created_at.desc(), GenderLabel.id.desc()),
        )
        .label("newest")
    )
    ranked = (
        select(GenderLabel.id, newest).where(GenderLabel.person_id.in_(sorted(person_ids)))
    ).subquery()
    rows = session.scalars(
        select(GenderLabel).join(ranked, ranked.c.id == GenderLabel.id).where(ranked.c.newest == 1)
    )
    return {(row.person_id, row.source): row for row in rows}


def correct(
    session: Session, *, person_id: int, label: Label, note: str, actor: str
) -> GenderLabel:
    """Record an editor's correction and audit it with the label before and after."""
    from app.access import service as access_service
    from app.people import service as people_service

    person = people_service.get(session, person_id)
    before = current_label(session, person.id)
    row = record_label(
        session,
        person_id=person.id,
        label=label,
        source=Source.CORRECTION,
        probability=1.0,
        actor=actor,
        note=note,
    )
    assert row is not None
    after = current_label(session, person.id)
    access_service.audit(
        session,
        actor=actor,
        action="label.correct",
        entity="person",
        entity_id=person.id,
        before=_summary(before),
        after=_summary(after),
        note=note,
    )
    return row


def _summary(current: CurrentLabel | None) -> dict[str, Any] | None:
    return None if current is None else {"label": current.label.value, "source": current.source}


REVIEW_SQL = text(
    """
    with counts as (
      select p.id as person_id,
        (select count(*) from appearances as a where a.person_id = p.id) as appearances,
        (select count(*) from citations as c where c.person_id = p.id) as citations
      from people as p
      where p.merged_into_id is null and p.opted_out = :false and p.kind = 'person'
    )
    select cl.person_id, p.display_name, cl.label, cl.probability, cl.source,
      counts.appearances, counts.citations
    from current_label as cl
    join people as p on p.id = cl.person_id
    join counts on counts.person_id = cl.person_id
    where cl.source in ('name', 'text', 'none')
      and (cl.label = 'unknown' or coalesce(cl.probability, 0) < :max_probability)
    order by counts.appearances + counts.citations desc, p.display_name, cl.person_id
    limit :limit
    """
)


def review_queue(session: Session, *, max_probability: float, limit: int) -> list[Any]:
    """Inferred labels that are unsure, the people who weigh most in the numbers first."""
    params = {"max_probability": max_probability, "limit": limit, "false": False}
    return list(session.execute(REVIEW_SQL, params))
