"""Concurrent corrections of one person keep both rows in the history (real commits)."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import select

from app import db
from app.gender import service as gender_service
from app.gender.labels import Label
from app.gender.models import GenderLabel
from tests.app.builders import make_person
from tests.conftest import fresh_engine


def test_concurrent_corrections_keep_both_rows(backend: str, tmp_path: Path) -> None:
    engine = fresh_engine(backend, tmp_path, database="voicetally_concurrency")
    try:
        db.upgrade(engine)
        factory = db.make_sessionmaker(engine)
        with factory() as session, session.begin():
            person_id = make_person(session).id
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []

        def correct(label: Label, actor: str) -> None:
            try:
                with factory() as session, session.begin():
                    barrier.wait(timeout=10)
                    gender_service.correct(
                        session, person_id=person_id, label=label, note=actor, actor=actor
                    )
            except BaseException as exc:  # reported below, not swallowed
                errors.append(exc)

        threads = [
            threading.Thread(target=correct, args=(Label.WOMAN, "editor-a")),
            threading.Thread(target=correct, args=(Label.NONBINARY, "editor-b")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert errors == []
        with factory() as session:
            actors = sorted(session.scalars(select(GenderLabel.actor)))
        assert actors == ["editor-a", "editor-b"]
    finally:
        engine.dispose()
