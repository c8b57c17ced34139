"""Jobs: crawl a source, ingest a stored snapshot, re-infer labels, refresh rollups, and the
re-runs after an upgrade (relabel, reparse, rebuild; issue 16). In-process on SQLite,
procrastinate workers on PostgreSQL (issue 8). The CLI and the API call the functions here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from procrastinate.exceptions import AlreadyEnqueued

from app.errors import InvalidInput
from app.ingest import pipeline
from app.jobs import local, queue, reruns, retention, tasks
from app.jobs.listing import (
    JobRow,
    TaskProgress,
    list_jobs,
    render_jobs,
    render_progress,
    task_progress,
)
from app.settings import Settings

__all__ = [
    "JobRow",
    "Rerun",
    "TaskProgress",
    "list_jobs",
    "prune_snapshots",
    "queue_crawl",
    "queue_crawls",
    "queue_ingest_snapshot",
    "queue_refresh_rollups",
    "queue_reinfer_labels",
    "rebuild_rollups",
    "relabel",
    "render_jobs",
    "render_progress",
    "reparse",
    "run_worker",
    "task_progress",
    "uses_workers",
]

uses_workers = queue.uses_workers
prune_snapshots = retention.prune_snapshots
Progress = Callable[[int, int], None]  # (done so far, total) after each batch


@dataclass(frozen=True, slots=True)
class Rerun:
    """What a re-run did: on PostgreSQL the jobs it queued, on SQLite what it changed."""

    total: int  # people or snapshots to redo
    queued: list[int]  # job ids (PostgreSQL)
    changed: int = 0  # new label rows / pages re-read (SQLite)
    failed: list[pipeline.Outcome] | None = None


def _noop(_done: int, _total: int) -> None:
    """No progress display."""


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
        outcomes = asyncio.run(local.run_crawls(settings, ids))
        retention.prune_snapshots(settings)  # what the daily job does on PostgreSQL
        return outcomes
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


def relabel(settings: Settings, *, everyone: bool = False, progress: Progress = _noop) -> Rerun:
    """Re-infer the labels of people whose profile or engine version changed (EVERYONE: all)."""
    factory = tasks.resources(settings).factory
    with factory() as session:
        total = reruns.count_to_relabel(session, everyone=everyone)
        if uses_workers(settings):
            batches = [(None, {"person_ids": ids})
                       for ids in reruns.people_to_relabel(session, everyone=everyone)]  # fmt: skip
            return Rerun(total, queue.defer_batches(settings, "relabel_batch", batches))
    progress(0, total)
    if total <= reruns.PEOPLE_BATCH:  # one batch: not worth starting processes
        with factory() as session:
            ids = next(reruns.people_to_relabel(session, everyone=everyone), [])
        changed = reruns.relabel_batch(settings, ids).relabelled if ids else 0
        progress(total, total)
        return Rerun(total, [], changed=changed)
    changed = reruns.relabel_here(
        settings, everyone=everyone, progress=lambda done: progress(done, total)
    )
    return Rerun(total, [], changed=changed)


def reparse(settings: Settings, *, everyone: bool = False, progress: Progress = _noop) -> Rerun:
    """Read the stored snapshots again with today's parsers (EVERYONE: not only stale rows)."""
    with tasks.resources(settings).factory() as session:
        found = reruns.snapshots_to_reparse(session, everyone=everyone)
    if uses_workers(settings):
        by_source: dict[int | None, list[int]] = {}
        for snapshot_id, source_id in found:
            by_source.setdefault(source_id, []).append(snapshot_id)
        batches = [
            (f"source:{source_id}" if source_id else None, {"snapshot_ids": ids[i : i + step]})
            for source_id, ids in by_source.items()
            for step in [reruns.SNAPSHOT_BATCH]
            for i in range(0, len(ids), step)
        ]
        return Rerun(len(found), queue.defer_batches(settings, "reparse_batch", batches))
    failed: list[pipeline.Outcome] = []
    progress(0, len(found))
    for start in range(0, len(found), reruns.SNAPSHOT_BATCH):
        chunk = [snapshot_id for snapshot_id, _ in found[start : start + reruns.SNAPSHOT_BATCH]]
        failed += [o for o in reruns.reparse_batch(settings, chunk) if not o.ok]
        progress(min(start + reruns.SNAPSHOT_BATCH, len(found)), len(found))
    return Rerun(len(found), [], changed=len(found) - len(failed), failed=failed)


def rebuild_rollups(settings: Settings, *, progress: Progress = _noop) -> Rerun:
    """Recompute every rollup from the rows: one job on PostgreSQL, now on SQLite."""
    if uses_workers(settings):
        job_id = queue_refresh_rollups(settings)
        return Rerun(1, [job_id] if job_id is not None else [])
    progress(0, 1)
    tasks.refresh_rollups(settings)
    progress(1, 1)
    return Rerun(1, [], changed=1)
