"""Article discovery: parse RSS 2.0, RSS 1.0 (RDF), Atom 1.0 and sitemaps (plain, news, index).

Pure: bytes in, FeedEntry records out; fetching is the caller's. A sitemap index yields its
child sitemaps with `is_sitemap=True`. Must not import app or dashboards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from lxml import etree

from scrapers.errors import EmptyDocument, ParseError, UnknownFormat

__all__ = ["FeedEntry", "in_window", "parse_feed"]

MAX_BYTES = 50_000_000  # the sitemap protocol's own limit is 50 MB uncompressed
URL_RE = re.compile(r"^https?://", re.IGNORECASE)
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


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child.tag) == name]


def _text(element: etree._Element, *names: str) -> str | None:
    """Return the stripped text of the first descendant with one of `names` (local names)."""
    for node in element.iter():
        if _local(node.tag) in names and (node.text or "").strip():
            return str(node.text).strip()
    return None


def parse_date(raw: str | None) -> datetime | None:
    """Read an RFC 822 (RSS) or ISO 8601 (Atom, sitemaps) date; naive means UTC-less."""
    if not raw:
        return None
    raw = raw.strip()
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None


def _absolute(link: str | None, base: str | None) -> str | None:
    if not link:
        return None
    link = link.strip()
    if base and not URL_RE.match(link):
        link = urljoin(base, link)
    return link if URL_RE.match(link) else None


def _atom_link(entry: etree._Element) -> str | None:
    links = _children(entry, "link")
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return next((link.get("href") for link in links if link.get("href")), None)


def _rss_items(root: etree._Element, base: str | None) -> list[FeedEntry]:
    entries = []
    for item in (node for node in root.iter() if _local(node.tag) == "item"):
        link = _text(item, "link") or item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
        guid = next(iter(_children(item, "guid")), None)
        if link is None and guid is not None and guid.get("isPermaLink", "true") != "false":
            link = (guid.text or "").strip()
        url = _absolute(link, base)
        if url:
            stamp = _text(item, "pubdate", "date", "published", "updated")
            entries.append(FeedEntry(url, parse_date(stamp), _text(item, "title")))
    return entries


def _atom_entries(root: etree._Element, base: str | None) -> list[FeedEntry]:
    entries = []
    for entry in _children(root, "entry"):
        url = _absolute(_atom_link(entry), base)
        if url:
            stamp = _text(entry, "published", "updated")
            entries.append(FeedEntry(url, parse_date(stamp), _text(entry, "title")))
    return entries


def _sitemap_entries(root: etree._Element, base: str | None, *, index: bool) -> list[FeedEntry]:
    entries = []
    for node in _children(root, "sitemap" if index else "url"):
        url = _absolute(_text(node, "loc"), base)
        if url:
            # news:publication_date is the article's date; lastmod only says it changed.
            stamp = _text(node, "publication_date") or _text(node, "lastmod")
            entries.append(FeedEntry(url, parse_date(stamp), _text(node, "title"), index))
    return entries


def _root(content: bytes, url: str | None) -> etree._Element:
    if not content.strip():
        raise EmptyDocument("empty feed", source=url)
    if len(content) > MAX_BYTES:
        raise ParseError(f"feed larger than {MAX_BYTES} bytes", source=url)
    try:
        root = etree.fromstring(content.strip(), parser=PARSER)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise ParseError(f"unreadable XML: {error}", source=url) from error
    if root is None:
        raise UnknownFormat("not an XML feed or sitemap", source=url)
    return root


def parse_feed(content: bytes, *, url: str | None = None) -> list[FeedEntry]:
    """Parse a feed or sitemap into entries, in document order, deduplicated by URL."""
    root = _root(content, url)
    kind = _local(root.tag)
    if kind in {"rss", "rdf"}:
        entries = _rss_items(root, url)
    elif kind == "feed":
        entries = _atom_entries(root, url)
    elif kind in {"urlset", "sitemapindex"}:
        entries = _sitemap_entries(root, url, index=kind == "sitemapindex")
    else:
        raise UnknownFormat(f"not a feed or sitemap (root element <{kind}>)", source=url)
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
