"""Column helpers shared by every domain's models: timestamps and string enums.

Imports only SQLAlchemy; no domain imports.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import DateTime, Enum

__all__ = ["enum_column", "utcnow"]


def utcnow() -> datetime:
    return datetime.now(UTC)


def enum_column(enum: type[StrEnum], name: str) -> Enum:
    """A portable VARCHAR + CHECK enum storing the StrEnum's values, as DESIGN.md spells them."""
    return Enum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=24,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


TIMESTAMP = DateTime(timezone=True)
