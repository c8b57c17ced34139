"""Find person names in running text by capitalisation, strip titles, and tell people apart.

Rule-based (no model): a name is a run of capitalised tokens that is not an organisation.
Must not import app or dashboards.
"""

from __future__ import annotations

import re
from enum import StrEnum
from types import ModuleType
from typing import Final, NamedTuple, cast

from scrapers.article.endings import Ending
from scrapers.article.given_names import is_given_name

__all__ = [
    "NameKind",
    "NameSpan",
    "find_names",
    "held_words",
    "name_key",
    "same_person",
    "title_case",
]

# A word, an initial ("D."), or dotted initials ("R.J.", "U.S.").
TOKEN_RE: Final = re.compile(r"[^\W\d_](?:[\w’'\-]|\.(?=[^\W\d_]))*\.?")
POSSESSIVE_RE: Final = re.compile(r"[’']s?$")
NOT_NAME_TOKEN_RE: Final = re.compile(r"-(?:based|born|led|backed|owned|era|style)$", re.IGNORECASE)
DAY_AFTER_RE: Final = re.compile(r"\.?\s*\d")
LAST_WORD_ORG: Final = frozenset({"act", "bill", "law", "treaty", "accord", "plan", "program"})
POSSESSIVE_END_RE: Final = re.compile(r"[’']s$")
# A place before a name after these words is not part of it ("envoy to Ukraine Kurt Volker").
PLACE_BEFORE_NAME: Final = Ending(
    r"(?<!according )\b(?:to|(?<!words )of|in|from|at|for)\s+$",
    r"\s+(?:ot|fo(?! sdrow)|ni|morf|ta|rof)\b(?! gnidrocca)",
)
# A name right after these words is a place ("of New York", "in Hong Kong").
PLACE_AFTER: Final = Ending(
    r"\b(?:(?<!words )(?<!behalf )of|in|at|from|for|near|across|into|outside|inside"
    r"|throughout)\s+$",
    r"\s+(?:fo(?! sdrow)(?! flaheb)|ni|ta|morf|rof|raen|ssorca|otni|edistuo|edisni"
    r"|tuohguorht)\b",
)
# The last words those Endings need before their closing \s+$: a str test first, as the regex
# costs ~2,000 instructions (issue 12: cost). A test checks the gates never change an answer.
PLACE_AFTER_WORDS: Final = tuple(
    ["of", "in", "at", "from", "for", "near", "across", "into", "outside", "inside", "throughout"]
)
# Their last two letters: one set look-up before the eleven endswith tests (issue 12: cost)
PLACE_AFTER_TAILS: Final = frozenset(word[-2:] for word in PLACE_AFTER_WORDS)
AND_WORDS: Final = ("and", "&")
ARTICLE_WORDS: Final = ("the",)
MAX_NAME_TOKENS: Final = 4
MIN_AFTER_ROLE: Final = 2  # "Journalist Jorge Ramos": a role word is cut only before a full name
NAME_SUFFIXES: Final = frozenset(
    {"jr", "sr", "ii", "iii", "iv"}
)  # "Joseph R. Biden Jr." keys on biden
TITLE_SUFFIX_RE: Final = re.compile(r"-(?:elect|designate|in-waiting)$")
# "the Daily Record", "by the Pew Trust": a bare article before a run names a thing, not a person.
ARTICLE_BEFORE: Final = Ending(r"\bthe\s+$", r"\s+eht\b")
# "Health and Social Care", "Kids and Car Safety": a run joined by "and" to a name part.
AND_BEFORE: Final = Ending(r"\b([A-Z][\w\-]*)\s+(?:and|&)\s+$", r"\s+(?:dna|&)\s+([\w\-]*[A-Z])\b")
# "New York Post": a run went on
CAPITALISED_BEFORE: Final = Ending(r"\b[A-Z][\w.’'\-]*\s+$", r"\s+[\w.’'\-]*[A-Z]\b")
# Every upper- and title-case letter of the Basic Multilingual Plane, for one character class.
UPPER_CHARS: Final = frozenset(c for c in map(chr, range(0x10000)) if c.isupper() or c.istitle())
UPPER: Final = re.escape("".join(sorted(UPPER_CHARS)))
# What may end a word of ASCII letters before a space, outside the capitals' class (a "." is
# taken with the word: nothing follows it to make it an initial's)
WORD_ENDS: Final = frozenset(',;:)!?"”.')
# Latin-1 bytes to b"\x01" where UPPER_CHARS holds the character or it is "?" (what the
# encoding puts for any other character), else to b"\x00": _capital_tokens' flags
CAPITAL_FLAGS: Final = bytes(1 if chr(i) in UPPER_CHARS or chr(i) == "?" else 0 for i in range(256))
_CANDIDATES: Final[dict[str, re.Pattern[str]]] = {}
_PARTICLES: Final[dict[str, re.Pattern[str]]] = {}
_PARTICLE_HEADS: Final[dict[str, frozenset[str]]] = {}
_LANGS: Final[dict[str, _Lang]] = {}
_LANG_OF: Final[dict[ModuleType, _Lang]] = {}  # by the module itself: no __name__ read a call
KEY_WORD_RE: Final = re.compile(r"[^\W\d_][\w’'\-]*")
LETTERS_RE: Final = re.compile(r"[^\W\d_]+")
NEW_TUPLE: Final = tuple.__new__  # held once: no method lookup per record (see _name_span)
LOOK_BEHIND: Final = 30  # characters read before a name; bounded so long paragraphs stay linear
POSSESSIVE_MARKS: Final = ("’", "'")  # what _plain takes off a token's end, with
POSSESSIVE_ENDS: Final = ("’s", "'s")


