"""Request plumbing: the per-request session (one transaction), the gender engine, id types."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any

from fastapi import FastAPI, Path, Query, Request
from pydantic import BeforeValidator, Field
from sqlalchemy import Engine as SqlEngine
from sqlalchemy.orm import Session, sessionmaker

from app import db, guards
from app.errors import BUSY_DETAIL, DatabaseBusy
from app.gender.engine import Engine, default_engine

__all__ = [
    "MAX_ID",
    "IdField",
    "IdPath",
    "IdQuery",
    "IsoDate",
    "engine_of",
    "gender_engine",
    "get_session",
]


MAX_ID = 2_147_483_647  # ids are 32-bit integers on every backend
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
IdQuery = Annotated[int | None, Query(ge=1, le=MAX_ID)]
IdField = Annotated[int, Field(ge=1, le=MAX_ID)]
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: object) -> object:
    """Only YYYY-MM-DD: pydantic would read `0` or `1700000000` as a Unix time."""
    if not isinstance(value, str | date) or (
        isinstance(value, str) and not ISO_DATE.fullmatch(value)
    ):
        raise ValueError("a date is written YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


def get_session(request: Request) -> Iterator[Session]:
    """Request dependency: one session whose transaction commits when the handler succeeds.

    Every route declares it `Depends(get_session, scope="function")`, so the commit happens
    before the answer is sent: a write that fails there is answered as failed, or run again
    (guards.RetryWrites). A write waits for another writer's locks while the budget allows.
    """
    factory = request.app.state.sessionmaker
    reading = request.method in ("GET", "HEAD")
    wait = None if reading else guards.lock_wait(request.scope)
    with factory(**_waiting(factory, wait)) as session, session.begin():
        if reading:
            session.connection(execution_options=db.READ_ONLY)
        yield session
        if not reading and guards.past_lock_deadline(request.scope):
            # The budget's 503 may be on its way: keep nothing rather than a write nobody sees.
            raise DatabaseBusy(BUSY_DETAIL)


def _waiting(factory: sessionmaker[Session], wait: float | None) -> dict[str, Any]:
    """FACTORY's engine with a lock wait of WAIT seconds (a connection, as tests bind: as is)."""
    bound = factory.kw.get("bind")
    if wait is None or not isinstance(bound, SqlEngine):
        return {}
    return {"bind": db.lock_wait_engine(bound, wait)}


def gender_engine(request: Request) -> Engine:
    """The app's gender engine: the settings' threshold, else the shared tuned default."""
    return engine_of(request.app)


def engine_of(app: FastAPI) -> Engine:
    """The gender engine of APP (loaded at start-up by the lifespan, else on first use)."""
    threshold = app.state.settings.gender_threshold
    if threshold is None:
        return default_engine()
    engine = getattr(app.state, "gender_engine", None)
    if engine is None or engine.threshold != threshold:
        engine = app.state.gender_engine = Engine(threshold=threshold)
    return engine
