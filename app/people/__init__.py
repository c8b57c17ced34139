"""The people domain."""

__all__: list[str] = []
