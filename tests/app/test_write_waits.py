"""An editor's write that meets another writer's lock waits for it inside the request's budget
(app/guards.py), on a real file database or PostgreSQL with the lock held from another
connection; past the budget it is a clean 503 with Retry-After and nothing of it is kept.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, func, select, text

from app import db
from app.access.models import ApiKey, AuditEntry
from app.gender.models import GenderLabel
from app.settings import Settings
from app.web import create_app
from tests.app.builders import make_key, make_person
from tests.conftest import fresh_engine

HOLD = 1.0  # seconds another writer keeps the lock: far below the budget


@pytest.fixture
def prepared(backend: str, tmp_path: Path) -> Iterator[tuple[Engine, str, int]]:
    """A migrated database of its own with one person and an editor key."""
    engine = fresh_engine(backend, tmp_path, database="write_waits")
    db.upgrade(engine)
    with db.make_sessionmaker(engine)() as session, session.begin():
        person_id = make_person(session, name="Olaf Berg").id
        key = make_key(session, "editor")
    yield engine, key, person_id
    engine.dispose()


@contextmanager
def lock_held(
    engine: Engine, person_id: int, *, seconds: float | None
) -> Iterator[threading.Event]:
    """Hold, from another connection, a lock that correcting PERSON_ID's label needs: SQLite's
    writer lock, PostgreSQL's lock on the person's row. Released after SECONDS or when the
    yielded event is set (and always on leaving)."""
    held, release = threading.Event(), threading.Event()
    failed: list[BaseException] = []

    def hold() -> None:
        try:
            if engine.dialect.name == "sqlite":
                other = sqlite3.connect(str(engine.url.database), isolation_level=None)
                other.execute("BEGIN IMMEDIATE")
                held.set()
                release.wait(seconds if seconds is not None else 30)
                other.execute("ROLLBACK")
                other.close()
                return
            with create_engine(engine.url).connect() as other:
                query = text("select id from people where id = :id for update")
                other.execute(query, {"id": person_id})
                held.set()
                release.wait(seconds if seconds is not None else 30)
                other.rollback()
        except BaseException as exc:  # pragma: no cover - shown by the assert below
            failed.append(exc)
            held.set()

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(10)
    assert not failed, failed
    try:
        yield release
    finally:
        release.set()
        thread.join(10)


def correct(client: TestClient, key: str, person_id: int, label: str = "man"):  # type: ignore[no-untyped-def]
    return client.post(
        f"/api/people/{person_id}/labels",
        json={"label": label, "note": "he says so"},
        headers={"authorization": f"Bearer {key}"},
    )


def client_for(engine: Engine, **settings: float) -> TestClient:
    url = engine.url.render_as_string(hide_password=False)
    return TestClient(create_app(Settings(database_url=url, cpu_processes=False, **settings)))


def rows_of(engine: Engine, person_id: int) -> tuple[int, int, int]:
    """The person's label rows, audit rows, and keys with a recorded use."""
    with engine.connect() as connection:
        labels = select(func.count()).where(GenderLabel.person_id == person_id)
        audits = select(func.count()).where(AuditEntry.entity_id == person_id)
        used = select(func.count()).where(ApiKey.last_used_at.is_not(None))
        return tuple(connection.scalar(query) or 0 for query in (labels, audits, used))  # type: ignore[return-value]


def test_a_write_waits_for_a_lock_held_briefly_and_lands(prepared) -> None:  # type: ignore[no-untyped-def]
    engine, key, person_id = prepared
    with client_for(engine) as client, lock_held(engine, person_id, seconds=HOLD):
        start = time.monotonic()
        answer = correct(client, key, person_id)
        waited = time.monotonic() - start
    assert answer.status_code == 201, answer.text
    assert answer.json()["label"] == "man"
    assert waited >= HOLD * 0.8  # it waited for the lock, then wrote
    assert rows_of(engine, person_id) == (1, 1, 1)


def test_a_lock_held_past_the_budget_is_a_clean_503_and_keeps_nothing(prepared) -> None:  # type: ignore[no-untyped-def]
    engine, key, person_id = prepared
    budget = 3.0  # the write may wait 2.25 s of it (guards.ANSWER_RESERVE_SHARE)
    with client_for(engine, request_timeout=budget) as client:
        with lock_held(engine, person_id, seconds=None):
            start = time.monotonic()
            answer = correct(client, key, person_id)
            took = time.monotonic() - start
            assert answer.status_code == 503
            assert answer.headers["content-type"].startswith("application/problem+json")
            assert answer.headers["retry-after"] == "1"
            problem = answer.json()
            assert problem["type"] == "/problems/database-busy", problem
            assert "nothing of this request was kept" in problem["detail"]
            assert 2.0 <= took < budget + 0.5
        # Released: neither the label, its audit, nor the key's use of the failed write remains.
        assert rows_of(engine, person_id) == (0, 0, 0)
        again = correct(client, key, person_id, "woman")
    assert again.status_code == 201, again.text
    assert rows_of(engine, person_id) == (1, 1, 1)


def test_reads_do_not_wait_for_a_writer(prepared) -> None:  # type: ignore[no-untyped-def]
    """The waits are for writes: a page read while the lock is held answers at once."""
    engine, key, person_id = prepared
    with client_for(engine) as client, lock_held(engine, person_id, seconds=5.0):
        start = time.monotonic()
        answer = client.get(f"/api/people/{person_id}", headers={"authorization": f"Bearer {key}"})
        assert answer.status_code == 200, answer.text
        assert time.monotonic() - start < 2.0


def test_every_route_commits_its_session_before_answering(tmp_path: Path) -> None:
    """get_session is declared scope="function" everywhere: its commit comes before the answer
    (so a failed commit is answered as one, or run again), and one request has one session
    (a second declaration with another scope would be a second session, and on SQLite a
    second writer waiting on the first)."""
    from fastapi.routing import APIRoute

    from app.web_session import get_session

    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'x.sqlite3'}"))
    found = 0

    def walk(dependant) -> None:  # type: ignore[no-untyped-def]
        nonlocal found
        for sub in dependant.dependencies:
            if sub.call is get_session:
                found += 1
                assert sub.scope == "function", sub
            walk(sub)

    def routes(listed):  # type: ignore[no-untyped-def]
        for route in listed:
            if isinstance(route, APIRoute):
                yield route
            elif hasattr(route, "original_router"):  # an included router (newer FastAPI)
                yield from routes(route.original_router.routes)
            elif hasattr(route, "routes"):
                yield from routes(route.routes)

    for route in routes(app.routes):
        walk(route.dependant)
    assert found > 20
