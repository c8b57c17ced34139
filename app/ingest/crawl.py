"""Crawl a registered source: an agenda or a page is ingested; an outlet's feed or sitemap is
read for new article URLs in a date window, each then fetched and ingested on its own.

Runs in-process (asyncio fetching) on the embedded default; issue #8 moves it onto workers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.articles.models import Article
from app.columns import utcnow
from app.errors import NotFound
from app.events.models import EventSeries
from app.gender.engine import Engine
from app.ingest import pipeline
from app.ingest.models import Source, SourceKind
from app.settings import Settings
from scrapers import discover
from scrapers.errors import ScrapeError

__all__ = ["CrawlWindow", "crawl_source", "discover_articles"]

MAX_SITEMAP_DEPTH = 2


@dataclass(frozen=True, slots=True)
class CrawlWindow:
    """Which feed entries count: published in [since, until]; at most `limit` articles."""

    since: date | None = None
    until: date | None = None
    limit: int = 500


def discover_articles(
    url: str, *, settings: Settings, window: CrawlWindow
) -> tuple[list[str], list[pipeline.Outcome]]:
    """Article URLs a feed or sitemap (following sitemap indexes) lists in the window."""
    found: list[str] = []
    problems: list[pipeline.Outcome] = []
    queue, depth = [url], 0
    while queue and depth <= MAX_SITEMAP_DEPTH and len(found) < window.limit:
        children: list[str] = []
        fetched = pipeline.read_sources(queue, settings=settings, allow_local=False)
        for source, got in zip(queue, fetched, strict=True):
            try:
                if isinstance(got, ScrapeError):
                    raise got
                entries = discover.parse_feed(got.content, url=got.final_url)
            except ScrapeError as exc:
                problems.append(pipeline.Outcome(source, False, "outlet", str(exc)))
                continue
            kept = discover.in_window(entries, since=window.since, until=window.until,
                                      keep_undated=window.since is None)  # fmt: skip
            children += [e.url for e in kept if e.is_sitemap]
            found += [e.url for e in kept if not e.is_sitemap]
        queue, depth = children, depth + 1
    return list(dict.fromkeys(found))[: window.limit], problems


def _new_urls(factory: sessionmaker[Session], urls: list[str]) -> list[str]:
    with factory() as session:
        stored = set(session.scalars(select(Article.url).where(Article.url.in_(urls))))
    return [url for url in urls if url not in stored]


def crawl_source(
    factory: sessionmaker[Session],
    source_id: int,
    *,
    settings: Settings,
    engine: Engine,
    window: CrawlWindow | None = None,
) -> list[pipeline.Outcome]:
    """Crawl one source and record how it went on the source row."""
    window = window or CrawlWindow()
    with factory() as session:
        source = session.get(Source, source_id)
        if source is None:
            raise NotFound(f"no source with id {source_id}")
        url, kind, fmt = source.url, source.kind, source.format
        series = session.get(EventSeries, source.series_id) if source.series_id else None
        options = pipeline.IngestOptions(
            kind=None if kind is SourceKind.OUTLET else kind,
            format=fmt,
            series=series.name if series else None,
            source_id=source_id,
        )
    if kind is SourceKind.OUTLET:
        urls, outcomes = discover_articles(url, settings=settings, window=window)
        article_options = pipeline.IngestOptions(kind=SourceKind.ARTICLE, source_id=source_id)
        outcomes += pipeline.ingest_sources(
            factory, _new_urls(factory, urls), settings=settings, engine=engine,
            options=article_options, allow_local=False,
        )  # fmt: skip
    else:
        outcomes = pipeline.ingest_sources(
            factory, [url], settings=settings, engine=engine, options=options, allow_local=False
        )
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
