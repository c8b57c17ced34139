"""Name evidence: the given name looked up in nomquamgender and gender-guesser (by country).

Pure. Returns log-odds of woman vs man (positive: woman) as `Evidence`; combine.py decides.
Both tables measure the same thing, so they are blended into one piece of evidence, never added.
"""

from __future__ import annotations

import math
import re
from typing import Final, NamedTuple

from app.gender.abjad import MIDDLE_EAST, arabic_skeleton, guesser_index, skeleton_index
from app.gender.evidence import NEW_RECORD, Evidence, new_evidence
from app.gender.labels import Label
from app.gender.namedata import GG_COUNTRIES, GG_COUNTRY, NameTables, guesser_score
from app.gender.nameparse import ParsedName, is_initial
from app.gender.thai import thai_given_label

__all__ = ["NameModel", "NameReading", "abjad_reading", "records_share", "round3", "thai_reading"]

LOGIT_CAP: Final = 6.0  # |log-odds| of one name never exceeds this (P ~ 0.9975)
# Beta(1, 1) shrinkage: a name seen in three records is not 100% anything
NQG_PRIOR_COUNTS: Final = 2.0
# Sources that give a p without counts weigh like this many records
NQG_COUNTS_PER_SOURCE: Final = 5
GG_LOGIT_PER_STEP: Final = 1.2  # gender-guesser's codes -3..3 (M, 1M, ?M, ?, ?F, 1F, F) to log-odds
GG_COUNTRY_WEIGHT: Final = 0.8  # with a known country, gender-guesser's country column leads
GG_GLOBAL_WEIGHT: Final = 0.25
COUNTRY_FLIP_GUARD: Final = 0.5  # a worldwide lean this clear (P ~ 0.62) no country turns around
# A skeleton stands for several names ("sm@": Osama, Asma): its reading counts for less.
ABJAD_LOCAL_SHRINK: Final = 0.8
ABJAD_WORLDWIDE_SHRINK: Final = 0.5
# Countries whose given names differ from the worldwide reading ("Andrea", "Simone", "Nicola" are
# men in Italy), with the shape of their surnames: Italian ones end in a vowel.
NATIVE_SURNAME: Final = {"IT": re.compile(r"[aeio]$"), "SM": re.compile(r"[aeio]$")}
NATIVE: Final = "+native"
THAI_LOGIT: Final = 2.5  # in one of PyThaiNLP's lists only (P ~ 0.92); no counts come with them
DECISIVE: Final = 1.5  # log-odds beyond which a given name settles it (P ~ 0.82)
READING_CACHE_LIMIT: Final = 200_000
SWAP_MIN_COUNTS: Final = 50  # the last word must be a given name the data knows (Greek: "Savvas")
SWAP_MIN_LOGIT: Final = 3.0
# Fewer records than this: the first token is no given name we know
SWAP_MAX_FIRST_COUNTS: Final = 10
# round3: below this distance from a half, value * 1000 may round the other way than the exact
# product would (its error is below 1e-10 for the weights here, at most exp(LOGIT_CAP) ~ 403)
ROUND_GUARD: Final = 1e-6
ROUND_LIMIT: Final = 2.0**40  # beyond, and for NaN or infinities, round() itself answers
# nomquamgender's P(female) has three decimals: its percentage, formatted once (a float's format
# is the cost of a name's detail; issue 11). Keys k / 1000 equal float("0.kkk") exactly.
PERCENTS: Final = {k / 1000: f"{k / 1000:.0%}" for k in range(1001)}
# Enum lookups cost; these repeat.
WOMAN: Final = Label.WOMAN
MAN: Final = Label.MAN
UNKNOWN: Final = Label.UNKNOWN
SURNAME_SHAPE: Final = re.compile(
    r"(?:er|mann|ner|berg|stein|ger|sen|son|ez|ski|sky|ov|ova|ev|eva|ic|ich|eau|aux|ini|elli"
    r"|etti|oni|ardi|ing|ley|ton|ham|ford|field|wood|hofer|huber|bauer|maier|meier|inger|idis"
    r"|[aeiou]s|ou|tzi|aki|yan|ian|dze|shvili|escu|eanu|ssen|sson|nen|la|yi"
    r"|moto|mura|[kg]awa|yama|[sz]aki|[hb]ara|[sj]ima|naka|oka|uchi|ichi|shita|mori|[hb]ashi|ta|da|no)$"
)
SWAP_DISCOUNT: Final = 0.8  # the order itself is a guess
CAPITALS_MARGIN: Final = 20  # a word this many times better known than the first is the given name
PINYIN_SYLLABLE: Final = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo"
    r"|ue|ui|er|a|e|i|o|u|v)"
)
PINYIN_WORD: Final = re.compile(rf"^(?:{PINYIN_SYLLABLE.pattern}){{1,3}}$")
CHINESE_SURNAMES: Final = frozenset(
    [
        "bai",
        "cai",
        "cao",
        "chen",
        "cheng",
        "cui",
        "deng",
        "ding",
        "dong",
        "du",
        "duan",
        "fan",
        "fang",
        "feng",
        "fu",
        "gao",
        "gong",
        "gu",
        "guo",
        "han",
        "hao",
        "he",
        "hou",
        "hu",
        "huang",
        "jia",
        "jiang",
        "jin",
        "kong",
        "lei",
        "li",
        "liang",
        "liao",
        "lin",
        "liu",
        "long",
        "lu",
        "luo",
        "ma",
        "mao",
        "meng",
        "pan",
        "peng",
        "qian",
        "qin",
        "qiu",
        "ren",
        "shao",
        "shen",
        "shi",
        "song",
        "su",
        "sun",
        "tan",
        "tang",
        "tao",
        "tian",
        "wan",
        "wang",
        "wei",
        "wu",
        "xia",
        "xiao",
        "xie",
        "xiong",
        "xu",
        "xue",
        "yan",
        "yang",
        "yao",
        "ye",
        "yin",
        "yu",
        "yuan",
        "zeng",
        "zhang",
        "zhao",
        "zheng",
        "zhong",
        "zhou",
        "zhu",
        "zou",
    ]
)
EAST_ASIAN_SURNAMES: Final = CHINESE_SURNAMES | frozenset(
    [
        "kim",
        "lee",
        "park",
        "choi",
        "jung",
        "jeong",
        "kang",
        "cho",
        "yoon",
        "jang",
        "lim",
        "oh",
        "seo",
        "shin",
        "kwon",
        "hwang",
        "ahn",
        "yoo",
        "hong",
        "jeon",
        "ko",
        "moon",
        "son",
        "bae",
        "baek",
        "nam",
        "roh",
        "tsai",
        "lai",
        "hsu",
        "chang",
        "chiu",
        "kuo",
    ]
)


