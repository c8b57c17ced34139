"""Fetch and parse: bytes in, typed records out. Never imports app or dashboards."""

from scrapers import compiled

compiled.install()  # before any module it serves is imported: see scrapers/compiled.py

from scrapers import errors, records  # noqa: E402 - the hook goes first

__all__ = ["errors", "records"]
