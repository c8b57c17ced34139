"""Crawl a registered source: an agenda or a page is ingested; an outlet's feed or sitemap is
read for new article URLs in a date window, each then fetched and ingested on its own.

Runs in-process (asyncio fetching) on the embedded default; issue #8 moves it onto workers.
"""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from app.columns import utcnow
from app.errors import NotFound
from app.events.models import EventSeries
from app.gender.engine import Engine
from app.ingest import feeds, pipeline
from app.ingest.feeds import CrawlWindow
from app.ingest.models import Source, SourceKind
from app.settings import Settings

__all__ = ["CrawlWindow", "crawl_source"]


def crawl_source(
    factory: sessionmaker[Session],
    source_id: int,
    *,
    settings: Settings,
    engine: Engine,
    window: CrawlWindow | None = None,
) -> list[pipeline.Outcome]:
    """Crawl one source and record how it went on the source row."""
    with factory() as session:
        source = session.get(Source, source_id)
        if source is None:
            raise NotFound(f"no source with id {source_id}")
        url, kind = source.url, source.kind
        series = session.get(EventSeries, source.series_id) if source.series_id else None
        options = pipeline.IngestOptions(
            kind=None if kind is SourceKind.OUTLET else kind,
            format=source.format,
            series=series.name if series else None,
            source_id=source_id,
        )
    (got,) = pipeline.read_sources([url], settings=settings, allow_local=False)
    if kind is SourceKind.OUTLET and not isinstance(got, Exception):
        outcomes = feeds.ingest_feed(factory, got, settings=settings, engine=engine,
                                     window=window, source_id=source_id)  # fmt: skip
    else:
        outcomes = [pipeline.ingest_fetched(factory, url, got, engine=engine, options=options)]
    _record(factory, source_id, outcomes)
    return outcomes


def _record(
    factory: sessionmaker[Session], source_id: int, outcomes: list[pipeline.Outcome]
) -> None:
    failed = [o for o in outcomes if not o.ok]
    with factory() as session, session.begin():
        source = session.get(Source, source_id)
        if source is None:
            return
        source.last_crawled_at = utcnow()
        source.last_status = "ok" if not failed else f"{len(failed)} of {len(outcomes)} failed"
        source.last_error = "; ".join(f"{o.source}: {o.detail}" for o in failed[:5])[:4000] or None
