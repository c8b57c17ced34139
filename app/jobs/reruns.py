"""The re-runs after an upgrade (issue 16): relabel people whose evidence or engine version
changed, reparse stored snapshots with today's parsers, rebuild the rollups.

Each is cut into batches: queued as procrastinate jobs on PostgreSQL, run here one after the
other on SQLite (the CLI draws a progress bar from the callback). Plain functions, no
procrastinate: the same code runs on both backends.
"""

from __future__ import annotations

import multiprocessing
import os
import zlib
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.orm import Session

from app.articles.models import Article
from app.columns import utcnow
from app.events.models import Event
from app.gender.engine import Engine, Evidence, Inference, default_engine
from app.gender.labels import INFERRED_SOURCES
from app.gender.models import GenderLabel
from app.ingest import pipeline
from app.ingest.models import Snapshot, Source, SourceKind
from app.jobs import tasks
from app.metrics import rollups
from app.people.models import Person
from app.settings import Settings
from app.versions import article_parser_version, engine_version, lineup_parser_version
from scrapers import records
from scrapers.records import PersonKind

__all__ = [
    "PEOPLE_BATCH",
    "SNAPSHOT_BATCH",
    "RelabelBatch",
    "count_to_relabel",
    "people_to_relabel",
    "relabel_batch",
    "relabel_people",
    "reparse_batch",
    "reparse_one",
    "snapshots_to_reparse",
]

PEOPLE_BATCH = 2000
MAX_INFERENCE_PROCESSES = 4
SNAPSHOT_BATCH = 50
INFERRED = sorted(str(source) for source in INFERRED_SOURCES)


@dataclass(frozen=True, slots=True)
class RelabelBatch:
    """What one batch did: people looked at, new label rows, estimates re-checked unchanged."""

    seen: int
    relabelled: int
    confirmed: int


def _up_to_date(version: str) -> Any:
    """An inferred label by VERSION made after the person's last change: nothing to redo."""
    return (
        select(GenderLabel.id)
        .where(
            GenderLabel.person_id == Person.id,
            GenderLabel.source.in_(INFERRED),
            GenderLabel.engine_version == version,
            GenderLabel.created_at >= Person.updated_at,
        )
        .exists()
    )


def people_to_relabel(
    session: Session, *, everyone: bool = False, after: int = 0
) -> Iterator[list[int]]:
    """Ids of the people to relabel after id AFTER, in batches (keyset pages: cheap on
    millions of rows)."""
    query = select(Person.id).where(
        Person.kind == PersonKind.PERSON, Person.merged_into_id.is_(None)
    )
    if not everyone:
        query = query.where(~_up_to_date(engine_version()))
    while True:
        ids = list(session.scalars(query.where(Person.id > after).order_by(Person.id)
                                   .limit(PEOPLE_BATCH)))  # fmt: skip
        if not ids:
            return
        yield ids
        after = ids[-1]


def count_to_relabel(session: Session, *, everyone: bool = False) -> int:
    """How many people `people_to_relabel` will yield."""
    query = select(func.count(Person.id)).where(
        Person.kind == PersonKind.PERSON, Person.merged_into_id.is_(None)
    )
    if not everyone:
        query = query.where(~_up_to_date(engine_version()))
    return int(session.scalar(query) or 0)


LATEST_COLUMNS = (
    GenderLabel.id, GenderLabel.person_id, GenderLabel.source, GenderLabel.label,
    GenderLabel.probability, GenderLabel.evidence, GenderLabel.created_at,
)  # fmt: skip
PERSON_COLUMNS = (Person.id, Person.display_name, Person.country, Person.honorific, Person.bio,
                  Person.updated_at)  # fmt: skip


def _latest_inferred(session: Session, ids: Sequence[int]) -> dict[tuple[int, str], Any]:
    """Each person's newest inferred row per source (plain rows: no ORM objects to build)."""
    rows = session.execute(
        select(*LATEST_COLUMNS)
        .where(GenderLabel.person_id.in_(ids), GenderLabel.source.in_(INFERRED))
        .order_by(GenderLabel.person_id, GenderLabel.created_at.desc(), GenderLabel.id.desc())
    )
    latest: dict[tuple[int, str], Any] = {}
    for row in rows:
        latest.setdefault((row.person_id, str(row.source)), row)
    return latest


def _same(row: Any, found: Inference, evidence: list[Any]) -> bool:
    if row is None or row.label != found.label or row.evidence != evidence:
        return False
    if row.probability is None:
        return False
    return abs(row.probability - round(found.probability, 6)) < 1e-9