class NameKind(StrEnum):
    """What a capitalised run looks like."""

    PERSON = "person"  # two or more name tokens
    SINGLE = "single"  # one token: a surname or first name to resolve
    ORG = "org"  # an organisation or place


class NameSpan(NamedTuple):
    """A capitalised run in the text, with any title stripped off the front (a named tuple:
    built for every capitalised run: cheaper than a frozen dataclass, issue 12)."""

    start: int
    end: int
    name: str
    kind: NameKind
    honorific: str | None = None


SPAN_TYPE: Final = NameSpan  # a native static: the class itself is looked up in the module dict


def _bare(token: str) -> str:
    """Lower-case a token without its final dot or a title suffix ("President-elect")."""
    # most tokens end in no dot: no strip call then; 46 is ".", read as a number (issue 12)
    word = token.lower() if token and ord(token[-1]) != 46 else token.rstrip(".").lower()
    return TITLE_SUFFIX_RE.sub("", word) if "-" in word else word


def _is_cap(token: str) -> bool:
    return token[0].isupper()


class _Lang:
    """The word lists of a language module that name finding reads, as attributes of a native
    class: compiled, each read is a field, not a module attribute lookup (issue 12: cost)."""

    def __init__(self, module: ModuleType) -> None:
        self.module = module
        self.ABBREVIATIONS: frozenset[str] = module.ABBREVIATIONS
        self.LEADING_ROLES: frozenset[str] = module.LEADING_ROLES
        self.MONTHS: frozenset[str] = module.MONTHS
        self.NOT_NAMES: frozenset[str] = module.NOT_NAMES
        self.ORG_WORDS: frozenset[str] = module.ORG_WORDS
        self.ROLE_NOUNS: frozenset[str] = module.ROLE_NOUNS
        self.SURNAME_NOUNS: frozenset[str] = module.SURNAME_NOUNS
        self.SURNAME_TITLES: frozenset[str] = module.SURNAME_TITLES
        self.TITLES: frozenset[str] = module.TITLES
        # read by masking.py for each mention and sentence
        self.TITLE_ROLES: dict[str, str] = module.TITLE_ROLES
        self.GENDERED_ROLES: frozenset[str] = module.GENDERED_ROLES
        # _candidates' patterns, held here: no look-up by module name per paragraph
        self.capitals, self.particles, self.heads = _candidates(module)
        self.firsts = frozenset(head[:1] for head in self.heads)  # the heads' first letters
        self.first_codes = frozenset(ord(first) for first in self.firsts)  # as numbers


