"""Name order and form, read before any lookup: which word is the given name, and why.

Pure. Works on ASCII text (after transliteration). Reads the conventions people publish names in:
"Surname, Given", post-nominals after a comma ("SH, MM", "MP", "Jr."), a place or award after a
comma ("Alam Khan Azadi, balkh"), titles before the name ("Hon.", "Dr.", "Ratu", "Smt.", "Hj."),
surnames in capitals beside a given name that is not ("UMBETOV Serik", "Adriana Diana TUSA"),
patronymics ("Akaev Zhanarbek Kubanychovich": the given name stands before the patronymic) and
marriage markers ("ABID NEE DOUAIFIA SAMIRA": the married or birth surname follows the marker).
Returns None when the name has none of these: the plain parse then decides.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

__all__ = ["PATRONYMIC_FEMALE", "PATRONYMIC_MALE", "PATRONYMIC_TAILS", "Form", "read_form"]

# A post-nominal: a degree or suffix in capitals or with dots ("SH", "S.H.", "M.Si.", "M.Kn",
# "MBA", "M.COMM.LAW", "Jr."). Shape, not a list: degrees differ by country.
POST_NOMINAL: Final = re.compile(
    r"^(?:[A-Z]{1,4}\.?|(?:[A-Za-z]{1,4}\.)+[A-Za-z]{0,4}\.?|Jr\.?|Sr\.?|Ph\.?D\.?|[IVX]{1,4})$"
)
SUFFIX_WORDS: Final = frozenset(
    ["jr", "sr", "ii", "iii", "iv", "mp", "phd", "md", "esq", "deceased"]
)
# Titles and forms of address that may open a published name; see honorifics.py for those that
# carry a gender. Lowercase, without dots.
TITLES: Final = frozenset(
    [
        "adi",
        "adv",
        "alh",
        "alhaj",
        "alhaji",
        "atty",
        "bishop",
        "chief",
        "dame",
        "datin",
        "dato",
        "datuk",
        "don",
        "dona",
        "dr",
        "dra",
        "drs",
        "encik",
        "eng",
        "engr",
        "fr",
        "frau",
        "h",
        "haji",
        "hajj",
        "hajjah",
        "herr",
        "hj",
        "hjh",
        "hon",
        "honorable",
        "honourable",
        "ir",
        "kumari",
        "lady",
        "linh",
        "lord",
        "miss",
        "mlle",
        "mme",
        "mr",
        "mrs",
        "ms",
        "muc",
        "mx",
        "pastor",
        "pehin",
        "prim",
        "prof",
        "puan",
        "ratu",
        "rep",
        "rev",
        "ro",
        "rt",
        "sayed",
        "sayyid",
        "sen",
        "senator",
        "seri",
        "shaikh",
        "sheikh",
        "shri",
        "shrimati",
        "sir",
        "smt",
        "sra",
        "srta",
        "syed",
        "tan",
        "thiru",
        "tuan",
        "tun",
    ]
)
MARRIAGE_MARKERS: Final = frozenset(["ep", "epse", "epouse", "nee", "geb", "geborene"])
PATRONYMIC_MALE: Final = re.compile(r"(?:[aoe]v[iy]ch|[oe]vitch|uulu|uly|ogly|oglu)$")
PATRONYMIC_FEMALE: Final = re.compile(r"(?:[oe]vn[ae]|ichna|ivna|[ae]una|kyzy|qizi|kizi|gyzy)$")
# The last two letters of every ending of both (a test derives them): most words end otherwise,
# and a slice and a set lookup say so faster than two searches (issue 11)
PATRONYMIC_TAILS: Final = frozenset(["ch", "lu", "ly", "na", "ne", "zi", "zy"])
WORD: Final = re.compile(r"[A-Za-z]")
COMMA_NOTE: Final = "'Surname, Given' order"
MAX_HEAD_WORDS: Final = 2  # "Surname, Given": a head of more words is a whole name ("X Y Z, place")


class Form(NamedTuple):
    """The given names in order, the surname, titles and patronymic seen, and the reasons."""

    given: tuple[str, ...]
    surname: str
    titles: tuple[str, ...]
    patronymic: str
    notes: tuple[str, ...]


def _key(word: str) -> str:
    return word.lower().replace(".", "").replace("'", "")


def _is_initial(word: str) -> bool:
    letters = word.replace(".", "").replace("-", "")
    return (len(letters) <= 2 and "." in word) or len(letters) == 1


def _is_caps(word: str) -> bool:
    if not word.isupper():  # a lowercase letter, or no cased one: never all capitals (issue 11)
        return False
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _post_nominal_segment(segment: str) -> bool:
    words = segment.replace(",", " ").split()
    return bool(words) and all(
        POST_NOMINAL.match(w) or _key(w) in SUFFIX_WORDS for w in words
    ) and not any(len(w) > 2 and w.istitle() and "." not in w for w in words)  # fmt: skip


def _commas(text: str, notes: list[str]) -> str:
    segments = [s.strip() for s in text.split(",") if s.strip()]
    while len(segments) > 1 and _post_nominal_segment(segments[-1]):
        notes.append(f"post-nominal '{segments.pop()}' set aside")
    if len(segments) < 2:
        return segments[0] if segments else ""
    head, tail = segments[0], " ".join(segments[1:])
    head_words = [w for w in head.split() if not _is_initial(w) and _key(w) not in TITLES]
    if len(head_words) <= MAX_HEAD_WORDS and tail[:1].isupper():
        notes.append(COMMA_NOTE)
        return f"{tail} {head.upper()}"
    notes.append(f"'{tail}' after the comma set aside")
    return head


def _peel(words: list[str], notes: list[str]) -> tuple[list[str], list[str]]:
    titles: list[str] = []
    while len(words) > 1 and _key(words[0]) in TITLES:
        titles.append(_key(words.pop(0)))
    while len(words) > 1 and (_key(words[-1]) in SUFFIX_WORDS):
        notes.append(f"suffix '{words.pop()}' set aside")
    kept: list[str] = []
    for word in words:
        if _key(word) in SUFFIX_WORDS and kept:
            notes.append(f"suffix '{word}' set aside")
            continue
        kept.append(word)
    if titles:
        notes.append("title " + " ".join(f"'{t}'" for t in titles) + " set aside")
    return kept, titles


def _marriage(words: list[str], notes: list[str]) -> tuple[list[str], str, str] | None:
    """ "ABID NEE DOUAIFIA SAMIRA": surname, marker, other surname, then the given names."""
    for at, word in enumerate(words):
        key, _, rest = word.lower().partition(".")
        if key in MARRIAGE_MARKERS and at > 0:
            after = ([rest] if rest else []) + words[at + 1 :]
            given = after[1:] if len(after) > 1 else []
            if given:
                notes.append(f"marriage marker '{word}': the given name follows the surnames")
                return given, " ".join(words[:at]), key
    return None


def _patronymic(words: list[str]) -> int | None:
    if len(words) < 3:
        return None
    for at in (len(words) - 1, 1):
        key = _key(words[at])
        if key[-2:] not in PATRONYMIC_TAILS and "\n" not in key:
            continue
        if PATRONYMIC_MALE.search(key) or PATRONYMIC_FEMALE.search(key):
            return at
    return None


def read_form(text: str) -> Form | None:
    """Read the form of an ASCII name; None when nothing in it departs from "Given Surname"."""
    notes: list[str] = []
    if "," in text:
        text = _commas(text, notes)
    words, titles = _peel(text.split(), notes)
    marriage = _marriage(words, notes)
    if marriage is not None:
        given, surname, marker = marriage
        return Form(tuple(given), surname, (*titles, marker), "", tuple(notes))
    at = _patronymic(words)
    if at is not None:
        patronymic = words[at]
        if at == len(words) - 1:  # Surname Given Patronymic
            given, surname = words[1:at], words[0]
        else:  # Given Patronymic Surname
            given, surname = words[:1], " ".join(words[2:])
        notes.append(f"patronymic '{patronymic}': the given name stands before it")
        return Form(tuple(given), surname, tuple(titles), _key(patronymic), tuple(notes))
    named = [w for w in words if not _is_initial(w) and WORD.search(w)]
    caps = [w for w in named if _is_caps(w)]
    if caps and len(caps) < len(named):
        given = [w for w in words if w not in caps]
        if not notes or notes[0] != COMMA_NOTE:
            notes.append("surname in capitals: " + " ".join(caps))
        return Form(tuple(given), " ".join(caps), tuple(titles), "", tuple(notes))
    if not notes:
        return None
    return Form(tuple(words[:-1]), words[-1] if words else "", tuple(titles), "", tuple(notes))
