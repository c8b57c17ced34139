"""The metrics domain."""

__all__: list[str] = []
