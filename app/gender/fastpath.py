"""The fast path: plain names whose answer depends on their first given name alone, from a table.

Pure. Most names in a batch are "Given [Middle] Surname" in capitalised ASCII words, with a common
given name and a surname no ending rule speaks for. Their label is then the given name's, so it is
computed once per given name when the engine loads (the name data's well-attested names: about
45,000), and a batch looks it up: a regex, a split and two dict lookups instead of a parse.

Anything the full path would read differently is declined (None) and goes the full path: titles,
suffixes, patronymics, marriage markers, East Asian or Vietnamese surname-first names, a surname
some ending rule matches, a middle name that could speak (the first given name is not decisive),
a country. tests/app/gender/test_gender_fast_paths.py checks the two paths agree.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from anyascii import anyascii

from app.gender.morphology import ANY_RULE, RULE_SPAN, VIETNAMESE_SURNAMES
from app.gender.name import DECISIVE, EAST_ASIAN_SURNAMES, NameModel
from app.gender.namedata import NameTables
from app.gender.nameform import (
    MARRIAGE_MARKERS,
    PATRONYMIC_FEMALE,
    PATRONYMIC_MALE,
    SUFFIX_WORDS,
    TITLES,
)
from app.gender.nameparse import NOT_GIVEN, SUFFIXES, TITLE_WORDS, ParsedName

__all__ = ["FAST_MIN_RECORDS", "FastTable", "build_fast_table"]

FAST_MIN_RECORDS = 200  # given names with at least this many nomquamgender records get an entry
PLAIN = re.compile(
    r"^[A-Z][A-Za-z'-]*[a-z](?: (?:[A-Z]\.|[A-Z][A-Za-z'-]*[a-z]))*(?: [A-Z][A-Za-z'-]*[a-z])$"
)
LETTERS = re.compile(r"^[^\W\d_][^\W\d_'-]*(?: [^\W\d_][^\W\d_'-]*)+$")
OWN_PATH_SCRIPTS = "\u0590"  # Hebrew and every script after it
EXCLUDED = (
    TITLES | TITLE_WORDS | NOT_GIVEN | EAST_ASIAN_SURNAMES | VIETNAMESE_SURNAMES | SUFFIX_WORDS
    | SUFFIXES | MARRIAGE_MARKERS
)  # fmt: skip
DECLINED_WORDS = SUFFIX_WORDS | SUFFIXES | MARRIAGE_MARKERS
PATRONYMICS = (PATRONYMIC_MALE, PATRONYMIC_FEMALE)


class FastTable:
    """Given name (lowercase) -> (the result for a plain name, whether the name is decisive)."""

    def __init__(self, entries: dict[str, tuple[object, bool]]) -> None:
        self._entries = entries

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, name: str) -> object | None:
        """The precomputed result for `name`, or None when it must take the full path."""
        if PLAIN.match(name) is None:
            # Latin with diacritics, Greek, Cyrillic, Armenian: the full path transliterates
            # them letter by letter too; other scripts have paths of their own.
            if name.isascii() or max(name) >= OWN_PATH_SCRIPTS or not LETTERS.match(name):
                return None
            name = anyascii(name)
            if PLAIN.match(name) is None:
                return None
        words = name.split(" ")
        entry = self._entries.get(words[0].lower())
        if entry is None:
            return None
        result, decisive = entry
        last = words[-1].lower()
        if ANY_RULE.search(last[-RULE_SPAN:]) is not None or last in DECLINED_WORDS:
            return None
        if len(words) > 2:
            if not decisive:
                return None
            lowered = [w.lower() for w in words[1:-1]]  # "b." initials never match below
            if any(w in DECLINED_WORDS for w in lowered):
                return None
            second = lowered[0]
            if any(p.search(w) for p in PATRONYMICS for w in (last, second)):
                return None
        return result


def build_fast_table(tables: NameTables, decide: Callable[[list, ParsedName], object]) -> FastTable:
    """One entry per well-attested given name, decided by `decide` as the full path would."""
    model = NameModel(tables)
    entries: dict[str, tuple[object, bool]] = {}
    for key, (_p, _sources, counts) in tables.nqg.items():
        if counts < FAST_MIN_RECORDS or not key.isalpha() or key in EXCLUDED:
            continue
        parsed = ParsedName(given=(key,), surname="")
        evidence = model.evidence(parsed)
        reading = model.read(key)
        if not evidence or reading is None:
            continue
        entries[key] = (decide(evidence, parsed), abs(reading.logit) >= DECISIVE)
    return FastTable(entries)
