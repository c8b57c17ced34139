"""Label history and the current_label view: precedence, opt-out, append-only, idempotence."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.gender import service as gender_service
from app.gender.labels import Label, Source
from app.gender.models import GenderLabel
from tests.app.builders import make_person


def test_person_without_labels_is_unknown(session) -> None:
    person = make_person(session)
    current = gender_service.current_label(session, person.id)
    assert current is not None
    assert (current.label, current.source, current.p_woman) == (Label.UNKNOWN, "none", 0.0)


def test_precedence_self_id_beats_correction_beats_text_beats_name(session) -> None:
    person = make_person(session)
    record = gender_service.record_label
    record(session, person_id=person.id, label=Label.MAN, source=Source.NAME, probability=0.8)
    assert gender_service.current_label(session, person.id).label is Label.MAN
    record(session, person_id=person.id, label=Label.WOMAN, source=Source.TEXT, probability=0.9)
    assert gender_service.current_label(session, person.id).source == "text"
    record(session, person_id=person.id, label=Label.NONBINARY, source=Source.SELF_ID)
    # A later correction does not beat self-identification.
    record(session, person_id=person.id, label=Label.MAN, source=Source.CORRECTION, note="x")
    current = gender_service.current_label(session, person.id)
    assert (current.label, current.source) == (Label.NONBINARY, "self_id")


def test_newest_row_of_the_strongest_source_wins(session) -> None:
    person = make_person(session)
    record = gender_service.record_label
    record(session, person_id=person.id, label=Label.MAN, source=Source.CORRECTION, note="a")
    record(session, person_id=person.id, label=Label.WOMAN, source=Source.CORRECTION, note="b")
    assert gender_service.current_label(session, person.id).label is Label.WOMAN


def test_opted_out_person_counts_only_as_unknown(session) -> None:
    person = make_person(session)
    gender_service.record_label(
        session, person_id=person.id, label=Label.WOMAN, source=Source.SELF_ID
    )
    person.opted_out = True
    session.flush()
    current = gender_service.current_label(session, person.id)
    assert (current.label, current.source, current.opted_out) == (Label.UNKNOWN, "opt_out", True)
    assert current.p_woman == 0.0


def test_nonbinary_is_never_inferred(session) -> None:
    person = make_person(session)
    with pytest.raises(ValueError, match="never inferred"):
        gender_service.record_label(
            session, person_id=person.id, label=Label.NONBINARY, source=Source.NAME
        )


def test_labels_are_appended_and_skip_if_same_adds_nothing(session) -> None:
    person = make_person(session)
    evidence = [{"kind": "name", "value": "Amina"}]
    for _ in range(3):
        gender_service.record_label(
            session,
            person_id=person.id,
            label=Label.WOMAN,
            source=Source.NAME,
            probability=0.97,
            evidence=evidence,
            skip_if_same=True,
        )
    rows = session.scalar(select(func.count()).select_from(GenderLabel))
    assert rows == 1
    gender_service.record_label(
        session, person_id=person.id, label=Label.WOMAN, source=Source.NAME, probability=0.9
    )
    assert session.scalar(select(func.count()).select_from(GenderLabel)) == 2
