"""Load the bundled sample data (app/samples) into an empty database, for `voicetally demo`.

The samples go through the real pipeline (parsers, ingest, gender engine), as fetched pages
would, under the fictional URLs the manifest gives them.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app import db
from app.events.models import Event
from app.gender import service as gender_service
from app.gender.engine import Engine as GenderEngine
from app.gender.labels import Label, Source
from app.ingest import pipeline
from app.ingest.models import SourceKind
from app.people import service as people_service
from app.samples import SampleFile, manifest, self_identified
from scrapers import records

__all__ = ["load", "load_if_empty"]


def _snapshot(item: SampleFile) -> records.Snapshot:
    content = item.path.read_bytes()
    return records.Snapshot(
        url=item.url,
        final_url=item.url,
        status=200,
        headers={},
        content=content,
        fetched_at=datetime.now(UTC),
    )


def load(engine: Engine, *, gender: GenderEngine) -> list[pipeline.Outcome]:
    """Ingest every sample lineup and article, each in its own transaction."""
    factory = db.make_sessionmaker(engine)
    outcomes = []
    for item in manifest():
        if item.kind == "feed":
            continue
        kind = SourceKind.LINEUP if item.kind == "lineup" else SourceKind.ARTICLE
        options = pipeline.IngestOptions(
            kind=kind,
            format=item.format if kind is SourceKind.LINEUP else None,
            series=item.series,
            country=item.country,
            url_override=item.url,
        )
        with factory() as session, session.begin():
            outcomes.append(
                pipeline.ingest_snapshot(session, _snapshot(item), engine=gender, options=options)
            )
    with factory() as session, session.begin():
        _apply_self_identification(session)
    return outcomes


def _apply_self_identification(session: Session) -> None:
    """The fictional people who said how they identify (the manifest lists them)."""
    for name, label in self_identified().items():
        person = people_service.find(session, name)
        if person is not None:
            gender_service.record_label(
                session,
                person_id=person.id,
                label=Label(label),
                source=Source.SELF_ID,
                probability=1.0,
                actor="sample data",
                note="self-identified (fictional sample)",
                skip_if_same=True,
            )


def load_if_empty(engine: Engine, *, gender: GenderEngine) -> str:
    """Load the samples when the database holds no event yet; say what was done."""
    with Session(engine) as session:
        if session.scalar(select(func.count()).select_from(Event)):
            return "database already holds data; nothing loaded"
    outcomes = load(engine, gender=gender)
    lineups = sum(o.kind == "lineup" for o in outcomes)
    return f"loaded {lineups} sample lineups and {len(outcomes) - lineups} sample articles"
