"""Migrations: round trips on both databases, models and migrations agree, the view's plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

import app.models
from app import db
from tests.conftest import fresh_engine


def test_upgrade_downgrade_round_trip(backend: str, tmp_path: Path) -> None:
    engine = fresh_engine(backend, tmp_path, database="voicetally_migrations")
    try:
        db.upgrade(engine)
        assert db.current_revision(engine) == db.head_revision()
        tables = set(inspect(engine).get_table_names())
        assert {"people", "gender_labels", "appearances", "citations", "api_keys"} <= tables
        assert "current_label" in inspect(engine).get_view_names()

        db.downgrade(engine, "base")
        assert db.current_revision(engine) is None
        leftover = set(inspect(engine).get_table_names()) - {"alembic_version"}
        assert leftover == set()
        assert inspect(engine).get_view_names() == []

        db.upgrade(engine)
        assert db.check_schema(engine) == db.head_revision()
    finally:
        engine.dispose()


def test_models_and_migrations_agree(db_engine) -> None:
    with db_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, app.models.Base.metadata)
    assert diff == []


def test_current_label_finds_identities_by_index_on_sqlite(db_engine) -> None:
    """Each row's label and opt-out are index lookups, not scans of every person (revision
    v16b): with scans the view cost O(people) a row, and a rollup rebuild was quadratic."""
    if db_engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL chooses scans by table size: a test database's tables are tiny")
    with db_engine.connect() as connection:
        plan = connection.execute(text("explain query plan select * from current_label"))
        scans = [step for *_ids, step in plan if step.startswith("SCAN")]
    assert scans == ["SCAN row"]