def _lang(module: ModuleType) -> _Lang:
    """The module's _Lang, made once per language (as _candidates' patterns)."""
    held = _LANG_OF.get(module)  # a module hashes by identity: no __name__ read (issue 12: cost)
    if held is None:
        if module.__name__ not in _LANGS:
            _LANGS[module.__name__] = _Lang(module)
        held = _LANG_OF[module] = _LANGS[module.__name__]
    return held


def held_words(module: ModuleType) -> _Lang:
    """The word lists of a language module as fields of a native object, made once per
    language: masking.py reads them per mention and sentence (issue 12: cost)."""
    return _lang(module)


# A token: (start, end, text) in the paragraph.
_Token = tuple[int, int, str]


def _candidates(lang: ModuleType) -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """Capitalised tokens (one group: `split` keeps them), the language's particles ("van", "de
    la") that join them, and the particles' first two letters.

    Lower-case words are skipped by the regex engine rather than looked at one by one; the gap
    they leave between two candidates ends a run just as they would. The first character comes
    before the look-behinds, so the engine jumps from capital to capital (issue 12: cost). A
    particle only matters right after a run's word and one space, so it is looked for there,
    and only where the next two letters start one.
    """
    if lang.__name__ not in _CANDIDATES:
        particles = "|".join(
            re.escape(p) for p in sorted(lang.NAME_PARTICLES, key=len, reverse=True)
        )
        # (?:[\w’'\-]|\.(?=[^\W\d_]))*\.? as possessive runs of one class, the dotted part
        # ("R.J.") behind a "." and as alternatives with an empty one: the same greedy match,
        # and `re` opens no repeat (a malloc) for the many tokens without a dot (issue 12)
        tail = r"[\w’'\-]*+(?:\.(?:[^\W\d_][\w’'\-]*+(?:\.[^\W\d_][\w’'\-]*+)*+\.?|)|)"
        _CANDIDATES[lang.__name__] = re.compile(rf"([{UPPER}](?<!\w.)(?<!\w[’'\-.].){tail})")
        _PARTICLES[lang.__name__] = re.compile(rf"(?:{particles})(?![\w’'\-])")
        _PARTICLE_HEADS[lang.__name__] = frozenset(p[:2] for p in lang.NAME_PARTICLES)
    return _CANDIDATES[lang.__name__], _PARTICLES[lang.__name__], _PARTICLE_HEADS[lang.__name__]


def _capital_tokens(text: str, capitals: re.Pattern[str]) -> list[_Token]:
    """(start, end, text) of each match of `capitals`, as `capitals.split` finds them.

    The regex engine tests its big character class at every place (~50 instructions a
    character); here C finds the few places where a capital may stand instead: the Latin-1
    encoding (any other character becomes "?", one byte each, so places stay) translated to one
    flag byte per upper-case letter or "?", split at the flags. The pattern is tried only there,
    and only past the last match, as `split` resumes after one (issue 12: cost).
    """
    # The flags as a str (all ASCII: a copy), so that str.find, native, steps from flag to
    # flag, and past the last match at once; no bytes object per flag (issue 12: cost)
    flags = text.encode("latin-1", "replace").translate(CAPITAL_FLAGS).decode("latin-1")
    tokens: list[_Token] = []
    upto = 0  # where the last match ends
    place = flags.find("\x01")
    while place >= 0:
        # A flag on a Latin-1 character is a capital's or a "?"'s; any other character was
        # encoded as "?": only those are looked up (not "’", a marker). Read as a number, not
        # a string (issue 12: cost)
        code = ord(text[place])
        if (code < 256 and code != 63) or (code >= 256 and text[place] in UPPER_CHARS):
            upto = _add_capital(tokens, text, place, capitals) or upto
        place = flags.find("\x01", max(place + 1, upto))  # none inside the last match
    return tokens


