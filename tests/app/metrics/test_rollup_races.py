"""Two transactions at once, on real connections: a label change racing a row that names the
person (rollups.py `_lock_identities`), and two writers taking the same people in opposite
orders. SQLite serialises writers (BEGIN IMMEDIATE): there the same steps must simply hold."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from app import db
from app.gender import service as gender_service
from app.gender.labels import Label
from app.ingest import service as ingest_service
from app.metrics import rollups
from app.people.models import Person
from scrapers import records
from tests.app.builders import make_lineup
from tests.app.metrics.test_label_refresh import rollup_rows
from tests.conftest import fresh_engine

# Lock waits of this database's sessions (the server may serve others).
WAITING = (
    "select count(*) from pg_locks join pg_stat_activity using (pid)"
    " where not pg_locks.granted and pg_stat_activity.datname = current_database()"
)


@pytest.fixture
def factory(backend: str, tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    engine = fresh_engine(backend, tmp_path, database="voicetally_races")
    db.upgrade(engine)
    yield db.make_sessionmaker(engine)
    engine.dispose()


def cite(session: Session, name: str, published: datetime) -> None:
    """Ingest an article of the Meridian Ledger citing NAME (the same person on every page:
    the same outlet is a shared context)."""
    ingest_service.ingest_article(session, records.Article(
        url=f"https://ledger.example/{published:%Y/%m}/{name}", title="t", published=published,
        outlet="The Meridian Ledger", authors=("Tom Hale",),
        cited=(records.Citation(name=name),),
    ))  # fmt: skip


def speak(session: Session, year: int) -> None:
    """Ingest the forum's YEAR edition (the same series: the same people)."""
    lineup = make_lineup()
    event = lineup.event.model_copy(update={
        "name": f"Northbridge Security Forum {year}", "starts_on": date(year, 5, 6),
        "ends_on": date(year, 5, 7), "url": f"https://forum.example/{year}/schedule.json",
    })  # fmt: skip
    ingest_service.ingest_lineup(session, lineup.model_copy(update={"event": event}))


def person(factory: sessionmaker[Session], name_key: str) -> int:
    with factory() as session:
        return session.scalars(select(Person.id).where(Person.name_key == name_key)).one()


def relabel(person_id: int, label: Label) -> Callable[[Session], None]:
    def work(session: Session) -> None:
        gender_service.correct(session, person_id=person_id, label=label, note="t", actor="t")

    return work


def in_thread(factory: sessionmaker[Session], work: Callable[[Session], None]) -> Any:
    """Run WORK in its own transaction in a thread; return (thread, errors)."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with factory() as session, session.begin():
                work(session)
        except BaseException as exc:  # reported by the test, not swallowed
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


def blocked_or_done(engine: Engine, thread: threading.Thread) -> None:
    """Wait until THREAD has finished or waits on a lock (PostgreSQL); SQLite's
    second writer waits for the first's commit in BEGIN IMMEDIATE, which no query shows."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect() as connection:
        while thread.is_alive() and not connection.execute(text(WAITING)).scalar():
            thread.join(timeout=0.02)


def assert_equal_to_a_rebuild(factory: sessionmaker[Session]) -> None:
    with factory() as session, session.begin():
        live = rollup_rows(session)
        rollups.rebuild(session)
        assert rollup_rows(session) == live
        session.rollback()


def first_holds(factory: sessionmaker[Session], first: Callable[[Session], None],
                second: Callable[[Session], None]) -> None:  # fmt: skip
    """FIRST writes and refreshes (taking its locks) but has not committed when SECOND runs
    whole in another connection; then FIRST commits and SECOND ends."""
    engine = factory.kw["bind"]
    with factory() as session, session.begin():
        first(session)
        rollups.apply_pending(session)
        thread, errors = in_thread(factory, second)
        blocked_or_done(engine, thread)
    thread.join(timeout=60)
    assert not thread.is_alive() and errors == []


def test_a_citation_and_a_relabel_of_its_person_race(factory: sessionmaker[Session]) -> None:
    """A cites Mei Lin in 2024 and refreshes that month with her label; B corrects her label
    and refreshes her months it can see (2023; A's row is not committed). Whichever locks her
    identity second must see the other's rows (2024's months count her as a man)."""
    with factory() as session, session.begin():
        cite(session, "Mei Lin", datetime(2023, 5, 2))
    mei = person(factory, "mei lin")
    with factory() as session, session.begin():
        relabel(mei, Label.WOMAN)(session)
    first_holds(
        factory, lambda s: cite(s, "Mei Lin", datetime(2024, 6, 2)), relabel(mei, Label.MAN)
    )
    assert_equal_to_a_rebuild(factory)
    first_holds(
        factory, relabel(mei, Label.WOMAN), lambda s: cite(s, "Mei Lin", datetime(2024, 7, 2))
    )
    assert_equal_to_a_rebuild(factory)


