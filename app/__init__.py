"""voicetally's service: models, ingest, gender, metrics, API, CLI, settings."""

__all__: list[str] = []
__version__ = "0.1.0"
