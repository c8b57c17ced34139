"""An opted-out person appears by name in no list, export, page or metric breakdown."""

from __future__ import annotations

from sqlalchemy import select

from app.articles.models import Article
from app.events.models import Event
from app.gender import service as gender_service
from app.gender.labels import Label, Source
from app.ingest import service as ingest_service
from app.metrics import rollups
from app.people.models import Person
from tests.app.builders import make_article, make_key, make_lineup

NAME = "Piotr Nowak"
CITED = "Ivan Petrov"


def test_opted_out_people_are_listed_nowhere(api, session_factory) -> None:
    with session_factory() as session, session.begin():
        event = ingest_service.ingest_lineup(session, make_lineup())
        article = ingest_service.ingest_article(session, make_article())
        hidden = []
        for person in session.scalars(select(Person)):
            gender_service.record_label(session, person_id=person.id, label=Label.MAN,
                                        source=Source.NAME, probability=0.6)  # fmt: skip
            if person.display_name in (NAME, CITED):
                person.opted_out = True
                hidden.append(person.id)
        rollups.rebuild(session)
        ids = {"event": event.id, "article": article.id}
        viewer, admin = make_key(session, "viewer"), make_key(session, "admin")
    auth = {"Authorization": f"Bearer {viewer}"}
    pages = [
        "/api/people",
        "/api/people?q=nowak",
        f"/api/events/{ids['event']}",
        f"/api/articles/{ids['article']}",
        "/api/review",
        "/api/export/people.csv",
        "/api/export/appearances.csv",
        "/api/export/citations.csv",
        "/api/metrics/share",
        "/api/metrics/roles",
        "/api/metrics/manels",
        "/api/metrics/citations",
    ]
    for url in pages:
        response = api.get(url, headers=auth)
        assert response.status_code == 200, url
        assert NAME not in response.text and CITED not in response.text, url
    for person_id in hidden:
        assert api.get(f"/api/people/{person_id}", headers=auth).status_code == 404
        admin_view = api.get(
            f"/api/people/{person_id}", headers={"Authorization": f"Bearer {admin}"}
        )
        assert admin_view.status_code == 200
    event_page = api.get(f"/api/events/{ids['event']}", headers=auth).json()
    assert sum(s["unlisted_people"] for s in event_page["sessions"]) == 1
    share = api.get("/api/metrics/share").json()["rows"][0]
    assert share["unknown"] == 1  # counted, but only as unknown
    assert session_factory().scalar(select(Event).where(Event.id == ids["event"])) is not None
    assert session_factory().get(Article, ids["article"]) is not None
