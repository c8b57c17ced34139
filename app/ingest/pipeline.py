"""From SOURCE (a URL, or a local path on the command line) to rows: fetch, keep the snapshot,
parse, ingest, label. One source is one transaction: a failed source leaves nothing behind and
the others go on.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import tenacity
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app import db
from app.errors import InvalidInput, VoicetallyError
from app.gender import service as gender_service
from app.gender.engine import Engine
from app.ingest import service as ingest_service
from app.ingest.models import SourceKind
from app.people.models import Person
from app.settings import Settings
from app.versions import article_parser_version, lineup_parser_version
from scrapers import article as article_parser
from scrapers import lineup as lineup_parser
from scrapers import records
from scrapers.errors import EmptyDocument, FetchError, ScrapeError, TooLarge
from scrapers.fetch import Fetcher, FetchPolicy, read_local
from scrapers.robots import RobotsCache

__all__ = [
    "IngestOptions",
    "Outcome",
    "classify",
    "fetch_policy",
    "fetch_url",
    "in_transaction",
    "ingest_fetched",
    "ingest_snapshot",
    "ingest_sources",
    "read_sources",
]

log = logging.getLogger(__name__)

ARTICLE_TYPES = re.compile(
    rb'"@type"\s*:\s*\[?\s*"(?:News|Reportage|Opinion|Analysis|Report|Scholarly|Blog)?'
    rb'(?:Article|Posting)"',
)
OG_ARTICLE = re.compile(rb"""property=["']og:type["'][^>]*content=["']article""", re.I)
FEED_MARK = re.compile(rb"<(?:rss|feed|urlset|sitemapindex|rdf:RDF)[\s>]", re.I)
MIN_LINEUP = 2  # people: one name on a page is no agenda
GZIP_MAGIC = b"\x1f\x8b"  # a gzipped document here is a sitemap (.xml.gz)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one source."""

    source: str
    ok: bool
    kind: str | None
    detail: str


def fetch_policy(settings: Settings) -> FetchPolicy:
    """Map the VOICETALLY_ fetch settings onto the scrapers' policy."""
    return FetchPolicy(
        contact_url=settings.contact_url,
        per_host_delay=settings.fetch_min_delay,
        global_concurrency=settings.fetch_concurrency,
        timeout=settings.fetch_timeout,
        max_bytes=settings.fetch_max_bytes,
        allow_private_hosts=settings.allow_private_hosts,
    )


def is_url(source: str) -> bool:
    return urlsplit(source).scheme in ("http", "https")


async def _fetch_all(
    urls: Sequence[str], policy: FetchPolicy, *, robots: RobotsCache | None = None
) -> list[records.Snapshot | ScrapeError]:
    async with Fetcher(None, policy, robots=robots) as fetcher:

        async def one(url: str) -> records.Snapshot | ScrapeError:
            try:
                return await fetcher.fetch(url)
            except ScrapeError as exc:
                return exc

        return list(await asyncio.gather(*(one(url) for url in urls)))


async def fetch_url(url: str, *, settings: Settings) -> records.Snapshot:
    """Fetch one http(s) URL politely (API requests: never a local path)."""
    if not is_url(url):
        raise FetchError("only http(s) URLs are accepted here", source=url)
    (got,) = await _fetch_all([url], fetch_policy(settings))
    if isinstance(got, ScrapeError):
        raise got
    return got


def read_sources(
    sources: Sequence[str],
    *,
    settings: Settings,
    allow_local: bool = True,
    robots: RobotsCache | None = None,
) -> list[records.Snapshot | ScrapeError]:
    """Fetch the URLs (politely, together) and read the local paths, in SOURCES' order.

    ROBOTS: the crawl's robots.txt verdicts, so a crawl reads each host's robots.txt once.
    """
    urls = [s for s in sources if is_url(s)]
    got = asyncio.run(_fetch_all(urls, fetch_policy(settings), robots=robots)) if urls else []
    fetched = dict(zip(urls, got, strict=True))
    results: list[records.Snapshot | ScrapeError] = []
    for source in sources:
        if source in fetched:
            results.append(fetched[source])
        elif not allow_local:
            results.append(FetchError("only http(s) URLs are accepted here", source=source))
        else:
            results.append(_read_file(source, max_bytes=settings.fetch_max_bytes))
    return results


def _read_file(source: str, *, max_bytes: int) -> records.Snapshot | ScrapeError:
    path = Path(source)
    try:
        if path.is_file() and path.stat().st_size > max_bytes:
            size = path.stat().st_size
            return TooLarge(f"file has {size} bytes, over the limit of {max_bytes}", source=source)
        return read_local(path)
    except ScrapeError as exc:
        return exc


