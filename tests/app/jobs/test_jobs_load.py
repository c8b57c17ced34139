"""Load and fault test (issues 8, 16): four worker processes crawl 24 sources on 12 fake hosts
(two sources a host, so the cross-worker host lock is exercised); one busy worker is SIGKILLed.

Every page is fetched once (the fake web's served counter) and ingested once, no host ever sees
two requests at once, and the killed worker's job is put back and finished with nothing lost or
half-written. Every wait is on a condition, with generous timeouts: a busy machine is slower,
not wrong.
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

WORKERS = 4
HOSTS, FEEDS, PAGES = 12, 2, 8
BUSY = text(
    "select id, args ->> 'source_id' from procrastinate.procrastinate_jobs"
    " where status = 'doing' and task_name = 'crawl'"
)


def _register(engine, feeds: list[str]) -> None:  # type: ignore[no-untyped-def]
    factory = db.make_sessionmaker(engine)
    with factory() as session, session.begin():
        session.add_all(Source(url=url, kind=SourceKind.OUTLET) for url in feeds)


def _ingested(engine) -> int:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(Article)) or 0)


def _busy(engine, logs: Path) -> list[tuple[int, int, int]]:  # type: ignore[no-untyped-def]
    """(job id, source id, worker index) of the crawls running now: the database says which
    jobs run, each worker's log which of them it started (procrastinate logs 'Starting job')."""
    with engine.connect() as connection:
        running = {int(job): int(source) for job, source in connection.execute(BUSY)}
    found = []
    for index in range(WORKERS):
        log = (logs / f"worker{index}.log").read_text(errors="replace")
        found += [(job, source, index) for job, source in running.items()
                  if f"Starting job crawl[{job}]" in log]  # fmt: skip
    return found


def _kill_a_busy_worker(engine, workers, logs: Path) -> int:  # type: ignore[no-untyped-def]
    """SIGKILL a worker in the middle of a crawl; return that crawl's source id."""
    for _attempt in range(WORKERS):
        for _poll in range(1200):  # about a minute
            found = [item for item in _busy(engine, logs) if workers[item[2]].poll() is None]
            if found:
                break
            time.sleep(0.05)
        else:
            pytest.fail(f"no crawl ever ran: {job_counts(engine)}")
        job, source_id, index = found[0]
        workers[index].send_signal(signal.SIGKILL)
        workers[index].wait(timeout=10)
        if (job, source_id, index) in _busy(engine, logs):  # 'doing' under the dead worker
            return source_id
    pytest.fail("every crawl finished before its worker could be killed")


def test_four_workers_crawl_shared_hosts_and_survive_a_sigkill(
    backend: str, tmp_path: Path
) -> None:
    if backend == "sqlite":
        pytest.skip("workers need PostgreSQL; on SQLite jobs run in-process (test_jobs_local.py)")
    engine = fresh_engine(backend, tmp_path, database="voicetally_jobs_load")
    url = engine.url.render_as_string(hide_password=False)
    db.upgrade(engine)
    with FakeWeb(hosts=HOSTS, pages=PAGES, feeds=FEEDS, latency=0.05) as web:
        _register(engine, web.feeds)
        logs = tmp_path / "logs"
        workers = start_workers(WORKERS, env=make_env(url, delay=0.02), logs=logs)
        try:
            assert len(queue_crawls(Settings(database_url=url))) == HOSTS * FEEDS
            assert wait_until(lambda: _ingested(engine) >= 3, timeout=90), job_counts(engine)
            killed = _kill_a_busy_worker(engine, workers, logs)
            done = wait_until(
                lambda: set(job_counts(engine)) <= {"succeeded", "failed"}, timeout=180
            )
            assert done, f"queue not drained: {job_counts(engine)}"
        finally:
            stop_workers(workers)
        _check_rows(engine, web)
        _check_fetches(engine, web, killed)
        _check_recovery(engine)
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
    bad = web.page_urls(good=False)
    with_failures = {
        feed for feed in statuses
        if any(page.startswith(feed.rsplit("/", 1)[0] + "/p")
               and int(page.rsplit("/p", 1)[1][:-5]) % FEEDS == int(feed[-5]) for page in bad)
    }  # fmt: skip
    assert all(statuses.values()), statuses
    assert {feed for feed, status in statuses.items() if "failed" in status} == with_failures


def _check_fetches(engine, web: FakeWeb, killed: int) -> None:  # type: ignore[no-untyped-def]
    peaks = {host.port: web.traffic.peak[host.port] for host in web.hosts}
    assert max(peaks.values()) == 1, f"two requests at once on one host: {peaks}"
    with engine.connect() as connection:
        feed = connection.scalar(select(Source.url).where(Source.id == killed))
    host, number = feed.rsplit("/feed", 1)
    interrupted = {
        page for page in web.page_urls(good=True)
        if page.startswith(host + "/p") and int(page[len(host) + 2 : -5]) % FEEDS == int(number[0])
    }  # fmt: skip
    served = {page: web.traffic.served[page] for page in web.page_urls(good=True)}
    once = {page: n for page, n in served.items() if page not in interrupted}
    assert set(once.values()) == {1}, f"pages fetched more than once: {once}"
    # The killed crawl's pages: fetched again only if the first fetch never got stored.
    assert {served[page] for page in interrupted} <= {1, 2}


def _check_recovery(engine) -> None:  # type: ignore[no-untyped-def]
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
