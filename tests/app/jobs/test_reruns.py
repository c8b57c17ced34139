"""The re-runs after an upgrade (issue 16) on both backends: relabel, reparse, rollups rebuild,
each from the command line on an empty database, and snapshot retention."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from typer.testing import CliRunner

from app import db, jobs
from app.articles.models import Article
from app.cli import cli
from app.columns import utcnow
from app.events.models import Event
from app.gender.models import GenderLabel
from app.ingest import pipeline
from app.ingest.models import Snapshot
from app.jobs import list_jobs, reruns, retention, tasks
from app.people import service as people_service
from app.people.models import Person
from app.settings import Settings
from app.versions import article_parser_version, engine_version, lineup_parser_version
from scrapers.fetch import read_local
from tests.app.ingest.test_pipeline import FRAB
from tests.conftest import fresh_engine

ARTICLE = Path(__file__).resolve().parents[3] / "app/samples/data"


@pytest.fixture
def settings(backend: str, tmp_path: Path) -> Iterator[Settings]:
    engine = fresh_engine(backend, tmp_path, database="voicetally_reruns")
    db.upgrade(engine)
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()
    yield Settings(database_url=url)
    found = tasks._RESOURCES.pop((url, None), None)
    if found is not None:
        found.factory.kw["bind"].dispose()


@pytest.mark.parametrize("command", [["relabel"], ["reparse"], ["rollups", "rebuild"]])
def test_each_rerun_runs_cleanly_on_an_empty_database(
    backend: str, settings: Settings, command: list[str]
) -> None:
    env = {"VOICETALLY_DATABASE_URL": settings.database_url}
    result = CliRunner().invoke(cli, command, env=env)
    assert result.exit_code == 0, result.output
    if backend == "postgresql":
        assert "jobs queued" in result.output
    else:
        assert (
            "0 new label rows" in result.output
            or "0 of 0" in result.output
            or ("rollups rebuilt" in result.output)
        )


def _people(settings: Settings, names: list[str]) -> list[int]:
    with tasks.resources(settings).factory() as session, session.begin():
        return [people_service.get_or_create(session, name=name).id for name in names]


def _label_rows(settings: Settings) -> list[tuple[int, str | None]]:
    with tasks.resources(settings).factory() as session:
        query = select(GenderLabel.person_id, GenderLabel.engine_version).order_by(GenderLabel.id)
        return [tuple(row) for row in session.execute(query)]  # type: ignore[misc]


def test_relabel_redoes_stale_versions_and_edited_profiles_only(
    backend: str, settings: Settings
) -> None:
    ids = _people(settings, ["Maria Rossi", "Jonas Weber", "Kim Lee"])
    with tasks.resources(settings).factory() as session:
        assert reruns.count_to_relabel(session) == 3  # never labelled
    for person_id in ids:
        reruns.relabel_batch(settings, [person_id])
    rows = _label_rows(settings)
    assert len(rows) == 3 and {version for _, version in rows} == {engine_version()}
    with tasks.resources(settings).factory() as session, session.begin():
        assert reruns.count_to_relabel(session) == 0
        # An older engine made Maria's label; Jonas's profile was edited since his.
        session.execute(update(GenderLabel).where(GenderLabel.person_id == ids[0])
                        .values(engine_version="old"))  # fmt: skip
        jonas = session.get(Person, ids[1])
        jonas.honorific = "Mr"  # updated_at moves on
    with tasks.resources(settings).factory() as session:
        assert [batch for batch in reruns.people_to_relabel(session)] == [ids[:2]]
    done: list[tuple[int, int]] = []
    result = jobs.relabel(settings, progress=lambda d, t: done.append((d, t)))
    if backend == "postgresql":
        assert result.total == 2 and len(result.queued) == 1
        (row,) = [r for r in list_jobs(settings) if r.task == "relabel_batch"]
        assert row.args == {"person_ids": ids[:2]}
        reruns.relabel_batch(settings, ids[:2])  # what the worker runs
    else:
        assert done == [(0, 2), (2, 2)] and result.changed == 1  # Maria's estimate is unchanged
    rows = _label_rows(settings)
    assert len(rows) == 4 and rows[0] == (ids[0], engine_version())  # re-checked, stamped
    assert rows[-1] == (ids[1], engine_version())
    with tasks.resources(settings).factory() as session:
        assert reruns.count_to_relabel(session) == 0
        assert reruns.count_to_relabel(session, everyone=True) == 3


def _ingest(settings: Settings, path: Path, **options: object) -> pipeline.Outcome:
    res = tasks.resources(settings)
    return pipeline.ingest_fetched(res.factory, str(path), read_local(path), engine=res.gender,
                                   options=pipeline.IngestOptions(**options))  # type: ignore[arg-type]  # fmt: skip


def test_reparse_reads_stale_pages_again_through_the_ingest_path(
    backend: str, settings: Settings, tmp_path: Path
) -> None:
    agenda = tmp_path / "agenda.xml"
    agenda.write_bytes(FRAB)
    article = next(p for p in sorted(ARTICLE.rglob("*.html")))
    assert _ingest(settings, agenda, series="Demo Con").ok
    assert _ingest(settings, article, kind=pipeline.SourceKind.ARTICLE).ok
    factory = tasks.resources(settings).factory
    with factory() as session, session.begin():
        assert session.scalar(select(Event.parser_version)) == lineup_parser_version()
        assert session.scalar(select(Article.parser_version)) == article_parser_version()
        assert reruns.snapshots_to_reparse(session) == []
        session.execute(update(Event).values(parser_version="old"))
        session.execute(update(Article).values(parser_version=None))
        before = [session.scalar(select(func.count()).select_from(m)) for m in (Event, Article)]
        stale = [snapshot for snapshot, _ in reruns.snapshots_to_reparse(session)]
    assert len(stale) == 2
    result = jobs.reparse(settings)
    if backend == "postgresql":
        assert result.total == 2 and len(result.queued) == 1  # no source: one batch
        assert {r.task for r in list_jobs(settings)} == {"reparse_batch"}
        assert all(o.ok for o in reruns.reparse_batch(settings, stale))
    else:
        assert (result.changed, result.failed) == (2, [])
    with factory() as session:
        assert session.scalar(select(Event.parser_version)) == lineup_parser_version()
        assert session.scalar(select(Article.parser_version)) == article_parser_version()
        after = [session.scalar(select(func.count()).select_from(m)) for m in (Event, Article)]
        assert after == before  # the same rows, read again: nothing duplicated
        assert session.scalar(select(Event.name)) is not None


def _snapshot(session, url: str, n: int) -> Snapshot:  # type: ignore[no-untyped-def]
    content = f"page {url} version {n}".encode()
    row = Snapshot(url=url, final_url=url, status=200, headers={}, size=len(content),
                   content=zlib.compress(content), content_hash=hashlib.sha256(content).hexdigest(),
                   fetched_at=utcnow() - timedelta(days=10 - n))  # fmt: skip
    session.add(row)
    session.flush()
    return row


def test_retention_keeps_the_newest_snapshots_and_those_rows_were_read_from(
    settings: Settings,
) -> None:
    factory = tasks.resources(settings).factory
    with factory() as session, session.begin():
        a = [_snapshot(session, "https://a.example/agenda", n) for n in range(5)]
        b = [_snapshot(session, "https://b.example/agenda", n) for n in range(2)]
        event = Event(key="k", name="Read from the oldest", snapshot_id=a[0].id)
        session.add(event)
    assert retention.prune_snapshots(settings, keep=2) == 2  # a[1], a[2]
    with factory() as session:
        kept = set(session.scalars(select(Snapshot.id)))
    assert kept == {a[0].id, a[3].id, a[4].id, b[0].id, b[1].id}
    assert retention.prune_snapshots(settings, keep=2) == 0


def test_relabel_on_sqlite_infers_in_processes_and_writes_every_batch(
    backend: str, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    if backend != "sqlite":
        pytest.skip("PostgreSQL relabels on its workers")
    monkeypatch.setattr(reruns, "PEOPLE_BATCH", 2)
    ids = _people(settings, ["Maria Rossi", "Jonas Weber", "Kim Lee", "Anna Schmidt", "Jo Berg"])
    with tasks.resources(settings).factory() as session, session.begin():
        session.get(Person, ids[3]).bio = "She chairs the board."
    done: list[int] = []
    result = jobs.relabel(settings, progress=lambda d, _t: done.append(d))
    assert done == [0, 2, 4, 5] and result.total == result.changed == 5  # three batches
    rows = _label_rows(settings)
    assert sorted(person for person, _ in rows) == sorted(ids)
    assert {version for _, version in rows} == {engine_version()}
    with tasks.resources(settings).factory() as session:
        assert reruns.count_to_relabel(session) == 0
        anna = session.scalars(select(GenderLabel).where(GenderLabel.person_id == ids[3])).one()
        assert anna.label == "woman"  # the bio's pronoun counted in the inference process
