"""The articles domain."""

__all__: list[str] = []
