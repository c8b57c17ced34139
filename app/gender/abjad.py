"""Given names written in Arabic or Persian script, matched to the name data by consonant skeleton.

Pure. Arabic script leaves short vowels out, so a letter-by-letter romanisation ("mhmd") is no name
anyone looks up. Instead both sides are reduced to one skeleton: the Latin names of the name data
(mohamed, muhammad, mehmet...) and the Arabic-script name lose their vowels, w and y (long vowels
in Arabic), doubled letters, and letters that romanisations render differently fall together
(j/g, k/q/c, s/sh...). A final -a, -ah, -eh in Latin and the letters that write it in Arabic
(ة ى ه ا) become one feminine-looking marker "@", since that ending is what tells Amina from Amin.
The skeleton's reading is the record-weighted share of women over every Latin name that has it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Final

__all__ = [
    "ARABIC_SCRIPT",
    "MIDDLE_EAST",
    "abjad_given",
    "arabic_skeleton",
    "guesser_index",
    "latin_skeleton",
    "skeleton_index",
]

ARABIC_SCRIPT: Final = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_DROP: Final = "اأإآءؤئوي\u06ccـ\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670ع"
_LETTERS: Final = {
    "ب": "b", "پ": "b", "ت": "t", "ث": "t", "ج": "j", "گ": "j", "غ": "j", "ح": "h", "ه": "h",
    "خ": "k", "ق": "k", "ك": "k", "ک": "k", "د": "d", "ذ": "d", "ض": "d", "ر": "r", "ز": "z",
    "ظ": "z", "ژ": "z", "س": "s", "ش": "s", "ص": "s", "چ": "s", "ط": "t", "ف": "f", "ل": "l",
    "م": "m", "ن": "n", "ة": "@",
}  # fmt: skip


class _Skeletal(dict[int, str | None]):
    """str.translate's table for a skeleton: a dropped letter deleted, a kept one mapped, any
    other character (outside the table) gone too, as `_LETTERS.get(ch, "")` had it."""

    def __missing__(self, code: int) -> str:
        return ""


_SKELETON: Final = _Skeletal(
    {ord(ch): None for ch in _DROP} | {ord(ch): value for ch, value in _LETTERS.items()}
)
# Letters that write a final vowel: the "@" ending. Not ى: Egypt writes final -i with it (مجدى).
_FINAL: Final = "ةها"
_LATIN_DIGRAPHS: Final = (("kh", "k"), ("gh", "j"), ("sh", "s"), ("ch", "s"), ("th", "t"),
                          ("dh", "d"), ("zh", "z"), ("ph", "f"))  # fmt: skip
_LATIN: Final = str.maketrans({"g": "j", "q": "k", "c": "k", "p": "b", "v": "f", "x": "ks"})
_LATIN_DROP: Final = re.compile(r"[aeiouwy' -]")
_LATIN_FINAL: Final = re.compile(r"(?<=[^aeiouwy])(?:aa|ah|eh|a)$")
_RUNS: Final = re.compile(r"(.)\1+")
JOINED: Final = ("عبد", "ابو", "أبو")  # "Abd al-Aziz", "Abu Bakr": one given name in two words
MIDDLE_EAST: Final = ("arabia",)  # gender-guesser's column of the Arab world
MIN_COUNTS: Final = 20  # Latin names with fewer records do not shape a skeleton's reading


def latin_skeleton(name: str) -> str:
    """The skeleton of a lowercase ASCII name: "fatimah" -> "ftm@", "mohammed" -> "mhmd"."""
    final = "@" if _LATIN_FINAL.search(name) else ""
    stem = _LATIN_FINAL.sub("", name) if final else name
    for digraph, single in _LATIN_DIGRAPHS:
        stem = stem.replace(digraph, single)
    stem = _LATIN_DROP.sub("", stem.translate(_LATIN))
    return _RUNS.sub(r"\1", stem) + final


def arabic_skeleton(word: str) -> str:
    """The skeleton of one Arabic-script given name: "فاطمة" -> "ftm@", "محمد" -> "mhmd"."""
    word = word.replace("ال", "ل", 1) if word.startswith("ال") else word
    final = ""
    if word.endswith("اء"):
        word, final = word[:-2], "@"
    elif len(word) > 2 and word[-1] in _FINAL:
        word, final = word[:-1], "@"
    stem = word.translate(_SKELETON)
    return _RUNS.sub(r"\1", stem) + final


def abjad_given(text: str) -> str | None:
    """The given name of an Arabic-script full name (the first word, with "Abd"/"Abu" joined)."""
    words = [w for w in text.split() if ARABIC_SCRIPT.search(w)]
    if not words:
        return None
    if words[0] in JOINED and len(words) > 1:
        return words[0] + words[1]
    return words[0]


def skeleton_index(nqg: Mapping[str, tuple[float, int, int]]) -> dict[str, tuple[float, int]]:
    """Skeleton -> (record-weighted P(female), records) over the Latin names of the name data."""
    women: dict[str, float] = {}
    records: dict[str, int] = {}
    for name, (p_female, _sources, counts) in nqg.items():
        if counts < MIN_COUNTS:
            continue
        key = latin_skeleton(name)
        if len(key) < 2:
            continue
        women[key] = women.get(key, 0.0) + p_female * counts
        records[key] = records.get(key, 0) + counts
    return {key: (women[key] / total, total) for key, total in records.items()}


def guesser_index(
    guesser: Mapping[str, Sequence[tuple[int, str]]], columns: Sequence[int]
) -> dict[str, tuple[float, int]]:
    """Skeleton -> (mean gender code -3..3, summed frequency) over gender-guesser's names used
    in `columns` (its Arab world, Turkey, Azerbaijan, Central Asia): the data that has these names.
    """
    score: dict[str, float] = {}
    weight: dict[str, int] = {}
    for name, lines in guesser.items():
        for code, cells in lines:
            freq = sum(int(cells[i], 16) for i in columns if i < len(cells) and cells[i] != " ")
            if freq:
                key = latin_skeleton(name)
                score[key] = score.get(key, 0.0) + code * freq
                weight[key] = weight.get(key, 0) + freq
    return {key: (score[key] / total, total) for key, total in weight.items() if len(key) >= 2}
