"""People and corrections over HTTP: keys and roles, opt-out, audit, problem documents."""

from __future__ import annotations

from sqlalchemy import select

from app.access.models import AuditEntry
from app.gender import service as gender_service
from app.gender.labels import Label, Source
from tests.app.builders import make_key, make_person


def seed(session_factory):
    with session_factory() as session, session.begin():
        amina = make_person(session, name="Amina Diallo", affiliation="ISS")
        gender_service.record_label(
            session, person_id=amina.id, label=Label.WOMAN, source=Source.NAME, probability=0.97,
            evidence=[{"kind": "name", "value": "amina"}],
        )  # fmt: skip
        hidden = make_person(session, name="Hidden Person")
        hidden.opted_out = True
        keys = {role: make_key(session, role) for role in ("viewer", "editor", "admin")}
        return amina.id, hidden.id, keys


def auth(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def test_people_need_a_viewer_key(api, session_factory) -> None:
    seed(session_factory)
    response = api.get("/api/people")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    assert api.get("/api/people", headers=auth("vt_wrong")).status_code == 401


def test_search_lists_labels_and_hides_opted_out(api, session_factory) -> None:
    amina_id, _hidden_id, keys = seed(session_factory)
    body = api.get("/api/people", headers=auth(keys["viewer"])).json()
    assert [p["name"] for p in body["items"]] == ["Amina Diallo"]
    first = body["items"][0]
    assert (first["label"], first["source"], first["id"]) == ("woman", "name", amina_id)
    found = api.get("/api/people", params={"q": "diallo"}, headers=auth(keys["viewer"])).json()
    assert found["total"] == 1
    admin = api.get("/api/people", headers=auth(keys["admin"])).json()
    assert admin["total"] == 2


def test_opted_out_person_is_404_except_for_admin(api, session_factory) -> None:
    _amina_id, hidden_id, keys = seed(session_factory)
    assert api.get(f"/api/people/{hidden_id}", headers=auth(keys["viewer"])).status_code == 404
    admin = api.get(f"/api/people/{hidden_id}", headers=auth(keys["admin"]))
    assert admin.status_code == 200 and admin.json()["label"] == "unknown"


def test_person_detail_has_evidence_and_history(api, session_factory) -> None:
    amina_id, _hidden_id, keys = seed(session_factory)
    body = api.get(f"/api/people/{amina_id}", headers=auth(keys["viewer"])).json()
    assert body["evidence"] == [{"kind": "name", "value": "amina"}]
    assert [row["source"] for row in body["history"]] == ["name"]
    assert api.get("/api/people/999999", headers=auth(keys["viewer"])).status_code == 404


def test_correction_needs_editor_and_is_audited(api, session_factory) -> None:
    amina_id, _hidden_id, keys = seed(session_factory)
    url = f"/api/people/{amina_id}/labels"
    body = {"label": "man", "note": "he asked us to fix it"}
    assert api.post(url, json=body).status_code == 401
    assert api.post(url, json=body, headers=auth(keys["viewer"])).status_code == 403
    created = api.post(url, json=body, headers=auth(keys["editor"]))
    assert created.status_code == 201 and created.json()["source"] == "correction"
    detail = api.get(f"/api/people/{amina_id}", headers=auth(keys["viewer"])).json()
    assert (detail["label"], detail["source"]) == ("man", "correction")
    assert [row["source"] for row in detail["history"]] == ["name", "correction"]
    with session_factory() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "label.correct"))
        assert entry.before == {"label": "woman", "source": "name"}
        assert entry.after == {"label": "man", "source": "correction"}


def test_correction_validates_its_body(api, session_factory) -> None:
    amina_id, _hidden_id, keys = seed(session_factory)
    url = f"/api/people/{amina_id}/labels"
    bad = api.post(url, json={"label": "robot", "note": "x"}, headers=auth(keys["editor"]))
    assert bad.status_code == 422 and bad.json()["title"] == "Invalid input"
    no_note = api.post(url, json={"label": "man"}, headers=auth(keys["editor"]))
    assert no_note.status_code == 422
    missing = api.post("/api/people/424242/labels", json={"label": "man", "note": "x"},
                       headers=auth(keys["editor"]))  # fmt: skip
    assert missing.status_code == 404


def test_split_with_no_rows_is_refused_and_the_schema_says_so(api, session_factory) -> None:
    amina_id, _hidden_id, keys = seed(session_factory)
    response = api.post(f"/api/people/{amina_id}/split", json={}, headers=auth(keys["admin"]))
    assert response.status_code == 422
    assert "at least one appearance" in response.text
    schema = api.get("/openapi.json").json()["components"]["schemas"]["SplitIn"]
    assert {tuple(option["required"]) for option in schema["anyOf"]} == {
        ("appearances",),
        ("authorships",),
        ("citations",),
    }
