"""HTML agenda pages: a per-site selector config (sites/*.yaml) when the host has one, else the
heuristics in heuristics.py; JSON-LD on the page wins when it names more people. Pure; no app.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from scrapers import text
from scrapers.errors import EmptyDocument, ParseError
from scrapers.lineup import assemble, heuristics, jsonld, prose, sites
from scrapers.records import Event, Lineup, Session

__all__ = ["parse"]

FORMAT = "html"
DROP_TAGS = ("script", "style", "noscript", "nav", "footer", "form", "aside", "svg", "template")
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
LINE_TAGS = frozenset({"p", "li", "dt", "dd", "td", "th", "blockquote", "figcaption"})
BOLD_LEVEL = 7  # a paragraph all in bold reads as the deepest heading


def parse(content: bytes, *, url: str | None = None) -> Lineup:
    """Parse an HTML agenda page: site config, then heuristics, then JSON-LD."""
    root = _read(content, url=url)
    name = _page_title(root)
    config = sites.config_for(url)
    if config is not None:
        sessions = sites.extract(root, config, title_people=prose.inline_people)
    else:
        drafts = heuristics.read_lines(_lines(root), default_title=name)
        sessions = [
            assemble.make_session(d.title or name, people=d.people) for d in drafts if d.people
        ]
    structured = _jsonld(content, url=url)
    if structured is not None and _count(structured.sessions) >= _count(sessions):
        return structured  # the page's own schema.org Event says at least as much
    if not sessions:
        raise EmptyDocument("no sessions or people found on the page", source=url)
    event = Event(name=name or "(untitled)", url=url)
    return assemble.make_lineup(event, sessions, fmt=FORMAT, url=url)


def _jsonld(content: bytes, *, url: str | None) -> Lineup | None:
    try:
        return jsonld.parse(content, url=url)
    except ParseError:
        return None


def _count(sessions: Sequence[Session]) -> int:
    return sum(len(s.people) for s in sessions)


def _read(content: bytes, *, url: str | None) -> HtmlElement:
    try:
        root = lxml.html.document_fromstring(assemble.decode(content).replace("\x00", ""))
        assert isinstance(root, HtmlElement)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"unreadable HTML: {exc}", source=url) from exc
    return root


def _page_title(root: HtmlElement) -> str:
    for meta in root.iter("meta"):
        if meta.get("property") == "og:title" and text.clean(meta.get("content")):
            return text.clean(meta.get("content"))
    for tag in ("h1", "title"):
        for node in root.iter(tag):
            if text.clean(node.text_content()):
                return text.clean(node.text_content())
    return ""


def _lines(root: HtmlElement) -> Iterator[tuple[int, str]]:
    """Yield (level, text) for headings (1-6, bold-only paragraphs 7) and leaf text blocks (0)."""
    for node in list(root.iter(*DROP_TAGS)):
        if node.getparent() is not None:
            node.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for node in root.iter():
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in HEADING_TAGS:
            yield int(tag[1]), text.clean(node.text_content())
        elif tag in LINE_TAGS and _is_bold_only(node):
            yield BOLD_LEVEL, text.clean(node.text_content())
        elif tag in LINE_TAGS and not any(
            isinstance(c.tag, str) and c.tag in LINE_TAGS for c in node.iterdescendants()
        ):
            for line in node.text_content().split("\n"):
                if text.clean(line):
                    yield heuristics.BODY, text.clean(line)


def _is_bold_only(node: HtmlElement) -> bool:
    bold = "".join(b.text_content() for b in node.iterchildren("strong", "b"))
    whole = text.clean(node.text_content())
    return bool(whole) and text.clean(bold) == whole and len(whole) < 150
