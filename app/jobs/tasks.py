"""The jobs themselves, as plain functions: the same code runs in-process (SQLite) and on
procrastinate workers (PostgreSQL) (DESIGN.md "Where jobs run", issue 8). No procrastinate here.
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import isodate
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app import db
from app.columns import utcnow
from app.errors import NotFound, SourceFailed
from app.gender import service as gender_service
from app.gender.engine import Engine, default_engine
from app.ingest import crawl as crawl_service
from app.ingest import pipeline
from app.ingest.models import Snapshot, Source, SourceKind
from app.metrics import rollups
from app.people.models import Person
from app.settings import Settings
from scrapers import article as article_parser
from scrapers import records

__all__ = [
    "CrawlFailed",
    "Resources",
    "crawl",
    "due_sources",
    "host_key",
    "ingest_snapshot",
    "record_failure",
    "refresh_rollups",
    "reinfer_labels",
    "resources",
    "schedule_interval",
    "warm_parsers",
]

SCHEDULES = {"hourly": timedelta(hours=1), "daily": timedelta(days=1), "weekly": timedelta(weeks=1)}


class CrawlFailed(SourceFailed):
    """The source's own URL (agenda, feed or sitemap) could not be read: worth a retry."""

    def __init__(self, detail: str, *, outcomes: list[pipeline.Outcome]) -> None:
        super().__init__(detail)
        self.outcomes = outcomes


@dataclass(frozen=True)
class Resources:
    """What every job in one process shares: the database and the gender engine."""

    factory: sessionmaker[Session]
    gender: Engine


_RESOURCES: dict[tuple[str, float | None], Resources] = {}
_RESOURCES_LOCK = threading.Lock()


def resources(settings: Settings) -> Resources:
    """Return this process's engine, sessions and gender engine for SETTINGS (built once)."""
    key = (settings.database_url, settings.gender_threshold)
    with _RESOURCES_LOCK:
        if key not in _RESOURCES:
            threshold = settings.gender_threshold
            gender = default_engine() if threshold is None else Engine(threshold=threshold)
            # pre-ping: a long-lived worker outlives database restarts and dropped connections
            engine = db.make_engine(settings.database_url, pool_pre_ping=True)
            factory = db.make_sessionmaker(engine)
            _RESOURCES[key] = Resources(factory=factory, gender=gender)
        return _RESOURCES[key]


# A small article page: parsing it once loads what the article parser loads on first use
# (given-name lists, trafilatura's set-up; ~0.5 s of CPU), before a worker's first job.
WARM_PAGE = b"""<!doctype html><html lang="en"><head><title>Warm-up</title>
<meta property="og:type" content="article"></head><body><article><h1>Warm-up</h1>
<p class="byline">By Jane Doe</p><p>"The river rose fast this year," said John Smith, a
hydrologist at the university. She added that more rain is expected for weeks.</p>
</article></body></html>"""


def warm_parsers() -> None:
    """Parse WARM_PAGE, so a worker's first page costs what the others do (issue 16)."""
    article_parser.parse(WARM_PAGE, url="https://example.org/warm-up")


def host_key(url: str) -> str:
    """The politeness key of URL: scheme and host with port, as scrapers/fetch.py paces."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def crawl(settings: Settings, source_id: int) -> list[pipeline.Outcome]:
    """Crawl one source; raise CrawlFailed when its own URL could not be read.

    The caller holds the source host's lock for the whole call, so the per-host delay is kept
    after the last request too: the next crawl of this host, on any worker, starts later.
    """
    res = resources(settings)
    with res.factory() as session:
        source = session.get(Source, source_id)
        if source is None:
            raise NotFound(f"no source with id {source_id}")
        url = source.url
    try:
        outcomes = crawl_service.crawl_source(
            res.factory, source_id, settings=settings, engine=res.gender
        )
    finally:
        time.sleep(settings.fetch_min_delay)
    own = [o for o in outcomes if o.source == url and not o.ok]
    if own:
        raise CrawlFailed(f"{url}: {own[0].detail}", outcomes=outcomes)
    return outcomes


def record_failure(settings: Settings, source_id: int, error: BaseException) -> None:
    """Write on the source row that its crawl failed for good, and why."""
    with resources(settings).factory() as session, session.begin():
        source = session.get(Source, source_id)
        if source is None:
            return
        source.last_crawled_at = utcnow()
        source.last_status = "failed"
        source.last_error = f"{type(error).__name__}: {error}"[:4000]


def ingest_snapshot(
    settings: Settings, snapshot_id: int, *, kind: SourceKind | None = None
) -> pipeline.Outcome:
    """Parse a stored snapshot again and ingest what it holds, in one transaction."""
    res = resources(settings)
    with res.factory() as session, session.begin():
        row = session.get(Snapshot, snapshot_id)
        if row is None:
            raise NotFound(f"no snapshot with id {snapshot_id}")
        snapshot = records.Snapshot(
            url=row.url,
            final_url=row.final_url,
            status=row.status,
            headers=dict(row.headers),
            content=zlib.decompress(row.content),
            fetched_at=row.fetched_at,
        )
        options = pipeline.IngestOptions(kind=kind, source_id=row.source_id)
        return pipeline.ingest_snapshot(session, snapshot, engine=res.gender, options=options)


def reinfer_labels(settings: Settings, person_ids: Iterable[int]) -> list[int]:
    """Infer the labels of these people again; return who changed (rollups follow at commit)."""
    res = resources(settings)
    changed = []
    with res.factory() as session, session.begin():
        for person in session.scalars(select(Person).where(Person.id.in_(list(person_ids)))):
            if gender_service.infer_and_record(session, person, engine=res.gender):
                changed.append(person.id)
    return changed


def refresh_rollups(settings: Settings) -> None:
    """Rebuild every cached aggregate from the rows (after bulk changes)."""
    with resources(settings).factory() as session, session.begin():
        rollups.rebuild(session)


def schedule_interval(schedule: str | None) -> timedelta | None:
    """How often a source's schedule asks for a crawl; None for none or one not understood."""
    if not schedule:
        return None
    text = schedule.strip()
    if text.lower() in SCHEDULES:
        return SCHEDULES[text.lower()]
    try:
        found = isodate.parse_duration(text.upper())
    except (isodate.ISO8601Error, ValueError):
        return None
    # A duration with months or years (P1M) is counted from now: months differ in length.
    interval = found.totimedelta(start=utcnow()) if isinstance(found, isodate.Duration) else found
    return interval if interval > timedelta(0) else None


def due_sources(session: Session, *, now: datetime | None = None) -> list[int]:
    """Ids of the sources whose schedule says a crawl is due (never crawled, or long enough ago)."""
    now = now or utcnow()
    rows = session.execute(
        select(Source.id, Source.schedule, Source.last_crawled_at)
        .where(Source.schedule.is_not(None))
        .order_by(Source.id)
    )
    due = []
    for source_id, schedule, last in rows:
        interval = schedule_interval(schedule)
        if interval is None:
            continue
        if last is None or last + interval <= now:
            due.append(source_id)
    return due
