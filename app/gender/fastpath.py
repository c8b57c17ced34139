"""The fast path: plain names whose answer depends on their first given name alone, from a table.

Pure (the stored table is read from app/gender/data). Most names in a batch are "Given [Middle]
Surname" in capitalised words, with a common given name. Their label is then the given name's,
decided once per given name ahead of time (the name data's 41,000 given names with at least
FAST_MIN_RECORDS records) and stored in FAST_TABLE, so a batch looks it up: a regex, a split and
two dict lookups instead of a parse. Rarer given names are read through the engine's own memos.

Also answered here, as the full path reads them: a surname some ending rule matches; initials
between the names; "Given particle ... Surname" ("Juul van den Bergh"); Latin with diacritics,
Vietnamese, Greek, Cyrillic, Armenian and two-word Georgian names (transliterated letter by
letter); Indic scripts (always unknown); Arabic script (the skeleton reading of the first word);
Han and Hangul (surname first); Thai. Anything the full path would read differently is declined
(None) and goes the full path: titles, suffixes, patronymics, marriage markers, East Asian or
Vietnamese surname-first names, a middle name that could speak (the first given name is not
decisive), an order the full path would swap, a country. tests/app/gender/test_gender_fast_paths.py
checks the two paths agree on every name of the bench's and the development data.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.metadata
import pickle
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from anyascii import anyascii

from app.gender.abjad import abjad_given
from app.gender.evidence import Evidence
from app.gender.honorifics import honorific_evidence
from app.gender.morphology import (
    RULE_TAILS,
    VIETNAMESE_SURNAMES,
    overruled,
    surname_evidence,
)
from app.gender.name import (
    DECISIVE,
    EAST_ASIAN_SURNAMES,
    SURNAME_SHAPE,
    SWAP_MAX_FIRST_COUNTS,
    SWAP_MIN_COUNTS,
    SWAP_MIN_LOGIT,
    NameModel,
    thai_reading,
)
from app.gender.namedata import DATA, NQG_TABLE, NameTables
from app.gender.nameform import (
    MARRIAGE_MARKERS,
    PATRONYMIC_FEMALE,
    PATRONYMIC_MALE,
    PATRONYMIC_TAILS,
    SUFFIX_WORDS,
    TITLES,
)
from app.gender.nameparse import (
    INDIC_REASON,
    MAX_NAME_CHARS,
    NOT_GIVEN,
    SUFFIXES,
    TITLE_WORDS,
    ParsedName,
    is_initial,
)
from app.gender.thai import split_thai

__all__ = [
    "FAST_MIN_RECORDS",
    "FAST_TABLE",
    "FastTable",
    "build_fast_table",
    "latin_spelling",
    "load_fast_table",
    "patronymic",
    "plain_words",
    "write_fast_table",
]

# Given names with at least this many nomquamgender records get an entry
FAST_MIN_RECORDS: Final = 200
# The stored table for the default threshold (`python -m app.gender.engine build-fast-table`);
# tests/app/gender/test_gender_fast_paths.py checks it equals a fresh build. Bump the format when
# a change to the engine changes what the table holds, so that older files are not read.
FAST_TABLE: Final = DATA / "fast_table.pickle.gz"
FAST_TABLE_FORMAT: Final = 3  # 3: name details say the side the records point to
_CAPITALISED: Final = r"[A-Z][A-Za-z'-]*[a-z]"
# "Given [Middle or initials] Surname" in capitalised words. Each word is taken possessively and
# must end in a lowercase letter (the lookbehind), the last one too; an initial between the names
# is one capital with or without a dot ("Horst L. Störmer", "Janet Ó Bearáin" once transliterated):
# the same strings as `^W(?: (?:[A-Z]\.?|W))*(?: W)$` with W = _CAPITALISED, which backtracks
# (issue 11: twice the time of this, on every name of a batch; a test compares the two).
_POSSESSIVE: Final = r"[A-Z][A-Za-z'-]*+(?<=[a-z])"
PLAIN: Final = re.compile(rf"{_POSSESSIVE}(?: (?:{_POSSESSIVE}|[A-Z]\.?))++(?<=[a-z])")
PARTICLE: Final = re.compile(
    rf"{_CAPITALISED} [a-z][a-z'-]*(?: [a-z][a-z'-]*| {_CAPITALISED})* {_CAPITALISED}"
)  # "Given particle [words] Surname"
# A letter, then letters and apostrophes or hyphens, taken possessively: a word is followed by a
# space or the end, which none of its characters is, so giving one back never helps; as many
# strings match, three times faster (issue 11; a test compares it with the plain pattern).
_WORD: Final = r"[^\W\d_](?:[^\W\d_]++|['’-])*+"
LETTERS: Final = re.compile(rf"{_WORD}(?: {_WORD}| [^\W\d_]\.)* {_WORD}")  # words; initials between
OWN_PATH_SCRIPTS: Final = "\u0590"  # Hebrew and every script after it
# anyascii letter by letter, as the full path transliterates, for every code point below Hebrew
# and for Georgian and Vietnamese: one str.translate instead of a Python loop per name.
GEORGIAN: Final = range(0x10D0, 0x1100)  # Mkhedruli, the modern Georgian alphabet (caseless)
VIETNAMESE: Final = range(0x1E00, 0x1F00)  # Latin Extended Additional: "Nguyễn", "Phạm"
LATIN_ADDITIONAL: Final = re.compile(r"[\x00-\u058f\u1e00-\u1eff]+")
GEORGIAN_PAIR: Final = re.compile(r"[\u10d0-\u10ff]+ [\u10d0-\u10ff]+")
TO_ASCII: Final = {code: chr(code) for code in range(0x80)} | {
    code: anyascii(chr(code))
    for code in [*range(0x80, ord(OWN_PATH_SCRIPTS)), *GEORGIAN, *VIETNAMESE]
}  # ASCII maps to itself: a miss in a translate table costs an exception inside str.translate
_LETTER: Final = re.compile(r"[^\W\d_]")  # what LETTERS takes for a letter
_SPELLING: Final = re.compile(r"[A-Za-z'-]+")  # what a letter may become for the patterns below
NOT_A_LETTER: Final = "\x00"  # no pattern below accepts it


def _latin_spelling(code: int) -> str:
    """What LATIN_TABLE maps `code` to: ASCII as it is, a letter as anyascii spells it, any other
    character (a digit, a combining mark, a letter spelt otherwise) NOT_A_LETTER."""
    char = chr(code)
    if code < 0x80:
        return char
    if code not in TO_ASCII:
        return char  # a later script: LATIN_ADDITIONAL keeps it from the table's users
    spelling = TO_ASCII[code]
    letter = _LETTER.fullmatch(char) and _SPELLING.fullmatch(spelling)
    return spelling if letter else NOT_A_LETTER


# TO_ASCII as one tuple for Latin, Greek, Cyrillic, Armenian and Vietnamese (str.translate indexes
# a tuple twice as fast as it hashes into a dict), with what is no letter marked: where PLAIN or
# PARTICLE then match the result, LETTERS matched the name (tests/app/gender/test_gender_fast_
# paths.py), so one translate does what LETTERS and the translate did (issue 11).
LATIN_TABLE: Final = tuple(_latin_spelling(code) for code in range(VIETNAMESE.stop))
# LATIN_ADDITIONAL's letters: below LATIN_LIMIT, outside the gap. Literals, which the compiled
# build inlines (a computed Final is a module lookup each time; a test checks they agree).
LATIN_LIMIT: Final = 0x1F00  # VIETNAMESE.stop
LATIN_GAP_START: Final = 0x0590  # OWN_PATH_SCRIPTS
LATIN_GAP_END: Final = 0x1E00  # VIETNAMESE.start
EXCLUDED: Final = (
    TITLES | TITLE_WORDS | NOT_GIVEN | EAST_ASIAN_SURNAMES | VIETNAMESE_SURNAMES | SUFFIX_WORDS
    | SUFFIXES | MARRIAGE_MARKERS
)  # fmt: skip
DECLINED_WORDS: Final = SUFFIX_WORDS | SUFFIXES | MARRIAGE_MARKERS
PATRONYMIC: Final = re.compile(f"(?:{PATRONYMIC_MALE.pattern})|(?:{PATRONYMIC_FEMALE.pattern})")


def patronymic(word: str) -> bool:
    """Whether PATRONYMIC finds a patronymic's ending in `word` (one without a newline)."""
    return word[-2:] in PATRONYMIC_TAILS and PATRONYMIC.search(word) is not None


