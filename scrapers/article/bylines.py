"""Find an article's authors from JSON-LD, meta tags, the visible byline and trafilatura's guess.

Structured sources come first; the visible byline adds co-authors when it agrees with them.
Must not import app or dashboards.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from types import ModuleType
from typing import Any, cast

from lxml import etree, html

from scrapers.article import lang_en, names

__all__ = ["clean_byline", "extract_authors"]

AUTHOR_META = frozenset(
    {"author", "article:author", "byl", "dc.creator", "dcterms.creator", "sailthru.author"}
    | {"parsely-author", "og:article:author", "dcsext.author", "citation_author"}
)
ARTICLE_TYPES = re.compile(r"Article|Posting|Report|CreativeWork|WebPage", re.IGNORECASE)
PERSON_TYPES = frozenset({"Person", ""})
SKIPPED_JSONLD_KEYS = frozenset({"itemReviewed", "review", "reviews", "mentions", "about"})
# The elements with rel or itemprop "author", or a class holding "byline" or "author", or an id
# holding "byline", outside scripts, styles and comments. Written as a union over the attributes,
# not "//*[@rel='author' or ... or contains(@id, 'byline')]": that tests five predicates on every
# element of the page, this walks each attribute name once (issue 12: on real pages it cost about
# as much as the whole sentence engine). A test checks both find the same elements, in order.
VISIBLE_XPATH = (
    "(//@rel[. = 'author']/.. | //@itemprop[. = 'author']/.."
    " | //@class[contains(., 'byline') or contains(., 'author')]/.."
    " | //@id[contains(., 'byline')]/..)"
    "[not(ancestor-or-self::script or ancestor-or-self::style"
    " or ancestor-or-self::*[contains(@class, 'comment')])]"
)
_VISIBLE = etree.XPath(VISIBLE_XPATH)
# "//script[@type='application/ld+json']" and "//meta[@content]" are walked with lxml's own
# tag filter, not XPath: the same elements in the same order, for less (issue 12: cost; a test
# compares both).
JSONLD_TYPE = "application/ld+json"
MAX_BYLINE_CHARS = 200
BY_PREFIX_RE = re.compile(r"^.{0,40}?\bby\b[:\s]+", re.IGNORECASE)
MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
CUT_RE = re.compile(
    r"\b(?:Published|Updated|Posted|Last updated|Follow)\b"
    rf"|\b(?:{MONTHS})[a-z]*\.?\s+\d|\b\d{{1,2}}\s+(?:{MONTHS})|\d{{1,2}}:\d{{2}}|\d{{4}}-\d{{2}}",
    re.IGNORECASE,
)
# What every CUT_RE match holds: a decimal digit, or in any case "ubl" (Published), "ted"
# (Updated, Posted) or "ollow" (Follow); letters no other character lower-cases to or matches
# ignoring case. Tested first, as CUT_RE is tried at every place of the byline (issue 12: cost).
CUT_WORDS = ("ubl", "ted", "ollow")
SPLIT_RE = re.compile(r"\s*(?:,|;|\||/|\band\b|&|\bwith\b|\n)\s*", re.IGNORECASE)
# What every SPLIT_RE match holds: one of these characters, or in any case "and" or "th" (of
# "with"; "i" has other forms ignoring case). Tested first, as SPLIT_RE is tried at every place.
SPLIT_CHARS = (",", ";", "|", "/", "&", "\n")
SPLIT_WORDS = ("and", "th")
TOKEN_RE = re.compile(r"\S+")
MIN_TOKENS, MAX_TOKENS = 2, 5


def _is_upper(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _is_camel(token: str) -> bool:
    """WebMD, CNNMoney: two capitals after the first letter (McCoy and DeSantis have one)."""
    return token.isalpha() and sum(c.isupper() for c in token[1:]) > 1 and not _is_upper(token)


def _name_tokens(part: str, *, outlet_words: set[str], lang: ModuleType) -> list[str]:
    """Keep the leading tokens that look like a name; stop at a role, outlet or date."""
    tokens = TOKEN_RE.findall(part)
    mixed = any(not _is_upper(t) for t in tokens if t[:1].isalpha())
    kept: list[str] = []
    for token in tokens:
        bare = token.strip("()[].,:").split("-")[0].lower()
        lower = not token[:1].isupper() and not token.startswith("(")
        if lower and token.lower() not in lang.NAME_PARTICLES:
            break
        if bare in lang.INSTITUTIONAL_WORDS or bare in outlet_words or _is_camel(token):
            break
        words = [t for t in kept if "." not in t and not t.startswith("(")]
        initials = "." in token or token.startswith("(")
        if mixed and words and not initials and _is_upper(token) != _is_upper(words[-1]):
            break
        kept.append(token)
    return kept


def _valid(tokens: list[str], lang: ModuleType) -> bool:
    words = [t.strip("().,").lower() for t in tokens]
    if not MIN_TOKENS <= len(tokens) <= MAX_TOKENS or any(c.isdigit() for c in "".join(tokens)):
        return False
    if words[0] in lang.NOT_NAMES or words[0] in lang.BYLINE_ROLE_WORDS:
        return False
    if set(words) & lang.JUNK_BYLINES:
        return False
    return not set(words) & lang.INSTITUTIONAL_WORDS


def _may_cut(text: str) -> bool:
    """Tell whether CUT_RE may match `text` (CUT_WORDS)."""
    lowered = text.lower()
    return any(word in lowered for word in CUT_WORDS) or any(c.isdecimal() for c in text)


def _may_split(text: str) -> bool:
    """Tell whether SPLIT_RE may match `text` (SPLIT_CHARS, SPLIT_WORDS)."""
    if any(char in text for char in SPLIT_CHARS):
        return True
    lowered = text.lower()
    return any(word in lowered for word in SPLIT_WORDS)


def clean_byline(raw: str, *, outlet: str | None = None, lang: ModuleType = lang_en) -> list[str]:
    """Return the person names in a byline string; institutional bylines give none."""
    text = " ".join(raw.split())
    if not text or text.lower().startswith(("http://", "https://", "@")):
        return []
    text = BY_PREFIX_RE.sub("", text)
    cut = CUT_RE.search(text) if _may_cut(text) else None
    text = text[: cut.start()] if cut else text
    outlet_words = {w.lower() for w in re.findall(r"\w+", outlet or "")} - {"the"}
    found: list[str] = []
    for part in SPLIT_RE.split(text) if _may_split(text) else [text]:
        tokens = _name_tokens(part.strip(), outlet_words=outlet_words, lang=lang)
        if _valid(tokens, lang):
            found.append(names.title_case(" ".join(tokens)))
    return found


def _walk_jsonld(node: Any, *, in_article: bool = False) -> Iterator[Any]:
    """Yield the `author` values of article objects, skipping reviewed items and mentions."""
    if isinstance(node, list):
        for item in node:
            yield from _walk_jsonld(item, in_article=in_article)
    elif isinstance(node, dict):
        kind = node.get("@type", "")
        kind = " ".join(kind) if isinstance(kind, list) else str(kind)
        if ARTICLE_TYPES.search(kind) and "author" in node:
            yield node["author"]
        for key, value in node.items():
            if key not in SKIPPED_JSONLD_KEYS and key != "author":
                yield from _walk_jsonld(value)


def _person_names(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _person_names(item)
    elif isinstance(value, dict):
        kind = value.get("@type", "")
        if isinstance(kind, str) and kind in PERSON_TYPES and isinstance(value.get("name"), str):
            yield value["name"]


def _document(tree: html.HtmlElement) -> html.HtmlElement:
    """The root element of `tree`'s document: where an XPath led by "//" looks."""
    return cast(html.HtmlElement, tree.getroottree().getroot())


