"""Load the bundled sample data into an empty database (for `voicetally demo`)."""

from __future__ import annotations

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.events.models import Event
from app.settings import Settings

__all__ = ["load_if_empty"]


def load_if_empty(engine: Engine, *, settings: Settings) -> str:
    """Load the samples when the database holds no event yet; say what was done."""
    with Session(engine) as session:
        if session.scalar(select(func.count()).select_from(Event)):
            return "database already holds data; nothing loaded"
    # TODO(#2): the bundled sample files land with the lineup and article parsers.
    return "no sample data bundled yet"
