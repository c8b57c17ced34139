"""The demo's sample data goes through the real pipeline into both databases."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import db
from app.articles.models import Article, Citation
from app.events.models import Appearance, Event, EventSeries
from app.gender import service as gender_service
from app.gender.engine import default_engine
from app.ingest import samples
from app.metrics import rollups
from app.people.models import Person
from tests.app.metrics.write_path_machine import all_metrics
from tests.conftest import fresh_engine


def test_samples_load_once_into_an_empty_database(backend: str, tmp_path: Path) -> None:
    engine = fresh_engine(backend, tmp_path, database="voicetally_samples")
    try:
        db.upgrade(engine)
        message = samples.load_if_empty(engine, gender=default_engine())
        assert message.startswith("loaded 18 sample lineups")
        with Session(engine) as session:
            count = lambda model: session.scalar(select(func.count()).select_from(model))  # noqa: E731
            assert count(EventSeries) == 3 and count(Event) == 18
            assert count(Article) >= 50 and count(Citation) >= 200
            assert count(Appearance) >= 500
            nonbinary = session.execute(
                select(Person.id).where(Person.id.in_(
                    select(gender_service.CURRENT_LABEL.c.person_id).where(
                        gender_service.CURRENT_LABEL.c.label == "nonbinary"
                    )
                ))
            ).all()  # fmt: skip
            assert len(nonbinary) >= 1
        with Session(engine) as session:  # the demo's numbers equal a from-scratch rebuild
            live = all_metrics(session)
            rollups.rebuild(session)
            assert all_metrics(session) == live
            session.rollback()
        again = samples.load_if_empty(engine, gender=default_engine())
        assert again.startswith("database already holds data")
    finally:
        engine.dispose()
