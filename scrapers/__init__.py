"""Fetch and parse: bytes in, typed records out. Never imports app or dashboards."""

from scrapers import errors, records

__all__ = ["errors", "records"]
