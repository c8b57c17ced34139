"""Engines, sessions and the schema's revision: the one place that knows how to connect.

Nothing connects at import time. Migrations run through Alembic's API (migrations/ is the only
way the schema changes).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from app.errors import DatabaseUnavailable, SchemaMismatch

__all__ = [
    "Base",
    "check_schema",
    "current_revision",
    "downgrade",
    "head_revision",
    "is_busy",
    "lock_wait_engine",
    "make_engine",
    "make_sessionmaker",
    "mask_url",
    "upgrade",
]

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"

# A write that met another writer: serialization failure, deadlock, lock timeout (PostgreSQL),
# the writer lock still held past busy_timeout (SQLite). Rolled back whole: safe to run again.
BUSY_SQLSTATES = frozenset({"40001", "40P01", "55P03"})


def is_busy(exc: BaseException) -> bool:
    """Whether EXC is a collision with another writer (see BUSY_SQLSTATES), not a fault."""
    if not isinstance(exc, DBAPIError):
        return False
    state = getattr(exc.orig, "sqlstate", None)
    return state in BUSY_SQLSTATES or "database is locked" in str(exc.orig)


# Stable constraint names, so migrations can drop what they create on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def mask_url(url: str) -> str:
    """Return the URL with its password hidden, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<unparseable database URL>"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINT; let SQLAlchemy emit BEGIN itself
    # (SQLAlchemy docs, "Serializable isolation / Savepoints / Transactional DDL").
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()
    _sqlite_helpers(dbapi_connection)


def _year(value: str | None) -> int | None:
    return int(value[:4]) if value else None


def _month(value: str | None) -> int | None:
    return int(value[5:7]) if value else None


class _Product:
    """SQL aggregate: the product of the values (P(all men) of a panel)."""

    def __init__(self) -> None:
        self.value = 1.0

    def step(self, value: float | None) -> None:
        if value is not None:
            self.value *= value

    def finalize(self) -> float:
        return self.value


def _sqlite_helpers(dbapi_connection: Any) -> None:
    """The SQL helpers the rollup queries call, as migration 0009 creates them on PostgreSQL.

    SQLite keeps dates and timestamps as ISO text ('2024-05-06', '2024-05-06 10:00:00', UTC).
    """
    dbapi_connection.create_function("vt_year", 1, _year, deterministic=True)
    dbapi_connection.create_function("vt_month", 1, _month, deterministic=True)
    dbapi_connection.create_aggregate("vt_product", 1, _Product)


READ_ONLY = {"voicetally_read_only": True}
# How long a transaction may wait for another writer's lock (seconds), as an execution option:
# a request's writes wait as long as its time budget allows (app/guards.py), not a fixed time.
LOCK_WAIT = "voicetally_lock_wait"
BUSY_TIMEOUT_MS = 10_000  # the wait of everything else (CLI, jobs, ingest)


def _wait_ms(connection: Any) -> int | None:
    seconds = connection.get_execution_options().get(LOCK_WAIT)
    return None if seconds is None else max(1, int(seconds * 1000))


def _sqlite_begin(connection: Any) -> None:
    # IMMEDIATE takes the write lock up front, so two writers queue (busy_timeout) instead of
    # deadlocking on the lock upgrade (as Django's transaction_mode); read-only work opts into
    # DEFERRED with READ_ONLY and, under WAL, never waits for a writer.
    options = connection.get_execution_options()
    wait = _wait_ms(connection) or BUSY_TIMEOUT_MS
    if connection.info.get("busy_timeout_ms", BUSY_TIMEOUT_MS) != wait:  # kept per connection
        connection.exec_driver_sql(f"PRAGMA busy_timeout={wait}")
        connection.info["busy_timeout_ms"] = wait
    deferred = options.get("voicetally_read_only")
    connection.exec_driver_sql("BEGIN DEFERRED" if deferred else "BEGIN IMMEDIATE")


def _postgres_begin(connection: Any) -> None:
    # A lock held past the wait fails the statement (55P03, db.is_busy) instead of blocking on.
    wait = _wait_ms(connection)
    if wait is not None:
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = {wait}")


def lock_wait_engine(engine: Engine, seconds: float) -> Engine:
    """ENGINE (same pool) whose transactions wait at most SECONDS for another writer's locks."""
    return engine.execution_options(**{LOCK_WAIT: max(seconds, 0.001)})


# psycopg prepares a statement run five times, and PostgreSQL then may switch it to a generic
# plan, made without the values. The metrics and rollup SQL take optional filters
# (`cast(:outlet as integer) is null or ...`) that only the values resolve: with generic plans a
# one-month rollup refresh took 10x longer (issue #16). Plans are made per execution instead.
CUSTOM_PLANS = "-c plan_cache_mode=force_custom_plan"


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Build an engine for URL; raise DatabaseUnavailable for a URL that cannot be used."""
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        if parsed.get_backend_name() == "postgresql":
            kwargs["connect_args"] = {"options": CUSTOM_PLANS, **kwargs.get("connect_args", {})}
        engine = create_engine(parsed, **kwargs)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise DatabaseUnavailable(f"cannot use database {mask_url(url)}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "begin", _postgres_begin)
    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions on ENGINE; every write through them keeps the rollups current (app/models.py)."""
    import app.models  # noqa: F401  (the ORM's tables and the rollups' write path)

    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def connected(engine: Engine) -> Iterator[Any]:
    """Yield a connection, turning driver errors into one DatabaseUnavailable line."""
    try:
        with engine.connect() as connection:
            yield connection.execution_options(**READ_ONLY)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise DatabaseUnavailable(
            f"cannot reach database {mask_url(engine.url.render_as_string())}: {reason}"
        ) from exc


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


@functools.cache
def _scripts() -> ScriptDirectory:
    """The migration scripts, read once a process (/health asks on every call)."""
    return ScriptDirectory(str(MIGRATIONS_DIR))


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None, "migrations/ has no revision"
    return head


def current_revision(engine: Engine) -> str | None:
    with connected(engine) as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _refuse_newer(engine: Engine, revision: str | None) -> None:
    """Raise SchemaMismatch when REVISION is not one of ours (written by newer code)."""
    if revision is None:
        return
    try:
        known = _scripts().get_revision(revision) is not None
    except Exception:
        known = False
    if not known:
        raise SchemaMismatch(
            f"database {mask_url(engine.url.render_as_string())} is at revision {revision}, "
            f"newer than this voicetally (head {head_revision()}): upgrade voicetally"
        )


def check_schema(engine: Engine) -> str:
    """Return the database's revision; refuse a schema newer than the code or not at head."""
    revision = current_revision(engine)
    _refuse_newer(engine, revision)
    head = head_revision()
    if revision is None or revision != head:
        raise SchemaMismatch(
            f"database schema at {revision or 'empty'}, code expects {head}: "
            "run `voicetally db upgrade`"
        )
    return revision


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database up to REVISION, refusing one that is newer than the code."""
    _refuse_newer(engine, current_revision(engine))
    with connected(engine):
        command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str = "-1") -> None:
    """Migrate the database down to REVISION ('base' for an empty schema)."""
    with connected(engine):
        command.downgrade(alembic_config(engine), revision)
