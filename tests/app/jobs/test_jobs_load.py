"""Load and fault test (issue 8): four worker processes crawl 20 fake sites; one is SIGKILLed.

Every page is ingested exactly once, no host ever sees two requests at once, the per-host delay
holds, and the killed worker's job is put back and finished with nothing lost or half-written.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app import db
from app.articles.models import Article, Citation
from app.ingest.models import Snapshot, Source, SourceKind
from app.jobs import queue_crawls
from app.settings import Settings
from tests.app.jobs.sites import FakeWeb, job_counts, start_workers, stop_workers, wait_until
from tests.app.jobs.sites import worker_env as make_env
from tests.conftest import fresh_engine

DELAY = 0.1  # seconds between requests to one host
# The server sees arrivals, not departures: a request opening a new connection arrives later
# than one reusing a kept-alive connection, so an arrival gap may be a little under DELAY.
ARRIVAL_JITTER = 0.04
WORKERS = 4


def _register(engine, feeds: list[str]) -> None:  # type: ignore[no-untyped-def]
    factory = db.make_sessionmaker(engine)
    with factory() as session, session.begin():
        session.add_all(Source(url=url, kind=SourceKind.OUTLET) for url in feeds)


def _ingested(engine) -> int:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(Article)) or 0)


def test_four_workers_crawl_twenty_sites_and_survive_a_sigkill(
    backend: str, tmp_path: Path
) -> None:
    if backend == "sqlite":
        pytest.skip("workers need PostgreSQL; on SQLite jobs run in-process (test_jobs_local.py)")
    engine = fresh_engine(backend, tmp_path, database="voicetally_jobs_load")
    url = engine.url.render_as_string(hide_password=False)
    db.upgrade(engine)
    with FakeWeb(hosts=20, pages=8, latency=0.02) as web:
        _register(engine, web.feeds)
        job_ids = queue_crawls(Settings(database_url=url))
        assert len(job_ids) == 20
        workers = start_workers(WORKERS, env=make_env(url, delay=DELAY), logs=tmp_path / "logs")
        try:
            busy = wait_until(
                lambda: job_counts(engine).get("doing", 0) == WORKERS and _ingested(engine) >= 3,
                timeout=30,
                every=0.05,
            )
            assert busy, f"workers never all busy: {job_counts(engine)}"
            workers[0].send_signal(signal.SIGKILL)
            killed_at = time.monotonic()
            done = wait_until(
                lambda: set(job_counts(engine)) <= {"succeeded", "failed"}, timeout=45, every=0.25
            )
            assert done, f"queue not drained: {job_counts(engine)}"
        finally:
            stop_workers(workers)
        _check_rows(engine, web)
        _check_politeness(web)
        _check_recovery(engine, killed_at)
    engine.dispose()


def _check_rows(engine, web: FakeWeb) -> None:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        urls = list(connection.scalars(select(Article.url)))
        snapshots = connection.scalar(select(func.count()).select_from(Snapshot))
        bare = connection.scalar(
            select(func.count())
            .select_from(Article)
            .where(~select(Citation.id).where(Citation.article_id == Article.id).exists())
        )
        statuses = dict(connection.execute(select(Source.url, Source.last_status)).all())
    good = web.page_urls(good=True)
    assert len(urls) == len(set(urls)), "a page was ingested twice"
    assert set(urls) == good, "pages missing or failing pages stored"
    assert snapshots == len(good) and bare == 0, "a page was half-ingested"
    assert all(status and "failed" in status for status in statuses.values()), statuses


def _check_politeness(web: FakeWeb) -> None:
    peaks = {host.port: web.traffic.peak[host.port] for host in web.hosts}
    assert max(peaks.values()) == 1, f"two requests at once on one host: {peaks}"
    gaps = [web.traffic.min_gap(host.port) for host in web.hosts]
    assert min(gaps) >= DELAY - ARRIVAL_JITTER, f"per-host delay broken: {min(gaps):.3f}s"


def _check_recovery(engine, killed_at: float) -> None:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "select status, attempts from procrastinate.procrastinate_jobs"
                " where task_name = 'crawl'"
            )
        ).all()
    assert {status for status, _ in rows} == {"succeeded"}
    # Finishing a job counts an attempt; the killed worker's job was also put back once.
    assert any(attempts >= 2 for _, attempts in rows), "the killed worker's job was not retried"
    assert time.monotonic() - killed_at < 60
