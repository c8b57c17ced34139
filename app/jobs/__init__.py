"""Jobs: crawl a source, ingest a stored snapshot, re-infer labels, refresh rollups. In-process on
SQLite, procrastinate workers on PostgreSQL (issue 8). The CLI and the API call the functions here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence

from procrastinate.exceptions import AlreadyEnqueued

from app.errors import InvalidInput
from app.ingest import pipeline
from app.jobs import local, queue, tasks
from app.jobs.listing import JobRow, list_jobs, render_jobs
from app.settings import Settings

__all__ = [
    "JobRow",
    "list_jobs",
    "queue_crawl",
    "queue_crawls",
    "queue_ingest_snapshot",
    "queue_refresh_rollups",
    "queue_reinfer_labels",
    "render_jobs",
    "run_worker",
    "uses_workers",
]

uses_workers = queue.uses_workers


def run_worker(
    settings: Settings,
    *,
    concurrency: int = 1,
    queues: Sequence[str] | None = None,
    heartbeat: float = queue.HEARTBEAT_SECONDS,
    stalled_after: float = queue.STALLED_AFTER_SECONDS,
) -> None:
    """Run a worker in the foreground until SIGINT/SIGTERM (PostgreSQL only)."""
    if not uses_workers(settings):
        raise InvalidInput(
            "workers need PostgreSQL (VOICETALLY_DATABASE_URL=postgresql://...); "
            "on SQLite `voicetally crawl` runs crawls in-process"
        )
    asyncio.run(
        queue.serve_worker(
            settings,
            concurrency=concurrency,
            queues=queues,
            heartbeat=heartbeat,
            stalled_after=stalled_after,
        )
    )


def queue_crawls(
    settings: Settings, source_ids: Iterable[int] | None = None, *, due: bool = False
) -> list[int] | list[pipeline.Outcome]:
    """Queue crawls of SOURCE_IDS (default: every source; with DUE, those whose schedule says
    a re-crawl is due, which workers also do by themselves every five minutes).

    PostgreSQL: return the new jobs' ids (a source already waiting is not queued twice).
    SQLite: crawl them now, in this process, and return the outcomes.
    """
    ids = queue.source_ids_or_all(settings, source_ids, due=due)
    if not uses_workers(settings):
        return asyncio.run(local.run_crawls(settings, ids))
    app = queue.make_app(settings)
    with app.open():
        found = [queue.defer_crawl(app, settings, source_id) for source_id in ids]
    return [job_id for job_id in found if job_id is not None]


def queue_crawl(settings: Settings, source_id: int) -> int | None:
    """Queue one crawl for the API: the job id on PostgreSQL (None if one is already waiting);
    on SQLite the crawl starts in this process's background and None is returned."""
    if not uses_workers(settings):
        local.start_crawl(settings, source_id)
        return None
    app = queue.make_app(settings)
    with app.open():
        return queue.defer_crawl(app, settings, source_id)


def _defer(settings: Settings, task: str, **kwargs: object) -> int | None:
    app = queue.make_app(settings)
    with app.open():
        try:
            return app.configure_task(task).defer(**kwargs)
        except AlreadyEnqueued:
            return None


def queue_ingest_snapshot(settings: Settings, snapshot_id: int) -> int | None:
    """Parse and ingest a stored snapshot again: a job id on PostgreSQL, done now on SQLite."""
    if not uses_workers(settings):
        tasks.ingest_snapshot(settings, snapshot_id)
        return None
    return _defer(settings, "ingest_snapshot", snapshot_id=snapshot_id)


def queue_reinfer_labels(settings: Settings, person_ids: Iterable[int]) -> int | None:
    """Re-infer the labels of the people a change touched: a job id, or done now on SQLite."""
    ids = sorted(set(person_ids))
    if not uses_workers(settings):
        tasks.reinfer_labels(settings, ids)
        return None
    return _defer(settings, "reinfer_labels", person_ids=ids)


def queue_refresh_rollups(settings: Settings) -> int | None:
    """Rebuild the cached aggregates: a job id (None if one already waits), or now on SQLite."""
    if not uses_workers(settings):
        tasks.refresh_rollups(settings)
        return None
    return _defer(settings, "refresh_rollups")
