"""The ingest domain."""

__all__: list[str] = []
