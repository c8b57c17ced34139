"""voicetally's service: models, ingest, gender, metrics, API, CLI, settings."""

from scrapers import compiled

compiled.install()  # before any module it serves is imported: see scrapers/compiled.py

__all__: list[str] = []
__version__ = "0.1.0"
