"""Person or organisation: the scrapers' reason is kept and shown; an editor's call sticks and
moves the numbers (organisations are listed, never counted)."""

from __future__ import annotations

from sqlalchemy import select

from app.ingest import service as ingest_service
from app.metrics import service as metrics_service
from app.people.models import Person
from scrapers import records
from tests.app.builders import make_key, make_lineup


def lineup_with(ref: records.PersonRef) -> records.Lineup:
    lineup = make_lineup()
    panel = lineup.sessions[1]
    panel = panel.model_copy(update={"people": (*panel.people, ref)})
    return lineup.model_copy(update={"sessions": (lineup.sessions[0], panel)})


def test_reason_is_kept_and_an_editor_override_sticks_and_counts(api, session_factory) -> None:
    team = records.PersonRef(name="Tony Hall", kind=records.PersonKind.ORGANISATION,
                             kind_reason="organisation: a test said so")  # fmt: skip
    with session_factory() as session, session.begin():
        ingest_service.ingest_lineup(session, lineup_with(team))
        hall = session.scalar(select(Person).where(Person.name_key == "tony hall"))
        editor = make_key(session, "editor")
        viewer = make_key(session, "viewer")
        hall_id = hall.id
    detail = api.get(f"/api/people/{hall_id}", headers={"authorization": f"Bearer {viewer}"})
    assert detail.json()["kind_reason"] == "organisation: a test said so"
    counted = lambda: metrics_service.share(  # noqa: E731
        session_factory(), metrics_service.Filters(period="all"), scope="panels"
    )["rows"][0]["n"]
    before = counted()
    answer = api.post(f"/api/people/{hall_id}/kind", json={"kind": "person", "note": "a person"},
                      headers={"authorization": f"Bearer {editor}"})  # fmt: skip
    assert answer.status_code == 200 and answer.json()["kind"] == "person"
    assert counted() == before + 1
    with session_factory() as session, session.begin():
        ingest_service.ingest_lineup(session, lineup_with(team))  # the page still says so
        hall = session.get(Person, hall_id)
        assert (hall.kind, hall.kind_reason) == (records.PersonKind.PERSON, "editor: a person")
