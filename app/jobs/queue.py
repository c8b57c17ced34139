"""The PostgreSQL side of the jobs: procrastinate tasks over app/jobs/tasks.py, per-host locks,
periodic re-crawls, retries with backoff, and recovery of jobs whose worker died (issue 8).
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Iterable, Sequence
from typing import Any

import procrastinate
from procrastinate import JobContext, PsycopgConnector, RetryStrategy
from procrastinate.exceptions import AlreadyEnqueued, ConnectorException
from procrastinate.jobs import Status
from psycopg.conninfo import make_conninfo
from sqlalchemy.engine import make_url

from app.ingest.models import SourceKind
from app.jobs import reruns, retention, tasks
from app.settings import Settings

__all__ = [
    "CRAWL_RETRY",
    "JOBS_SCHEMA",
    "conninfo",
    "defer_batches",
    "defer_crawl",
    "make_app",
    "retry_stalled_jobs",
    "serve_worker",
    "uses_workers",
]

log = logging.getLogger(__name__)

JOBS_SCHEMA = "procrastinate"  # created by migrations/versions/0005_job_queue.py
QUEUE = "voicetally"
# A site that is down is tried again after about 34 s, 46 s and 94 s (wait + 4 ** attempt).
CRAWL_RETRY = RetryStrategy(max_attempts=3, wait=30, exponential_wait=4)
SCHEDULE_CRON = "*/5 * * * *"  # look for sources due a re-crawl every five minutes
HEARTBEAT_SECONDS = 5.0
STALLED_AFTER_SECONDS = 30.0
PRUNE_CRON = "17 3 * * *"  # prune old snapshots once a day


def uses_workers(settings: Settings) -> bool:
    """True on PostgreSQL (jobs go to procrastinate workers); False on SQLite (in-process)."""
    return make_url(settings.database_url).get_backend_name() == "postgresql"


def conninfo(settings: Settings) -> str:
    """The libpq connection string for procrastinate, its schema first on the search path."""
    url = make_url(settings.database_url).set(drivername="postgresql")
    return make_conninfo(
        url.render_as_string(hide_password=False), options=f"-c search_path={JOBS_SCHEMA}"
    )


def _settings(context: JobContext) -> Settings:
    found = context.additional_context.get("settings")
    return found if isinstance(found, Settings) else Settings()


def crawl_job(context: JobContext, source_id: int) -> None:
    """Crawl one source; on its last attempt a failure is written on the source row."""
    settings = _settings(context)
    try:
        tasks.crawl(settings, source_id)
    except Exception as exc:
        assert context.job is not None
        if CRAWL_RETRY.get_retry_decision(exception=exc, job=context.job) is None:
            tasks.record_failure(settings, source_id, exc)
        raise


def ingest_snapshot_job(context: JobContext, snapshot_id: int, kind: str | None = None) -> None:
    """Parse and ingest a stored snapshot."""
    forced = SourceKind(kind) if kind else None
    tasks.ingest_snapshot(_settings(context), snapshot_id, kind=forced)


def reinfer_labels_job(context: JobContext, person_ids: list[int]) -> None:
    """Infer the labels of the people a change touched again."""
    tasks.reinfer_labels(_settings(context), person_ids)


def refresh_rollups_job(context: JobContext) -> None:
    """Rebuild the cached aggregates."""
    tasks.refresh_rollups(_settings(context))


def relabel_batch_job(context: JobContext, person_ids: list[int]) -> None:
    """One batch of `voicetally relabel`."""
    reruns.relabel_batch(_settings(context), person_ids)


def reparse_batch_job(context: JobContext, snapshot_ids: list[int]) -> None:
    """One batch of `voicetally reparse` (the snapshots of one source)."""
    reruns.reparse_batch(_settings(context), snapshot_ids)


def prune_snapshots_job(context: JobContext, timestamp: int) -> None:
    """Drop snapshots beyond the last VOICETALLY_SNAPSHOTS_KEEP of each source and URL."""
    retention.prune_snapshots(_settings(context))


def schedule_crawls_job(context: JobContext, timestamp: int) -> None:
    """Queue a crawl of every source whose schedule says one is due (a periodic task)."""
    settings = _settings(context)
    with tasks.resources(settings).factory() as session:
        due = tasks.due_sources(session)
    assert context.app is not None
    for source_id in due:
        defer_crawl(context.app, settings, source_id)


def make_app(settings: Settings) -> procrastinate.App:
    """A procrastinate app on SETTINGS' database, with every voicetally task registered."""
    app = procrastinate.App(connector=PsycopgConnector(conninfo=conninfo(settings)))
    common = {"pass_context": True, "queue": QUEUE}
    app.task(name="crawl", retry=CRAWL_RETRY, **common)(crawl_job)
    app.task(name="ingest_snapshot", retry=2, **common)(ingest_snapshot_job)
    app.task(name="reinfer_labels", retry=2, **common)(reinfer_labels_job)
    app.task(name="relabel_batch", retry=2, **common)(relabel_batch_job)
    app.task(name="reparse_batch", retry=2, **common)(reparse_batch_job)
    prune = app.task(name="prune_snapshots", queueing_lock="prune", **common)(prune_snapshots_job)
    app.periodic(cron=PRUNE_CRON)(prune)
    app.task(name="refresh_rollups", lock="rollups", queueing_lock="rollups", **common)(
        refresh_rollups_job
    )
    schedule = app.task(name="schedule_crawls", queueing_lock="schedule", **common)(
        schedule_crawls_job
    )
    app.periodic(cron=SCHEDULE_CRON)(schedule)
    return app


