"""Errors the service raises, each carrying its HTTP status and RFC 9457 problem type.

web.py renders them (and scraper errors) as application/problem+json; the CLI prints them as one
line on stderr with exit code 1.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from scrapers.errors import BadURL, BlockedHost, RobotsDisallowed

__all__ = [
    "BUSY_DETAIL",
    "REFUSED_FETCHES",
    "Conflict",
    "DatabaseBusy",
    "DatabaseUnavailable",
    "FetchRefused",
    "Forbidden",
    "Gone",
    "InvalidInput",
    "NotFound",
    "SchemaMismatch",
    "SourceFailed",
    "Unauthorized",
    "VoicetallyError",
    "describe_invalid",
]

# Pydantic names the member of a union it tried ("constrained-str", "list[constrained-str]",
# "function-after[...]", "none"): noise to whoever sent the request.
TYPE_TAG = re.compile(r"[\[\]-]|^(?:none|str|int|float|bool)$")


PATTERN_WORDS = (
    ("url", "should be a web address starting with http:// or https://"),
    ("country", "should be a country code of two letters, such as GB"),
    ("slug", "is not the address of a saved report"),
)


def describe_invalid(errors: Sequence[Mapping[str, Any]]) -> str:
    """Pydantic's validation errors in words: field paths without type tags, no Optional's None
    branch, no regular expression."""
    parts: list[str] = []
    for err in errors:
        loc = [str(part) for part in err.get("loc", ())]
        if len(errors) > 1 and loc and loc[-1] == "none":
            continue  # "Input should be None": the other member of `X | None` said what is wrong
        path = ".".join(part for part in loc if not TYPE_TAG.search(part))
        message = str(err.get("msg", "invalid"))
        if err.get("type") == "string_pattern_mismatch":
            field = path.rsplit(".", 1)[-1]
            message = next(
                (words for name, words in PATTERN_WORDS if name in field),
                "has characters that are not accepted here",
            )
        parts.append(f"{path}: {message}" if path else message)
    return "; ".join(dict.fromkeys(parts)) or "invalid request"


class VoicetallyError(Exception):
    """Base of the service's errors; `status` and `type` drive the problem document."""

    status = 500
    type = "about:blank"
    title = "Internal error"

    def __init__(self, detail: str, *, headers: dict[str, str] | None = None) -> None:
        self.detail = detail
        self.headers = headers or {}
        super().__init__(detail)


class NotFound(VoicetallyError):
    status = 404
    type = "/problems/not-found"
    title = "Not found"


# Fetches we refuse before or instead of asking the source: the caller's URL is at fault (422),
# unlike a source that failed to answer (502).
REFUSED_FETCHES = (BadURL, BlockedHost, RobotsDisallowed)


class Gone(VoicetallyError):
    status = 410
    type = "/problems/gone"
    title = "Gone"


class Conflict(VoicetallyError):
    status = 409
    type = "/problems/conflict"
    title = "Conflict"


class InvalidInput(VoicetallyError):
    status = 422
    type = "/problems/invalid-input"
    title = "Invalid input"


class Unauthorized(VoicetallyError):
    status = 401
    type = "/problems/unauthorized"
    title = "Authentication required"


class Forbidden(VoicetallyError):
    status = 403
    type = "/problems/forbidden"
    title = "Forbidden"


class SourceFailed(VoicetallyError):
    status = 502
    type = "/problems/source-failed"
    title = "Source failed"


class FetchRefused(VoicetallyError):
    """A URL we refuse to fetch (a private address, a bad URL, robots.txt): the caller's to fix."""

    status = 422
    type = "/problems/fetch-refused"
    title = "This URL is not fetched"


class DatabaseUnavailable(VoicetallyError):
    status = 503
    type = "/problems/database-unavailable"
    title = "Database unavailable"


BUSY_DETAIL = (
    "another change held the records this request writes for longer than a request may take; "
    "nothing of this request was kept: send it again"
)
BUSY_RETRY_AFTER = "1"


class DatabaseBusy(VoicetallyError):
    """A write that met another writer and could not finish inside the request's budget (it
    waited and was tried again: app/guards.py); rolled back whole."""

    status = 503
    type = "/problems/database-busy"
    title = "Database busy"

    def __init__(self, detail: str = BUSY_DETAIL) -> None:
        super().__init__(detail, headers={"retry-after": BUSY_RETRY_AFTER})


class SchemaMismatch(VoicetallyError):
    """The database schema is not the one this code expects (behind, or newer than the code)."""

    status = 503
    type = "/problems/schema-mismatch"
    title = "Database schema mismatch"