Decide = Callable[[list[Evidence], ParsedName], Any]
PLAIN_PARSE: Final = ParsedName(given=("-",), surname="-")
INDIC_PARSE: Final = ParsedName(script="brahmic", reason=INDIC_REASON)
EAST_ASIAN_ONLY: Final = re.compile(
    r"^(?:[\u4e00-\u9fff]+(?: [\u4e00-\u9fff]+)*|[\uac00-\ud7a3]+(?: [\uac00-\ud7a3]+)*)$"
)
THAI_ONLY: Final = re.compile(r"^[\u0e01-\u0e4e]+(?: [\u0e01-\u0e4e]+)*$")
INDIC_ONLY: Final = re.compile(r"^[\u0900-\u0dff]+(?: [\u0900-\u0dff]+)*$")
# The letters each pattern above starts with (Arabic: below INDIC_FIRST), for FastTable._script
INDIC_FIRST: Final = 0x0900
INDIC_LAST: Final = 0x0DFF
THAI_FIRST: Final = 0x0E01
THAI_LAST: Final = 0x0E4E
HAN_FIRST: Final = 0x4E00
_ARABIC: Final = r"[\u0620-\u065f\u066e-\u06d3\u06fa-\u06ff]+"
ARABIC_ONLY: Final = re.compile(rf"^{_ARABIC}(?: {_ARABIC})*$")


