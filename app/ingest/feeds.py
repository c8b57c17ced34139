"""Outlets' feeds and sitemaps: find the articles they list in a date window and ingest the
ones not stored yet, each on its own (a bad page does not stop the rest).

Feeds and sitemaps are read by scrapers.discover (RSS and Atom with feedparser; sitemaps, plain
or `.xml.gz`, with lxml: no entities, no network). URLs already stored are dropped before the
cap, so a large sitemap whose first entries are stored still yields its new articles (issue 16).
"""

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
from scrapers.robots import RobotsCache

__all__ = ["CrawlWindow", "ingest_any", "ingest_feed", "listed_articles", "read_entries"]

MAX_SITEMAP_DEPTH = 2
Stored = Callable[[list[str]], set[str]]  # which of these URLs are stored already


@dataclass(frozen=True, slots=True)
class CrawlWindow:
    """Which feed entries count: published in [since, until]; at most `limit` new articles."""

    since: date | None = None
    until: date | None = None
    limit: int = 500


def read_entries(
    content: bytes, *, url: str | None = None, max_bytes: int = discover.MAX_BYTES
) -> list[discover.FeedEntry]:
    """The links a feed (RSS, Atom) or sitemap (plain or gzipped) lists, in document order."""
    return discover.parse_feed(content, url=url, max_bytes=max_bytes)


def listed_articles(
    feed: records.Snapshot,
    *,
    settings: Settings,
    window: CrawlWindow,
    stored: Stored = lambda _urls: set(),
    robots: RobotsCache | None = None,
) -> tuple[list[str], list[pipeline.Outcome], int]:
    """New article URLs FEED lists in the window, following sitemap indexes (depth 2).

    Returns (at most `window.limit` URLs not STORED, problems, how many were listed).
    """
    found: list[str] = []
    listed: set[str] = set()
    problems: list[pipeline.Outcome] = []
    level: list[tuple[str, records.Snapshot | ScrapeError]] = [(feed.url, feed)]
    for _depth in range(MAX_SITEMAP_DEPTH + 1):
        children: list[str] = []
        for source, got in level:
            try:
                if isinstance(got, ScrapeError):
                    raise got
                entries = read_entries(got.content, url=got.final_url,
                                       max_bytes=settings.fetch_max_bytes)  # fmt: skip
            except ScrapeError as exc:
                problems.append(pipeline.Outcome(source, False, "outlet", str(exc)))
                continue
            kept = discover.in_window(entries, since=window.since, until=window.until,
                                      keep_undated=window.since is None)  # fmt: skip
            children += [e.url for e in kept if e.is_sitemap]
            pages = [e.url for e in kept if not e.is_sitemap and e.url not in listed]
            listed.update(pages)
            old = stored(pages) if pages else set()
            found += [url for url in pages if url not in old]
        if not children or len(found) >= window.limit:
            break
        fetched = pipeline.read_sources(children, settings=settings, allow_local=False,
                                        robots=robots)  # fmt: skip
        level = list(zip(children, fetched, strict=True))
    return found[: window.limit], problems, len(listed)


def stored_urls(factory: sessionmaker[Session]) -> Stored:
    """A STORED callable over the articles table (looked up in chunks)."""

    def stored(urls: list[str]) -> set[str]:
        found: set[str] = set()
        with factory() as session:
            for start in range(0, len(urls), 500):
                chunk = urls[start : start + 500]
                found.update(session.scalars(select(Article.url).where(Article.url.in_(chunk))))
        return found

    return stored


def ingest_feed(
    factory: sessionmaker[Session],
    feed: records.Snapshot,
    *,
    settings: Settings,
    engine: Engine,
    window: CrawlWindow | None = None,
    source_id: int | None = None,
    robots: RobotsCache | None = None,
) -> list[pipeline.Outcome]:
    """Ingest the articles FEED lists that are not stored yet (ROBOTS: the crawl's verdicts,
    from reading the feed, so robots.txt is not read again for its pages)."""
    robots = robots if robots is not None else RobotsCache()
    fresh, outcomes, listed = listed_articles(
        feed, settings=settings, window=window or CrawlWindow(), stored=stored_urls(factory),
        robots=robots,
    )  # fmt: skip
    outcomes.append(pipeline.Outcome(feed.url, True, "outlet",
                                     f"{listed} articles listed, {len(fresh)} new"))  # fmt: skip
    options = pipeline.IngestOptions(kind=SourceKind.ARTICLE, source_id=source_id)
    outcomes += pipeline.ingest_sources(
        factory, fresh, settings=settings, engine=engine, options=options, allow_local=False,
        robots=robots,
    )  # fmt: skip
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
    robots = RobotsCache()  # one read of each host's robots.txt for the whole run
    fetched = pipeline.read_sources(sources, settings=settings, robots=robots)
    for source, got in zip(sources, fetched, strict=True):
        is_feed = (
            not isinstance(got, ScrapeError)
            and options.kind is None
            and pipeline.classify(got, format=options.format) is SourceKind.OUTLET
        )
        if is_feed and isinstance(got, records.Snapshot):
            outcomes += ingest_feed(factory, got, settings=settings, engine=engine,
                                    window=window, robots=robots)  # fmt: skip
        else:
            outcomes.append(
                pipeline.ingest_fetched(factory, source, got, engine=engine, options=options)
            )
        if on_source is not None:
            on_source(source)
    return outcomes