def _add_capital(tokens: list[_Token], text: str, place: int, capitals: re.Pattern[str]) -> int:
    """Append the match of `capitals` at `place` as a token and return where it ends, else 0;
    a plain word of ASCII letters (and a mark) read without the regex where the look-behinds
    hold. Appended here: a token returned would be unboxed and boxed again."""
    if place == 0 or ord(text[place - 1]) == 32:  # after a space the look-behinds hold: try
        end = text.find(" ", place)  # a plain word
        word = text[place:] if end < 0 else text[place:end]
        size = len(word)
        letters = _ascii_letters(word)
        if letters == size:  # ASCII letters only: all the class takes, up to the space
            upto = place + size
            tokens.append((place, upto, word))
            return upto
        last = word[letters] if letters == size - 1 and size > 1 else ""
        if last and ord(last) < 128 and last in WORD_ENDS:
            # "Smith,": ASCII letters, then an ASCII mark where the class stops
            upto = place + letters + (last == ".")  # "Smith.": the dot is taken
            tokens.append((place, upto, word if last == "." else word[:letters]))
            return upto
    found = capitals.match(text, place)
    if found is None:
        return 0
    upto = found.end()
    tokens.append((place, upto, found.group()))
    return upto


def _ascii_letters(word: str) -> int:
    """How many ASCII letters `word` opens with: what `word[:n].isalpha()` and `isascii()` tell
    of its first n characters, read as numbers, not by two method calls a word (~440
    instructions each, compiled: neither is native; issue 12: cost)."""
    size = len(word)
    at = 0
    while at < size:
        code = ord(word[at])
        if not (97 <= code <= 122 or 65 <= code <= 90):
            return at
        at += 1
    return size


def _runs(text: str, lang: _Lang) -> list[list[_Token]]:
    """Group tokens into runs of capitalised words joined by single spaces or particles."""
    particles, heads = lang.particles, lang.heads
    runs: list[list[_Token]] = []
    # The tokens as the list holds them, typed object: compiled, a _Token read is unboxed, and
    # appended it would be boxed anew, a tuple and two ints (issue 12: cost)
    current: list[object] = []
    last = -2  # where the run's last token ends
    for boxed in cast("list[object]", _capital_tokens(text, lang.capitals)):
        start = cast(_Token, boxed)[0]
        if current and (start != last + 1 or ord(text[last]) != 32):  # 32: " ", as a number
            runs.append(cast("list[_Token]", current))
            current = []
        last = _add_token(current, runs, boxed, lang)
        while 0 <= last < len(text) and ord(text[last]) == 32:
            # the next letter first, as a number: no string (issue 12: cost)
            if last + 1 >= len(text) or ord(text[last + 1]) not in lang.first_codes:
                break  # no particle starts here: skip the regex
            if text[last + 1 : last + 3] not in heads and text[last + 1] not in heads:
                break
            joined = particles.match(text, last + 1)
            if joined is None:
                break
            last = _add_token(current, runs, (joined.start(), joined.end(), joined.group()), lang)
        if last < 0:
            current = []
    if current:
        runs.append(cast("list[_Token]", current))
    return runs


def _add_token(current: list[object], runs: list[list[_Token]], boxed: object, lang: _Lang) -> int:
    """Append a token (`boxed`: a _Token, as _runs holds it) to the run; close the run (return
    -2) after a possessive or a full stop that ends a sentence, else return where it ends."""
    current.append(boxed)
    token = cast(_Token, boxed)
    word = token[2]
    last = ord(word[-1])  # most end in neither "s" (115) nor "." (46): one number (issue 12)
    if (last == 115 and word[-2:] in POSSESSIVE_ENDS) or (
        last == 46 and len(word) > 2 and _bare(word) not in lang.ABBREVIATIONS
    ):
        runs.append(cast("list[_Token]", current))  # a full stop after a long word ends it
        return -2
    return token[1]


