"""Request plumbing: the per-request session (one transaction), the gender engine, id types."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Annotated

from fastapi import Path, Query, Request
from pydantic import BeforeValidator, Field
from sqlalchemy.orm import Session

from app import db
from app.gender.engine import Engine, default_engine

__all__ = [
    "MAX_ID",
    "IdField",
    "IdPath",
    "IdQuery",
    "IsoDate",
    "gender_engine",
    "get_session",
]


MAX_ID = 2_147_483_647  # ids are 32-bit integers on every backend
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
IdQuery = Annotated[int | None, Query(ge=1, le=MAX_ID)]
IdField = Annotated[int, Field(ge=1, le=MAX_ID)]
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: object) -> object:
    # pydantic reads "0" or 1700000000 as a Unix time; a date in a query is YYYY-MM-DD only.
    if isinstance(value, str) and not _ISO_DATE.match(value):
        raise ValueError("a date is written YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


def get_session(request: Request) -> Iterator[Session]:
    """Request dependency: one session whose transaction commits when the handler succeeds."""
    factory = request.app.state.sessionmaker
    with factory() as session, session.begin():
        if request.method in ("GET", "HEAD"):
            session.connection(execution_options=db.READ_ONLY)
        yield session


def gender_engine(request: Request) -> Engine:
    """The app's gender engine: the settings' threshold, else the shared tuned default."""
    threshold = request.app.state.settings.gender_threshold
    if threshold is None:
        return default_engine()
    engine = getattr(request.app.state, "gender_engine", None)
    if engine is None or engine.threshold != threshold:
        engine = request.app.state.gender_engine = Engine(threshold=threshold)
    return engine
