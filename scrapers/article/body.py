"""Main text and page metadata (title, date, outlet, language) of an article page, by trafilatura.

Pure: bytes in, values out. Must not import app or dashboards.
"""

from __future__ import annotations

import copy
import inspect
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from types import ModuleType
from typing import Any, cast

import trafilatura
import trafilatura.core
import trafilatura.external
import trafilatura.metadata
from lxml import etree, html
from trafilatura.settings import Extractor
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


HAS_PARAGRAPH_TEXT = etree.XPath("boolean(.//p//text())")
COMPARE_PARAMETERS = ["cleaned_tree", "raw_tree", "body", "text", "options"]

CANONICAL = etree.XPath(
    "//link[translate(@rel, 'CANOICL', 'canoicl')='canonical']/@href"
    " | //meta[@property='og:url']/@content"
)
META_WITH_CONTENT = etree.XPath("//meta[@content]")


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
    for meta in cast("list[html.HtmlElement]", META_WITH_CONTENT(tree)):
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


def _page_text_at_most(tree: Any, limit: int) -> bool:
    """Whether the page's text without scripts and styles, its white space collapsed as
    trafilatura's trim does, has at most LIMIT characters. Collapsing only shortens, and taking
    out the scripts' text takes out at least its non-space characters: the raw length decides
    most pages without the collapse."""
    text = etree.tostring(tree, method="text", encoding=str)
    scripts = [element.text or "" for element in tree.iter("script", "style")]
    if len(text) - sum(len(script) for script in scripts) <= limit:
        return True
    collapsed = len(" ".join(text.split()))
    return collapsed - sum(len("".join(script.split())) for script in scripts) <= limit


def _fallback_cannot_win(raw_tree: Any, body: Any, text: str, options: Any) -> bool:
    """True when trafilatura's comparison (trafilatura.external.compare_extraction, balanced
    focus) would keep its own extraction: the text is long enough and clean, so justext is not
    tried, it has paragraphs and fewer tables than paragraphs, and readability, whose text is a
    part of the page's, cannot be more than twice as long since the whole page is not."""
    if options.focus != "balanced" or len(text) < options.min_extracted_size:
        return False
    if SANITIZED(body) or not HAS_PARAGRAPH_TEXT(body):
        return False
    if len(body.findall(".//table")) > len(body.findall(".//p")):
        return False
    return _page_text_at_most(raw_tree, 2 * len(text))


def _compare_when_it_can_matter(
    cleaned_tree: Any, raw_tree: Any, body: Any, text: str, options: Any
) -> Any:
    if not OURS.get():
        return COMPARE[0](cleaned_tree, raw_tree, body, text, options)
    if _fallback_cannot_win(raw_tree, body, text, options):
        chosen = body, text
    else:
        chosen = COMPARE[0](cleaned_tree, raw_tree, body, text, options)
    EXTRACTED.set(len(chosen[1]))
    return chosen


def _replace_for_our_calls(
    module: ModuleType,
    name: str,
    parameters: list[str],
    replacement: Callable[..., Any],
    originals: list[Callable[..., Any]],
) -> bool:
    """Put REPLACEMENT (which acts only while OURS is set) at MODULE.NAME, keeping trafilatura's
    own function in ORIGINALS, when that function takes PARAMETERS; True when it is in. Left
    alone on a trafilatura whose function has another shape."""
    found = getattr(module, name, None)
    if found is None:
        return False
    if found is replacement:
        return True
    if list(inspect.signature(found).parameters) != parameters:
        return False
    originals.append(found)
    setattr(module, name, replacement)
    return True


# Set while extract_body runs trafilatura: the guards act for our calls only, and trafilatura alone
# (the benches' baseline, any other caller in the process) stays as it is.
OURS: ContextVar[bool] = ContextVar("voicetally_extraction", default=False)
SANITIZED_XPATH: str = getattr(trafilatura.external, "SANITIZED_XPATH", "")
SANITIZED = etree.XPath(SANITIZED_XPATH or "false()")
COMPARE: list[Callable[..., Any]] = []  # trafilatura's own comparison, once the guard is in
# readability and justext cost a sixth of trafilatura's time on a news page, and change nothing
# where _fallback_cannot_win
COMPARISON_GUARDED = bool(SANITIZED_XPATH) and _replace_for_our_calls(
    trafilatura.core, "compare_extraction", COMPARE_PARAMETERS, _compare_when_it_can_matter, COMPARE
)


