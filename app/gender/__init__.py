"""Gender labels from evidence, with probabilities and reasons (DESIGN.md, Gender labels)."""

from app.gender.labels import Label, Source

__all__ = ["Label", "Source"]