def _breaks(word: str, token: _Token, text: str, lang: _Lang) -> bool:
    """Tell whether a token (`word`: its _bare form) is never part of a name."""
    if word in lang.MONTHS:
        return DAY_AFTER_RE.match(text, token[1]) is not None
    return word in lang.NOT_NAMES or (
        "-" in token[2] and NOT_NAME_TOKEN_RE.search(token[2]) is not None
    )


def _opens_upper(word: str) -> bool:
    """word[0].isupper(), an A-Z first letter read as a number, not by a call (issue 12: cost)."""
    first = ord(word[0])
    return 65 <= first <= 90 or word[0].isupper()


def _segments(run: list[_Token], text: str, lang: _Lang) -> list[tuple[list[_Token], list[str]]]:
    """Split a run at words that are never part of a name ("In", "Monday", "May 20"); each
    segment comes with its tokens' _bare words, which _title_positions reads too: made once,
    not twice (issue 12: cost). A run of one token, most runs, is its own segment or none."""
    if len(run) == 1:
        token = run[0]
        word = _bare(token[2])
        if _breaks(word, token, text, lang) or not _opens_upper(token[2]):
            return []
        return [(run, [word])]
    segments: list[tuple[list[_Token], list[str]]] = []
    tokens: list[object] = []  # the segment's tokens as the run holds them: see _runs
    words: list[str] = []
    for boxed in cast("list[object]", run):
        token = cast(_Token, boxed)
        word = _bare(token[2])
        if _breaks(word, token, text, lang):
            segments.append((cast("list[_Token]", tokens), words))
            tokens, words = [], []
        else:
            tokens.append(boxed)
            words.append(word)
    segments.append((cast("list[_Token]", tokens), words))
    return [s for s in segments if s[0] and _opens_upper(s[0][-1][2])]


def _clean_token(token: str) -> str:
    last = ord(token[-1]) if token else 0  # "." is 46, "s" 115: numbers, no string
    if last != 46 and last != 115:  # neither test below can hold: no calls (issue 12: cost)
        return token
    if len(token) > 3 and token.endswith(".") and token.count(".") == 1:
        token = token[:-1]
    # POSSESSIVE_RE.sub("", token): its one match is the closing "’s" (issue 12: cost)
    return token[:-2] if token.endswith(POSSESSIVE_ENDS) else token


def _acronym(token: str) -> bool:
    if len(token) > 1 and 97 <= ord(token[1]) <= 122:  # "Smith": a lower-case a-z second,
        return False  # so not isupper; read as a number, not a call (issue 12: cost)
    return len(token) > 1 and token.isupper() and "." not in token


def _org_token(token: str, lang: _Lang) -> bool:
    return _acronym(token) or token.lower().rstrip(".") in lang.ORG_WORDS


def _title_positions(words: list[str], lang: _Lang) -> list[int]:
    """Indexes of title words (`words`: the _bare form of each token): role words only at the
    start, surname-like titles not last."""
    leading = 0
    while leading < len(words) - 1 and (
        words[leading] in lang.LEADING_ROLES
        or (words[leading] in lang.ROLE_NOUNS and len(words) - leading > MIN_AFTER_ROLE)
    ):
        leading += 1
    titles = [
        i
        for i, w in enumerate(words)
        if i < leading or w in lang.TITLES or ((w[-1:] == "s" or "-" in w) and _is_title(w, lang))
    ]
    last = len(words) - 1
    surname = last > 0 and words[last] in lang.SURNAME_TITLES and last - 1 not in titles
    if titles and titles[-1] == last and surname:  # "Claudia Major", not "Prime Minister"
        titles.pop()
    return titles


