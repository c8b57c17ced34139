"""Outlets' feeds and sitemaps: find the articles they list in a date window and ingest the
ones not stored yet, each on its own (a bad page does not stop the rest)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.articles.models import Article
from app.gender.engine import Engine
from app.ingest import pipeline
from app.ingest.models import SourceKind
from app.settings import Settings
from scrapers import discover, records
from scrapers.errors import ScrapeError

__all__ = ["CrawlWindow", "ingest_any", "ingest_feed", "listed_articles"]

MAX_SITEMAP_DEPTH = 2


@dataclass(frozen=True, slots=True)
class CrawlWindow:
    """Which feed entries count: published in [since, until]; at most `limit` articles."""

    since: date | None = None
    until: date | None = None
    limit: int = 500


def listed_articles(
    feed: records.Snapshot, *, settings: Settings, window: CrawlWindow
) -> tuple[list[str], list[pipeline.Outcome]]:
    """Article URLs FEED lists in the window, following sitemap indexes (depth 2)."""
    found: list[str] = []
    problems: list[pipeline.Outcome] = []
    level: list[tuple[str, records.Snapshot | ScrapeError]] = [(feed.url, feed)]
    for _depth in range(MAX_SITEMAP_DEPTH + 1):
        children: list[str] = []
        for source, got in level:
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
        if not children or len(found) >= window.limit:
            break
        fetched = pipeline.read_sources(children, settings=settings, allow_local=False)
        level = list(zip(children, fetched, strict=True))
    return list(dict.fromkeys(found))[: window.limit], problems


def _new(factory: sessionmaker[Session], urls: list[str]) -> list[str]:
    with factory() as session:
        stored = set(session.scalars(select(Article.url).where(Article.url.in_(urls))))
    return [url for url in urls if url not in stored]


def ingest_feed(
    factory: sessionmaker[Session],
    feed: records.Snapshot,
    *,
    settings: Settings,
    engine: Engine,
    window: CrawlWindow | None = None,
    source_id: int | None = None,
) -> list[pipeline.Outcome]:
    """Ingest the articles FEED lists that are not stored yet."""
    urls, outcomes = listed_articles(feed, settings=settings, window=window or CrawlWindow())
    fresh = _new(factory, urls) if urls else []
    outcomes.append(pipeline.Outcome(feed.url, True, "outlet",
                                     f"{len(urls)} articles listed, {len(fresh)} new"))  # fmt: skip
    options = pipeline.IngestOptions(kind=SourceKind.ARTICLE, source_id=source_id)
    outcomes += pipeline.ingest_sources(
        factory, fresh, settings=settings, engine=engine, options=options, allow_local=False
    )
    return outcomes


def ingest_any(
    factory: sessionmaker[Session],
    sources: Sequence[str],
    *,
    settings: Settings,
    engine: Engine,
    options: pipeline.IngestOptions | None = None,
    window: CrawlWindow | None = None,
    on_source: Callable[[str], None] | None = None,
) -> list[pipeline.Outcome]:
    """Ingest agendas and pages, and the new articles of any feed or sitemap among SOURCES.

    ON_SOURCE is called with each source once it is done (progress bars).
    """
    options = options or pipeline.IngestOptions()
    outcomes: list[pipeline.Outcome] = []
    fetched = pipeline.read_sources(sources, settings=settings)
    for source, got in zip(sources, fetched, strict=True):
        is_feed = (
            not isinstance(got, ScrapeError)
            and options.kind is None
            and pipeline.classify(got, format=options.format) is SourceKind.OUTLET
        )
        if is_feed and isinstance(got, records.Snapshot):
            outcomes += ingest_feed(factory, got, settings=settings, engine=engine, window=window)
        else:
            outcomes.append(
                pipeline.ingest_fetched(factory, source, got, engine=engine, options=options)
            )
        if on_source is not None:
            on_source(source)
    return outcomes
