"""Main text and page metadata (title, date, outlet, language) of an article page, by trafilatura.

Pure: bytes in, values out. Must not import app or dashboards.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import datetime

import trafilatura
from lxml import html
from trafilatura.utils import load_html

from scrapers.errors import EmptyDocument, ParseError, UnknownFormat

__all__ = ["Body", "extract_body"]

MAX_BYTES = 30_000_000  # beyond this a page is refused rather than parsed for seconds
MARKUP_RE = re.compile(rb"<\s*(?:!doctype|html|head|body|meta|div|p|article|title)\b", re.I)
SNIFF_BYTES = 4096
PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "pubdate",
    "date",
    "dc.date",
    "dcterms.created",
)
LANG_META = ("og:locale", "content-language", "language", "dc.language")
LANG_RE = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")


CANONICAL_XPATH = (
    "//link[translate(@rel, 'CANOICL', 'canoicl')='canonical']/@href"
    " | //meta[@property='og:url']/@content"
)


@dataclass(frozen=True, slots=True)
class Body:
    """What trafilatura and the page head say about an article."""

    tree: html.HtmlElement  # the untouched page, for bylines
    text: str
    title: str | None
    published: datetime | None
    outlet: str | None
    language: str | None
    author_guess: str | None
    url: str | None = None  # the page's own canonical URL (link rel=canonical, og:url)


def _load(content: bytes, source: str | None) -> html.HtmlElement:
    if not content.strip():
        raise EmptyDocument("empty page", source=source)
    if len(content) > MAX_BYTES:
        raise ParseError(f"page larger than {MAX_BYTES} bytes", source=source)
    if not MARKUP_RE.search(content[:SNIFF_BYTES]) and not MARKUP_RE.search(content):
        raise UnknownFormat("not an HTML page", source=source)
    try:
        tree = load_html(content)
    except (ValueError, TypeError) as error:  # lxml raises these on unusable input
        raise ParseError(f"unreadable HTML: {error}", source=source) from error
    if tree is None:
        raise ParseError("unreadable HTML", source=source)
    return tree


def _meta(tree: html.HtmlElement, keys: tuple[str, ...]) -> list[str]:
    values: list[str] = []
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        key = key or (meta.get("http-equiv") or "").lower()
        if key in keys and (meta.get("content") or "").strip():
            values.append(meta.get("content").strip())
    return values


def _published(tree: html.HtmlElement, day: str | None) -> datetime | None:
    """Prefer a full timestamp from the head when it agrees with trafilatura's date."""
    for raw in _meta(tree, PUBLISHED_META):
        try:
            stamp = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            continue
        if day is None or stamp.date().isoformat() == day:
            return stamp
    if day is None:
        return None
    try:
        return datetime.fromisoformat(day)
    except ValueError:
        return None


def _language(tree: html.HtmlElement, guess: str | None) -> str | None:
    candidates = [tree.get("lang") or "", *_meta(tree, LANG_META), guess or ""]
    for raw in candidates:
        match = LANG_RE.match(raw.strip())
        if match:
            return match.group(1).lower()
    return None


def extract_body(content: bytes, *, url: str | None = None) -> Body:
    """Extract main text and metadata; raise ParseError subclasses on unusable pages."""
    tree = _load(content, url)
    # bare_extraction copies a tree it is given, so `tree` stays untouched for the bylines
    document = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False
    )
    if document is None or isinstance(document, dict):
        metadata = trafilatura.extract_metadata(copy.deepcopy(tree), default_url=url)
        if metadata is None or not (metadata.title or metadata.author):
            raise EmptyDocument("no article text or metadata found", source=url)
        text = ""
        document = metadata
    else:
        text = document.text or ""
    return Body(
        tree=tree,
        text=text,
        title=document.title or None,
        published=_published(tree, document.date),
        outlet=document.sitename or None,
        language=_language(tree, document.language),
        author_guess=document.author or None,
        url=_canonical(tree),
    )


def _canonical(tree: html.HtmlElement) -> str | None:
    """The page's own absolute http(s) URL: link rel=canonical, else og:url."""
    for found in tree.xpath(CANONICAL_XPATH):
        value = str(found).strip()
        if value.lower().startswith(("http://", "https://")):
            return value
    return None
