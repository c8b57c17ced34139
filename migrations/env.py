"""Alembic environment: the engine comes from app.db (config.attributes) or sqlalchemy.url."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

import app.models
from app.db import make_engine

target_metadata = app.models.Base.metadata
config = context.config


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    # Views (current_label) are created by hand in revisions; autogenerate must not drop them.
    return not (type_ == "table" and reflected and compare_to is None and name in VIEWS)


VIEWS = {"current_label"}


def run(connection: Connection) -> None:
    if connection.dialect.name != "sqlite":
        _run(connection)
        return
    # Batch mode rebuilds a table by dropping it; with foreign keys on, SQLite would cascade that
    # drop into every referencing table. They are off for the migration (SQLite's "ALTER TABLE"
    # 12-step procedure; the pragma is a no-op inside a transaction, so it goes to the driver
    # before Alembic begins one) and checked before they are on again.
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute("PRAGMA foreign_keys=OFF")
    try:
        _run(connection)
        broken = driver.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"migration left rows with broken foreign keys: {broken[:5]}")
    finally:
        driver.execute("PRAGMA foreign_keys=ON")


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    engine = config.attributes.get("engine")
    connection = config.attributes.get("connection")
    if connection is not None:
        run(connection)
        return
    if engine is None:
        engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as conn:
        run(conn)
        conn.commit()


main()