def _label_row(person: Any, found: Inference, evidence: list[Any], now: datetime) -> dict[str, Any]:
    return {
        "person_id": person.id, "label": found.label, "source": found.source,
        "probability": round(found.probability, 6), "p_woman": round(found.p_woman, 6),
        "p_man": round(found.p_man, 6), "evidence": evidence, "actor": "engine",
        "note": found.reason, "engine_version": engine_version(), "created_at": now,
    }  # fmt: skip


class _EvidenceJson:
    """Evidence as JSON, each distinct piece converted once (the engine shares them)."""

    def __init__(self) -> None:
        self._seen: dict[Evidence, dict[str, Any]] = {}

    def __call__(self, found: Inference) -> list[dict[str, Any]]:
        seen = self._seen
        return [seen.get(item) or seen.setdefault(item, item.as_dict()) for item in found.evidence]


Profile = tuple[int, str, str | None, str | None, str | None]  # id, name, country, honorific, bio
Inferred = dict[int, tuple[Profile, Inference]]
_CHILD_ENGINE: list[Engine] = []  # the engine of an inference process (start_child)


def _profile(person: Any) -> Profile:
    return (person.id, person.display_name, person.country, person.honorific, person.bio)


def infer_profiles(engine: Engine, profiles: Sequence[Profile]) -> Inferred:
    """Label each profile from its name, country, honorific and bio (pure: no database)."""
    return {
        profile[0]: (profile, engine.infer(profile[1], country=profile[2],
                                           honorific=profile[3], bio=profile[4]))
        for profile in profiles
    }  # fmt: skip


def start_child(threshold: float | None) -> None:
    """Initialise an inference process: its own engine, loaded once."""
    _CHILD_ENGINE.append(default_engine() if threshold is None else Engine(threshold=threshold))


def infer_in_child(profiles: Sequence[Profile]) -> Inferred:
    """infer_profiles in an inference process (ProcessPoolExecutor with start_child)."""
    return infer_profiles(_CHILD_ENGINE[0], profiles)


def profiles(session: Session, ids: Sequence[int]) -> list[Profile]:
    """The profiles of the people among IDS that are labelled (not organisations)."""
    people = session.execute(
        select(*PERSON_COLUMNS).where(Person.id.in_(list(ids)), Person.kind == PersonKind.PERSON)
    )
    return [_profile(person) for person in people]


def relabel_people(
    session: Session, ids: Sequence[int], *, engine: Engine, inferred: Inferred | None = None
) -> RelabelBatch:
    """Infer these people's labels again from their name and profile, in the caller's
    transaction. A new row only when the estimate or its evidence changed, or the profile was
    edited since; an unchanged estimate is stamped with today's engine version instead.
    INFERRED: estimates made beforehand (in other processes) from the profiles they name; a
    person whose profile changed since is inferred again here."""
    people = session.execute(select(*PERSON_COLUMNS).where(
        Person.id.in_(list(ids)), Person.kind == PersonKind.PERSON)).all()  # fmt: skip
    latest = _latest_inferred(session, ids)
    new_rows, confirmed, now, as_json = [], [], utcnow(), _EvidenceJson()
    for person in people:
        profile, found = (inferred or {}).get(person.id, (None, None))
        if found is None or profile != _profile(person):
            found = infer_profiles(engine, [_profile(person)])[person.id][1]
        evidence = as_json(found)
        row = latest.get((person.id, str(found.source)))
        if _same(row, found, evidence) and row is not None and row.created_at >= person.updated_at:
            confirmed.append(row.id)
        else:
            new_rows.append(_label_row(person, found, evidence, now))
    if new_rows:
        # Core executemany: one statement for the batch (no ORM bookkeeping per row).
        session.execute(insert(GenderLabel.__table__), new_rows)
        rollups.touch_people(session, {row["person_id"] for row in new_rows})  # bulk: no ORM events
    if confirmed:
        session.execute(
            update(GenderLabel)
            .where(GenderLabel.id.in_(confirmed))
            .values(engine_version=engine_version()),
            execution_options={"synchronize_session": False},
        )
    return RelabelBatch(seen=len(people), relabelled=len(new_rows), confirmed=len(confirmed))


def relabel_batch(
    settings: Settings, ids: Sequence[int], *, inferred: Inferred | None = None
) -> RelabelBatch:
    """One batch in its own transaction (a job, or one step of the in-process loop)."""
    res = tasks.resources(settings)
    with res.factory() as session, session.begin():
        return relabel_people(session, ids, engine=res.gender, inferred=inferred)


