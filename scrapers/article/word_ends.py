"""Whether one of a set of words occurs in a text followed by a non-word character or the end:
what `re.search(patterns.alternation(words), text) is not None` says, read in one pass.

patterns.has_speech_verb asks this of every sentence (issue 12: extraction cost). `re` either
tries a word tree at every place a word may end (patterns.ended_word, on the reversed text: ~19,000
instructions for a sentence of 100 characters, its \\W test at every character and its tree walks
most of it) or, led by a literal, finds one ending per search; splitting the sentence into tokens
costs ~7,000 in allocations alone. A table-driven automaton reads each character once, ~40
instructions each, and stops at the first word it finds.
Must not import app or dashboards.
"""

from __future__ import annotations

from typing import Final

__all__ = ["WordEnds"]

# A row of the table per state: a column per ASCII character, then one for the end of the text.
# Any other character reads as an ASCII one of its kind (no word holds one): whitespace as " ",
# a word character as "0", anything else as "!".
END: Final = 128
WIDTH: Final = 129
SPACE_LIKE: Final = ord(" ")
WORD_LIKE: Final = ord("0")
OTHER_LIKE: Final = ord("!")
FOUND: Final = 0x10FFFF  # not a row's offset: a word ends here
MARKERS: Final = (0xE000, 0xF8FF)  # the private use area, masking.py's markers: never a word's


class WordEnds:
    """The automaton of a set of words, each of ASCII lower-case letters, a space standing for
    any run of whitespace (the `\\s+` of patterns._tree), ending in a letter."""

    __slots__ = ("table",)

    def __init__(self, words: frozenset[str]) -> None:
        # A str, not a list of ints: compiled code reads ord(table[i]) as a native int, a list
        # item as a boxed one (~12 instructions more a character, measured).
        self.table = "".join(map(chr, _table(sorted(words))))

    def found_in(self, text: str) -> bool:
        """Whether a word occurs in `text` followed by a non-word character or the end."""
        table = self.table
        state = 0  # the offset of the state's row
        for at in range(len(text)):
            code = ord(text[at])
            if code >= 128:
                code = _like(code)
            state = ord(table[state + code])
            if state == FOUND:
                return True
        return ord(table[state + END]) == FOUND


def _like(code: int) -> int:
    """The ASCII character a non-ASCII one reads as: of the same kind for `re` (\\s, \\w)."""
    if MARKERS[0] <= code <= MARKERS[1]:
        return OTHER_LIKE
    char = chr(code)
    if char.isspace():
        return SPACE_LIKE
    if char.isalnum() or char == "_":
        return WORD_LIKE
    return OTHER_LIKE


_Position = tuple[int, int]  # a word (its number) and how many of its units are read


def _table(words: list[str]) -> list[int]:
    """The rows of the automaton's states, the first the start: each state the set of places
    reached in the words (a substring search: a word may start at any character). A state
    where a word is complete finds it on a non-word character or the end; any character no
    word holds, but whitespace, leads back to the start."""
    for word in words:
        assert word.isascii() and word[-1].isalpha() and "0" not in word and "!" not in word
    letters = {char for word in words for char in word if char != " "}
    # the unit each ASCII character reads as: a letter of the words, " " or none ("")
    units = [_unit(chr(code), letters) for code in range(128)]
    starts: dict[str, list[_Position]] = {}
    for number, word in enumerate(words):
        starts.setdefault(word[0], []).append((number, 1))
    index: dict[frozenset[_Position], int] = {frozenset(): 0}
    states: list[frozenset[_Position]] = [frozenset()]
    rows: list[int] = []
    while len(rows) < len(states) * WIDTH:
        held = states[len(rows) // WIDTH]
        complete = any(read == len(words[number]) for number, read in held)
        after: dict[str, int] = {"": 0}
        for unit in sorted(letters | {" "}):
            reached = set(starts.get(unit, ()))
            for number, read in held:
                word = words[number]
                if read < len(word) and word[read] == unit:
                    reached.add((number, read + 1))
                if unit == " " and word[read - 1] == " ":
                    reached.add((number, read))  # more of a run of whitespace
            key = frozenset(reached)
            if key not in index:
                index[key] = len(states)
                states.append(key)
            after[unit] = index[key] * WIDTH
        for code, unit in enumerate(units):
            ends_word = unit == " " or (unit == "" and not _is_word_char(chr(code)))
            rows.append(FOUND if complete and ends_word else after[unit])
        rows.append(FOUND if complete else 0)
    assert len(rows) < FOUND
    return rows


def _unit(char: str, letters: set[str]) -> str:
    if char in letters:
        return char
    return " " if char.isspace() else ""


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"
