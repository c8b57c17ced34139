"""Which of a set of substrings a text holds, read in one pass: the bits of those it holds.

choice.applicable and organisations.org_sources ask, of every sentence, whether it holds each
of ~40 literals (keywords of the attribution patterns, the masking markers, "he " in any case,
"ccord" in any case...): ~22,000 `in` checks over the 915 sentences of the 25 PolNeAR pages at
~580 instructions each, plus the set look-ups that combined them (issue 12: extraction cost).
An Aho-Corasick automaton, written out as a table with a row per state, reads each character
once and gathers the bits of every substring that ends there (overlaps included): 5.8 M
instructions for those sentences (~64 a character, the states that find something ~7% of
them), where the checks and look-ups it replaces cost ~15 M; parse 418.3 -> 407.7 M.
Must not import app or dashboards.
"""

from __future__ import annotations

from typing import Final

__all__ = ["Substrings"]

# A row of the table per state: a column per ASCII character, one per marker (masking.py's
# \ue000 \ue001 \ue002), then one for any other character, which no substring may hold.
MARK_FIRST: Final = 0xE000
MARK_COUNT: Final = 3
MARK_SHIFT: Final = MARK_FIRST - 128  # a marker's code less this is its column
OTHER: Final = 128 + MARK_COUNT
WIDTH: Final = OTHER + 1


class Substrings:
    """The automaton of a set of substrings, each of ASCII characters and markers, each with the
    bits it sets (substrings may share bits: "he" and "He" for "either")."""

    __slots__ = ("first_found", "masks", "table")

    def __init__(self, bits: dict[str, int]) -> None:
        rows, first_found, masks = _automaton(bits)
        # A str, not a list of ints: compiled code reads ord(table[i]) as a native int
        # (word_ends.py). States that find a substring are numbered last, from first_found.
        self.table = "".join(map(chr, rows))
        self.first_found = first_found
        self.masks = masks  # by (state - first_found) // WIDTH: the bits found there

    def found_in(self, text: str) -> int:
        """The bits of every substring `text` holds."""
        table = self.table
        first_found = self.first_found
        found = 0
        state = 0  # the offset of the state's row
        for at in range(len(text)):
            code = ord(text[at])
            if code >= 128:
                code = code - MARK_SHIFT if MARK_FIRST <= code < MARK_FIRST + MARK_COUNT else OTHER
            state = ord(table[state + code])
            if state >= first_found:
                found |= self.masks[(state - first_found) // WIDTH]
        return found


def _column(char: str) -> int:
    code = ord(char)
    assert code < 128 or MARK_FIRST <= code < MARK_FIRST + MARK_COUNT, char
    return code if code < 128 else code - MARK_SHIFT


def _automaton(bits: dict[str, int]) -> tuple[list[int], int, list[int]]:
    """The rows (offsets of the next states), the offset of the first state that finds a
    substring, and each such state's bits. A state is a prefix of a substring; reading a
    character goes to the longest prefix that ends the text read (Aho-Corasick)."""
    assert all(bits.values()) and "" not in bits
    for word in bits:
        for char in word:
            _column(char)
    prefixes = sorted({word[:size] for word in bits for size in range(len(word) + 1)})
    # The bits found at a prefix: those of every substring it ends with.
    found = {prefix: _ending_bits(prefix, bits) for prefix in prefixes}
    known = set(prefixes)
    order = sorted(prefixes, key=lambda prefix: (found[prefix] != 0, len(prefix), prefix))
    assert order[0] == ""  # the start, row 0
    number = {prefix: at for at, prefix in enumerate(order)}
    first_found = sum(1 for prefix in order if not found[prefix])
    rows: list[int] = []
    for prefix in order:
        row = [0] * WIDTH  # OTHER, in no substring, goes back to the start
        for code in range(OTHER):
            char = chr(code) if code < 128 else chr(code + MARK_SHIFT)
            text = prefix + char
            while text not in known:
                text = text[1:]
            row[code] = number[text] * WIDTH
        rows.extend(row)
    assert len(rows) < 0x110000
    masks = [found[prefix] for prefix in order[first_found:]]
    return rows, first_found * WIDTH, masks


def _ending_bits(prefix: str, bits: dict[str, int]) -> int:
    mask = 0
    for word, word_bits in bits.items():
        if prefix.endswith(word):
            mask |= word_bits
    return mask
