"""Markdown agendas (Jekyll/Hugo pages, READMEs): front matter dropped, kramdown attribute lines
({: .class}) dropped, the rest rendered to HTML by markdown-it (raw HTML kept) and read by the
HTML reader. Pure; never imports app.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from scrapers.lineup import assemble, html
from scrapers.records import Lineup

__all__ = ["has_front_matter", "looks_like_markdown", "parse", "to_html"]

FORMAT = "markdown"
FRONT_MATTER_RE = re.compile(r"\A\s*---\s*\n.*?\n---\s*\n", re.S)
ATTRIBUTE_LINE_RE = re.compile(r"^\s*\{:[^}\n]*\}\s*$", re.M)
TEMPLATE_LINE_RE = re.compile(r"^\s*(?:\{%.*?%\}|@\w+(?:\(.*\))?)\s*$", re.M)  # Liquid, Blade
MARKDOWN_LINE_RE = re.compile(r"^(?:#{1,6}\s+\S|\*\*[^*\n]+\*\*)", re.M)


def has_front_matter(head: str) -> bool:
    """A Jekyll/Hugo page: YAML front matter between '---' lines, then a body."""
    match = FRONT_MATTER_RE.match(head)
    return match is not None and bool(head[match.end() :].strip())


def looks_like_markdown(head: str) -> bool:
    """Markdown headings or bold lines (checked after YAML, whose comments look alike)."""
    return len(MARKDOWN_LINE_RE.findall(head)) >= 2


def to_html(source: str) -> str:
    """Render a Markdown page (front matter and attribute lines removed) to HTML."""
    source = FRONT_MATTER_RE.sub("", source, count=1)
    source = TEMPLATE_LINE_RE.sub("", ATTRIBUTE_LINE_RE.sub("", source))
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(source)
    return f"<html><body>{rendered}</body></html>"


def parse(content: bytes, *, url: str | None = None) -> Lineup:
    """Parse a Markdown agenda through the HTML reader."""
    page = to_html(assemble.decode(content))
    found = html.parse(page.encode("utf-8"), url=url)
    return found.model_copy(update={"format": FORMAT})
