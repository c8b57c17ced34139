"""Generate the metrics bench database: 100k people, 1M appearances, 1M citations (fixed seed).

    python -m bench.metrics_data URL [--scale 1.0]

Rows are generated in blocks and go straight into the tables (as if ingested), labels as one
`name` row per person, then the rollups are rebuilt. On PostgreSQL the blocks are COPYed, with the
loaded tables' secondary indexes and constraints dropped for the load and recreated after it (one
pass each instead of one index update per row), so scale 10 builds in minutes; on SQLite they are
bulk inserts. Used by bench/metrics_speed.py and the pages bench.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, Connection, Engine, Table, insert, text
from sqlalchemy.orm import Session

from app import db
from app.articles.models import Article, Authorship, Citation, Outlet
from app.events.models import AgendaSession, Appearance, Event, EventSeries
from app.gender.models import GenderLabel
from app.metrics import rollups
from app.people.models import Person

SEED = 20261128
BLOCK = 20_000  # parent rows (people, events, articles) generated per block
ROLES = ["speaker"] * 8 + ["moderator", "keynote"]
CREATED = datetime(2026, 1, 1, tzinfo=UTC)
Block = tuple[Table, tuple[str, ...], list[tuple[Any, ...]]]

PEOPLE = ("id", "display_name", "name_key", "kind", "opted_out", "created_at", "updated_at")
LABELS = ("person_id", "label", "source", "probability", "p_woman", "p_man", "evidence",
          "created_at")  # fmt: skip
SERIES = ("id", "name", "slug")
EVENTS = ("id", "key", "series_id", "name", "starts_on", "country", "created_at")
SESSIONS = ("id", "event_id", "key", "position", "title", "kind")
APPEARANCES = ("session_id", "person_id", "role")
OUTLETS = ("id", "name", "domain", "country")
ARTICLES = ("id", "url", "outlet_id", "published", "created_at")
AUTHORSHIPS = ("article_id", "person_id", "position")
CITATIONS = ("article_id", "person_id", "quoted", "mentions")


def _people(rng: random.Random, count: int) -> Iterator[Block]:
    for first in range(1, count + 1, BLOCK):
        people, labels = [], []
        for pid in range(first, min(first + BLOCK, count + 1)):
            people.append((pid, f"Person {pid}", f"person {pid}", "person", pid % 997 == 0,
                           CREATED, CREATED))  # fmt: skip
            p_woman = rng.betavariate(0.6, 1.2)
            label = "woman" if p_woman >= 0.75 else "man" if p_woman <= 0.25 else "unknown"
            labels.append((pid, label, "name", max(p_woman, 1 - p_woman), p_woman, 1 - p_woman,
                           [], CREATED))  # fmt: skip
        yield Person.__table__, PEOPLE, people
        yield GenderLabel.__table__, LABELS, labels


def _panels(rng: random.Random, *, people: int, appearances: int) -> Iterator[Block]:
    yield EventSeries.__table__, SERIES, [(i, f"Series {i}", f"series-{i}") for i in range(1, 101)]
    per_event = appearances // (100 * 20) // 4
    events = []
    for eid in range(1, 100 * 20 + 1):
        year = 2006 + (eid - 1) % 20
        events.append((eid, f"event-{eid}", (eid - 1) // 20 + 1, f"Event {eid}",
                       date(year, 1 + eid % 12, 10), "GB", CREATED))  # fmt: skip
    yield Event.__table__, EVENTS, events
    sessions, rows = [], []
    sid = 0
    for eid in range(1, 100 * 20 + 1):
        for position in range(per_event):
            sid += 1
            sessions.append((sid, eid, f"s{sid}", position, f"Panel {sid}", "panel"))
            for person in rng.sample(range(1, people + 1), 4):
                rows.append((sid, person, rng.choice(ROLES)))
        if len(sessions) >= BLOCK or eid == 100 * 20:
            yield AgendaSession.__table__, SESSIONS, sessions
            yield Appearance.__table__, APPEARANCES, rows
            sessions, rows = [], []


def _articles(rng: random.Random, *, people: int, citations: int) -> Iterator[Block]:
    yield Outlet.__table__, OUTLETS, [(i, f"Outlet {i}", f"o{i}.example", "GB")
                                      for i in range(1, 21)]  # fmt: skip
    start = datetime(2015, 1, 1, tzinfo=UTC)
    count = citations // 5
    for first in range(1, count + 1, BLOCK):
        articles, authors, cited = [], [], []
        for aid in range(first, min(first + BLOCK, count + 1)):
            articles.append((aid, f"https://o.example/{aid}", aid % 20 + 1,
                             start + timedelta(minutes=aid * 20), start))  # fmt: skip
            chosen = rng.sample(range(1, people + 1), 5 + rng.randint(1, 2))
            for position, person in enumerate(chosen[5:]):
                authors.append((aid, person, position))
            for person in chosen[:5]:
                cited.append((aid, person, rng.random() < 0.6, rng.randint(1, 4)))
        yield Article.__table__, ARTICLES, articles
        yield Authorship.__table__, AUTHORSHIPS, authors
        yield Citation.__table__, CITATIONS, cited


@dataclass(frozen=True, slots=True)
class _Row:
    """What a column default sees of the row being inserted (SQLAlchemy's execution context)."""

    parameters: dict[str, Any]

    def get_current_parameters(self) -> dict[str, Any]:
        return self.parameters


def _defaults(table: Table, columns: tuple[str, ...]) -> list[tuple[str, Any]]:
    """Python-side defaults of the columns not given: an INSERT fills them in, COPY would not."""
    return [
        (column.name, column.default)
        for column in table.columns
        if column.name not in columns and getattr(column.default, "arg", None) is not None
    ]


def _filled(row: tuple[Any, ...], columns: tuple[str, ...], defaults: list[Any]) -> tuple:
    context = _Row(dict(zip(columns, row, strict=True)))
    values = [d.arg(context) if callable(d.arg) else d.arg for _name, d in defaults]
    return tuple(map(_copyable, (*row, *values)))


def _load_sqlite(connection: Connection, blocks: Iterator[Block]) -> None:
    for table, columns, rows in blocks:
        connection.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])