def plain_words(name: str) -> list[str] | None:
    """The words of `name` where PLAIN matches it whole, else None: the same test as one loop
    over the characters, which compiles to integer comparisons (issue 11: the regex cost 2,000
    instructions a name; a test compares the two)."""
    size, start, dot = len(name), 0, False
    for at in range(size + 1):
        code = ord(name[at]) if at < size else 32
        if code == 32:  # a space or the end: the word name[start:at] is complete
            if dot:  # "B.": an initial, between the names only
                if at - start != 2 or start == 0 or at == size:
                    return None
            elif at - start == 1 and start > 0 and at < size:
                pass  # "O": an initial without its dot, between the names only
            elif at == start or not 97 <= ord(name[at - 1]) <= 122:
                return None  # an empty word, or one that does not end in [a-z]
            start, dot = at + 1, False
        elif at == start:
            if not 65 <= code <= 90:
                return None  # a word starts with [A-Z]
        elif code == 46 and at == start + 1:
            dot = True
        elif dot or not (97 <= code <= 122 or 65 <= code <= 90 or code == 39 or code == 45):
            return None  # [A-Za-z'-] within a word
    words = name.split(" ")
    return words if len(words) > 1 else None


def latin_spelling(name: str) -> str | None:
    """`name` through LATIN_TABLE where LATIN_ADDITIONAL matches it (all of it Latin, Greek,
    Cyrillic, Armenian or Vietnamese), else None. One compiled loop: half the time of the
    pattern and str.translate, which looks every character up through a Python int (issue 11;
    a test compares the two)."""
    spelled, table = [], LATIN_TABLE  # a local: one module lookup, not one per character
    for char in name:
        code = ord(char)
        if code >= LATIN_LIMIT or LATIN_GAP_START <= code < LATIN_GAP_END:
            return None
        spelled.append(table[code])
    return "".join(spelled) if spelled else None


