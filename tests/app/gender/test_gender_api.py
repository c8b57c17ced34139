"""Bulk corrections (all or nothing, a report per row), the review queue, and merges."""

from __future__ import annotations

from sqlalchemy import func, select

from app.events.models import Appearance
from app.gender import service as gender_service
from app.gender.labels import Label, Source
from app.gender.models import GenderLabel
from app.ingest import service as ingest_service
from app.people.models import Person
from tests.app.builders import make_key, make_lineup, make_person


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def seed_people(session_factory):
    with session_factory() as session, session.begin():
        people = [make_person(session, name=n).id for n in ("Ana Silva", "Bo Lind", "Cy Tran")]
        editor = make_key(session, "editor")
    return people, editor


def test_bulk_json_applies_every_row(api, session_factory) -> None:
    (ana, bo, _cy), editor = seed_people(session_factory)
    rows = [
        {"person_id": ana, "label": "woman", "note": "her bio"},
        {"person_id": bo, "label": "nonbinary", "note": "their site"},
    ]
    report = api.post("/api/labels/bulk", json=rows, headers=bearer(editor)).json()
    assert (report["applied"], report["failed"]) == (2, 0)
    with session_factory() as session:
        assert gender_service.current_label(session, bo).label is Label.NONBINARY


def test_bulk_with_a_bad_row_applies_nothing_and_names_the_row(api, session_factory) -> None:
    (ana, _bo, _cy), editor = seed_people(session_factory)
    csv_body = f"person_id,label,note\n{ana},woman,ok\n999999,man,ghost\n{ana},robot,x\n"
    response = api.post(
        "/api/labels/bulk",
        content=csv_body.encode(),
        headers={**bearer(editor), "content-type": "text/csv"},
    )
    report = response.json()
    assert (report["applied"], report["failed"]) == (0, 2)
    assert [r["ok"] for r in report["rows"]] == [True, False, False]
    assert "999999" in report["rows"][1]["detail"]
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(GenderLabel)) == 0


def test_bulk_csv_without_columns_is_422(api, session_factory) -> None:
    _people, editor = seed_people(session_factory)
    response = api.post(
        "/api/labels/bulk",
        content=b"id,gender\n1,woman\n",
        headers={**bearer(editor), "content-type": "text/csv"},
    )
    assert response.status_code == 422 and "person_id" in response.json()["detail"]


def test_review_lists_unsure_inferred_labels_weightiest_first(api, session_factory) -> None:
    with session_factory() as session, session.begin():
        ingest_service.ingest_lineup(session, make_lineup())
        berg = session.scalar(select(Person).where(Person.name_key == "jonas berg"))
        sure = session.scalar(select(Person).where(Person.name_key == "piotr nowak"))
        gender_service.record_label(
            session, person_id=berg.id, label=Label.UNKNOWN, source=Source.NAME, probability=0.5
        )
        gender_service.record_label(
            session, person_id=sure.id, label=Label.MAN, source=Source.NAME, probability=0.99
        )
        viewer = make_key(session, "viewer")
    items = api.get("/api/review", headers=bearer(viewer)).json()
    names = [item["name"] for item in items]
    assert "Jonas Berg" in names and "Piotr Nowak" not in names


def test_merge_counts_every_row_for_the_survivor_and_is_audited(api, session_factory) -> None:
    with session_factory() as session, session.begin():
        ingest_service.ingest_lineup(session, make_lineup())
        keep = session.scalar(select(Person).where(Person.name_key == "sarah okafor"))
        dup = make_person(session, name="S. Okafor")
        session.add(Appearance(session_id=keep_session(session, keep.id), person_id=dup.id,
                               role="speaker"))  # fmt: skip
        gender_service.record_label(session, person_id=dup.id, label=Label.WOMAN,
                                    source=Source.CORRECTION, note="x")  # fmt: skip
        keep_id, dup_id = keep.id, dup.id
        editor = make_key(session, "editor")
    response = api.post(
        f"/api/people/{keep_id}/merge", json={"other_id": dup_id}, headers=bearer(editor)
    )
    assert response.status_code == 200
    assert response.json()["moved"] == {
        "appearances": 1, "authorships": 0, "citations": 0, "gender_labels": 1
    }  # fmt: skip
    with session_factory() as session:
        assert session.get(Person, dup_id).merged_into_id == keep_id
        assert gender_service.current_label(session, keep_id).label is Label.WOMAN
        # nothing moved: the duplicate's rows stay its own and count for the survivor
        assert session.scalar(select(Appearance.id).where(Appearance.person_id == dup_id))
        assert gender_service.current_label(session, dup_id).label is Label.WOMAN
    again = api.post(
        f"/api/people/{keep_id}/merge", json={"other_id": dup_id}, headers=bearer(editor)
    )
    assert again.status_code == 409


def keep_session(session, person_id: int) -> int:
    return session.scalar(select(Appearance.session_id).where(Appearance.person_id == person_id))
