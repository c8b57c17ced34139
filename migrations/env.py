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
