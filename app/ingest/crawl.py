"""Crawl a registered source: an agenda or a page is ingested; an outlet's feed or sitemap is
read for new article URLs in a date window, each then fetched and ingested on its own.

A paginated agenda API (pretalx's `next`) is read to its last page and ingested as one lineup.
Runs in-process on SQLite and in a job on PostgreSQL workers (app/jobs).
"""

from __future__ import annotations

import json

from sqlalchemy.orm import Session, sessionmaker

from app.columns import utcnow
from app.errors import NotFound
from app.events.models import EventSeries
from app.gender.engine import Engine
from app.ingest import feeds, pipeline
from app.ingest.feeds import CrawlWindow
from app.ingest.models import Source, SourceKind
from app.settings import Settings
from scrapers import records
from scrapers.errors import ParseError, ScrapeError
from scrapers.lineup import pretalx
from scrapers.robots import RobotsCache

__all__ = ["MAX_PAGES", "CrawlWindow", "all_pages", "crawl_source"]

MAX_PAGES = 200  # an API that pages on past this is looping or not an agenda


def _results(content: bytes) -> tuple[dict[str, object], list[object]] | None:
    try:
        data = json.loads(content)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        return None
    return data, list(data["results"])


def all_pages(
    first: records.Snapshot, *, settings: Settings, robots: RobotsCache | None = None
) -> records.Snapshot:
    """FIRST with the `results` of every following page (pretalx `next`) appended, as one
    document; FIRST itself when it is not a paginated API page. A page that cannot be read
    fails the whole agenda (a lineup missing its later pages would undercount)."""
    found = _results(first.content)
    next_url = pretalx.next_page_url(first.content) if found else None
    if found is None or next_url is None:
        return first
    data, results = found
    seen = {first.url, first.final_url}
    while next_url is not None:
        if next_url in seen or len(seen) > MAX_PAGES:
            raise ParseError(f"pagination loops or exceeds {MAX_PAGES} pages", source=next_url)
        seen.add(next_url)
        (got,) = pipeline.read_sources([next_url], settings=settings, allow_local=False,
                                       robots=robots)  # fmt: skip
        if isinstance(got, ScrapeError):
            raise got
        page = _results(got.content)
        if page is None:
            raise ParseError("a following page is not an API page with results", source=next_url)
        results += page[1]
        next_url = pretalx.next_page_url(got.content)
    merged = {**data, "results": results, "next": None}
    return first.model_copy(update={"content": json.dumps(merged, ensure_ascii=False).encode()})


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
    robots = RobotsCache()  # each host's robots.txt read once for the whole crawl (issue 16)
    (got,) = pipeline.read_sources([url], settings=settings, allow_local=False, robots=robots)
    if kind is SourceKind.OUTLET and not isinstance(got, ScrapeError):
        outcomes = feeds.ingest_feed(factory, got, settings=settings, engine=engine,
                                     window=window, source_id=source_id,
                                     robots=robots)  # fmt: skip
    else:
        if kind is SourceKind.LINEUP and not isinstance(got, ScrapeError):
            try:
                got = all_pages(got, settings=settings, robots=robots)
            except ScrapeError as exc:
                got = exc
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