class FastTable:
    """Given name (lowercase) -> (the result for a plain name, whether the name is decisive)."""

    def __init__(
        self,
        entries: dict[str, tuple[Any, bool]],
        tables: NameTables,
        decide: Decide,
        model: NameModel | None = None,
        *,
        split: tuple[dict[str, Any], frozenset[str]] | None = None,
    ) -> None:
        # The results and whether each is decisive, kept apart: no (result, bool) tuple per
        # entry for every full garbage collection to walk through (issue 11: a fifth of them)
        self._results, self._decisive = _split(entries) if split is None else split
        self._tables = tables
        self._model = NameModel(tables) if model is None else model
        self._decide = decide
        self._not_found = decide([], PLAIN_PARSE)
        self._indic = decide([], INDIC_PARSE)

    def bound(self, model: NameModel, decide: Decide) -> FastTable:
        """This table reading rare names with `model` and deciding with `decide`: an engine's
        own, so that what a batch memoises is dropped with its engine (cold stays cold)."""
        return FastTable({}, self._tables, decide, model, split=(self._results, self._decisive))

    def __len__(self) -> int:
        return len(self._results)

    def entries(self) -> dict[str, tuple[Any, bool]]:
        """Given name -> (the result for a plain name, whether the name is decisive)."""
        return {key: (result, key in self._decisive) for key, result in self._results.items()}

    def lookup(self, name: str) -> Any | None:
        """The result for `name` as the full path gives it, or None when it must take that path."""
        words = plain_words(name)
        if words is None:
            if len(name) > MAX_NAME_CHARS:
                return None
            if name.isascii():
                return self._particle(name)
            spelled = latin_spelling(name)
            if spelled is None:  # a letter of Hebrew or a later script
                if GEORGIAN_PAIR.fullmatch(name) is None:
                    return self._script(name)
                # Georgian has no capitals: two words transliterate to "eliso kalandadze", which
                # the full path reads as it reads "Eliso Kalandadze" (with more words, a
                # lowercase word would be a particle to it).
                name = name.translate(TO_ASCII).title()
            # Latin with diacritics (Vietnamese too), Greek, Cyrillic, Armenian: the full path
            # transliterates them letter by letter too. What is no letter became NOT_A_LETTER,
            # which declines below, as LETTERS would have.
            else:
                name = spelled
            words = plain_words(name)
            if words is None:
                return self._particle(name)
        first, last = words[0].lower(), words[-1].lower()
        result = self._results.get(first)
        if last in DECLINED_WORDS or (
            len(words) > 2 and not self._plain_middle(words, result is not None, first)
        ):
            return None
        surname = None
        if last[-2:] in RULE_TAILS:  # most surnames end otherwise: no rule to look for
            surname = surname_evidence(last)
        if result is None:
            return self._rare_first(first, last, surname)
        if surname is None or overruled(surname, [result.evidence[0]]):
            return result
        return self._decide([result.evidence[0], surname], PLAIN_PARSE)

    def _particle(self, name: str) -> Any | None:
        """ "Juul van den Bergh", "Jack de Lacy": a lowercase word after the given name starts the
        surname, for the full path too (nameparse._fast_parts); the form reader finds nothing."""
        if PARTICLE.fullmatch(name) is None:
            return None
        lowered = name.lower().split(" ")
        first, surname = lowered[0], " ".join(lowered[1:])
        keys = [w.replace("'", "") for w in lowered]
        if not DECLINED_WORDS.isdisjoint(keys) or keys[0] in EXCLUDED:
            return None  # a title, suffix or marriage marker the form reader would set aside
        if patronymic(keys[-1]) or patronymic(keys[1]):
            return None
        entry = self._results.get(first)
        if entry is not None:
            given: Evidence | None = entry.evidence[0]
        elif first.replace("-", "").replace("'", "").isalpha() and not is_initial(first):
            # no order to swap: a surname with a space in it is never read as a given name
            reading = self._model.read_compound(first)
            given = None if reading is None else self._model.as_evidence(reading)
        else:
            return None
        ending = surname_evidence(surname) if lowered[-1][-2:] in RULE_TAILS else None
        if entry is not None and (ending is None or overruled(ending, [entry.evidence[0]])):
            return entry
        found = [] if given is None else [given]
        if ending is not None and not overruled(ending, found):
            found.append(ending)
        return self._decide(found, PLAIN_PARSE) if found else self._not_found

    def _plain_middle(self, words: list[str], known: bool, first: str) -> bool:
        """Three words or more: the first given name decides (or only initials stand between),
        nothing in between is read."""
        if not known:
            return False
        if first not in self._decisive and not all(len(w) == 1 or w[1] == "." for w in words[1:-1]):
            return False  # a middle name could speak where the first is not decisive
        lowered = [w.lower() for w in words[1:-1]]  # "b." initials never match below
        if not DECLINED_WORDS.isdisjoint(lowered):
            return False
        return not patronymic(words[-1].lower()) and not patronymic(lowered[0])

    def _rare_first(self, first: str, last: str, surname: Evidence | None) -> Any | None:
        """ "Lara-Sophie Nowak", "Nqobizitha Dludlu": a given name too rare for the table (or
        none the tables know), read now as the full path reads it, when no order is to swap."""
        if (
            first in EXCLUDED
            or not first.replace("-", "").replace("'", "").isalpha()
            or is_initial(first)
        ):
            return None
        if "-" in first:
            reading = self._model.read_compound(first)
        elif first in self._tables.nqg or first in self._tables.guesser:
            reading = self._model.read(first)
        else:
            reading = None
        if (reading is None or reading.counts < SWAP_MAX_FIRST_COUNTS) and self._may_swap(
            first, last
        ):
            return None  # the full path reads the order as surname-first
        if reading is None:
            return self._not_found if surname is None else self._decide([surname], PLAIN_PARSE)
        given = self._model.as_evidence(reading)
        if surname is None or overruled(surname, [given]):
            return self._decide([given], PLAIN_PARSE)
        return self._decide([given, surname], PLAIN_PARSE)

    def _may_swap(self, first: str, last: str) -> bool:
        """Whether NameModel._swapped would take the last word as the given name.

        A word with fewer nomquamgender records than SWAP_MIN_COUNTS (most surnames: none) has a
        reading with as few counts, if any: that is known without reading it (issue 11: a cold
        reading of the surname, for nothing, was a fifth of a rare given name's cost)."""
        if not last.isalpha():
            return False
        known = self._tables.nqg.get(last)
        if known is None or known[2] < SWAP_MIN_COUNTS or SURNAME_SHAPE.search(first) is None:
            return False
        reading = self._model.read(last)
        return (
            reading is not None and reading.counts >= SWAP_MIN_COUNTS
            and abs(reading.logit) >= SWAP_MIN_LOGIT
        )  # fmt: skip

    def _script(self, name: str) -> Any | None:
        """Indic scripts: always unknown; Arabic script: the skeleton reading of the first word;
        Han and Hangul: surname first, the given name transliterated; Thai: titles and lists.

        Each *_ONLY pattern takes its own letters alone, no two share one: the first letter
        says which one can match, and only that one is tried (issue 11)."""
        code = ord(name[0])
        if INDIC_FIRST <= code <= INDIC_LAST:
            return self._indic if INDIC_ONLY.match(name) else None
        if THAI_FIRST <= code <= THAI_LAST:
            return self._thai(name) if THAI_ONLY.match(name) else None
        if code >= HAN_FIRST:
            if EAST_ASIAN_ONLY.match(name) is None or len(compact := name.replace(" ", "")) < 2:
                return None
            given, surname = anyascii(compact[1:]).lower(), anyascii(compact[0]).lower()
            return self._given_and_surname(given, surname)
        if ARABIC_ONLY.match(name) is None:
            return None
        word = abjad_given(name)
        reading = self._model.read_abjad(word) if word else None
        if reading is None:
            return self._not_found
        return self._decide([self._model.as_evidence(reading)], PLAIN_PARSE)

    def _given_and_surname(self, given: str, surname: str) -> Any | None:
        if len(given) < 2 or not given.isalpha():
            return None  # an initial, or a transliteration the full path reads otherwise
        reading = self._model.read(given)
        few = reading is None or reading.counts < SWAP_MAX_FIRST_COUNTS
        if few and surname.isalpha() and SURNAME_SHAPE.search(given) is not None:
            return None  # the full path may read the order as swapped
        found = [] if reading is None else [self._model.as_evidence(reading)]
        ending = surname_evidence(surname)
        if ending is not None and not overruled(ending, found):
            found.append(ending)
        return self._decide(found, PLAIN_PARSE) if found else self._not_found

    def _thai(self, name: str) -> Any | None:
        titles, given, _surname = split_thai(name)
        if not given:
            return None
        found = [e for e in map(honorific_evidence, titles) if e]
        reading = thai_reading(given)
        if reading is not None:
            found.append(self._model.as_evidence(reading))
        return self._decide(found, PLAIN_PARSE) if found else self._not_found


