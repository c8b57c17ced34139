"""Shared fixtures: every database test runs on real SQLite and PostgreSQL.

The schema comes from `alembic upgrade head`; each test runs in a transaction that is rolled back.
PostgreSQL is VOICETALLY_TEST_POSTGRES_URL (default the local `test` database). When it cannot be
reached its half is skipped with a visible message, unless VOICETALLY_REQUIRE_POSTGRES=1 (CI),
where that is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from app import db

POSTGRES_URL = os.environ.get(
    "VOICETALLY_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REQUIRE_POSTGRES = os.environ.get("VOICETALLY_REQUIRE_POSTGRES") == "1"
BACKENDS = ["sqlite", "postgresql"]


@cache
def postgres_problem() -> str | None:
    """Return why PostgreSQL cannot be used, or None when it can."""
    try:
        engine = db.make_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with db.connected(engine) as connection:
            connection.execute(text("select 1"))
        engine.dispose()
    except Exception as exc:
        return str(exc)
    return None


def pytest_report_header(config: pytest.Config) -> str:
    problem = postgres_problem()
    if problem is None:
        return f"databases: sqlite + postgresql ({db.mask_url(POSTGRES_URL)})"
    return f"databases: sqlite only -- PostgreSQL tests SKIPPED: {problem}"


def pytest_sessionstart(session: pytest.Session) -> None:
    problem = postgres_problem()
    if problem is not None and REQUIRE_POSTGRES:
        pytest.exit(f"PostgreSQL is required (VOICETALLY_REQUIRE_POSTGRES=1): {problem}", 1)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    problem = postgres_problem()
    if problem is not None:
        terminalreporter.write_line(
            f"WARNING: the PostgreSQL half of the suite was skipped: {problem}", yellow=True
        )


def require_backend(backend: str) -> None:
    if backend == "postgresql" and (problem := postgres_problem()) is not None:
        pytest.skip(f"PostgreSQL not reachable: {problem}")


def reset_postgres(engine: Engine) -> None:
    """Empty the PostgreSQL test database (public schema), whatever an earlier run left."""
    with engine.begin() as connection:
        connection.execute(text("drop schema if exists public cascade"))
        connection.execute(text("create schema public"))


def fresh_engine(backend: str, tmp: Path, *, database: str | None = None) -> Engine:
    """An empty database of BACKEND: a new SQLite file, or a (reset) PostgreSQL database."""
    require_backend(backend)
    if backend == "sqlite":
        return db.make_engine(f"sqlite:///{tmp / (database or 'test')}.sqlite3")
    url = POSTGRES_URL
    if database is not None:
        url = create_postgres_database(database)
    engine = db.make_engine(url)
    reset_postgres(engine)
    return engine


def create_postgres_database(name: str) -> str:
    """Create (or recreate) a sibling database of the test database; return its URL.

    The sibling is named after the test database too (test -> test_NAME), so two checkouts
    whose VOICETALLY_TEST_POSTGRES_URL differ never share one.
    """
    from sqlalchemy.engine import make_url

    base = make_url(POSTGRES_URL)
    name = f"{base.database}_{name}"
    admin = db.make_engine(
        base.set(database="postgres").render_as_string(hide_password=False),
        isolation_level="AUTOCOMMIT",
    )
    with admin.connect() as connection:
        connection.execute(text(f'drop database if exists "{name}" with (force)'))
        connection.execute(text(f'create database "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The database backend a test runs on: every database test runs on both."""
    return str(request.param)


@pytest.fixture(scope="session")
def db_engine(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """An engine on a database migrated to head (once per backend and session)."""
    engine = fresh_engine(backend, tmp_path_factory.mktemp(backend))
    db.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(db_engine: Engine) -> Iterator[Session]:
    """A session inside a transaction rolled back after the test (dispatch's conftest)."""
    connection = db_engine.connect()
    transaction = connection.begin()
    orm = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    yield orm
    orm.close()
    transaction.rollback()
    connection.close()


@pytest.fixture
def session_factory(db_engine: Engine) -> Iterator[sessionmaker[Session]]:
    """A sessionmaker whose transactions are savepoints inside one rolled-back transaction.

    For code that opens its own sessions and commits (pipelines, the web app).
    """
    connection = db_engine.connect()
    transaction = connection.begin()
    yield sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    transaction.rollback()
    connection.close()


@pytest.fixture
def api(db_engine: Engine, session_factory: sessionmaker[Session]):  # type: ignore[no-untyped-def]
    """A TestClient on the real app whose requests run inside the test's rolled-back transaction."""
    from fastapi.testclient import TestClient

    from app.settings import Settings
    from app.web import create_app

    app = create_app(Settings(database_url=db_engine.url.render_as_string(hide_password=False)))
    app.state.sessionmaker = session_factory
    return TestClient(app, raise_server_exceptions=False)
