"""Split a raw personal name into titles, given names and surname, in ASCII, for lookup.

Pure. Plain names (with or without a known title, suffix or initials) take fast paths that cut as
nameparser would; commas, brackets and words nameparser gives a role go through nameparser.
Non-Latin scripts are transliterated with anyascii.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Final, NamedTuple

from anyascii import anyascii
from nameparser import HumanName

from app.gender.abjad import abjad_given
from app.gender.nameform import Form, read_form
from app.gender.thai import THAI_SCRIPT, split_thai

__all__ = [
    "INDIC_REASON",
    "MAX_NAME_CHARS",
    "ParsedName",
    "forget_tokens",
    "is_initial",
    "parse_name",
    "parse_name_uncached",
]

MAX_NAME_CHARS: Final = 200
INDIC_REASON: Final = "Indic script: no reliable romanisation"
HTML_TAG: Final = re.compile(r"<[^>]{0,200}>")
HTML_ENTITY: Final = re.compile(r"&[#a-zA-Z0-9]{1,10};")
FAST_NAME: Final = re.compile(r"^[A-Za-z][A-Za-z'’-]*(?: [A-Za-z][A-Za-z'’.-]*)+$")
# Plain words that may still carry a title, a suffix or an initial first: see _peeled_parts.
PLAIN_NAME: Final = re.compile(r"^[A-Za-z][A-Za-z'’.-]*(?: [A-Za-z][A-Za-z'’.-]*)+$")
INITIAL_PART: Final = re.compile(r"[.\-]+")
NON_NAME_CHARS: Final = re.compile(r"[^a-z'. -]")
TOKEN_CACHE_LIMIT: Final = 100_000
CHAR_TABLE_LIMIT: Final = 50_000
DROPPED_CATEGORIES: Final = frozenset({"Cf", "So", "Sk", "Cs", "Co"})
_TOKENS: dict[str, str] = {}  # raw token -> lookup form; surnames and given names repeat a lot
SUFFIXES: Final = frozenset(
    [
        "jr",
        "jr.",
        "sr",
        "sr.",
        "ii",
        "iii",
        "iv",
        "phd",
        "ph.d.",
        "md",
        "esq",
        "mp",
        "obe",
        "mbe",
        "cbe",
        "kbe",
        "dbe",
    ]
)
# Honorifics that may open a name; nameparser knows them too, this keeps the fast path honest.
TITLE_WORDS: Final = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "sir",
        "dame",
        "lady",
        "lord",
        "mme",
        "mlle",
        "m",
        "frau",
        "herr",
        "sra",
        "sr",
        "srta",
        "dona",
        "don",
        "baroness",
        "baron",
        "madam",
        "madame",
        "rev",
        "hon",
    ]
)
# Titles nameparser reads as titles wherever they open a name ("Don", "M." it reads as names).
PEELED_TITLES: Final = TITLE_WORDS - {"don", "dona", "m"}
# A word nameparser reads as nothing but a name: capitalised, not all caps; or one initial.
PLAIN_WORD: Final = re.compile(r"^(?:[A-Z][A-Za-z'-]*[a-z]|[A-Z]\.)$")
ROMAN_NUMERAL: Final = re.compile(r"^(?:x|ix|iv|v?i{0,3})$")  # nameparser's, read as a suffix
# A nickname between the words: "Eric A. \"Rick\" Crawford", "Lars Olof (Nathan) Soderblom".
# nameparser lifts it out and reads the rest as written without it; so does _parser_parts, where
# the rest is one _peeled_parts takes (a test compares the two over many names).
NICKNAME: Final = re.compile(r' (?:"[A-Z][a-z]+"|\([A-Z][a-z]+(?: [A-Z][a-z]+)*\))(?= )')
# Characters nameparser may read as opening or closing a nickname, a maiden name or a comma part
NICKNAME_MARKS: Final = frozenset("\"'()[]{}“”‘’«»,")


def _nameparser_vocabulary() -> tuple[
    frozenset[str], frozenset[str], frozenset[str], frozenset[str]
]:
    """Every word nameparser's vocabulary gives a role (title, particle, suffix, marker...); the
    titles it knows in no other role ("bishop", "count", "judge"); its particles; its
    conjunctions.

    Its private lexicon holds the whole roster; if a nameparser release moves it, the sets are
    empty and the shortcuts below decline every name, so nameparser keeps deciding (never a guess).
    A lone title is a name to nameparser wherever a name stands before it, and a title before
    the first name (tests/app/gender/test_gender_fast_paths.py compares over the whole set).
    """
    try:
        from nameparser._lexicon import _VOCAB_FIELDS, _default_lexicon
    except ImportError:  # pragma: no cover - depends on the installed nameparser
        return frozenset(), frozenset(), frozenset(), frozenset()
    lexicon = _default_lexicon()
    words = frozenset(word for field in _VOCAB_FIELDS for word in getattr(lexicon, field))
    other = {
        word for field in _VOCAB_FIELDS if field != "titles" for word in getattr(lexicon, field)
    }
    lone = frozenset(word for word in lexicon.titles if word not in other)
    return words, lone, frozenset(lexicon.particles), frozenset(lexicon.conjunctions)


_VOCABULARY: Final = _nameparser_vocabulary()
NAMEPARSER_WORDS: Final = _VOCABULARY[0]
LONE_TITLES: Final = _VOCABULARY[1]
PARTICLES: Final = _VOCABULARY[2]
CONJUNCTIONS: Final = _VOCABULARY[3]
# Initials written together, "T.D.": one given name to nameparser, before the surname
JOINED_INITIALS: Final = re.compile(r"^(?:[A-Z]\.){2,}$")
# "Gerardus 't Hooft", "Jacobus Henricus van 't Hoff": capitalised given names, then the Dutch
# particle "'t" (after particles, if any) and one capitalised surname; see _apostrophe_t_parts.
APOSTROPHE_T: Final = re.compile(
    r"^((?:[A-Z][A-Za-z'-]*[a-z] )+)((?:[a-z]+ )*)'t ([A-Z][A-Za-z'-]*[a-z])$"
)
# "The Svedberg", "'ruin Klaturov": a conjunction of nameparser's, or a word after an apostrophe,
# then one capitalised surname; see _two_word_parts.
TWO_WORDS: Final = re.compile(r"^('?[A-Za-z]+) ([A-Z][A-Za-z'-]*[a-z])$")
# Words that stand where a given name would but are not one ("Sheikh Hasina", "Al-Khater").
NOT_GIVEN: Final = frozenset(
    [
        "al",
        "el",
        "sheikh",
        "shaikh",
        "sri",
        "shri",
        "nana",
        "the",
        "of",
        "mac",
        "mc",
        "von",
        "der",
        "de",
        "da",
        "di",
        "du",
        "le",
        "la",
        "bin",
        "ibn",
    ]
)
HANGUL: Final = re.compile(r"[\uac00-\ud7a3]")
KANA: Final = re.compile(r"[\u3040-\u30ff]")
HAN: Final = re.compile(r"[\u4e00-\u9fff]")
# Arabic and Hebrew script omit short vowels: their romanisation is not a name anyone looks up.
# Brahmic scripts and Thai: anyascii's letter-by-letter romanisation misleads the name tables.
BRAHMIC: Final = re.compile(r"[\u0900-\u0e7f]")
ABJAD: Final = re.compile(r"[\u0590-\u06ff\u0750-\u077f\ufb1d-\ufdff\ufe70-\ufeff]")


class ParsedName(NamedTuple):
    """A name cut into lowercase ASCII parts. `reason` is set when nothing can be looked up.

    A NamedTuple, not a frozen dataclass: one is built per distinct name in a batch, and a
    tuple builds in a third of the time (issue 3, speed).
    """

    given: tuple[str, ...] = ()
    surname: str = ""
    titles: tuple[str, ...] = ()
    script: str = "latin"
    all_caps_first: bool = False
    reason: str | None = None
    patronymic: str = ""  # lowercase ASCII, when the form shows one
    order: str = ""  # why the given name was taken where it was, when the form shows it


class _CharTable(dict[int, str | None]):
    """A `str.translate` table filled on first sight of each character (memoised per code point).

    Both uses below are one character at a time, so translating a string equals the original
    per-character loop, at C speed once the characters of a script have been seen (issue 3).
    """

    def __init__(self, rule: Callable[[str], str | None]) -> None:
        super().__init__()
        self._rule = rule

    def __missing__(self, code: int) -> str | None:
        value = self._rule(chr(code))
        if len(self) < CHAR_TABLE_LIMIT:
            self[code] = value
        return value


def _kept_char(ch: str) -> str | None:
    """Drop format characters and symbols (emoji, RTL marks); other controls become spaces."""
    category = unicodedata.category(ch)
    if category in DROPPED_CATEGORIES:
        return None
    return " " if category[0] in "CZ" else ch


KEPT_CHARS: Final = _CharTable(_kept_char)
ASCII_CHARS: Final = _CharTable(anyascii)  # anyascii transliterates character by character


def forget_tokens() -> None:
    """Empty the per-token and per-character memos (with parse_name.cache_clear: all of them)."""
    _TOKENS.clear()
    KEPT_CHARS.clear()
    ASCII_CHARS.clear()


def _clean(raw: str) -> str:
    if raw.isascii() and raw.isprintable() and "<" not in raw and "&" not in raw:
        return " ".join(raw.split())
    text = HTML_ENTITY.sub(" ", HTML_TAG.sub(" ", raw)) if "<" in raw or "&" in raw else raw
    return " ".join(text.translate(KEPT_CHARS).split())


def _east_asian(text: str) -> ParsedName | None:
    """Surname-first names written in Han, Hangul or Kana, without spaces."""
    compact = text.replace(" ", "")
    if KANA.search(compact):
        return ParsedName(script="kana", reason="Japanese name: reading unknown")
    if HANGUL.search(compact) and len(compact) >= 2:
        return ParsedName(
            given=(anyascii(compact[1:]).lower(),), surname=anyascii(compact[0]).lower(),
            script="hangul",
        )  # fmt: skip
    if HAN.search(compact) and len(compact) >= 2:
        return ParsedName(
            given=(anyascii(compact[1:]).lower(),), surname=anyascii(compact[0]).lower(),
            script="han",
        )  # fmt: skip
    return None


def _ascii_token(token: str) -> str:
    low = token.lower()
    if low.isalpha() and low.isascii():  # nothing to strip or drop: the common case, no memo
        return low
    found = _TOKENS.get(token)
    if found is None:
        if len(_TOKENS) >= TOKEN_CACHE_LIMIT:
            _TOKENS.clear()
        found = _TOKENS[token] = NON_NAME_CHARS.sub("", token.lower().replace("’", "'")).strip("-'")
    return found


def _fast_parts(text: str) -> tuple[list[str], str, tuple[str, ...]] | None:
    plain = FAST_NAME.match(text)
    if not plain and not PLAIN_NAME.match(text):
        return None
    tokens = text.split(" ")
    if (
        not plain
        or tokens[0].lower().rstrip(".") in TITLE_WORDS
        or tokens[-1].lower().rstrip(".") in SUFFIXES
    ):
        return _peeled_parts(tokens)
    # A lowercase particle ("van", "de", "bin") starts the surname: "Juul van den Bergh".
    cut = len(tokens) - 1
    if cut > 1:
        cut = next((i for i in range(1, cut) if tokens[i][:1].islower()), cut)
    return tokens[:cut], " ".join(tokens[cut:]), ()


def _peeled_parts(tokens: list[str]) -> tuple[list[str], str, tuple[str, ...]] | None:
    """ "Sir John Smith", "Robert F. Curl Jr.", "J. Hans D. Jensen": titles and suffixes peeled.

    Only where nameparser would cut the same way: every remaining word capitalised and none of
    them a word nameparser treats specially (a title, particle, conjunction or suffix).
    """
    if not NAMEPARSER_WORDS:
        return None
    lowered = [t.lower().rstrip(".") for t in tokens]
    start, end = 0, len(tokens)
    while start < end and (lowered[start] in PEELED_TITLES or lowered[start] in LONE_TITLES):
        start += 1  # "Count Maurice ... Maeterlinck": a title of nameparser's alone peels too
    while end > start and lowered[end - 1] in SUFFIXES:
        end -= 1
    if end - start < 2:
        return None
    for at in range(start, end):
        token, word = tokens[at], lowered[at]
        if not PLAIN_WORD.match(token):
            if at == start < end - 1 and JOINED_INITIALS.match(token):
                continue  # "T.D. Lee": initials to nameparser first (later, a suffix may be)
            return None
        if ROMAN_NUMERAL.match(word):
            return None
        if token[-1] == "." and at < end - 1:
            continue  # "M.", "E." before the surname: initials to nameparser, not titles or "e"
        # after a name, a lone title is a name: "J. Michael Bishop"
        lone = at > start and word in LONE_TITLES
        if not lone and (word in TITLE_WORDS or word.replace(".", "") in NAMEPARSER_WORDS):
            return None
    return tokens[start : end - 1], tokens[end - 1], tuple(lowered[:start])


def _parser_parts(text: str) -> tuple[list[str], str, tuple[str, ...]]:
    """nameparser's parts, without its cost (300,000 instructions) where a nickname between plain
    words is all that kept the fast paths away."""
    nickname = NICKNAME.search(text)
    if nickname is not None:
        rest = text[: nickname.start()] + text[nickname.end() :]
        if NICKNAME_MARKS.isdisjoint(rest):
            peeled = _peeled_parts(rest.split(" ")) or _two_word_parts(rest)
            if peeled is not None:
                return peeled
    two = _two_word_parts(text)
    if two is not None:
        return two
    if "'t " in text:
        parts = _apostrophe_t_parts(text)
        if parts is not None:
            return parts
    return _human_parts(text)


def _apostrophe_t_parts(text: str) -> tuple[list[str], str, tuple[str, ...]] | None:
    """ "Gerardus 't Hooft": nameparser's parts where APOSTROPHE_T matches, the given names plain
    words nameparser gives no role and the particles before "'t" ones it knows (a test compares
    the two over many names): the particles start the surname, as in _fast_parts."""
    found = APOSTROPHE_T.match(text) if NAMEPARSER_WORDS else None  # none: nameparser decides
    if found is None:
        return None
    given = found.group(1).split()
    particles = found.group(2).split()
    surname = found.group(3)
    for word in [*given, surname]:
        key = word.lower()
        if key in TITLE_WORDS or key in NAMEPARSER_WORDS or ROMAN_NUMERAL.match(key):
            return None
    if not all(word in PARTICLES for word in particles):
        return None
    return given, " ".join([*particles, "'t", surname]), ()


def _two_word_parts(text: str) -> tuple[list[str], str, tuple[str, ...]] | None:
    """ "The Svedberg", "'ruin Klaturov": nameparser's parts where TWO_WORDS matches, the first
    word a conjunction it knows (in any case) or one after an apostrophe (not the particle "'t"),
    the second a plain word it gives no role: the first is the given name (a test compares)."""
    found = TWO_WORDS.match(text) if NAMEPARSER_WORDS else None  # none: nameparser decides
    if found is None:
        return None
    first, last = found.group(1), found.group(2)
    if first == "'t" or (first[0] != "'" and first.lower() not in CONJUNCTIONS):
        return None
    key = last.lower()
    if key in TITLE_WORDS or key in NAMEPARSER_WORDS or ROMAN_NUMERAL.match(key):
        return None
    return [first], last, ()


def _human_parts(text: str) -> tuple[list[str], str, tuple[str, ...]]:
    human = HumanName(text)
    given = [human.first, *human.middle.split()] if human.first else human.middle.split()
    titles = tuple(t.lower().rstrip(".") for t in human.title.split())
    if not human.first and human.last and not human.middle:
        return [], human.last, titles
    return [g for g in given if g], human.last, titles


def parse_name_uncached(raw: str) -> ParsedName:
    """Parse `raw`; never raises. Empty, over-long or unreadable input gets a `reason`.

    Callers that keep their own cache by name (Engine.infer_batch) call this one directly.
    """
    if len(raw) > MAX_NAME_CHARS * 5:
        return ParsedName(reason="too long to be a name")
    text = _clean(raw)[:MAX_NAME_CHARS]
    if not text:
        return ParsedName(reason="empty name")
    if text.isascii():  # the common case: no script to detect, nothing to transliterate
        return _split_parts(text, script="latin")
    if ABJAD.search(text):
        given = abjad_given(text)
        if given is None:
            return ParsedName(script="abjad", reason="Hebrew script: vowels unknown")
        return ParsedName(given=(given,), script="abjad")
    if THAI_SCRIPT.search(text):
        titles, given, surname = split_thai(text)
        if not given:
            return ParsedName(titles=titles, script="thai", reason="no given name")
        return ParsedName(given=(given,), surname=surname, titles=titles, script="thai")
    if BRAHMIC.search(text):
        return ParsedName(script="brahmic", reason=INDIC_REASON)
    asian = _east_asian(text)
    if asian is not None:
        return asian
    return _split_parts(text.translate(ASCII_CHARS), script="transliterated")


parse_name = lru_cache(maxsize=200_000)(parse_name_uncached)


def _split_parts(ascii_text: str, *, script: str) -> ParsedName:
    form = None if _plain(ascii_text) else read_form(ascii_text)
    if form is not None:
        return _from_form(form, script=script)
    given_raw, surname, titles = _fast_parts(ascii_text) or _parser_parts(ascii_text)
    given = tuple([t for g in given_raw if (t := _ascii_token(g)) and t not in NOT_GIVEN])
    if not given or (is_initial(given[0]) and all(is_initial(g) for g in given)):
        reason = "only an initial" if given else "no given name"
        return ParsedName(
            given=given, surname=_ascii_token(surname), titles=titles, script=script,
            reason=reason,
        )  # fmt: skip
    first = given_raw[0]
    return ParsedName(
        given=given, surname=_ascii_token(surname), titles=titles, script=script,
        all_caps_first=len(first) > 2 and first.isupper(),
    )  # fmt: skip


def _plain(text: str) -> bool:
    """ "Maria Silva": two capitalised words, nothing for the form reader to find (most names)."""
    first, _, last = text.partition(" ")
    return (
        " " not in last and FAST_NAME.match(text) is not None and first.lower() not in TITLE_WORDS
        and not first.isupper() and not last.isupper()
    )  # fmt: skip


def _from_form(form: Form, *, script: str) -> ParsedName:
    words = [t for g in form.given if (t := _ascii_token(g))]
    given = tuple([t for t in words if t not in NOT_GIVEN] or words)
    surname = _ascii_token(form.surname.replace(" ", "_")).replace("_", " ")
    order = "; ".join(form.notes)
    if not given or all(is_initial(g) for g in given):
        reason = "only an initial" if given else "no given name"
        return ParsedName(given, surname, form.titles, script, reason=reason, order=order)
    return ParsedName(given, surname, form.titles, script, patronymic=form.patronymic, order=order)


def is_initial(token: str) -> bool:
    """Tell whether `token` is an initial such as "j", "j." or "j.r."."""
    if token.isalpha():  # no separator inside: the cheap answer, and the common case
        return len(token) == 1
    parts = [part for part in INITIAL_PART.split(token) if part]
    return bool(parts) and all(len(part) == 1 for part in parts)
