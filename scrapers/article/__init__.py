"""Article pages: `parse(bytes) -> Article` with authors and every cited person.

body.py (trafilatura text and metadata), bylines.py (authors), quotes.py (cited people, over
masking.py and resolver.py (which full name a short mention stands for), patterns.py, choice.py
(which patterns a sentence is worth trying: substrings.py, word_ends.py), cues.py and sources.py),
organisations.py (organisations quoted as sources, counted apart), given_names.py (given-name
evidence), lang_en.py (English word lists).
No app or dashboards.
"""

from __future__ import annotations

from types import ModuleType

from scrapers.article import body, bylines, lang_en, quotes
from scrapers.records import Article

__all__ = ["LANGUAGES", "parse"]

# Language code -> word-list module; a new language adds its module here.
LANGUAGES: dict[str, ModuleType] = {"en": lang_en}


def parse(content: bytes, *, url: str | None = None) -> Article:
    """Parse an article page; raise ParseError (or a subclass) when it holds no article."""
    page = body.extract_body(content, url=url)
    lang = LANGUAGES.get(page.language or "en", lang_en)
    authors = bylines.extract_authors(page.tree, guessed=page.author_guess, outlet=page.outlet)
    cited, organisations = quotes.extract_sources(page.text, exclude=authors, lang=lang)
    return Article(
        url=url or page.url,
        title=page.title,
        published=page.published,
        outlet=page.outlet,
        language=page.language,
        authors=authors,
        cited=cited,
        organisations=organisations,
        text=page.text,
    )
