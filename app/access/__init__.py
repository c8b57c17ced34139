"""The access domain."""

__all__: list[str] = []