class NameReading(NamedTuple):
    """What the name tables say about one token: log-odds (woman positive) and the words why.

    A NamedTuple: it builds fast, and it is a dict key in NameModel's memo.
    """

    token: str
    logit: float
    detail: str
    counts: int


def new_reading(token: str, logit: float, detail: str, counts: int) -> NameReading:
    """`NameReading(...)`, built without the NamedTuple's Python-level `__new__` (see
    evidence.new_evidence)."""
    return NEW_RECORD(NameReading, (token, logit, detail, counts))


# Memo sentinel: None is a real answer ("not in the tables"). A NameReading, so that the memos'
# `get(key, _MISSING)` keeps one type (compiled code checks it); compared by identity only.
_MISSING: Final = NameReading("", 0.0, "", -1)


def _clip(value: float) -> float:
    return max(-LOGIT_CAP, min(LOGIT_CAP, value))


class NameModel:
    """Looks given names up in the offline tables; one instance per process (see engine).

    Every per-token answer (reading, compound reading, Arabic-script reading, the Evidence built
    from a reading) is memoised: distinct full names share few surnames but mostly common given
    names (issue 3).
    """

    def __init__(self, tables: NameTables) -> None:
        self._tables = tables
        # keyed by the token alone without a country (most reads: no tuple to build and hash)
        self._readings: dict[str | tuple[str, str], NameReading | None] = {}
        self._compounds: dict[str | tuple[str, str], NameReading | None] = {}
        self._evidence: dict[NameReading, Evidence] = {}
        self._abjads: dict[str, NameReading | None] = {}

    def read(self, token: str, country: str | None = None) -> NameReading | None:
        """Return the blended reading of one given-name token, or None when neither table has it."""
        key = token if country is None else (token, country)
        found = self._readings.get(key, _MISSING)
        if found is _MISSING:
            if len(self._readings) > READING_CACHE_LIMIT:
                self._readings.clear()
            found = self._readings[key] = self._read(token, country)
        return found

    def _read(self, token: str, country: str | None) -> NameReading | None:
        key = token.replace(".", "")
        nqg = self._tables.nqg.get(key)
        lines = self._tables.guesser.get(key)
        if nqg is None and lines is None:
            return None
        native = country is not None and country.endswith(NATIVE)  # see _country_context
        country = country.removesuffix(NATIVE) if country else None
        index = GG_COUNTRY.get(country.upper()) if country else None
        local = guesser_score(lines, index) if lines and index is not None else None
        parts, logit = [], 0.0
        nqg_logit = None
        counts = 0
        if nqg is not None:
            p_female, sources, counts = nqg
            n = counts or sources * NQG_COUNTS_PER_SOURCE
            p = (p_female * n + 0.5 * NQG_PRIOR_COUNTS) / (n + NQG_PRIOR_COUNTS)
            nqg_logit = _clip(math.log(p / (1 - p)))
            parts.append(
                f"'{key}' is {records_share(p_female)} of {grouped(counts)} nomquamgender records"
            )
        if local is not None:
            gg_logit = local * GG_LOGIT_PER_STEP
            logit = gg_logit if nqg_logit is None else (
                GG_COUNTRY_WEIGHT * gg_logit + (1 - GG_COUNTRY_WEIGHT) * nqg_logit
            )  # fmt: skip
            parts.append(f"gender-guesser for {country}: {_describe(local)}")
            if (
                not native
                and nqg_logit is not None
                and abs(nqg_logit) >= COUNTRY_FLIP_GUARD
                and logit * nqg_logit <= 0
            ):
                # "Andrea Nahles" with country IT: a country is a context, not the person's
                # origin; it never turns a name that is clearly gendered worldwide around.
                logit = nqg_logit
                parts.append(f"the reading for {country} differs; the worldwide one kept")
        else:
            overall = guesser_score(lines, None) if lines else None
            if nqg_logit is not None:
                logit = nqg_logit
                if overall is not None:
                    logit = (1 - GG_GLOBAL_WEIGHT) * nqg_logit + GG_GLOBAL_WEIGHT * overall * 1.2
                    parts.append(f"gender-guesser: {_describe(overall)}")
            elif overall is not None:
                logit = overall * GG_LOGIT_PER_STEP * 0.9
                parts.append(f"gender-guesser: {_describe(overall)}")
        return new_reading(key, _clip(logit), "; ".join(parts), counts)

    def read_compound(self, token: str) -> NameReading | None:
        """The reading of a given name that may be hyphenated ("Anne-Marie"), with no country."""
        return self._read_compound(token, None)

    def as_evidence(self, reading: NameReading) -> Evidence:
        """The Evidence of `reading`, one shared object per reading (the engine's decisions are
        memoised by the identity of their evidence)."""
        return self._as_evidence(reading)

    def _read_compound(self, token: str, country: str | None) -> NameReading | None:
        key = token if country is None else (token, country)
        found = self._compounds.get(key, _MISSING)
        if found is _MISSING:
            if len(self._compounds) > READING_CACHE_LIMIT:
                self._compounds.clear()
            found = self._compounds[key] = self._compound(token, country)
        return found

    def _compound(self, token: str, country: str | None) -> NameReading | None:
        """Anne-Marie: the whole form first, then its parts, the first decisive part leading."""
        whole = self.read(token, country) or self.read(token.replace("-", " "), country)
        if whole is not None or "-" not in token:
            return whole
        parts = [p for p in token.split("-") if p]
        readings = [r for r in (self.read(p, country) for p in parts) if r]
        if not readings:
            return None
        if len(readings) == 1:
            return readings[0]
        # Both parts speak (the second syllable of "Chi-Mai", "Shu-Fen" often more than the
        # first): their mean, so that parts pulling apart leave the name ambiguous.
        logit = sum(r.logit for r in readings) / len(readings)
        detail = "; ".join(r.detail for r in readings) + f" (parts of '{token}' averaged)"
        return new_reading(token, logit, detail, min(r.counts for r in readings))

    def evidence(self, parsed: ParsedName, country: str | None = None) -> list[Evidence]:
        """Evidence from the given names: the first, else a middle one, else the swapped order."""
        given = parsed.given
        country = _country_context(country, parsed.surname)
        if parsed.script in ("abjad", "thai"):
            read = self.read_abjad if parsed.script == "abjad" else _thai
            found = read(given[0]) if given else None
            return [] if found is None else [self._as_evidence(found)]
        if len(given) == 1 and given[0] not in EAST_ASIAN_SURNAMES:  # most names: one to read
            east_asian = False
            chosen = None if is_initial(given[0]) else self._read_compound(given[0], country)
        else:
            east_asian = _east_asian_order(parsed)
            candidates = [g for g in given if not is_initial(g)]
            if east_asian:  # "Park Geun-hye": the given name stands last
                candidates = [parsed.surname]
            chosen = _choose([self._read_compound(g, country) for g in candidates])
        swapped = None if east_asian else self._swapped(parsed, chosen, country)
        if swapped is not None:
            chosen = swapped
        elif parsed.all_caps_first and not parsed.order:
            chosen = self._capitals(parsed, chosen, country)
        if chosen is None:
            return []
        if parsed.order:
            chosen = chosen._replace(detail=f"{chosen.detail} (read as: {parsed.order})")
        return [self._as_evidence(chosen)]

    def _capitals(
        self, parsed: ParsedName, chosen: NameReading | None, country: str | None
    ) -> NameReading | None:
        """ "DIAZ GARCIA ELIMAR CAROLINA": all in capitals, the order is not shown; the word the
        data knows best as a given name is taken when it is far better known than the first."""
        words = [w for w in (*parsed.given, parsed.surname) if w and not is_initial(w)]
        readings = [r for r in (self._read_compound(w, country) for w in words) if r]
        best = max(readings, key=lambda r: r.counts, default=None)
        floor = chosen.counts * CAPITALS_MARGIN if chosen is not None else 0
        if best is None or best is chosen or best.counts <= max(floor, SWAP_MAX_FIRST_COUNTS):
            return chosen
        detail = f"{best.detail} (all in capitals: the best-known given name of the words)"
        return new_reading(best.token, best.logit * SWAP_DISCOUNT, detail, 0)

    def _as_evidence(self, chosen: NameReading) -> Evidence:
        piece = self._evidence.get(chosen)
        if piece is None:
            if len(self._evidence) > READING_CACHE_LIMIT:
                self._evidence.clear()
            piece = self._evidence[chosen] = _as_evidence(chosen)
        return piece

    def read_abjad(self, word: str) -> NameReading | None:
        """An Arabic-script given name, read through its consonant skeleton (see abjad.py)."""
        found = self._abjads.get(word, _MISSING)
        if found is _MISSING:
            if len(self._abjads) > READING_CACHE_LIMIT:
                self._abjads.clear()
            found = self._abjads[word] = abjad_reading(self._tables, word)
        return found

    def _swapped(
        self, parsed: ParsedName, chosen: NameReading | None, country: str | None
    ) -> NameReading | None:
        """ "Baumgartner Stefan": an unknown first token, a common given name in the last slot."""
        if not parsed.surname or len(parsed.given) != 1 or not parsed.surname.isalpha():
            return None
        if parsed.order or parsed.patronymic:
            return None  # the form already showed where the given name stands
        if chosen is not None and chosen.counts >= SWAP_MAX_FIRST_COUNTS:
            return None
        # Patronymic names ("Hafsat Jibril", "Turvi Rajan") also end in a given name: swap only
        # when the first word is shaped like a surname. Tested before the last word is looked up:
        # most names fail here, and that lookup is a cold one (issue 3).
        if not parsed.all_caps_first and SURNAME_SHAPE.search(parsed.given[0]) is None:
            return None
        # "Aivatidis Ioannis", "ABABSA NASSER": the first word is no given name the data knows,
        # the last one is a common, clearly gendered one.
        last = self.read(parsed.surname, country)
        if last is None or last.counts < SWAP_MIN_COUNTS or abs(last.logit) < SWAP_MIN_LOGIT:
            return None
        logit = last.logit * SWAP_DISCOUNT
        return new_reading(last.token, logit, last.detail + " (surname-first order)", 0)