def classify(snapshot: records.Snapshot, *, format: str | None = None) -> SourceKind:
    """Tell a lineup from an article page or a feed, from the content (and a forced format)."""
    if format:
        return SourceKind.LINEUP
    head = snapshot.content[:200_000]
    if head.startswith(GZIP_MAGIC):
        return SourceKind.OUTLET
    if FEED_MARK.search(head[:2000]) and b"<html" not in head[:2000].lower():
        return SourceKind.OUTLET
    try:
        found = lineup_parser.detect_format(snapshot.content, url=snapshot.final_url)
    except ScrapeError:
        found = "html"
    if found not in ("html", "jsonld"):
        return SourceKind.LINEUP
    if found == "html" and (ARTICLE_TYPES.search(head) or OG_ARTICLE.search(head)):
        return SourceKind.ARTICLE
    if found == "jsonld":
        return SourceKind.LINEUP
    try:
        lineup = lineup_parser.parse(snapshot.content, url=snapshot.final_url, format="html")
    except ScrapeError:
        return SourceKind.ARTICLE
    people = sum(len(item.people) for item in lineup.sessions)
    return SourceKind.LINEUP if people else SourceKind.ARTICLE


def _page_url(snapshot: records.Snapshot) -> str | None:
    return snapshot.final_url if is_url(snapshot.final_url) else None


class _Labeller:
    """Collect each person a page names with what the page says about them; label them all
    at once when the page is ingested (two statements a page, not two a person: issue 16)."""

    def __init__(self) -> None:
        self.found: list[gender_service.Mention] = []

    def __call__(self, person: Person, found: records.PersonRef | records.Citation | None) -> None:
        pronouns = found.pronouns if isinstance(found, records.PersonRef) else None
        cues = found.cues if isinstance(found, records.Citation) else ()
        self.found.append(gender_service.Mention(person, pronouns=pronouns, cues=cues))

    def record(self, session: Session, engine: Engine) -> None:
        gender_service.infer_and_record_many(session, self.found, engine=engine)


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How to read one source: forced kind or format, series, outlet country, a public URL."""

    kind: SourceKind | None = None
    format: str | None = None
    series: str | None = None
    country: str | None = None
    source_id: int | None = None
    url_override: str | None = None


def ingest_snapshot(
    session: Session,
    snapshot: records.Snapshot,
    *,
    engine: Engine,
    options: IngestOptions | None = None,
) -> Outcome:
    """Parse SNAPSHOT, store it and ingest what it holds, all in the caller's transaction."""
    options = options or IngestOptions()
    kind = options.kind or classify(snapshot, format=options.format)
    url = _page_url(snapshot)
    # Parse before the first write: the transaction (and the row locks its writes take, which
    # other workers may wait on) begins with the snapshot's INSERT, after the CPU work (issue 16).
    if kind is SourceKind.LINEUP:
        lineup = lineup_parser.parse(snapshot.content, url=url, format=options.format)
        return _ingest_lineup(session, snapshot, lineup, engine=engine, options=options)
    if kind is SourceKind.ARTICLE:
        article = article_parser.parse(snapshot.content, url=url)
        lineup = None if options.kind else _agenda_marked_article(snapshot, article, url)
        if lineup is not None:
            return _ingest_lineup(session, snapshot, lineup, engine=engine, options=options)
        return _ingest_article(session, snapshot, article, engine=engine, options=options)
    raise InvalidInput(f"{snapshot.url}: a feed or sitemap lists articles: use feeds.ingest_any")


def _agenda_marked_article(
    snapshot: records.Snapshot, article: records.Article, url: str | None
) -> records.Lineup | None:
    """The lineup of a page that only og:type calls an article (site builders mark every page
    so) when it reads as no article (no author, no one cited) and lists at least MIN_LINEUP
    people as an agenda; else None."""
    if article.authors or article.cited or ARTICLE_TYPES.search(snapshot.content[:200_000]):
        return None
    try:
        lineup = lineup_parser.parse(snapshot.content, url=url, format="html")
    except ScrapeError:
        return None
    people = sum(len(item.people) for item in lineup.sessions)
    return lineup if people >= MIN_LINEUP else None


def _ingest_lineup(
    session: Session, snapshot: records.Snapshot, lineup: records.Lineup, *, engine: Engine,
    options: IngestOptions,
) -> Outcome:  # fmt: skip
    if options.url_override:
        event = lineup.event.model_copy(update={"url": options.url_override})
        lineup = lineup.model_copy(update={"event": event})
    if not lineup.sessions:
        raise EmptyDocument("the agenda lists no sessions", source=snapshot.url)
    row = ingest_service.store_snapshot(session, snapshot, source_id=options.source_id)
    labeller = _Labeller()
    event = ingest_service.ingest_lineup(
        session, lineup, snapshot_id=row.id, source_id=options.source_id,
        series=options.series, on_person=labeller, parser_version=lineup_parser_version(),
    )  # fmt: skip
    labeller.record(session, engine)
    people = sum(len(item.people) for item in lineup.sessions)
    detail = f"event {event.name!r}: {len(lineup.sessions)} sessions, {people} people"
    return Outcome(snapshot.url, True, SourceKind.LINEUP.value, detail)


