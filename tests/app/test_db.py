"""Connecting: clear one-line errors for bad URLs and unreachable or newer databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from app import db
from app.errors import DatabaseUnavailable, SchemaMismatch
from tests.conftest import POSTGRES_URL, fresh_engine


def test_mask_url_hides_the_password() -> None:
    masked = db.mask_url("postgresql+psycopg://alice:s3cret@db.example:5432/vt")
    assert "s3cret" not in masked
    assert "alice" in masked and "db.example" in masked


def test_unreachable_database_is_one_line_naming_the_masked_url() -> None:
    engine = db.make_engine(
        "postgresql+psycopg://alice:s3cret@127.0.0.1:1/vt", connect_args={"connect_timeout": 2}
    )
    with pytest.raises(DatabaseUnavailable) as caught:
        db.current_revision(engine)
    message = str(caught.value)
    assert "\n" not in message
    assert "127.0.0.1:1" in message and "s3cret" not in message


def test_malformed_url_is_rejected_clearly() -> None:
    with pytest.raises(DatabaseUnavailable, match="cannot use database"):
        db.make_engine("nosuchdriver://x/y")


def test_empty_database_is_not_at_head(tmp_path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    with pytest.raises(SchemaMismatch, match="voicetally db upgrade"):
        db.check_schema(engine)


def test_schema_newer_than_code_is_refused(backend: str, tmp_path: Path) -> None:
    engine = fresh_engine(backend, tmp_path, database="voicetally_newer")
    try:
        db.upgrade(engine)
        with engine.begin() as connection:
            connection.execute(text("update alembic_version set version_num = 'ffff9999'"))
        with pytest.raises(SchemaMismatch, match="newer than this voicetally"):
            db.check_schema(engine)
        with pytest.raises(SchemaMismatch, match="newer than this voicetally"):
            db.upgrade(engine)
    finally:
        engine.dispose()


def test_postgresql_plans_every_execution_with_its_values(backend: str) -> None:
    """Optional filters (`:outlet is null or ...`) need the values to plan (issue #16)."""
    if backend != "postgresql":
        pytest.skip("plan caching is PostgreSQL's")
    engine = db.make_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            assert connection.scalar(text("show plan_cache_mode")) == "force_custom_plan"
    finally:
        engine.dispose()
