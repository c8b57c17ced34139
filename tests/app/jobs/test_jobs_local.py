"""The jobs on both backends: in-process crawls on SQLite, queued jobs on PostgreSQL, the job
code itself (snapshot ingest, re-inference, rollups), schedules and failure recording.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import psycopg
import pytest
from procrastinate.jobs import Job
from sqlalchemy import func, select

from app import db, jobs
from app.articles.models import Article
from app.ingest.models import Snapshot, Source, SourceKind
from app.jobs import list_jobs, queue, queue_crawls, render_jobs, tasks
from app.people.models import Person
from app.settings import Settings
from tests.app.jobs.sites import FakeWeb
from tests.conftest import fresh_engine


@pytest.fixture(scope="module")
def web() -> Iterator[FakeWeb]:
    with FakeWeb(hosts=2, pages=3, fail_every=3, latency=0) as sites:
        yield sites


@pytest.fixture
def settings(backend: str, tmp_path: Path) -> Iterator[Settings]:
    """Settings on a fresh, migrated database of BACKEND, fetching from local sites at once."""
    engine = fresh_engine(backend, tmp_path, database="voicetally_jobs_unit")
    db.upgrade(engine)
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()
    yield Settings(database_url=url, allow_private_hosts=True, fetch_min_delay=0, fetch_timeout=5)
    found = tasks._RESOURCES.pop((url, None), None)  # the next test recreates this database
    if found is not None:
        found.factory.kw["bind"].dispose()


def register(settings: Settings, url: str, *, schedule: str | None = None) -> int:
    with tasks.resources(settings).factory() as session, session.begin():
        source = Source(url=url, kind=SourceKind.OUTLET, schedule=schedule)
        session.add(source)
        session.flush()
        return source.id


def count(settings: Settings, model: type) -> int:
    with tasks.resources(settings).factory() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_schedules_read_names_and_iso_durations() -> None:
    assert tasks.schedule_interval("daily") == timedelta(days=1)
    assert tasks.schedule_interval("P1W") == timedelta(weeks=1)
    assert tasks.schedule_interval("PT30M") == timedelta(minutes=30)
    assert timedelta(days=28) <= tasks.schedule_interval("P1M") <= timedelta(days=31)
    assert tasks.schedule_interval("PT0S") is None
    assert tasks.schedule_interval(" Weekly ") == timedelta(weeks=1)
    assert tasks.schedule_interval("PT6H") == timedelta(hours=6)
    assert tasks.schedule_interval("P1DT12H") == timedelta(days=1, hours=12)
    assert tasks.schedule_interval("P") is None
    assert tasks.schedule_interval("fortnightly") is None
    assert tasks.schedule_interval(None) is None


def test_due_sources_follow_schedule_and_last_crawl(settings: Settings) -> None:
    now = datetime(2026, 11, 28, 12, tzinfo=UTC)
    never = register(settings, "https://a.example/feed", schedule="hourly")
    recent = register(settings, "https://b.example/feed", schedule="daily")
    stale = register(settings, "https://c.example/feed", schedule="weekly")
    register(settings, "https://d.example/feed")  # no schedule: crawled when asked
    with tasks.resources(settings).factory() as session, session.begin():
        session.get(Source, recent).last_crawled_at = now - timedelta(hours=3)
        session.get(Source, stale).last_crawled_at = now - timedelta(days=8)
    with tasks.resources(settings).factory() as session:
        assert tasks.due_sources(session, now=now) == [never, stale]


def test_host_key_matches_the_fetchers_pacing_key() -> None:
    assert tasks.host_key("HTTP://Example.org:8080/feed?x=1") == "http://example.org:8080"


def test_sqlite_crawls_in_process_and_records_failures(
    backend: str, settings: Settings, web: FakeWeb
) -> None:
    if backend != "sqlite":
        pytest.skip("on PostgreSQL queue_crawls queues jobs (test_queue_crawls_defers_...)")
    ids = [register(settings, feed) for feed in web.feeds]
    broken = register(settings, f"{web.hosts[0].base}/no-feed.xml")
    outcomes = queue_crawls(settings)
    assert sum(o.ok and o.kind == "article" for o in outcomes) == len(web.page_urls(good=True))
    assert count(settings, Article) == len(web.page_urls(good=True))
    with tasks.resources(settings).factory() as session:
        assert "failed" in session.get(Source, ids[0]).last_status
        failed = session.get(Source, broken)
        assert failed.last_status == "failed" and "404" in failed.last_error
    assert list_jobs(settings) == []


def test_queue_crawls_defers_one_job_per_source_under_its_host_lock(
    backend: str, settings: Settings, web: FakeWeb
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite has no queue: crawls run in-process")
    ids = [register(settings, feed) for feed in web.feeds]
    job_ids = queue_crawls(settings)
    assert len(job_ids) == len(ids)
    assert queue_crawls(settings, ids[:1]) == []  # already waiting: not queued twice
    rows = list_jobs(settings)
    assert {row.lock for row in rows} == {f"host:{host.base}" for host in web.hosts}
    assert {row.status for row in rows} == {"todo"}
    assert render_jobs(rows).row_count == len(ids)


def test_the_job_code_runs_the_same_on_both_backends(settings: Settings, web: FakeWeb) -> None:
    source_id = register(settings, web.feeds[1])
    outcomes = tasks.crawl(settings, source_id)
    assert any(o.ok for o in outcomes)
    with tasks.resources(settings).factory() as session:
        snapshot_id = session.scalar(select(Snapshot.id).order_by(Snapshot.id))
        people = list(session.scalars(select(Person.id)))
    again = tasks.ingest_snapshot(settings, snapshot_id)
    assert again.ok and again.kind == "article"
    assert count(settings, Article) == sum(o.kind == "article" for o in outcomes)  # idempotent
    assert set(tasks.reinfer_labels(settings, people)) <= set(people)
    assert tasks.reinfer_labels(settings, people) == []  # nothing new the second time
    tasks.refresh_rollups(settings)


def test_a_crawl_that_fails_for_good_records_why(settings: Settings, web: FakeWeb) -> None:
    source_id = register(settings, f"{web.hosts[1].base}/missing-feed.xml")
    last = Job(id=1, queue="voicetally", lock=None, queueing_lock=None, task_name="crawl",
               attempts=queue.CRAWL_RETRY.max_attempts)  # fmt: skip
    context = SimpleNamespace(additional_context={"settings": settings}, job=last)
    with pytest.raises(tasks.CrawlFailed):
        queue.crawl_job(context, source_id)  # type: ignore[arg-type]
    with tasks.resources(settings).factory() as session:
        source = session.get(Source, source_id)
        assert source.last_status == "failed" and "CrawlFailed" in source.last_error


def test_the_periodic_task_queues_due_sources(backend: str, settings: Settings) -> None:
    if backend != "postgresql":
        pytest.skip("periodic tasks run on workers (PostgreSQL)")
    due = register(settings, "https://due.example/feed", schedule="hourly")
    register(settings, "https://once.example/feed")
    app = queue.make_app(settings)
    with app.open():
        context = SimpleNamespace(additional_context={"settings": settings}, app=app)
        queue.schedule_crawls_job(context, timestamp=0)  # type: ignore[arg-type]
        queue.schedule_crawls_job(context, timestamp=1)  # type: ignore[arg-type]
    (row,) = list_jobs(settings)
    assert row.args == {"source_id": due} and row.lock == "host:https://due.example"


def test_jobs_of_a_dead_worker_are_put_back(backend: str, settings: Settings) -> None:
    if backend != "postgresql":
        pytest.skip("workers run on PostgreSQL only")
    (job_id,) = queue_crawls(settings, [register(settings, "https://gone.example/feed")])
    dead_worker = """
        with dead as (insert into procrastinate_workers (last_heartbeat)
                      values (now() - interval '1 hour') returning id)
        update procrastinate_jobs set status = 'doing', worker_id = (select id from dead)"""
    with psycopg.connect(queue.conninfo(settings), autocommit=True) as connection:
        connection.execute(dead_worker)

    async def recover(max_attempts: int) -> list[int]:
        app = queue.make_app(settings)
        async with app.open_async():
            return await queue.retry_stalled_jobs(app, stalled_after=60, max_attempts=max_attempts)

    assert asyncio.run(recover(5)) == [job_id]
    (row,) = list_jobs(settings)
    assert (row.status, row.attempts) == ("todo", 1)
    assert asyncio.run(recover(5)) == []  # back in the queue: nothing stalled now
    with psycopg.connect(queue.conninfo(settings), autocommit=True) as connection:
        connection.execute(dead_worker)
    assert asyncio.run(recover(1)) == [job_id]  # it killed its worker once too often
    (row,) = list_jobs(settings)
    assert row.status == "failed"


def test_the_other_jobs_queue_on_postgresql_and_run_now_on_sqlite(
    backend: str, settings: Settings
) -> None:
    results = [
        jobs.queue_reinfer_labels(settings, [3, 1, 3]),
        jobs.queue_refresh_rollups(settings),
        jobs.queue_refresh_rollups(settings),  # one rebuild waiting is enough
    ]
    if backend == "sqlite":
        assert results == [None, None, None]
        return
    assert results[0] is not None and results[1] is not None and results[2] is None
    tasks_queued = {(row.task, str(row.args)) for row in list_jobs(settings)}
    assert tasks_queued == {("reinfer_labels", "{'person_ids': [1, 3]}"), ("refresh_rollups", "{}")}