def abjad_reading(tables: NameTables, word: str) -> NameReading | None:
    """An Arabic-script given name, read through its consonant skeleton (see abjad.py)."""
    key = arabic_skeleton(word)
    local, worldwide = _skeleton_indexes(tables)
    if key in local:
        score, weight = local[key]
        logit = score * GG_LOGIT_PER_STEP * ABJAD_LOCAL_SHRINK
        detail = (
            f"'{word}' read as '{key}': gender-guesser's names of the Arab world "
            f"with that skeleton are {_describe(score)}"
        )
        return new_reading(word, _clip(logit), detail, weight)
    if key in worldwide:
        p_female, counts = worldwide[key]
        p = (p_female * counts + 0.5 * NQG_PRIOR_COUNTS) / (counts + NQG_PRIOR_COUNTS)
        logit = math.log(p / (1 - p)) * ABJAD_WORLDWIDE_SHRINK
        detail = (
            f"'{word}' read as '{key}': {records_share(p_female)} of {grouped(counts)} "
            "nomquamgender records of names with that skeleton"
        )
        return new_reading(word, _clip(logit), detail, counts)
    return None


Skeletons = dict[str, tuple[float, int]]
# id(tables) -> (the tables, kept so that the id is never reused meanwhile; both indexes)
_SKELETONS: dict[int, tuple[NameTables, Skeletons, Skeletons]] = {}