def _jsonld_scripts(tree: html.HtmlElement) -> list[html.HtmlElement]:
    """What "//script[@type='application/ld+json']" finds."""
    return [s for s in _document(tree).iter("script") if s.get("type") == JSONLD_TYPE]


def _metas(tree: html.HtmlElement) -> list[html.HtmlElement]:
    """What "//meta[@content]" finds."""
    return [m for m in _document(tree).iter("meta") if m.get("content") is not None]


def _jsonld_authors(tree: html.HtmlElement) -> Iterator[str]:
    for script in _jsonld_scripts(tree):
        try:
            data = json.loads(script.text_content() or "null")
        except ValueError:
            continue
        for value in _walk_jsonld(data):
            yield from _person_names(value)


def _meta_authors(tree: html.HtmlElement) -> Iterator[str]:
    for meta in _metas(tree):
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        if key in AUTHOR_META:
            yield meta.get("content") or ""


def _visible_groups(tree: html.HtmlElement) -> Iterator[str]:
    for element in cast(list[html.HtmlElement], _VISIBLE(tree)):
        text = " ".join(" ".join(element.itertext()).split())
        if text and len(text) <= MAX_BYLINE_CHARS:
            yield text


def _institutional(raw: str, lang: ModuleType = lang_en) -> bool:
    return bool({w.lower() for w in re.findall(r"\w+", raw)} & lang.INSTITUTIONAL_WORDS)


def _merge(*groups: list[str]) -> list[str]:
    merged: list[str] = []
    for group in groups:
        for name in group:
            if not any(names.same_person(name, kept) for kept in merged):
                merged.append(name)
    return merged


def extract_authors(
    tree: html.HtmlElement, *, guessed: str | None = None, outlet: str | None = None
) -> tuple[str, ...]:
    """Return the article's authors, combining structured data, the byline and `guessed`."""
    structured = _merge(
        *(clean_byline(raw, outlet=outlet) for raw in _jsonld_authors(tree)),
        *(clean_byline(raw, outlet=outlet) for raw in _meta_authors(tree)),
    )
    extracted = _merge(*(clean_byline(raw, outlet=outlet) for raw in (guessed or "").split(";")))
    base = structured or extracted
    for raw in _visible_groups(tree):
        visible = clean_byline(raw, outlet=outlet)
        if not base and (visible or _institutional(raw)):
            return tuple(visible)  # the first byline naming someone decides, even "Our Staff"
        if any(names.same_person(a, b) for a in visible for b in base):
            return tuple(_merge(structured, visible, extracted))
    return tuple(base)