def test_an_appearance_and_a_relabel_of_its_person_race(factory: sessionmaker[Session]) -> None:
    """The same race over panels: the 2025 edition's appearances against a correction."""
    with factory() as session, session.begin():
        speak(session, 2024)
    jonas = person(factory, "jonas berg")
    first_holds(factory, lambda s: speak(s, 2025), relabel(jonas, Label.WOMAN))
    assert_equal_to_a_rebuild(factory)
    first_holds(factory, relabel(jonas, Label.MAN), lambda s: speak(s, 2026))
    assert_equal_to_a_rebuild(factory)


def test_a_merge_and_a_citation_of_the_merged_person_race(factory: sessionmaker[Session]) -> None:
    """A merge (and its undo) moves a person between identities while a page cites them. (On
    main before the identity locks this held too: the page's writes and the merge's meet on
    the person's row; the merge now also holds the rebuild key exclusively.)"""
    from app.people import identity

    with factory() as session, session.begin():
        cite(session, "Mei Lin", datetime(2023, 5, 2))
        cite(session, "Lin Mei", datetime(2023, 5, 3))
    mei, lin = person(factory, "mei lin"), person(factory, "lin mei")
    with factory() as session, session.begin():
        relabel(mei, Label.WOMAN)(session)
        relabel(lin, Label.MAN)(session)

    merged: list[int] = []

    def merge(session: Session) -> None:
        merged.append(identity.merge(session, keep_id=mei, other_id=lin, actor="t").id)

    def undo(session: Session) -> None:
        identity.undo(session, entry_id=merged[0], actor="t")

    first_holds(factory, lambda s: cite(s, "Lin Mei", datetime(2024, 6, 2)), merge)
    assert_equal_to_a_rebuild(factory)
    first_holds(factory, undo, lambda s: cite(s, "Lin Mei", datetime(2024, 7, 2)))
    assert_equal_to_a_rebuild(factory)


def test_pages_naming_the_same_person_do_not_queue_on_their_identity(
    factory: sessionmaker[Session],
) -> None:
    """A row that only names a person holds their identity's lock shared: a second page citing
    Mei Lin (another year: no slice in common) commits while the first is still open."""
    if factory.kw["bind"].dialect.name != "postgresql":
        pytest.skip("SQLite serialises writers: the second cannot write until the first commits")
    with factory() as session, session.begin():
        cite(session, "Mei Lin", datetime(2023, 5, 2))
    with factory() as session, session.begin():
        cite(session, "Mei Lin", datetime(2024, 6, 2))
        rollups.apply_pending(session)
        thread, errors = in_thread(factory, lambda s: cite(s, "Mei Lin", datetime(2025, 6, 2)))
        blocked_or_done(factory.kw["bind"], thread)
        finished_first = not thread.is_alive()
    thread.join(timeout=60)
    assert errors == [] and finished_first
    assert_equal_to_a_rebuild(factory)


def test_two_writers_taking_two_people_in_opposite_orders_do_not_deadlock(
    factory: sessionmaker[Session],
) -> None:
    """Each corrects both panelists, in opposite orders, and both commit at once, round after
    round: identities and slices are locked sorted, so neither waits on the other in a cycle
    (a deadlock would fail one with PostgreSQL's 40P01). SQLite runs one writer at a time."""
    if factory.kw["bind"].dialect.name != "postgresql":
        pytest.skip("SQLite serialises writers: the second cannot write until the first commits")
    with factory() as session, session.begin():
        speak(session, 2024)
        speak(session, 2025)
    jonas, piotr = person(factory, "jonas berg"), person(factory, "piotr nowak")
    for round_number in range(10):
        barrier = threading.Barrier(2, timeout=30)
        labels = (
            (Label.WOMAN, Label.MAN)[round_number % 2],
            (Label.MAN, Label.WOMAN)[round_number % 2],
        )

        def both(
            order: tuple[int, int],
            labels: tuple[Label, Label] = labels,
            barrier: threading.Barrier = barrier,
        ) -> Callable[[Session], None]:
            def work(session: Session) -> None:
                for person_id, label in zip(order, labels, strict=True):
                    relabel(person_id, label)(session)
                session.flush()
                barrier.wait()  # both have written; both commit (and lock) now

            return work

        threads = [
            in_thread(factory, both((jonas, piotr))),
            in_thread(factory, both((piotr, jonas))),
        ]
        for thread, _errors in threads:
            thread.join(timeout=60)
        assert [errors for _thread, errors in threads] == [[], []]
    assert_equal_to_a_rebuild(factory)