def _skeleton_indexes(tables: NameTables) -> tuple[Skeletons, Skeletons]:
    """Both skeleton indexes of `tables`, built once per process (about two seconds)."""
    found = _SKELETONS.get(id(tables))
    if found is None:
        columns = [GG_COUNTRIES.index(c) for c in MIDDLE_EAST]
        found = (tables, guesser_index(tables.guesser, columns), skeleton_index(tables.nqg))
        _SKELETONS[id(tables)] = found
    return found[1], found[2]


def thai_reading(word: str) -> NameReading | None:
    """A Thai-script given name, in PyThaiNLP's lists of women's and men's given names."""
    return _thai(word)


def _thai(word: str) -> NameReading | None:
    label = thai_given_label(word)
    if label is None:
        return None
    logit = {"woman": THAI_LOGIT, "man": -THAI_LOGIT}.get(label, 0.0)
    detail = f"'{word}' is in PyThaiNLP's list of Thai " + (
        {"woman": "women's", "man": "men's"}.get(label, "women's and men's") + " given names"
    )
    return new_reading(word, logit, detail, 0)


def _country_context(country: str | None, surname: str) -> str | None:
    """The country, marked native when the surname has that country's shape ("Andrea Rossi", IT):
    only then may its reading turn a name's worldwide lean around ("Andrea Nahles", IT: not)."""
    if not country:
        return None
    shape = NATIVE_SURNAME.get(country.upper())
    return country + NATIVE if shape is not None and shape.search(surname) else country


