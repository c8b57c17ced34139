"""The events domain."""

__all__: list[str] = []
