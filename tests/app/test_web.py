"""The app factory: health, docs, and every error as an RFC 9457 problem document."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fastapi import Body, Depends
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from app.access.models import AuditEntry
from app.errors import NotFound
from app.settings import Settings
from app.web import create_app
from app.web_session import get_session

COLLIDE_KEY = 424_242
PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}


@pytest.fixture
def client(db_engine) -> TestClient:
    app = create_app(Settings(database_url=db_engine.url.render_as_string(hide_password=False)))

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    @app.get("/missing")
    def missing() -> None:
        raise NotFound("no person with id 7")

    @app.get("/typed/{item_id}")
    def typed(item_id: int) -> dict[str, int]:
        return {"item_id": item_id}

    @app.post("/collide")
    def collide(
        body: dict[str, bool] | None = Body(None),
        session: Session = Depends(get_session, scope="function"),
    ) -> None:
        """A write that meets another writer's lock (the test holds it) and gives up quickly.
        On PostgreSQL it writes a row first, which a failed try must not leave behind."""
        app.state.tries += 1
        app.state.bodies.append(body)
        row = AuditEntry(actor="test", action="collide", entity="test", entity_id=None)
        try:
            if session.get_bind().dialect.name == "postgresql":
                session.add(row)
                session.flush()
                session.execute(text("set local lock_timeout = '50ms'"))
                session.execute(text("select pg_advisory_xact_lock(:key)"), {"key": COLLIDE_KEY})
            else:  # SQLite: a writer past its busy timeout (before any row: BEGIN IMMEDIATE)
                url = db_engine.url.render_as_string(hide_password=False)
                impatient = create_engine(url, connect_args={"timeout": 0.05})
                try:
                    with impatient.connect() as other:
                        other.exec_driver_sql("BEGIN IMMEDIATE")
                finally:
                    impatient.dispose()
                session.add(row)
        finally:
            app.state.tried.set()

    app.state.tries, app.state.tried, app.state.bodies = 0, threading.Event(), []
    return TestClient(app, raise_server_exceptions=False)


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert set(body) >= PROBLEM_KEYS and body["status"] == status
    return body


def test_health_reports_database_at_head(client: TestClient, backend: str) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == backend


def test_health_is_503_problem_on_an_empty_database(tmp_path: Path) -> None:
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'empty.sqlite3'}"))
    body = assert_problem(TestClient(app).get("/health"), 503)
    assert "voicetally db upgrade" in body["detail"]


def test_docs_and_openapi_are_served(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    assert "/health" in client.get("/openapi.json").json()["paths"]


def test_unknown_route_is_404_problem(client: TestClient) -> None:
    assert_problem(client.get("/no/such/page"), 404)


def test_service_not_found_is_404_problem(client: TestClient) -> None:
    body = assert_problem(client.get("/missing"), 404)
    assert body["detail"] == "no person with id 7" and body["instance"] == "/missing"


def test_invalid_input_is_422_problem(client: TestClient) -> None:
    body = assert_problem(client.get("/typed/abc"), 422)
    assert "item_id" in body["detail"]


def test_unexpected_error_is_500_without_internals(client: TestClient) -> None:
    body = assert_problem(client.get("/boom"), 500)
    assert "secret" not in str(body) and "Traceback" not in str(body)


BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def test_a_browser_gets_error_pages_and_api_clients_problems(client: TestClient) -> None:
    """A reader who mistypes a page address or a filter reads a page with the site's links."""
    for path, status, words in (
        ("/no/such/page", 404, "no page at this address"),
        ("/missing", 404, "no person with id 7"),
        ("/typed/abc", 422, "item_id"),
        ("/?period=bogus", 422, "period"),
    ):
        response = client.get(path, headers=BROWSER)
        assert response.status_code == status, path
        assert response.headers["content-type"].startswith("text/html"), path
        assert words in response.text and 'href="/"' in response.text, path
    # The API answers problem documents whatever the Accept header says.
    assert_problem(client.get("/api/no/such", headers=BROWSER), 404)
    assert_problem(client.get("/api/metrics/share?period=bogus", headers=BROWSER), 422)


def test_invalid_input_is_said_without_pydantic_internals(client: TestClient) -> None:
    """No regex, no 'constrained-str', no 'none: Input should be None' branch of an Optional."""
    for body, words in (
        ({"url": "not a url"}, "url: should be a web address starting with http:// or https://"),
        ({"names": []}, "names: List should have at least 1 item"),
        ({"names": ["A" * 1001]}, "names.0: String should have at most 1000 characters"),
    ):
        detail = assert_problem(client.post("/api/check/panel", json=body), 422)["detail"]
        assert words in detail, detail
        for noise in ("constrained", "none:", "^[", "list["):
            assert noise not in detail, detail
    country = client.get("/api/metrics/share?country=XYZ")
    assert (
        "country: should be a country code of two letters" in assert_problem(country, 422)["detail"]
    )
    lineup = client.post("/api/check/lineup", json={"url": "ftp://x"})
    detail = assert_problem(lineup, 422)["detail"]
    assert "http:// or https://" in detail and "^[" not in detail and "UrlIn" not in detail


def test_a_write_that_meets_another_writer_is_a_503_to_try_again(client, db_engine) -> None:
    """A deadlock, lock timeout or busy SQLite writer held past the tries is no internal error:
    503, Retry-After."""
    with db_engine.connect() as holder:
        if db_engine.dialect.name == "postgresql":
            holder.execute(text("select pg_advisory_lock(:key)"), {"key": COLLIDE_KEY})
        else:  # the app's engine begins every write transaction IMMEDIATE: the lock is held
            holder.exec_driver_sql("select 1")
        body = assert_problem(client.post("/collide"), 503)
        assert body["type"] == "/problems/database-busy" and "send it again" in body["detail"]
        page = client.post("/collide", headers=BROWSER)
        assert page.status_code == 503 and page.headers["content-type"].startswith("text/html")
        assert page.headers["retry-after"] == "1" and "send it again" in page.text
        if db_engine.dialect.name == "postgresql":
            holder.execute(text("select pg_advisory_unlock(:key)"), {"key": COLLIDE_KEY})
        holder.rollback()
    assert client.post("/collide").status_code == 200  # nothing held: the same write goes through


def collisions(db_engine) -> int:  # type: ignore[no-untyped-def]
    with db_engine.connect() as connection:
        query = text("select count(*) from audit_log where action = 'collide'")
        return int(connection.scalar(query) or 0)


def test_a_write_that_met_another_writer_is_run_again_and_lands_once(client, db_engine) -> None:
    """The other writer lets go after the first try: the request is run again (its body
    replayed) and answers 200; the first try's row was rolled back, only the second's is kept."""
    before = collisions(db_engine)
    app = client.app
    with db_engine.connect() as holder:
        if db_engine.dialect.name == "postgresql":
            holder.execute(text("select pg_advisory_lock(:key)"), {"key": COLLIDE_KEY})
        else:  # the app's engine begins every write transaction IMMEDIATE: the lock is held
            holder.exec_driver_sql("select 1")

        def let_go() -> None:
            app.state.tried.wait(10)
            if db_engine.dialect.name == "postgresql":
                holder.execute(text("select pg_advisory_unlock(:key)"), {"key": COLLIDE_KEY})
            holder.rollback()

        releaser = threading.Thread(target=let_go)
        releaser.start()
        answer = client.post("/collide", json={"replayed": True})
        releaser.join(10)
    assert answer.status_code == 200, answer.text
    assert app.state.tries >= 2
    assert app.state.bodies == [{"replayed": True}] * app.state.tries  # each try read the body
    assert collisions(db_engine) == before + 1
