"""What a quick check reads: an article's HTML or plain text, a lineup file (issue #15).

Pure parsing over bytes and strings; the callers (page, API, CLI) fetch URLs themselves.
"""

from __future__ import annotations

from scrapers import article as article_parser
from scrapers import lineup as lineup_parser
from scrapers import records, text
from scrapers.article import quotes
from scrapers.errors import EmptyDocument

__all__ = ["MAX_TEXT", "article_from_html", "article_from_text", "lineup_from_file"]

MAX_TEXT = 500_000


def article_from_html(content: bytes, *, url: str | None = None) -> records.Article:
    """An article page's authors and cited people (the same parser as `extract article`)."""
    return article_parser.parse(content, url=url)


def article_from_text(body: str, *, title: str | None = None) -> records.Article:
    """Pasted article text: the people it quotes or mentions (no byline in plain text)."""
    cleaned = "\n".join(text.clean(line) for line in body[:MAX_TEXT].splitlines())
    if not cleaned.strip():
        raise EmptyDocument("the pasted text is empty", source="pasted text")
    return records.Article(
        title=text.clean(title) or None if title else None,
        cited=quotes.extract_citations(cleaned),
        text=cleaned,
    )


def lineup_from_file(
    content: bytes, *, filename: str | None, fmt: str | None = None
) -> records.Lineup:
    """A lineup file (any format the lineup parsers read; the file name hints at the format)."""
    return lineup_parser.parse(content, url=filename, format=fmt or None)