def _is_title(word: str, lang: _Lang) -> bool:
    """A title word, its plural ("Senators X and Y"), or a compound ("director-general")."""
    if word.endswith("s") and word[:-1] in lang.TITLES and len(word) > 3:
        return True
    return word in lang.TITLES or ("-" in word and all(w in lang.TITLES for w in word.split("-")))


def _ends_in(before: str, words: tuple[str, ...]) -> bool:
    r"""Tell whether `before` ends in one of `words` and whitespace, as an Ending of the form
    r"(?:words)\s+$" needs (str.rstrip strips what \s matches). _not_a_person inlines it, the
    stripped text made once for its three gates; a test checks the gates."""
    stripped = before.rstrip()
    return len(stripped) < len(before) and stripped.endswith(words)


def _plain(token: str) -> str:
    """A token lower-cased without a final possessive mark ("’s", "’") or dot."""
    if token[-1:] in ("’", "'"):
        token = token[:-1]
    elif token[-2:] in ("’s", "'s"):
        token = token[:-2]
    return token.lower().rstrip(".")


def _possessive(token: str) -> bool:
    """Tell whether a token (not empty) ends in a possessive mark, token[-1] in POSSESSIVE_MARKS
    or token[-2:] in POSSESSIVE_ENDS, its last character read as a number: "’" 0x2019, "'"
    39, "s" 115; no slice unless it is an "s" (issue 12: cost)."""
    last = ord(token[-1])
    return last == 0x2019 or last == 39 or (last == 115 and token[-2:] in POSSESSIVE_ENDS)


def _span(segment: list[_Token], bare: list[str], text: str, lang: _Lang) -> NameSpan | None:
    if len(segment) == 1:  # most segments: no lists to cut, no title to keep
        return _single_span(segment[0], bare[0], text, lang)
    raw = [token[2] for token in segment]
    titles = _title_positions(bare, lang)
    cut = titles[-1] + 1 if titles else 0
    first_title, before = cut, len(titles) - 1
    while before >= 0 and titles[before] == first_title - 1:  # titles ascend: no list scans
        first_title, before = first_title - 1, before - 1
    honorific = " ".join(raw[first_title:cut]) or None
    tokens = [t for t in [_clean_token(r) for r in raw[cut:]] if t]  # a native call, not map
    if not tokens:
        return None
    start, end = segment[0][0], segment[-1][1]
    if raw[-1][-1] == "." and tokens[-1][-1] != ".":
        end -= 1  # the full stop ends the sentence, not the name
    if (
        len(tokens) > 2
        and not honorific
        and not is_given_name(tokens[0])
        and PLACE_BEFORE_NAME.ends(text[max(0, start - LOOK_BEHIND) : start])
    ):
        tokens, start = tokens[1:], segment[1][0]
    # One pass over the tokens: organisation tokens, acronyms among them, and whether the set
    # of _plain words would meet ORG_WORDS; _plain(t) is the lower-cased bare token unless t
    # ends in a possessive mark, so no set is built (issue 12: cost)
    org_at: list[int] = []
    acronym = org_word = False
    org_words = lang.ORG_WORDS
    for i, token in enumerate(tokens):
        low = token.lower().rstrip(".")
        known = low in org_words
        if _acronym(token):
            acronym = True
            org_at.append(i)
        elif known:
            org_at.append(i)
        if _possessive(token):
            known = _plain(token) in org_words
        org_word = org_word or known
    offset = len(segment) - len(tokens)
    if org_at and len(tokens) - org_at[-1] > 2:  # "State Mike Pompeo": the name follows
        first = org_at[-1] + 1
        if len(tokens) - first > MIN_AFTER_ROLE and tokens[first].lower() in lang.ROLE_NOUNS:
            first += 1  # "White House Counsel W. Neil Eggleston"
        tokens, start = tokens[first:], segment[offset + first][0]
        # The tokens left come after the last org token: no acronym and no organisation word
        acronym = org_word = False
    whole = segment[0][0] == start
    if _not_a_person(
        tokens, text, start, lang, honorific=honorific, whole=whole, acronym=acronym,
        org_word=org_word,
    ):  # fmt: skip
        return _name_span(start, end, " ".join(raw), NameKind.ORG, None)
    kind = NameKind.PERSON if len(tokens) > 1 else NameKind.SINGLE
    return _name_span(start, end, " ".join(tokens), kind, honorific)


