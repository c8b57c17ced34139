"""Patterns that must end a string ("... of the $"), matched backwards on the reversed string.

`re` has no backwards search: a pattern ending in `$` searched forwards is tried from every start
position, ~25 us on the 30-40 characters before a name and more on a sentence's start; the same
pattern written backwards and matched once at the start of the reversed string takes ~1 us
(issue 12: extraction cost). Each `Ending` keeps its readable forward pattern beside the
backward one, and a test checks on random strings that both find the same text.
Must not import app or dashboards.
"""

from __future__ import annotations

import re

__all__ = ["Ending"]


class Ending:
    """A `$`-anchored pattern, found by matching its reverse on the reversed text."""

    __slots__ = ("backward", "forward", "group")

    def __init__(self, forward: str, backward: str, flags: int = 0) -> None:
        self.forward = re.compile(forward, flags)  # the specification, for readers and tests
        self.backward = re.compile(backward, flags)
        self.group = 1 if self.backward.groups else 0  # what find returns, read once

    def find(self, text: str) -> str | None:
        """Return what the forward pattern's first group (or whole match) would be, or None."""
        return self.find_reversed(text[::-1])

    def ends(self, text: str) -> bool:
        """Tell whether the forward pattern matches at the end of `text`."""
        return self.backward.match(text[::-1]) is not None

    def find_reversed(self, reversed_text: str) -> str | None:
        """`find` of the text whose reverse is given: one reversal for several Endings."""
        match = self.backward.match(reversed_text)
        if match is None:
            return None
        return match.group(self.group)[::-1]

    def ends_reversed(self, reversed_text: str) -> bool:
        """`ends` of the text whose reverse is given."""
        return self.backward.match(reversed_text) is not None