def relabel_here(settings: Settings, *, everyone: bool, progress: Callable[[int], None]) -> int:
    """Relabel in this process (SQLite): inference spread over a process per core, each batch
    written here in its own transaction while the next ones are inferred. PROGRESS gets the
    people done so far; returns the new label rows."""
    factory = tasks.resources(settings).factory
    cores = max(1, min(os.cpu_count() or 1, MAX_INFERENCE_PROCESSES))
    context = multiprocessing.get_context("spawn")  # a clean child: no inherited connections
    pending: deque[tuple[list[int], Future[Inferred]]] = deque()
    last = done = changed = 0
    with ProcessPoolExecutor(cores, mp_context=context, initializer=start_child,
                             initargs=(settings.gender_threshold,)) as pool:  # fmt: skip
        while True:
            while len(pending) <= cores:  # keep every process busy, one batch ahead
                with factory() as session:
                    ids = next(people_to_relabel(session, everyone=everyone, after=last), None)
                    if ids is None:
                        break
                    pending.append((ids, pool.submit(infer_in_child, profiles(session, ids))))
                last = ids[-1]
            if not pending:
                return changed
            ids, future = pending.popleft()
            changed += relabel_batch(settings, ids, inferred=future.result()).relabelled
            done += len(ids)
            progress(done)


def _stale(model: type[Event] | type[Article], version: str, everyone: bool) -> Any:
    query = select(model.snapshot_id, model.source_id).where(model.snapshot_id.is_not(None))
    if not everyone:
        query = query.where(or_(model.parser_version.is_(None), model.parser_version != version))
    return query


def snapshots_to_reparse(
    session: Session, *, everyone: bool = False
) -> list[tuple[int, int | None]]:
    """(snapshot id, source id) of the pages whose rows an older parser wrote."""
    events = session.execute(_stale(Event, lineup_parser_version(), everyone)).all()
    articles = session.execute(_stale(Article, article_parser_version(), everyone)).all()
    found = {int(snapshot): source for snapshot, source in [*events, *articles]}
    return sorted(found.items())


def _options(session: Session, snapshot: Snapshot) -> pipeline.IngestOptions:
    """Read the page as it was read before: same kind, format, series and row key."""
    event = session.scalar(select(Event).where(Event.snapshot_id == snapshot.id).limit(1))
    if event is not None:
        source = session.get(Source, event.source_id) if event.source_id else None
        return pipeline.IngestOptions(
            kind=SourceKind.LINEUP, format=source.format if source else None,
            series=event.series.name if event.series else None,
            source_id=event.source_id, url_override=event.url,
        )  # fmt: skip
    article = session.scalar(select(Article).where(Article.snapshot_id == snapshot.id).limit(1))
    return pipeline.IngestOptions(
        kind=SourceKind.ARTICLE, source_id=article.source_id if article else None,
        url_override=article.url if article else None,
    )  # fmt: skip


def reparse_one(session: Session, snapshot_id: int, *, engine: Engine) -> pipeline.Outcome:
    """Parse a stored snapshot with today's parsers; the changes go through the ingest path."""
    row = session.get(Snapshot, snapshot_id)
    if row is None:
        return pipeline.Outcome(f"snapshot {snapshot_id}", False, None, "pruned meanwhile")
    snapshot = records.Snapshot(
        url=row.url, final_url=row.final_url, status=row.status, headers=dict(row.headers),
        content=zlib.decompress(row.content), fetched_at=row.fetched_at,
    )  # fmt: skip
    options = _options(session, row)
    return pipeline.ingest_snapshot(session, snapshot, engine=engine, options=options)


def reparse_batch(
    settings: Settings,
    snapshot_ids: Sequence[int],
    *,
    on_done: Callable[[pipeline.Outcome], None] | None = None,
) -> list[pipeline.Outcome]:
    """Reparse each snapshot in its own transaction; a page that fails now is reported."""
    res = tasks.resources(settings)
    outcomes = []
    for snapshot_id in snapshot_ids:
        outcome = pipeline.in_transaction(
            res.factory, f"snapshot {snapshot_id}",
            lambda session, sid=snapshot_id: reparse_one(session, sid, engine=res.gender),
        )  # fmt: skip
        outcomes.append(outcome)
        if on_done is not None:
            on_done(outcome)
    return outcomes