def _single_span(token: _Token, word: str, text: str, lang: _Lang) -> NameSpan | None:
    """_span of a segment of one token (`word`: its _bare form), the cases that can arise for
    one token read straight (issue 12: cost): a title alone names no one; an acronym, a place
    after "of" or "in", or an organisation word is an organisation (a surname that is also a
    noun needs a given name before it); else a single name."""
    raw = token[2]
    if word in lang.TITLES or ((word[-1:] == "s" or "-" in word) and _is_title(word, lang)):
        return None
    name = _clean_token(raw)
    if not name:
        return None
    start, end = token[0], token[1]
    if raw[-1] == "." and name[-1] != ".":
        end -= 1  # the full stop ends the sentence, not the name
    if _acronym(name):
        return _name_span(start, end, raw, NameKind.ORG, None)
    before = text[max(0, start - LOOK_BEHIND) : start]
    stripped = before.rstrip()
    spaced = len(stripped) < len(before)
    place = spaced and stripped[-2:] in PLACE_AFTER_TAILS
    if place and stripped.endswith(PLACE_AFTER_WORDS) and PLACE_AFTER.ends(before):
        return _name_span(start, end, raw, NameKind.ORG, None)
    plain = name.lower().rstrip(".")
    if _possessive(name):
        plain = _plain(name)
    if plain in lang.ORG_WORDS:
        return _name_span(start, end, raw, NameKind.ORG, None)
    return _name_span(start, end, name, NameKind.SINGLE, None)


def _name_span(start: int, end: int, name: str, kind: NameKind, honorific: str | None) -> NameSpan:
    """NameSpan(...) without the named tuple's `__new__`, a Python function the compiled build
    calls through the interpreter (~3,000 instructions a span; issue 12: cost)."""
    return NEW_TUPLE(SPAN_TYPE, (start, end, name, kind, honorific))


def _not_a_person(
    tokens: list[str],
    text: str,
    start: int,
    lang: _Lang,
    *,
    honorific: str | None,
    whole: bool,
    acronym: bool,
    org_word: bool,
) -> bool:
    """Tell whether a run names an organisation, a place or a thing rather than a person
    (`acronym`: whether any of `tokens` is one; `org_word`: whether any token, lower-cased
    without a possessive mark or final dot, is an organisation word)."""
    if acronym or len(tokens) > MAX_NAME_TOKENS:
        return True
    if len(tokens) > 1 and tokens[-1].lower() in LAST_WORD_ORG:
        return True
    before = text[max(0, start - LOOK_BEHIND) : start]
    # _ends_in's stripped text, made once for its three uses (issue 12: cost)
    stripped = before.rstrip()
    spaced = len(stripped) < len(before)
    if (
        not honorific
        and spaced
        and stripped[-2:] in PLACE_AFTER_TAILS
        and stripped.endswith(PLACE_AFTER_WORDS)
        and PLACE_AFTER.ends(before)
    ):
        return True  # "of New York", "in Hong Kong"
    and_before = spaced and stripped.endswith(AND_WORDS)
    # Read only after "and" or "&", by runs of two words or more (issue 12: cost)
    given = and_before and len(tokens) > 1 and is_given_name(tokens[0])
    thing = not honorific and len(tokens) > 1
    if thing and _thing_before(before, stripped, lang, and_before=and_before, given=given):
        return True
    if org_word:
        # "Cornel West", "Rebecca White": unless the run went on before ("New York Post")
        # the regex last: most runs fail the word tests first (issue 12: cost)
        return not (
            whole and _surname_is_noun(tokens, lang) and not CAPITALISED_BEFORE.ends(before)
        )
    # "Immigration and Customs Enforcement": a run joined to a capitalised word by "and"
    return len(tokens) > 1 and not given and and_before and AND_BEFORE.ends(before)