def _split(entries: dict[str, tuple[Any, bool]]) -> tuple[dict[str, Any], frozenset[str]]:
    """The stored entries as FastTable keeps them: results by name, and the decisive names."""
    return (
        {key: result for key, (result, _decisive) in entries.items()},
        frozenset(key for key, (_result, decisive) in entries.items() if decisive),
    )


def table_stamp(threshold: float) -> dict[str, object]:
    """What a stored table was built from; a stored table serves only where this is unchanged."""
    return {
        "format": FAST_TABLE_FORMAT, "threshold": threshold, "min_records": FAST_MIN_RECORDS,
        "nqg_sha256": hashlib.sha256(NQG_TABLE.read_bytes()).hexdigest(),
        "gender_guesser": importlib.metadata.version("gender-guesser"),
    }  # fmt: skip


def write_fast_table(table: FastTable, threshold: float, path: Path = FAST_TABLE) -> None:
    """Store `table`'s entries with their stamp (the `build-fast-table` command)."""
    with gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as handle:  # same build, same bytes
        pickle.dump((table_stamp(threshold), table.entries()), handle, protocol=5)


def load_fast_table(
    tables: NameTables, decide: Decide, threshold: float, path: Path = FAST_TABLE
) -> FastTable | None:
    """The stored table (half a second), or None when it is missing or built from other inputs.

    A pickle, written by this package's own command and shipped with it: as trusted as the code.
    """
    if not path.exists():
        return None
    with gzip.open(path, "rb") as handle:
        stamp, entries = pickle.load(handle)  # noqa: S301 - our own file, see above
    return FastTable(entries, tables, decide) if stamp == table_stamp(threshold) else None


def build_fast_table(tables: NameTables, decide: Decide) -> FastTable:
    """One entry per well-attested given name, decided by `decide` as the full path would."""
    model = NameModel(tables)
    entries: dict[str, tuple[Any, bool]] = {}
    for key, (_p, _sources, counts) in tables.nqg.items():
        if counts < FAST_MIN_RECORDS or not key.isalpha() or key in EXCLUDED:
            continue
        parsed = ParsedName(given=(key,), surname="")
        evidence = model.evidence(parsed)
        reading = model.read(key)
        if not evidence or reading is None:
            continue
        entries[key] = (decide(evidence, parsed), abs(reading.logit) >= DECISIVE)
    return FastTable(entries, tables, decide)
