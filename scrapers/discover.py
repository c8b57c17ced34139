"""Article discovery: the links a feed or sitemap lists, with their dates.

RSS 0.9x/1.0/2.0 and Atom are read with feedparser (links, relative URLs, permalink guids and the
dozen date formats feeds use); sitemaps (plain, news, index; `.xml.gz` too) with lxml, since no
permissively licensed library reads their dates from content already fetched (issue 16:
trafilatura.sitemaps keeps only `<loc>`, ultimate-sitemap-parser is GPL). Pure: bytes in,
FeedEntry records out; fetching is the caller's. A sitemap index yields its child sitemaps with
`is_sitemap=True`. Must not import app or dashboards.
"""

from __future__ import annotations

import calendar
import re
import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser  # type: ignore[import-untyped]  # no stubs, no py.typed
from lxml import etree

from scrapers.errors import EmptyDocument, ParseError, TooLarge, UnknownFormat

__all__ = ["FeedEntry", "in_window", "parse_feed"]

MAX_BYTES = 50_000_000  # the sitemap protocol's own limit is 50 MB uncompressed
URL_RE = re.compile(r"^https?://", re.IGNORECASE)
GZIP_MAGIC = b"\x1f\x8b"
SITEMAP_ROOT = re.compile(rb"<(?:[\w-]+:)?(?:urlset|sitemapindex)[\s>]")
HTML_ROOT = re.compile(rb"<html[\s>]", re.IGNORECASE)
PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, recover=True, huge_tree=False, load_dtd=False
)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One link found in a feed or sitemap."""

    url: str
    published: datetime | None = None
    title: str | None = None
    is_sitemap: bool = False  # a child sitemap of a sitemap index, to fetch and parse in turn


def _local(tag: object) -> str:
    """Return a tag's local name, lower-cased; comments and processing instructions give ''."""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower() if isinstance(tag, str) else ""


def _text(element: etree._Element, *names: str) -> str | None:
    """Return the stripped text of the first descendant with one of `names` (local names)."""
    for node in element.iter():
        if _local(node.tag) in names and (node.text or "").strip():
            return str(node.text).strip()
    return None


def parse_date(raw: str | None) -> datetime | None:
    """Read a sitemap's W3C datetime (ISO 8601); naive means UTC-less."""
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _absolute(link: str | None, base: str | None) -> str | None:
    if not link:
        return None
    link = link.strip()
    if base and not URL_RE.match(link):
        link = urljoin(base, link)
    return link if URL_RE.match(link) else None


def _sitemap_entries(content: bytes, url: str | None) -> list[FeedEntry]:
    try:
        root = etree.fromstring(content.strip(), parser=PARSER)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise ParseError(f"unreadable XML: {error}", source=url) from error
    if root is None or _local(root.tag) not in {"urlset", "sitemapindex"}:
        raise UnknownFormat("not a sitemap", source=url)
    index = _local(root.tag) == "sitemapindex"
    entries = []
    for node in (child for child in root if _local(child.tag) == ("sitemap" if index else "url")):
        link = _absolute(_text(node, "loc"), url)
        if link:
            # news:publication_date is the article's date; lastmod only says it changed.
            stamp = _text(node, "publication_date") or _text(node, "lastmod")
            entries.append(FeedEntry(link, parse_date(stamp), _text(node, "title"), index))
    return entries


def _when(entry: Any) -> datetime | None:
    # Read the stored keys as a plain dict: FeedParserDict maps a missing updated_parsed to
    # published_parsed with a DeprecationWarning (feedparser issue 310).
    parsed = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC) if parsed else None


def _feed_entries(content: bytes, url: str | None) -> list[FeedEntry]:
    if HTML_ROOT.search(content[:2000]):
        raise UnknownFormat("not a feed or sitemap: an HTML page", source=url)
    headers = {"content-type": "application/xml", **({"content-location": url} if url else {})}
    try:
        parsed = feedparser.parse(content, response_headers=headers, sanitize_html=False,
                                  resolve_relative_uris=True)  # fmt: skip
    except (UnicodeError, ValueError, LookupError) as error:
        # feedparser decodes a declared encoding's name without guarding it: a name that is
        # not UTF-8 or holds a NUL escapes as these, not as its `bozo_exception`.
        raise ParseError(
            f"not a readable feed: its encoding declaration: {error}", source=url
        ) from error
    if not parsed.entries and not parsed.version:  # an empty feed is fine: nothing new
        reason = parsed.get("bozo_exception") or "no feed entries"
        raise ParseError(f"not a readable feed or sitemap: {reason}", source=url)
    entries = []
    for entry in parsed.entries:
        link = _absolute(entry.get("link"), url)
        if link:
            entries.append(FeedEntry(link, _when(entry), entry.get("title") or None))
    return entries


def _gunzip(content: bytes, *, url: str | None, max_bytes: int) -> bytes:
    """Decompress a gzipped sitemap, refusing one that inflates past MAX_BYTES."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        body = inflater.decompress(content, max_bytes + 1)
    except zlib.error as exc:
        raise ParseError(f"unreadable gzip: {exc}", source=url) from exc
    if len(body) > max_bytes or inflater.unconsumed_tail:
        raise TooLarge(f"gzipped sitemap inflates past {max_bytes} bytes", source=url)
    return body


def parse_feed(
    content: bytes, *, url: str | None = None, max_bytes: int = MAX_BYTES
) -> list[FeedEntry]:
    """Parse a feed or sitemap (plain or gzipped) into entries, in document order, deduplicated
    by URL. URL is where it was fetched from: relative links resolve against it."""
    if content.startswith(GZIP_MAGIC):
        content = _gunzip(content, url=url, max_bytes=max_bytes)
    if not content.strip():
        raise EmptyDocument("empty feed", source=url)
    if len(content) > max_bytes:
        raise TooLarge(f"feed larger than {max_bytes} bytes", source=url)
    if SITEMAP_ROOT.search(content[:4000]):
        entries = _sitemap_entries(content, url)
    else:
        entries = _feed_entries(content, url)
    seen: set[str] = set()
    unique = []
    for entry in entries:
        if entry.url not in seen:
            seen.add(entry.url)
            unique.append(entry)
    return unique


def _day(value: datetime | date) -> date:
    if isinstance(value, datetime):
        return (value.astimezone(UTC) if value.tzinfo else value).date()
    return value


def in_window(
    entries: list[FeedEntry],
    *,
    since: date | None = None,
    until: date | None = None,
    keep_undated: bool = False,
) -> list[FeedEntry]:
    """Keep entries published between `since` and `until` (inclusive days, UTC).

    A child sitemap is kept unless its lastmod is before `since` (then nothing in it is new);
    undated entries only with `keep_undated`.
    """
    kept = []
    for entry in entries:
        if entry.is_sitemap:
            if entry.published is None or since is None or _day(entry.published) >= since:
                kept.append(entry)
        elif entry.published is None:
            if keep_undated:
                kept.append(entry)
        else:
            day = _day(entry.published)
            if (since is None or day >= since) and (until is None or day <= until):
                kept.append(entry)
    return kept