def _categories_and_tags_unread(metatype: str, tree: Any) -> list[str]:
    """trafilatura.metadata.extract_catstags, but nothing in our calls: an article's categories
    and tags are never read here, and their XPaths cost ~7% of trafilatura's instructions on a
    PolNeAR page."""
    if OURS.get():
        return []
    return CATSTAGS[0](metatype, tree)


CATSTAGS: list[Callable[[str, Any], list[str]]] = []  # trafilatura's own, once skipped
CATSTAGS_SKIPPED = _replace_for_our_calls(
    trafilatura.metadata,
    "extract_catstags",
    ["metatype", "tree"],
    _categories_and_tags_unread,
    CATSTAGS,
)


def _license_unread(tree: Any) -> str | None:
    """trafilatura.metadata.extract_license, but nothing in our calls: a page's license is
    never read here (~1.5% of trafilatura's time on a PolNeAR page)."""
    if OURS.get():
        return None
    return LICENSE[0](tree)


LICENSE: list[Callable[[Any], str | None]] = []  # trafilatura's own, once skipped
LICENSE_SKIPPED = _replace_for_our_calls(
    trafilatura.metadata, "extract_license", ["tree"], _license_unread, LICENSE
)


# The length of the text trafilatura's comparison chose, in our calls (None before it).
EXTRACTED: ContextVar[int | None] = ContextVar("voicetally_extracted", default=None)
ESCALATION_PAGE_SHARE: float | None = getattr(trafilatura.core, "ESCALATION_PAGE_SHARE", None)
# At least the length of html2txt(tree) for any tree: the string value of the whole tree (every
# text node) and two spaces for each element (html2txt puts one before an element's text and
# one after its tail); its cleaning and white-space collapse only take characters away.
PAGE_TEXT_BOUND = etree.XPath("string-length(.) + 2 * count(descendant-or-self::*)")


def _page_text_unless_covered(content: Any, clean: bool = True) -> str:
    """trafilatura's html2txt, but "" in our calls where the extraction already covers
    ESCALATION_PAGE_SHARE of any text html2txt could return.

    trafilatura_sequence reads html2txt(tree) only for its length, to retry a short
    extraction (`len(text) < ESCALATION_PAGE_SHARE * len(html2txt(tree))`), and its text is
    then at least as long as the comparison's (the baseline rescue replaces it only with a
    longer one): where the bound says the retry cannot happen, "" says the same, without
    copying, cleaning and walking the tree (~0.2 ms on a short PolNeAR page, issue 12)."""
    if OURS.get() and ESCALATION_PAGE_SHARE is not None and isinstance(content, html.HtmlElement):
        extracted = EXTRACTED.get()
        if extracted is not None:
            bound = cast(float, PAGE_TEXT_BOUND(content))
            if extracted >= ESCALATION_PAGE_SHARE * bound:
                return ""
    return HTML2TXT[0](content, clean)


HTML2TXT: list[Callable[..., str]] = []  # trafilatura's own, once guarded
ESCALATION_GUARDED = ESCALATION_PAGE_SHARE is not None and _replace_for_our_calls(
    trafilatura.core, "html2txt", ["content", "clean"], _page_text_unless_covered, HTML2TXT
)


@contextmanager
def _ours() -> Iterator[None]:
    token = OURS.set(True)
    extracted = EXTRACTED.set(None)
    try:
        yield
    finally:
        EXTRACTED.reset(extracted)
        OURS.reset(token)


def _extractor(url: str | None) -> Extractor:
    """The options bare_extraction(url=URL, with_metadata=True, include_comments=False) would
    build, from one built at import: building them reads trafilatura's configparser settings
    again (~50 us a page). Nothing in an extraction changes its options."""
    if url is None:
        return EXTRACTOR
    options = copy.copy(EXTRACTOR)
    options.url = url
    options.source = url.encode("utf-8", "replace").decode("utf-8")
    return options


EXTRACTOR = Extractor(output_format="python", comments=False, with_metadata=True)


def extract_body(content: bytes, *, url: str | None = None) -> Body:
    """Extract main text and metadata; raise ParseError subclasses on unusable pages."""
    tree = _load(content, url)
    # bare_extraction copies a tree it is given, so `tree` stays untouched for the bylines
    with _ours():
        document = trafilatura.bare_extraction(tree, options=_extractor(url))
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
    for found in cast("list[str]", CANONICAL(tree)):
        value = str(found).strip()
        if value.lower().startswith(("http://", "https://")):
            return value
    return None
