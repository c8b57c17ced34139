"""Offline given-name tables: nomquamgender (compact derived copy) and gender-guesser (by country).

Pure: no database, no settings. `python -m app.gender.namedata build` regenerates the shipped table.

Why a derived copy of nomquamgender: its package loads a 22 MB JSON of 720,000 keys into pandas-era
Python lists (1.3 s, 260 MB RSS). We keep only clean keys seen in two or more sources or five or
more records (about 240,000 names) as a gzipped TSV: ~0.3 s and ~40 MB to load. nomquamgender is
MIT-licensed (Van Buskirk, Clauset & Larremore 2023); its data aggregates 36 public name sources.
gender-guesser's `nam_dict.txt` (Jörg Michael, GNU FDL) is read in place from the installed
package, never copied into this repository.
"""

from __future__ import annotations

import functools
import gzip
import importlib.resources
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Final

__all__ = [
    "GG_COUNTRY",
    "GuesserLines",
    "NameTables",
    "NqgEntry",
    "build_nqg_table",
    "guesser_score",
    "load_tables",
]

# The package's data folder, found through the package rather than this module's __file__: a
# compiled build of this module lives outside the source tree (see scrapers/compiled.py).
DATA: Final = Path(str(importlib.resources.files("app.gender"))) / "data"
NQG_TABLE: Final = DATA / "nqg_names.tsv.gz"
NQG_KEY: Final = re.compile(r"^[a-z`'][a-z`' -]*[a-z`]$")
NQG_MIN_SOURCES: Final = 2
NQG_MIN_COUNTS: Final = 5

# gender-guesser's nam_dict.txt: gender code in columns 0-2, name from column 3, then one
# frequency character per country from column 30 (' ' absent, '1'..'D' rising frequency).
GG_COUNTRY_START: Final = 30
GG_FREQUENCY: Final = {" ": 0, **{cell: int(cell, 16) for cell in "123456789ABCDEF"}}
GG_CODES: Final = {"M": -3, "1M": -2, "?M": -1, "F": 3, "1F": 2, "?F": 1, "?": 0}
GG_COUNTRIES: Final = [
    "great_britain",
    "ireland",
    "usa",
    "italy",
    "malta",
    "portugal",
    "spain",
    "france",
    "belgium",
    "luxembourg",
    "the_netherlands",
    "east_frisia",
    "germany",
    "austria",
    "swiss",
    "iceland",
    "denmark",
    "norway",
    "sweden",
    "finland",
    "estonia",
    "latvia",
    "lithuania",
    "poland",
    "czech_republic",
    "slovakia",
    "hungary",
    "romania",
    "bulgaria",
    "bosniaand",
    "croatia",
    "kosovo",
    "macedonia",
    "montenegro",
    "serbia",
    "slovenia",
    "albania",
    "greece",
    "russia",
    "belarus",
    "moldova",
    "ukraine",
    "armenia",
    "azerbaijan",
    "georgia",
    "the_stans",
    "turkey",
    "arabia",
    "israel",
    "china",
    "india",
    "japan",
    "korea",
    "vietnam",
    "other_countries",
]
_ISO_TO_GG: Final = {
    "GB": "great_britain", "UK": "great_britain", "IE": "ireland", "US": "usa", "CA": "usa",
    "AU": "great_britain", "NZ": "great_britain", "IT": "italy", "MT": "malta",
    "PT": "portugal", "BR": "portugal", "ES": "spain", "MX": "spain", "AR": "spain",
    "CO": "spain", "CL": "spain", "PE": "spain", "FR": "france", "BE": "belgium",
    "LU": "luxembourg", "NL": "the_netherlands", "DE": "germany", "AT": "austria",
    "CH": "swiss", "IS": "iceland", "DK": "denmark", "NO": "norway", "SE": "sweden",
    "FI": "finland", "EE": "estonia", "LV": "latvia", "LT": "lithuania", "PL": "poland",
    "CZ": "czech_republic", "SK": "slovakia", "HU": "hungary", "RO": "romania",
    "BG": "bulgaria", "BA": "bosniaand", "HR": "croatia", "XK": "kosovo", "MK": "macedonia",
    "ME": "montenegro", "RS": "serbia", "SI": "slovenia", "AL": "albania", "GR": "greece",
    "CY": "greece", "RU": "russia", "BY": "belarus", "MD": "moldova", "UA": "ukraine",
    "AM": "armenia", "AZ": "azerbaijan", "GE": "georgia", "KZ": "the_stans",
    "UZ": "the_stans", "TM": "the_stans", "KG": "the_stans", "TJ": "the_stans",
    "TR": "turkey", "IL": "israel", "CN": "china", "TW": "china", "HK": "china",
    "IN": "india", "JP": "japan", "KR": "korea", "VN": "vietnam",
}  # fmt: skip
_ARABIA: Final = [
    "SA",
    "AE",
    "QA",
    "KW",
    "BH",
    "OM",
    "YE",
    "IQ",
    "JO",
    "SY",
    "LB",
    "EG",
    "LY",
    "TN",
    "DZ",
    "MA",
    "PS",
    "SD",
]
GG_COUNTRY: Final[dict[str, int]] = {
    iso: GG_COUNTRIES.index(name)
    for iso, name in {**_ISO_TO_GG, **dict.fromkeys(_ARABIA, "arabia")}.items()
}