def _thing_before(
    before: str, stripped: str, lang: _Lang, *, and_before: bool, given: bool
) -> bool:
    """Tell whether the words before a run make it a thing ("the Daily Record", "Health and
    Social Care"); a run opening with a known given name after "and" stays a person ("Vicente
    Fox and Felipe Calderón"). `before` is read once by the caller: `stripped` is it
    right-stripped, `and_before` whether that ends in "and" or "&" after whitespace."""
    joined = AND_BEFORE.find(before) if and_before else None
    if joined and not given and joined.lower() in lang.ORG_WORDS:
        return True
    spaced = len(stripped) < len(before)
    return spaced and stripped.endswith(ARTICLE_WORDS) and ARTICLE_BEFORE.ends(before)


def _surname_is_noun(tokens: list[str], lang: _Lang) -> bool:
    """Tell whether a run is a person whose surname is also a noun ("Cornel West", "Rebecca
    White", "Tony Hall"): a known given name first, and the only organisation word is last and
    one that English uses as a family name too."""
    bare = [t.lower().rstrip(".") for t in tokens]
    if not 1 < len(tokens) <= 3 or not is_given_name(tokens[0]):
        return False
    if any(word in lang.ORG_WORDS for word in bare[:-1]):
        return False
    return bare[-1] in lang.SURNAME_NOUNS


def find_names(text: str, language: ModuleType) -> list[NameSpan]:
    """Return every capitalised run in `text` as a person, single-word or organisation span."""
    lang = _lang(language)
    spans: list[NameSpan] = []
    for run in _runs(text, lang):
        if len(run) == 1:  # most runs: _segments' and _span's one-token cases, with no lists
            token = run[0]  # to wrap and unwrap (issue 12: cost)
            word = _bare(token[2])
            if not _breaks(word, token, text, lang) and _opens_upper(token[2]):
                span = _single_span(token, word, text, lang)
                if span is not None:
                    spans.append(span)
            continue
        for segment, bare in _segments(run, text, lang):
            span = _span(segment, bare, text, lang)
            if span is not None:
                spans.append(span)
    return spans


def name_key(name: str) -> tuple[str, str]:
    """Return (first, last) lower-cased word of a name, ignoring initials and brackets."""
    low = name.lower()
    words = low.split()  # KEY_WORD_RE.findall(low) when every word is one match, as most are
    for word in words:
        if not (word[0].isalpha() and (word.isalnum() or _key_tail(word))):
            words = KEY_WORD_RE.findall(low)
            break
    words = [w for w in words if len(w) > 1]
    while len(words) > 2 and words[-1] in NAME_SUFFIXES:
        words.pop()
    if not words:
        return ("", "")
    return (words[0], words[-1])


def _key_tail(word: str) -> bool:
    """Tell whether a word is all word characters once its ’, ' and - are taken out (isalnum:
    no "_"), so KEY_WORD_RE matches it whole when it opens with a letter (issue 12: cost)."""
    return word.replace("’", "").replace("'", "").replace("-", "").isalnum()


def same_person(a: str, b: str) -> bool:
    """Tell whether two name strings plausibly name the same person."""
    ka, kb = name_key(a), name_key(b)
    if not ka[0] or not kb[0]:
        return False
    if ka == kb:
        return True
    wa, wb = a.lower().split(), b.lower().split()
    shorter, longer = sorted((wa, wb), key=len)
    return len(shorter) > 1 and longer[: len(shorter)] == shorter


def title_case(name: str) -> str:
    """Title-case an upper-cased name ("JEFFREY McGETTLEMAN" -> "Jeffrey Mcgettleman")."""
    if any(c.islower() for c in name):
        return name
    return LETTERS_RE.sub(lambda m: m.group().capitalize(), name)
