"""Fetch and parse failures in words a journalist understands (issue #15).

"[Errno -2] Name or service not known" becomes "We could not reach that address"; the technical
message stays available as the detail for those who want it.
"""

from __future__ import annotations

from scrapers import errors

__all__ = ["plain_words"]

STATUS_WORDS = {
    401: "that page needs a login",
    403: "that site refused to let us read the page",
    404: "that page does not exist (the site answered 404)",
    410: "that page has been removed",
    429: "that site asked us to slow down; try again in a minute",
}


def _fetch_words(exc: errors.FetchError) -> str:
    if isinstance(exc, errors.BlockedHost):
        return "That address is on a private network; we only read public web pages."
    if isinstance(exc, errors.RobotsDisallowed):
        return "That site asks robots not to read this page (robots.txt), so we did not."
    if isinstance(exc, errors.FetchTimeout):
        return "That site took too long to answer. Try again later, or paste the page instead."
    if isinstance(exc, errors.TooLarge):
        return "That page is too large for a quick check."
    if isinstance(exc, errors.BadContentType):
        return "That address does not lead to a web page or a lineup file we can read."
    if isinstance(exc, errors.HTTPStatusError):
        words = STATUS_WORDS.get(exc.status)
        if words is None:
            words = f"that site answered with an error ({exc.status})"
        return f"We could not read the page: {words}."
    message = str(exc).lower()
    if "invalid url" in message or "only http" in message:
        return "That does not look like a web address (it should start with https://)."
    return "We could not reach that address. Check it for typos, or paste the page instead."


def plain_words(exc: errors.ScrapeError) -> str:
    """One sentence saying what went wrong and what to do about it."""
    if isinstance(exc, errors.FetchError):
        return _fetch_words(exc)
    if isinstance(exc, errors.UnknownFormat):
        return ("We did not recognise this as an agenda. Paste the names instead, or use our "
                "CSV template.")  # fmt: skip
    if isinstance(exc, errors.EmptyDocument):
        return "We found no people in it. Paste the names instead, or use our CSV template."
    return f"We could not read it: {exc}"
