"""The embedded side of the jobs: on SQLite the same job code runs in this process, with asyncio
spreading crawls over threads, one host at a time (DESIGN.md "Where jobs run", issue 8).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from app.ingest import pipeline
from app.jobs import tasks
from app.settings import Settings

__all__ = ["crawl_now", "run_crawls", "start_crawl"]

log = logging.getLogger(__name__)

HOSTS_AT_ONCE = 4  # crawls of different hosts in flight together; SQLite serialises writers
_HOST_LOCKS: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)
_HOST_LOCKS_GUARD = threading.Lock()
_BACKGROUND = ThreadPoolExecutor(max_workers=2, thread_name_prefix="voicetally-job")


def _host_lock(settings: Settings, source_id: int) -> threading.Lock:
    from app.ingest.models import Source

    with tasks.resources(settings).factory() as session:
        source = session.get(Source, source_id)
        key = tasks.host_key(source.url) if source else ""
    with _HOST_LOCKS_GUARD:
        return _HOST_LOCKS[key]


def crawl_now(settings: Settings, source_id: int) -> list[pipeline.Outcome]:
    """Crawl one source here, under its host's lock; a failure is recorded on the source."""
    with _host_lock(settings, source_id):
        try:
            return tasks.crawl(settings, source_id)
        except tasks.CrawlFailed as exc:
            tasks.record_failure(settings, source_id, exc)
            return exc.outcomes
        except Exception as exc:
            # In-process there is no later attempt: the Fetcher's own retries were the backoff.
            tasks.record_failure(settings, source_id, exc)
            detail = getattr(exc, "detail", None) or str(exc)
            return [pipeline.Outcome(f"source {source_id}", False, None, detail)]


async def run_crawls(
    settings: Settings, source_ids: Sequence[int], *, hosts_at_once: int = HOSTS_AT_ONCE
) -> list[pipeline.Outcome]:
    """Crawl SOURCE_IDS with asyncio, a few hosts at a time; outcomes in the ids' order."""
    gate = asyncio.Semaphore(hosts_at_once)

    async def one(source_id: int) -> list[pipeline.Outcome]:
        async with gate:
            return await asyncio.to_thread(crawl_now, settings, source_id)

    found = await asyncio.gather(*(one(source_id) for source_id in source_ids))
    return [outcome for outcomes in found for outcome in outcomes]


def start_crawl(settings: Settings, source_id: int) -> Future[list[pipeline.Outcome]]:
    """Crawl one source in the background of this process (the API on SQLite)."""
    return _BACKGROUND.submit(crawl_now, settings, source_id)
