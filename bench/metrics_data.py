"""Generate the metrics bench database: 100k people, 1M appearances, 1M citations (fixed seed).

    python -m bench.metrics_data URL [--scale 1.0]

Rows go in with bulk inserts straight into the tables (as if ingested), labels as one `name`
row per person, then the rollups are rebuilt. Used by bench/metrics_speed.py and the pages bench.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, insert, text
from sqlalchemy.orm import Session

from app import db
from app.articles.models import Article, Authorship, Citation, Outlet
from app.events.models import AgendaSession, Appearance, Event, EventSeries
from app.gender.models import GenderLabel
from app.metrics import rollups
from app.people.models import Person

SEED = 20261128
CHUNK = 20_000
ROLES = ["speaker"] * 8 + ["moderator", "keynote"]
CREATED = datetime(2026, 1, 1, tzinfo=UTC)


def _bulk(session: Session, model: type, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        session.execute(insert(model), rows[start : start + CHUNK])


def _people(session: Session, rng: random.Random, count: int) -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    people, labels = [], []
    for pid in range(1, count + 1):
        people.append({"id": pid, "display_name": f"Person {pid}", "name_key": f"person {pid}",
                       "kind": "person", "opted_out": pid % 997 == 0, "created_at": now,
                       "updated_at": now})  # fmt: skip
        p_woman = rng.betavariate(0.6, 1.2)
        label = "woman" if p_woman >= 0.75 else "man" if p_woman <= 0.25 else "unknown"
        labels.append({"person_id": pid, "label": label, "source": "name", "probability":
                       max(p_woman, 1 - p_woman), "p_woman": p_woman, "p_man": 1 - p_woman,
                       "evidence": [], "created_at": now})  # fmt: skip
    _bulk(session, Person, people)
    _bulk(session, GenderLabel, labels)


def _panels(session: Session, rng: random.Random, *, people: int, appearances: int) -> None:
    series = [{"id": i, "name": f"Series {i}", "slug": f"series-{i}"} for i in range(1, 101)]
    _bulk(session, EventSeries, series)
    events, sessions, rows = [], [], []
    per_event = appearances // (100 * 20) // 4
    sid = 0
    for eid in range(1, 100 * 20 + 1):
        year = 2006 + (eid - 1) % 20
        events.append({"id": eid, "key": f"event-{eid}", "series_id": (eid - 1) // 20 + 1,
                       "name": f"Event {eid}", "starts_on": date(year, 1 + eid % 12, 10),
                       "country": "GB", "created_at": CREATED})  # fmt: skip
        for position in range(per_event):
            sid += 1
            sessions.append({"id": sid, "event_id": eid, "key": f"s{sid}", "position": position,
                             "title": f"Panel {sid}", "kind": "panel"})  # fmt: skip
            for person in rng.sample(range(1, people + 1), 4):
                rows.append({"session_id": sid, "person_id": person, "role": rng.choice(ROLES)})
    _bulk(session, Event, events)
    _bulk(session, AgendaSession, sessions)
    _bulk(session, Appearance, rows)


def _articles(session: Session, rng: random.Random, *, people: int, citations: int) -> None:
    _bulk(session, Outlet, [{"id": i, "name": f"Outlet {i}", "domain": f"o{i}.example",
                             "country": "GB"} for i in range(1, 21)])  # fmt: skip
    articles, authors, cited = [], [], []
    start = datetime(2015, 1, 1, tzinfo=UTC)
    for aid in range(1, citations // 5 + 1):
        articles.append({"id": aid, "url": f"https://o.example/{aid}", "outlet_id": aid % 20 + 1,
                         "published": start + timedelta(minutes=aid * 20),
                         "created_at": start})  # fmt: skip
        chosen = rng.sample(range(1, people + 1), 5 + rng.randint(1, 2))
        for position, person in enumerate(chosen[5:]):
            authors.append({"article_id": aid, "person_id": person, "position": position})
        for person in chosen[:5]:
            cited.append({"article_id": aid, "person_id": person, "quoted": rng.random() < 0.6,
                          "mentions": rng.randint(1, 4)})  # fmt: skip
    _bulk(session, Article, articles)
    _bulk(session, Authorship, authors)
    _bulk(session, Citation, cited)


def build(engine: Engine, *, scale: float = 1.0) -> dict[str, float]:
    """Fill an empty, migrated database; return seconds per step."""
    rng = random.Random(SEED)
    people, rows = int(100_000 * scale), int(1_000_000 * scale)
    timings = {}
    with Session(engine) as session, session.begin():
        started = time.perf_counter()
        _people(session, rng, people)
        _panels(session, rng, people=people, appearances=rows)
        _articles(session, rng, people=people, citations=rows)
        timings["insert"] = time.perf_counter() - started
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("analyze"))
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
