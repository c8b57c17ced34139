"""Snapshot retention (issue 16): the newest VOICETALLY_SNAPSHOTS_KEEP snapshots of each source
and URL are kept (zlib-compressed, app/ingest/service.py), older ones deleted by a daily job.

A snapshot that a stored event or article was read from is always kept: `voicetally reparse`
needs it. Deleting runs in batches, each its own short transaction.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select

from app.articles.models import Article
from app.events.models import Event
from app.ingest.models import Snapshot
from app.jobs import tasks
from app.settings import Settings

__all__ = ["prunable", "prune_snapshots"]

BATCH = 1000


def prunable(keep: int) -> object:
    """A select of the ids of the snapshots beyond the newest KEEP of their source and URL."""
    rank = (
        func.row_number()
        .over(
            partition_by=(Snapshot.source_id, Snapshot.url),
            order_by=(Snapshot.fetched_at.desc(), Snapshot.id.desc()),
        )
        .label("rank")
    )
    ranked = select(Snapshot.id, rank).subquery()
    used = (
        select(Event.snapshot_id)
        .where(Event.snapshot_id.is_not(None))
        .union(select(Article.snapshot_id).where(Article.snapshot_id.is_not(None)))
    )
    return select(ranked.c.id).where(ranked.c.rank > keep, ranked.c.id.not_in(used))


def prune_snapshots(settings: Settings, *, keep: int | None = None) -> int:
    """Delete the snapshots beyond the newest KEEP per source and URL; return how many."""
    keep = keep or settings.snapshots_keep
    factory = tasks.resources(settings).factory
    deleted = 0
    while True:
        with factory() as session, session.begin():
            ids = list(session.scalars(prunable(keep).limit(BATCH)))  # type: ignore[attr-defined]
            if ids:
                session.execute(delete(Snapshot).where(Snapshot.id.in_(ids)))
        deleted += len(ids)
        if len(ids) < BATCH:
            return deleted
