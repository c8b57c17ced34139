"""What a quick check reads: an article's HTML or plain text, a lineup file (issue #15).

Pure parsing over bytes and strings; the callers (page, API, CLI) fetch URLs themselves.
"""

from __future__ import annotations

import re

from scrapers import article as article_parser
from scrapers import lineup as lineup_parser
from scrapers import records, text
from scrapers.article import bylines, quotes
from scrapers.errors import EmptyDocument

__all__ = ["MAX_TEXT", "article_from_html", "article_from_text", "lineup_from_file"]

MAX_TEXT = 500_000
# A byline as people paste it above an article's text: "By Jane Doe and John Roe", "Words by
# Jane Doe", "by Jane Doe, Reuters"; a short line with no sentence in it, among the first lines.
BYLINE_LINE_RE = re.compile(r"^(?:(?:written|words|text|reporting)\s+)?by\b[:\s]", re.IGNORECASE)
BYLINE_MAX_CHARS = 160
BYLINE_FIRST_LINES = 4
HEADLINE_MAX_CHARS = 150
SENTENCE_ENDS = frozenset('.!?:;,"”»…')
QUOTE_MARKS = frozenset('"“”„«»')


def article_from_html(content: bytes, *, url: str | None = None) -> records.Article:
    """An article page's authors and cited people (the same parser as `extract article`)."""
    return article_parser.parse(content, url=url)


def article_from_text(body: str, *, title: str | None = None) -> records.Article:
    """Pasted article text: its authors when a byline line opens it ("By Jane Doe and John
    Roe"), then the people and the organisations it quotes or mentions, as on a page."""
    lines = [text.clean(line) for line in body[:MAX_TEXT].splitlines()]
    if not any(line.strip() for line in lines):
        raise EmptyDocument("the pasted text is empty", source="pasted text")
    authors, lines = _byline(lines)
    cleaned = "\n".join(lines)
    cited, organisations = quotes.extract_sources(cleaned, exclude=authors)
    return records.Article(
        title=text.clean(title) or None if title else _headline(lines),
        authors=authors,
        cited=cited,
        organisations=organisations,
        text=cleaned,
    )


def _headline(lines: list[str]) -> str | None:
    """The first line when it reads as a headline: short, and no sentence or quote ends it."""
    first = next((line.strip() for line in lines if line.strip()), "")
    short = len(first) <= HEADLINE_MAX_CHARS and not BYLINE_LINE_RE.match(first)
    if short and first[-1:] not in SENTENCE_ENDS:
        return first
    return None


def _byline(lines: list[str]) -> tuple[tuple[str, ...], list[str]]:
    """The authors a byline line among the first lines names, and the lines without it."""
    seen = 0
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > BYLINE_FIRST_LINES:
            break
        line = line.strip()
        short = len(line) <= BYLINE_MAX_CHARS and QUOTE_MARKS.isdisjoint(line)
        if short and BYLINE_LINE_RE.match(line):
            authors = tuple(bylines.clean_byline(line))
            if authors:
                return authors, lines[:number] + lines[number + 1 :]
    return (), lines


def lineup_from_file(
    content: bytes, *, filename: str | None, fmt: str | None = None
) -> records.Lineup:
    """A lineup file (any format the lineup parsers read; the file name hints at the format)."""
    return lineup_parser.parse(content, url=filename, format=fmt or None)
