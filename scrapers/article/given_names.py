"""Is a word a given name somewhere? Read from gender-guesser's name dictionary, in place.

Evidence for "Cornel West" and "Rebecca White" being people although their surnames are also
nouns that often end an organisation's name. The dictionary (Jörg Michael's nam_dict.txt, GNU
FDL, about 46,000 given names from many countries) ships with the gender-guesser package, a
declared dependency; it is read once per process (~0.06 s), never copied into this repository.
Must not import app or dashboards.
"""

from __future__ import annotations

import importlib.resources
from typing import Final

__all__ = ["is_given_name"]

NAME_COLUMNS: Final = slice(3, 29)  # the name field of a nam_dict.txt line
MIN_LENGTH: Final = 2
# Entries of the dictionary that are also English function words ("the" is a rare name):
# never evidence of a person when capitalised at a sentence start.
_FUNCTION_WORDS: Final = """
    a an and as at be but by for from he her his if in is it me my no of on or our she so
    the their them then there these they this those to us was we who why you
"""
FUNCTION_WORDS: Final = frozenset(_FUNCTION_WORDS.split())


# The dictionary once read, held in a list: a compiled read of it costs a few instructions,
# a call through functools.cache some 450 a word (issue 12: cost)
_LOADED: Final[list[frozenset[str]]] = []


def _names() -> frozenset[str]:
    """The dictionary's given names, casefolded; read on first use."""
    if not _LOADED:
        _LOADED.append(_read_names())
    return _LOADED[0]


def _read_names() -> frozenset[str]:
    try:
        path = importlib.resources.files("gender_guesser") / "data" / "nam_dict.txt"
        lines = path.read_text(encoding="iso8859-1").splitlines()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return frozenset()
    found: set[str] = set()
    for line in lines:
        if line.startswith("#") or len(line) < NAME_COLUMNS.stop:
            continue
        for part in line[NAME_COLUMNS].strip().replace("+", " ").split():
            found.add(part.casefold())
    return frozenset(found)


def is_given_name(word: str) -> bool:
    """Tell whether `word` (any case) is a given name in the dictionary."""
    bare = word.strip(".’'").casefold()
    if len(bare) < MIN_LENGTH or bare in FUNCTION_WORDS:
        return False
    return bare in _names()
