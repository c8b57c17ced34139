"""Names written in Thai script: titles read, the given name looked up in PyThaiNLP's name lists.

Pure. PyThaiNLP (Apache-2.0) ships lists of Thai female and male given names; they are read in
place from the installed package (never copied here) once, on the first Thai name. A name found
in both lists is ambiguous. Thai names are published "title given-name surname", the title often
written without a space ("นายสมชาย"): นาย (Mr), นาง (Mrs), นางสาว (Miss), and ranks that end in
หญิง ("female") for women.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path
from typing import Final

__all__ = ["THAI_SCRIPT", "split_thai", "thai_given_label"]

THAI_SCRIPT: Final = re.compile(r"[\u0e00-\u0e7f]")
# Longest first: นางสาว before นาง. Gendered titles carry their word; neutral ones are dropped.
TITLES: Final = ("นางสาว", "คุณหญิง", "ท่านผู้หญิง", "นาง", "นาย", "ดร.", "ศาสตราจารย์", "รองศาสตราจารย์",
          "ผู้ช่วยศาสตราจารย์", "หม่อมราชวงศ์", "หม่อมหลวง", "ม.ร.ว.", "ม.ล.")  # fmt: skip
RANK: Final = re.compile(r"^(?:พล|พัน|ร้อย|จ่า|สิบ|นาวา|เรือ)\S*?(หญิง)")  # a woman's rank: title


@functools.cache
def _lists() -> tuple[frozenset[str], frozenset[str]]:
    spec = importlib.util.find_spec("pythainlp")
    if spec is None or not spec.submodule_search_locations:
        return frozenset(), frozenset()
    corpus = Path(next(iter(spec.submodule_search_locations))) / "corpus"

    def read(name: str) -> frozenset[str]:
        path = corpus / name
        if not path.exists():
            return frozenset()
        return frozenset(w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w)

    return read("person_names_female_th.txt"), read("person_names_male_th.txt")


def split_thai(text: str) -> tuple[tuple[str, ...], str, str]:
    """(titles, given name, surname) of a Thai-script name; the title may be glued to the name."""
    words = [w for w in text.split() if THAI_SCRIPT.search(w)]
    titles: list[str] = []
    while words:
        word = words[0]
        title = next((t for t in TITLES if word.startswith(t)), None)
        if title is None:
            rank = RANK.match(word)
            title = rank.group(0) if rank and rank.group(1) else None
        if title is None:
            break
        titles.append("หญิง" if title.endswith("หญิง") else title)
        rest = word[len(title) :]
        words = [rest, *words[1:]] if rest else words[1:]
    given = words[0] if words else ""
    return tuple(titles), given, " ".join(words[1:])


def thai_given_label(given: str) -> str | None:
    """ "woman", "man", "ambiguous" or None (not in PyThaiNLP's lists) for a Thai given name."""
    women, men = _lists()
    woman, man = given in women, given in men
    if woman and man:
        return "ambiguous"
    return "woman" if woman else "man" if man else None