def _ingest_article(
    session: Session, snapshot: records.Snapshot, article: records.Article, *, engine: Engine,
    options: IngestOptions,
) -> Outcome:  # fmt: skip
    if options.url_override or article.url is None:
        article = article.model_copy(update={"url": options.url_override or snapshot.url})
    row = ingest_service.store_snapshot(session, snapshot, source_id=options.source_id)
    labeller = _Labeller()
    stored = ingest_service.ingest_article(
        session, article, snapshot_id=row.id, source_id=options.source_id,
        country=options.country, on_person=labeller, parser_version=article_parser_version(),
    )  # fmt: skip
    labeller.record(session, engine)
    detail = f"article {stored.title!r}: {len(article.authors)} authors, {len(article.cited)} cited"
    return Outcome(snapshot.url, True, SourceKind.ARTICLE.value, detail)


def ingest_sources(
    factory: sessionmaker[Session],
    sources: Sequence[str],
    *,
    settings: Settings,
    engine: Engine,
    options: IngestOptions | None = None,
    allow_local: bool = True,
    robots: RobotsCache | None = None,
) -> list[Outcome]:
    """Ingest each source in its own transaction; a failure is reported, the rest go on.

    Each page is ingested as soon as it arrives, in a thread beside the event loop, so parsing
    and writing one page overlaps waiting for the next (a crawl of a slow site is bound by the
    site, not by the sum of its latency and our work). Outcomes are in SOURCES' order.
    """
    if not sources:
        return []
    ingest = functools.partial(ingest_fetched, factory, engine=engine, options=options)
    return asyncio.run(
        _fetch_and_ingest(sources, ingest, settings, allow_local=allow_local, robots=robots)
    )


async def _fetch_and_ingest(
    sources: Sequence[str],
    ingest: Callable[[str, records.Snapshot | ScrapeError], Outcome],
    settings: Settings,
    *,
    allow_local: bool,
    robots: RobotsCache | None,
) -> list[Outcome]:
    loop = asyncio.get_running_loop()
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="voicetally-ingest")
    try:
        # The fetcher's own client connects only to the addresses it checked (issue 14).
        async with Fetcher(None, fetch_policy(settings), robots=robots) as fetcher:

            async def one(source: str) -> Outcome:
                got: records.Snapshot | ScrapeError
                if is_url(source):
                    try:
                        got = await fetcher.fetch(source)
                    except ScrapeError as exc:
                        got = exc
                elif not allow_local:
                    got = FetchError("only http(s) URLs are accepted here", source=source)
                else:
                    got = _read_file(source, max_bytes=settings.fetch_max_bytes)
                return await loop.run_in_executor(writer, ingest, source, got)

            return list(await asyncio.gather(*(one(source) for source in sources)))
    finally:
        writer.shutdown(wait=True)


# Two workers writing rows that overlap (the same person, outlet or series, met on two pages
# at once) can collide: a unique violation (both created the row), or db.is_busy (a deadlock, a
# lock timeout, SQLite's busy writer). The transaction is rolled back whole, so running it again
# is safe; after a few tries the error is the page's outcome.
UNIQUE_VIOLATION = "23505"
RETRY_WRITES = 4


def _transient(exc: BaseException) -> bool:
    if isinstance(exc, IntegrityError):
        return getattr(exc.orig, "sqlstate", None) == UNIQUE_VIOLATION
    return db.is_busy(exc)


def in_transaction(
    factory: sessionmaker[Session], source: str, work: Callable[[Session], Outcome]
) -> Outcome:
    """Run WORK in one transaction, again when it collided with another writer; a failure
    leaves nothing behind and becomes the outcome of SOURCE."""
    retrying = tenacity.Retrying(
        retry=tenacity.retry_if_exception(_transient),
        before_sleep=tenacity.before_sleep_log(log, logging.INFO),
        stop=tenacity.stop_after_attempt(RETRY_WRITES),
        wait=tenacity.wait_random_exponential(multiplier=0.05, max=1.0),
        reraise=True,
    )
    try:
        for attempt in retrying:
            with attempt, factory() as session, session.begin():
                return work(session)
    except (ScrapeError, VoicetallyError, ValueError, json.JSONDecodeError) as exc:
        return Outcome(source, False, None, str(exc))
    except (IntegrityError, OperationalError) as exc:
        return Outcome(source, False, None, f"database: {str(exc.orig).splitlines()[0]}")
    raise AssertionError("unreachable: tenacity returns or raises")


def ingest_fetched(
    factory: sessionmaker[Session],
    source: str,
    got: records.Snapshot | ScrapeError,
    *,
    engine: Engine,
    options: IngestOptions | None = None,
) -> Outcome:
    """Ingest one fetched source in its own transaction; a failure leaves nothing behind."""
    if isinstance(got, ScrapeError):
        return Outcome(source, False, None, str(got))
    return in_transaction(
        factory, source, lambda session: ingest_snapshot(session, got, engine=engine,
                                                         options=options)
    )  # fmt: skip