def _choose(readings: list[NameReading | None]) -> NameReading | None:
    """The first name leads; a middle name speaks only where the first is missing or agrees.

    "Kristen McDonald Rivet": a middle name may be a family name, so it never overrules.
    """
    if not readings:
        return None
    first = readings[0]
    if first is not None and abs(first.logit) >= DECISIVE:
        return first
    found = [r for r in readings if r is not None]
    for reading in found:
        if abs(reading.logit) >= DECISIVE and (first is None or first.logit * reading.logit > 0):
            return reading
    return found[0] if found else None


def _east_asian_order(parsed: ParsedName) -> bool:
    """ "Park Geun-hye", "Moon Jae-in": an East Asian surname, then a hyphenated given name."""
    if len(parsed.given) != 1 or parsed.given[0] not in EAST_ASIAN_SURNAMES:
        return False
    parts = parsed.surname.split("-")
    return len(parts) == 2 and all(PINYIN_WORD.match(p) or len(p) <= 4 for p in parts)


def records_share(p_female: float) -> str:
    """'female in 97%' or 'male in 100%': the side the records point to, and its share of them
    (a man's name read "female in 0%" said the opposite of what it meant).

    P(female) of three decimals (nomquamgender's) gives P(male) of three too, formatted once.
    """
    if p_female >= 0.5:
        return f"female in {PERCENTS.get(p_female) or f'{p_female:.0%}'}"
    thousandths = round(p_female * 1000)
    if thousandths / 1000 == p_female:
        male = (1000 - thousandths) / 1000
        return f"male in {PERCENTS.get(male) or f'{male:.0%}'}"
    return f"male in {1.0 - p_female:.0%}"