# Table entries are plain tuples, not dataclass instances or NamedTuples: the garbage collector
# stops tracking tuples of plain values, so its full passes no longer walk 300,000 entries in the
# middle of a batch (issue 3, speed), and they load faster.
NqgEntry = tuple[float, int, int]  # nomquamgender: P(female), number of sources, of records
GuesserLines = tuple[tuple[int, str], ...]  # gender-guesser: (code -3..3, per-country cells)


def guesser_score(lines: GuesserLines, index: int | None) -> float | None:
    """Frequency-weighted mean code score, over one country column (`index`) or all of them."""
    total = weight = 0
    for score, countries in lines:
        freq = _frequency(countries) if index is None else _frequency(countries[index : index + 1])
        total, weight = total + score * freq, weight + freq
    return None if weight == 0 else total / weight


def _frequency(cells: str) -> int:
    """The summed GG_FREQUENCY of `cells`: one loop of integer tests, compiled (issue 11: a map
    of dict lookups per line was a cold name's cost); a cell outside it fails as it did."""
    freq = 0
    for cell in cells:
        code = ord(cell)
        if 49 <= code <= 57:  # "1".."9"
            freq += code - 48
        elif 65 <= code <= 70:  # "A".."F"
            freq += code - 55
        elif code != 32:  # " ": absent
            return sum(map(GG_FREQUENCY.__getitem__, cells))  # KeyError, as before
    return freq


@dataclass(frozen=True, slots=True)
class NameTables:
    """Both lookups, keyed by lowercase ASCII name."""

    nqg: dict[str, NqgEntry]
    guesser: dict[str, GuesserLines]


def build_nqg_table(out: Path = NQG_TABLE) -> int:
    """Write the compact nomquamgender table from the installed package; return rows written."""
    source = importlib.resources.files("nomquamgender") / "name_data.json"
    with source.open(encoding="utf-8") as handle:
        data = json.load(handle)
    rows = []
    for key, (sources, counts, p_female, *_rest) in sorted(data.items()):
        if not NQG_KEY.match(key) or "  " in key:
            continue
        if sources >= NQG_MIN_SOURCES or counts >= NQG_MIN_COUNTS:
            rows.append(f"{key}\t{p_female:.3f}\t{sources}\t{counts}\n")
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write("# derived from nomquamgender 0.1.4 name_data.json (MIT); see namedata.py\n")
        handle.writelines(rows)
    return len(rows)


def _load_nqg(path: Path) -> dict[str, NqgEntry]:
    table: dict[str, NqgEntry] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            key, p_female, sources, counts = line.rstrip("\n").split("\t")
            table[key] = (float(p_female), int(sources), int(counts))
    return table


def _guesser_keys(raw: str) -> list[str]:
    from anyascii import anyascii  # local: keeps module import light

    name = anyascii(raw).lower()
    if "+" not in name:
        return [name]
    return [name.replace("+", joiner) for joiner in ("", " ", "-")]


def _load_guesser() -> dict[str, GuesserLines]:
    source = importlib.resources.files("gender_guesser") / "data" / "nam_dict.txt"
    lines: dict[str, list[tuple[int, str]]] = {}
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            if line[:1] in "#=" or len(line) < GG_COUNTRY_START:
                continue
            code, raw = line[:3].strip(), line[3:GG_COUNTRY_START].strip()
            countries = line[GG_COUNTRY_START:].rstrip("\n$ ")
            for key in _guesser_keys(raw):
                lines.setdefault(key, []).append((GG_CODES[code], countries))
    return {key: tuple(value) for key, value in lines.items()}


@functools.cache
def load_tables(nqg_path: Path = NQG_TABLE) -> NameTables:
    """Load both tables once per process (about half a second); engines share them read-only."""
    return NameTables(nqg=_load_nqg(nqg_path), guesser=_load_guesser())


if __name__ == "__main__":
    if sys.argv[1:] != ["build"]:
        sys.exit("usage: python -m app.gender.namedata build")
    print(f"wrote {build_nqg_table()} names to {NQG_TABLE}")
