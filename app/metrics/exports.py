"""CSV exports of people, appearances and citations, never with an opted-out person.

Who is hidden and which titles are masked is decided by app.people.privacy; every cell goes
through app.hygiene (no formula runs when the file is opened in a spreadsheet).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.articles.models import Article, Citation, Outlet
from app.events.models import AgendaSession, Appearance, Event
from app.gender.models import CURRENT_LABEL
from app.hygiene import csv_writer
from app.people import privacy
from app.people.models import Person

__all__ = ["EXPORTS", "rows_as_csv"]

LABEL_COLUMNS = (CURRENT_LABEL.c.label, CURRENT_LABEL.c.source, CURRENT_LABEL.c.probability)


def _visible(stmt: Select[Any]) -> Select[Any]:
    return stmt.where(Person.opted_out.is_(False), Person.merged_into_id.is_(None))


def _people() -> Select[Any]:
    return _visible(
        select(Person.id.label("person_id"), Person.display_name.label("name"), Person.kind,
               Person.affiliation, Person.country, *LABEL_COLUMNS)
        .join(CURRENT_LABEL, CURRENT_LABEL.c.person_id == Person.id)
        .order_by(Person.id)
    )  # fmt: skip


def _appearances() -> Select[Any]:
    return _visible(
        select(Appearance.id.label("appearance_id"), Event.id.label("event_id"),
               Event.name.label("event"), Event.starts_on, AgendaSession.title.label("session"),
               Appearance.role, Person.id.label("person_id"), Person.display_name.label("name"),
               *LABEL_COLUMNS)
        .join(AgendaSession, Appearance.session_id == AgendaSession.id)
        .join(Event, AgendaSession.event_id == Event.id)
        .join(Person, Person.id == Appearance.person_id)
        .join(CURRENT_LABEL, CURRENT_LABEL.c.person_id == Person.id)
        .order_by(Appearance.id)
    )  # fmt: skip


def _citations() -> Select[Any]:
    return _visible(
        select(Citation.id.label("citation_id"), Article.id.label("article_id"), Article.url,
               Article.published, Outlet.name.label("outlet"), Person.id.label("person_id"),
               Person.display_name.label("name"), Citation.quoted, Citation.mentions,
               *LABEL_COLUMNS)
        .join(Article, Citation.article_id == Article.id)
        .outerjoin(Outlet, Article.outlet_id == Outlet.id)
        .join(Person, Person.id == Citation.person_id)
        .join(CURRENT_LABEL, CURRENT_LABEL.c.person_id == Person.id)
        .order_by(Citation.id)
    )  # fmt: skip


EXPORTS = {"people": _people, "appearances": _appearances, "citations": _citations}
# Free text that may carry a name (a title "Keynote by Dr. Elena Popescu"): masked.
FREE_TEXT = frozenset({"event", "session", "name", "affiliation"})


def rows_as_csv(session: Session, name: str) -> Iterator[str]:
    """Stream the export NAME as CSV text, header first."""
    seen = privacy.load(session)
    result = session.execute(EXPORTS[name]().execution_options(yield_per=2000))
    keys = list(result.keys())
    person = keys.index("person_id")
    masked = [index for index, key in enumerate(keys) if key in FREE_TEXT]
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(keys)
    hidden, mask = seen.hidden_ids, seen.mask.text
    for row in result:
        if row[person] in hidden:
            continue
        values = [str(value) if value is not None else "" for value in row]
        for index in masked:
            values[index] = mask(values[index]) or ""
        writer.writerow(values)
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