def _describe(score: float) -> str:
    side = "female" if score > 0 else "male"
    if abs(score) >= 2.5:
        return side
    return f"mostly {side}" if abs(score) >= 0.5 else "unisex"


def _as_evidence(reading: NameReading) -> Evidence:
    label = WOMAN if reading.logit > 0 else MAN
    if reading.logit == 0:
        label = UNKNOWN
    weight = round3(math.exp(abs(reading.logit)))
    return new_evidence("name", reading.token, label, weight, reading.detail)


def round3(value: float) -> float:
    """`round(value, 3)`, the same float, without its decimal conversion both ways (a third of a
    name's Evidence; issue 11). round() takes k = the exact value * 1000 rounded half to even,
    then the double nearest k / 1000, which is what dividing the integer k by 1000 gives (IEEE
    division rounds correctly); k is read off value * 1000 unless that lies near a half."""
    scaled = value * 1000.0
    if not 0.0 <= scaled < ROUND_LIMIT:
        return round(value, 3)
    whole = math.floor(scaled)
    fraction = scaled - whole
    if abs(fraction - 0.5) < ROUND_GUARD:
        return round(value, 3)
    return (whole + 1 if fraction > 0.5 else whole) / 1000.0


def grouped(number: int) -> str:
    """`f"{number:,}"`: digits in groups of three, for the counts of a detail (issue 11)."""
    digits = str(number)
    if number < 1000:
        return digits if number >= 0 else f"{number:,}"
    head = len(digits) % 3 or 3
    return ",".join([digits[:head], *[digits[at : at + 3] for at in range(head, len(digits), 3)]])