def _load_postgresql(connection: Connection, blocks: Iterator[Block]) -> None:
    copier = connection.connection.driver_connection
    assert copier is not None
    with copier.cursor() as cursor:
        for table, columns, rows in blocks:
            defaults = _defaults(table, columns)
            names = ", ".join((*columns, *(name for name, _default in defaults)))
            plain = not defaults and not any(isinstance(c.type, JSON) for c in table.columns)
            with cursor.copy(f"copy {table.name} ({names}) from stdin") as copy:
                for row in rows:
                    copy.write_row(row if plain else _filled(row, columns, defaults))


def _copyable(value: Any) -> Any:
    return json.dumps(value) if isinstance(value, list | dict) else value


@contextmanager
def _indexes_after(connection: Connection, tables: list[str]) -> Iterator[None]:
    """Drop TABLES' secondary indexes and unique/foreign-key constraints, recreate them after."""
    constraints = connection.execute(text(
        "select conrelid::regclass::text, conname, pg_get_constraintdef(oid) from pg_constraint"
        " where contype in ('u', 'f') and conrelid::regclass::text = any(:tables)"
        " order by contype desc"  # unique before foreign keys: a key may reference one
    ), {"tables": tables}).all()  # fmt: skip
    indexes = connection.execute(text(
        "select tablename, indexname, indexdef from pg_indexes where tablename = any(:tables)"
        " and indexname not in (select conname from pg_constraint where contype in ('p', 'u'))"
    ), {"tables": tables}).all()  # fmt: skip
    for table, name, _ in reversed(constraints):
        connection.execute(text(f'alter table {table} drop constraint "{name}"'))
    for _, name, _ in indexes:
        connection.execute(text(f'drop index "{name}"'))
    yield
    connection.execute(text("set local maintenance_work_mem = '1GB'"))
    for _, _, definition in indexes:
        connection.execute(text(definition))
    for table, name, definition in constraints:
        connection.execute(text(f'alter table {table} add constraint "{name}" {definition}'))


LOADED = ["people", "gender_labels", "sessions", "appearances", "articles", "authorships",
          "citations"]  # fmt: skip
SEQUENCED = ["people", "event_series", "events", "sessions", "outlets", "articles"]


def _insert(engine: Engine, *, scale: float) -> None:
    rng = random.Random(SEED)
    people, rows = int(100_000 * scale), int(1_000_000 * scale)

    def blocks() -> Iterator[Block]:
        yield from _people(rng, people)
        yield from _panels(rng, people=people, appearances=rows)
        yield from _articles(rng, people=people, citations=rows)

    with engine.begin() as connection:
        if engine.dialect.name != "postgresql":
            _load_sqlite(connection, blocks())
            return
        with _indexes_after(connection, LOADED):
            _load_postgresql(connection, blocks())
        for table in SEQUENCED:  # ids were given: move each sequence past them
            connection.execute(text(
                f"select setval(pg_get_serial_sequence('{table}', 'id'),"
                f" (select coalesce(max(id), 0) + 1 from {table}), false)"
            ))  # fmt: skip


def build(engine: Engine, *, scale: float = 1.0) -> dict[str, float]:
    """Fill an empty, migrated database; return seconds per step."""
    timings = {}
    started = time.perf_counter()
    _insert(engine, scale=scale)
    timings["insert"] = time.perf_counter() - started
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("vacuum analyze"))
    with Session(engine) as session, session.begin():
        started = time.perf_counter()
        rollups.rebuild(session)
        timings["rollups"] = time.perf_counter() - started
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    engine = db.make_engine(args.url)
    db.upgrade(engine)
    print(build(engine, scale=args.scale))


if __name__ == "__main__":
    main()