def defer_crawl(app: procrastinate.App, settings: Settings, source_id: int) -> int | None:
    """Queue a crawl of SOURCE_ID under its host's lock; None when one is already waiting.

    `lock` (the host) keeps two workers off one host: a job runs only when no job with its
    lock is running. `queueing_lock` keeps one waiting crawl per source.
    """
    from app.ingest.models import Source

    with tasks.resources(settings).factory() as session:
        source = session.get(Source, source_id)
        url = source.url if source else ""
    task = app.configure_task(
        "crawl", lock=f"host:{tasks.host_key(url)}", queueing_lock=f"crawl:{source_id}"
    )
    try:
        return task.defer(source_id=source_id)
    except AlreadyEnqueued:
        return None


def defer_batches(
    settings: Settings, task: str, batches: Iterable[tuple[str | None, dict[str, Any]]]
) -> list[int]:
    """Queue one TASK job per (lock, arguments) batch, one round trip per lock; return ids."""
    by_lock: dict[str | None, list[dict[str, Any]]] = {}
    for lock, kwargs in batches:
        by_lock.setdefault(lock, []).append(kwargs)
    app = make_app(settings)
    ids: list[int] = []
    with app.open():
        for lock, group in by_lock.items():
            ids += app.configure_task(task, lock=lock).batch_defer(*group)
    return ids


async def retry_stalled_jobs(
    app: procrastinate.App, *, stalled_after: float, max_attempts: int = 5
) -> list[int]:
    """Put back in the queue the running jobs of dead workers; return their ids.

    Through procrastinate's job manager: the jobs whose worker has not beaten for STALLED_AFTER
    seconds. Two recoverers may see the same job: procrastinate lets only one retry it (the
    other's call fails and is skipped). A job that killed its worker MAX_ATTEMPTS times is
    marked failed instead of looping.
    """
    manager = app.job_manager
    put_back: list[int] = []
    for job in await manager.get_stalled_jobs(seconds_since_heartbeat=stalled_after):
        assert job.id is not None
        try:
            if job.attempts < max_attempts:
                await manager.retry_job(job)
            else:
                await manager.finish_job(job, status=Status.FAILED, delete_job=False)
        except ConnectorException as exc:  # another recoverer was first
            log.info("job %s not put back: %s", job.id, exc)
            continue
        put_back.append(job.id)
    if put_back:
        log.warning("put back jobs %s: their worker stopped", put_back)
    return put_back


async def _recover_forever(app: procrastinate.App, *, every: float, stalled_after: float) -> None:
    while True:
        await asyncio.sleep(every)
        try:
            await retry_stalled_jobs(app, stalled_after=stalled_after)
        except ConnectorException as exc:
            log.warning("stalled-job recovery failed: %s", exc)


async def serve_worker(
    settings: Settings,
    *,
    concurrency: int = 1,
    queues: Sequence[str] | None = None,
    heartbeat: float = HEARTBEAT_SECONDS,
    stalled_after: float = STALLED_AFTER_SECONDS,
) -> None:
    """Run one worker until stopped (SIGINT/SIGTERM), with the stalled-job recovery beside it."""
    app = make_app(settings)
    name = f"voicetally-{socket.gethostname()}-{os.getpid()}"
    # Load the gender engine and the parsers' data and connect before the first job, not in it.
    await asyncio.to_thread(tasks.resources, settings)
    await asyncio.to_thread(tasks.warm_parsers)
    async with app.open_async():
        recovery = asyncio.create_task(
            _recover_forever(app, every=heartbeat, stalled_after=stalled_after)
        )
        try:
            await app.run_worker_async(
                queues=list(queues) if queues else None,
                name=name,
                concurrency=concurrency,
                additional_context={"settings": settings},
                update_heartbeat_interval=heartbeat,
                stalled_worker_timeout=stalled_after,
            )
        finally:
            recovery.cancel()


def source_ids_or_all(
    settings: Settings, source_ids: Iterable[int] | None, *, due: bool = False
) -> list[int]:
    """SOURCE_IDS as a list; when None, every registered source (DUE: those due a re-crawl)."""
    from sqlalchemy import select

    from app.ingest.models import Source

    if source_ids is not None:
        return list(source_ids)
    with tasks.resources(settings).factory() as session:
        if due:
            return tasks.due_sources(session)
        return list(session.scalars(select(Source.id).order_by(Source.id)))
