"""What `voicetally jobs` shows: the procrastinate queue read with plain SQL, as a rich table."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from rich.table import Table
from sqlalchemy import text

from app.jobs import queue, tasks
from app.settings import Settings

__all__ = ["JobRow", "TaskProgress", "list_jobs", "render_jobs", "render_progress", "task_progress"]

# Newest first; `updated` is the job's last event (deferred, started, retried, finished).
LIST_JOBS = text(f"""
select job.id, job.task_name, job.status, job.attempts, job.lock, job.args, job.scheduled_at,
       (select max(event.at) from {queue.JOBS_SCHEMA}.procrastinate_events event
         where event.job_id = job.id) as updated
  from {queue.JOBS_SCHEMA}.procrastinate_jobs job
 order by job.id desc
 limit :limit
""")  # noqa: S608 -- the schema name is a constant, values are bound
STATUS_STYLES = {"todo": "cyan", "doing": "yellow", "succeeded": "green", "failed": "red"}


@dataclass(frozen=True, slots=True)
class JobRow:
    """One job in the queue."""

    id: int
    task: str
    status: str
    attempts: int
    lock: str | None
    args: dict[str, object]
    scheduled_at: datetime | None
    updated: datetime | None


def list_jobs(settings: Settings, *, limit: int = 100) -> list[JobRow]:
    """The newest LIMIT jobs; none on SQLite, where jobs run in-process as they are asked for."""
    if not queue.uses_workers(settings):
        return []
    with tasks.resources(settings).factory() as session:
        rows = session.execute(LIST_JOBS, {"limit": limit}).all()
    return [
        JobRow(
            id=row.id,
            task=row.task_name,
            status=str(row.status),
            attempts=row.attempts,
            lock=row.lock,
            args=row.args if isinstance(row.args, dict) else json.loads(row.args or "{}"),
            scheduled_at=row.scheduled_at,
            updated=row.updated,
        )
        for row in rows
    ]


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else ""


def render_jobs(rows: list[JobRow]) -> Table:
    """A rich table of ROWS for the terminal."""
    table = Table(title="jobs (newest first)")
    for column in ("id", "task", "status", "attempts", "lock", "args", "scheduled", "updated"):
        table.add_column(column, justify="right" if column in ("id", "attempts") else "left")
    for row in rows:
        style = STATUS_STYLES.get(row.status, "")
        args = ", ".join(f"{key}={value}" for key, value in row.args.items())
        table.add_row(
            str(row.id), row.task, f"[{style}]{row.status}[/]" if style else row.status,
            str(row.attempts), row.lock or "", args, _when(row.scheduled_at), _when(row.updated),
        )  # fmt: skip
    return table


@dataclass(frozen=True, slots=True)
class TaskProgress:
    """How far one task's jobs have got."""

    task: str
    todo: int
    doing: int
    succeeded: int
    failed: int

    @property
    def total(self) -> int:
        return self.todo + self.doing + self.succeeded + self.failed


def task_progress(settings: Settings) -> list[TaskProgress]:
    """Jobs per task and status, through procrastinate's job manager (none on SQLite)."""
    if not queue.uses_workers(settings):
        return []
    app = queue.make_app(settings)
    with app.open():
        rows = app.job_manager.list_tasks()
    return [
        TaskProgress(row["name"], row["todo"], row["doing"], row["succeeded"], row["failed"])
        for row in sorted(rows, key=lambda row: str(row["name"]))
    ]


def render_progress(rows: list[TaskProgress]) -> Table:
    """A rich table of each task's progress: a bar of finished jobs out of all."""
    table = Table(title="progress by task")
    for column in ("task", "todo", "doing", "succeeded", "failed", "done"):
        table.add_column(column, justify="left" if column in ("task", "done") else "right")
    for row in rows:
        finished = row.succeeded + row.failed
        width = 20
        filled = round(width * finished / row.total) if row.total else width
        bar = f"[green]{'█' * filled}[/][dim]{'░' * (width - filled)}[/] {finished}/{row.total}"
        table.add_row(row.task, str(row.todo), str(row.doing), str(row.succeeded),
                      f"[red]{row.failed}[/]" if row.failed else "0", bar)  # fmt: skip
    return table
