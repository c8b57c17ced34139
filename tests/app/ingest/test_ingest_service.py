"""Ingest: records become rows; ingesting again changes nothing; updates replace."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import event, func, select

from app.articles.models import Article, Authorship, Citation, Outlet
from app.events.models import AgendaSession, Appearance, Event, EventSeries
from app.ingest import service as ingest_service
from app.ingest.models import Snapshot
from app.metrics import rollups
from app.people.models import Person
from scrapers import records
from tests.app.builders import make_article, make_lineup

TABLES = (Event, EventSeries, AgendaSession, Appearance, Person, Article, Citation, Authorship)


def counts(session) -> dict[str, int]:
    return {
        model.__tablename__: session.scalar(select(func.count()).select_from(model))
        for model in TABLES
    }


def test_lineup_ingest_is_idempotent(session) -> None:
    for _ in range(3):
        ingest_service.ingest_lineup(session, make_lineup())
    assert counts(session) == {
        "events": 1,
        "event_series": 1,
        "sessions": 2,
        "appearances": 4,
        "people": 4,
        "articles": 0,
        "citations": 0,
        "authorships": 0,
    }


def test_lineup_rows_keep_roles_and_dedupe_people(session) -> None:
    event = ingest_service.ingest_lineup(session, make_lineup())
    assert event.series.name == "Northbridge Security Forum"
    assert [s.title for s in event.sessions] == [
        "Keynote: Europe's security order",
        "Deterrence after 2022",
    ]
    roles = sorted(a.role.value for s in event.sessions for a in s.appearances)
    assert roles == ["keynote", "moderator", "speaker", "speaker"]
    fischer = session.scalar(select(Person).where(Person.name_key == "lena fischer"))
    assert fischer is not None and fischer.display_name == "Dr. Lena Fischer"


def test_reingest_with_a_changed_lineup_replaces_what_changed(session) -> None:
    ingest_service.ingest_lineup(session, make_lineup())
    lineup = make_lineup()
    panel = lineup.sessions[1].model_copy(update={"people": lineup.sessions[1].people[:2]})
    ingest_service.ingest_lineup(session, lineup.model_copy(update={"sessions": (panel,)}))
    assert session.scalar(select(func.count()).select_from(AgendaSession)) == 1
    assert session.scalar(select(func.count()).select_from(Appearance)) == 2


def test_article_ingest_is_idempotent_and_drops_self_citation(session) -> None:
    for _ in range(3):
        row = ingest_service.ingest_article(session, make_article(), country="GB")
    found = counts(session)
    assert (found["articles"], found["authorships"], found["citations"]) == (1, 2, 2)
    cited = sorted(c.person.display_name for c in row.citations)
    assert cited == ["Ivan Petrov", "Mei Lin"]
    outlet = session.scalar(select(Outlet))
    assert (outlet.domain, outlet.name, outlet.country) == (
        "ledger.example",
        "The Meridian Ledger",
        "GB",
    )


def test_reingesting_an_unchanged_article_touches_no_rollup(session) -> None:
    # The page gives a naive time (as a page giving only a day does); read back, the row's is
    # UTC-aware: the two must compare equal, or every re-crawl refreshes the article's rollups.
    ingest_service.ingest_article(session, make_article(), country="GB")
    session.flush()
    session.expire_all()  # the row as read back from the database
    session.info.pop(rollups.PENDING, None)
    ingest_service.ingest_article(session, make_article(), country="GB")
    session.flush()
    assert not session.info.get(rollups.PENDING)


def test_a_pages_new_people_are_one_insert(session) -> None:
    inserts: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().lower().startswith("insert into people"):
            inserts.append(statement)

    engine = session.get_bind().engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        ingest_service.ingest_article(session, make_article(), country="GB")
    finally:
        event.remove(engine, "before_cursor_execute", count)
    # One statement on PostgreSQL (SQLAlchemy's insertmanyvalues); SQLAlchemy inserts row by row
    # on SQLite here, in-process, where a statement is no round trip.
    assert len(inserts) == (1 if engine.dialect.name == "postgresql" else 4)
    assert session.scalar(select(func.count()).select_from(Person)) == 4


def test_snapshot_is_stored_once_and_compressed(session) -> None:
    snap = records.Snapshot(
        url="https://forum.example/a",
        final_url="https://forum.example/a",
        status=200,
        headers={"content-type": "text/html"},
        content=b"<html>" + b"x" * 10_000 + b"</html>",
        fetched_at=datetime(2024, 1, 1, tzinfo=UTC),
    )
    first = ingest_service.store_snapshot(session, snap)
    again = ingest_service.store_snapshot(session, snap)
    assert first.id == again.id
    assert first.size == 10_013 and len(first.content) < 200
    assert session.scalar(select(func.count()).select_from(Snapshot)) == 1
