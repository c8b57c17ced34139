"""The scrapers' error tree. Messages say what failed and where.

    ScrapeError
    ├── FetchError            the bytes could not be had
    │   ├── BadURL              not an http(s) URL with a host
    │   ├── BlockedHost         private/loopback address refused (SSRF guard)
    │   ├── RobotsDisallowed    robots.txt says no
    │   ├── FetchTimeout        connect or read took too long
    │   ├── HTTPStatusError     a final status that is not success
    │   ├── TooLarge            body larger than the limit
    │   └── BadContentType      a media type the caller did not accept
    └── ParseError            the bytes are not what the parser reads
        ├── UnknownFormat       no parser recognises the content
        └── EmptyDocument       the document parses but holds nothing

Must not import app or dashboards.
"""

from __future__ import annotations

__all__ = [
    "BadContentType",
    "BadURL",
    "BlockedHost",
    "EmptyDocument",
    "FetchError",
    "FetchTimeout",
    "HTTPStatusError",
    "ParseError",
    "RobotsDisallowed",
    "ScrapeError",
    "TooLarge",
    "UnknownFormat",
]


class ScrapeError(Exception):
    """Base of every error a scraper raises; `source` names the URL or path."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class FetchError(ScrapeError):
    """The content could not be fetched."""


class BadURL(FetchError):
    """The URL is malformed or not http(s): the caller's input, not the source, is at fault."""


class BlockedHost(FetchError):
    """The host resolves to an address the fetcher refuses."""


class RobotsDisallowed(FetchError):
    """robots.txt disallows this URL for our user agent."""


class FetchTimeout(FetchError):
    """The host did not answer in time."""


class HTTPStatusError(FetchError):
    """The final response had an error status."""

    def __init__(self, message: str, *, source: str | None = None, status: int = 0) -> None:
        self.status = status
        super().__init__(message, source=source)


class TooLarge(FetchError):
    """The body exceeds the configured maximum size."""


class BadContentType(FetchError):
    """The response's media type is not one the caller accepts."""


class ParseError(ScrapeError):
    """The content is malformed for the format being parsed."""


class UnknownFormat(ParseError):
    """No parser recognises the content, or the named format does not exist."""


class EmptyDocument(ParseError):
    """The document is well-formed but holds nothing to extract."""
