"""Turn a paragraph into a masked string: each quote, person and organisation becomes a marker.

Markers are two private-use characters (kind, index), so patterns over the masked text stay
short and names inside quotes are never taken for speakers. Must not import app or dashboards.
"""

from __future__ import annotations

import re
from types import ModuleType
from typing import Final, NamedTuple

from scrapers.article import names
from scrapers.article.endings import Ending
from scrapers.article.resolver import Resolver

__all__ = [
    "Masked",
    "Mention",
    "find_quotes",
    "mask_names",
    "mask_quotes",
    "split_sentences",
]

QUOTE: Final = "\ue000"
PERSON: Final = "\ue001"
ORG: Final = "\ue002"
FIRST_INDEX: Final = 0xE100  # markers index into per-paragraph lists from this code point
MAX_MARKERS: Final = 0xF8FF - FIRST_INDEX
# Every index character in order, read by position: cheaper compiled than chr() (issue 12: cost)
MARKER_INDEXES: Final = "".join(chr(FIRST_INDEX + i) for i in range(MAX_MARKERS + 1))
MADE_MARKERS: Final = 256  # markers of each kind made at import: paragraphs rarely need more

# ‘...’ of three words or more, closed by a mark not followed by a letter (not "don’t").
# An apostrophe inside ("We’ve") is a ’ between letters and does not close the quote.
# The mark comes before its look-behind ("not after a letter"), so `re` jumps from mark to mark
# rather than trying every place (issue 12: cost); a test checks the forms agree.
SINGLE_QUOTE_RE: Final = re.compile(
    r"‘(?<!\w‘)(?=\S)(?:[^‘’]|’(?=\w))*?\s(?:[^‘’]|’(?=\w))*?\s(?:[^‘’]|’(?=\w))*?(?:’(?!\w)|$)"
)
OPENING: Final = frozenset('"“«„')
QUOTE_CHARS: Final = '"“”«»„'
QUOTE_CHAR_RE: Final = re.compile(f"[{QUOTE_CHARS}]")  # what find_quotes looks for
# QUOTE_CHARS one string each, made once: a loop over a str makes each non-Latin-1 character
# anew; and those an ASCII text can hold, which alone are looked for there (issue 12: cost)
QUOTE_MARKS: Final = tuple(QUOTE_CHARS)
QUOTE_MARKS_ASCII: Final = tuple(c for c in QUOTE_CHARS if c.isascii())
CLOSING: Final = frozenset('"”»“')
# An appositive after a name, up to a comma or a full stop that is not an initial ("U.S."):
# r",\s+([a-z](?:[^,;.\ue000\ue001]|(?<=[A-Z])\.){2,140}?)(?=[,;]|(?<![A-Z])\.|$)". Its lazy
# repeat stops at the first character it may not take, so it is written as atomic runs of one
# class (issue 12: cost); _role checks the 2-140 characters after the first. A test checks both.
ROLE_RE: Final = re.compile(
    r",\s+([a-z](?>[^,;.\ue000\ue001]*+(?:(?<=[A-Z])\.[^,;.\ue000\ue001]*+)*+))"
    r"(?=[,;]|(?<![A-Z])\.|$)"
)
ROLE_LENGTH: Final = range(3, 142)  # the first letter and 2-140 more
# "X — a veteran negotiator — said": the same appositive between dashes.
DASH_ROLE_RE: Final = re.compile(r"\s*[—–]\s*([a-z][^—–\ue000\ue001]{2,140}?)\s*[—–]")
# "X of the Institute of Directors" / "X of Scotiabank": the institution as affiliation.
PLACE_WORD: Final = r"[A-Z][\w&’'\-]*(?:\.[A-Za-z][\w&’'\-]*)*"  # "Scotiabank", "U.S", not "Bank."
OF_PLACE_RE: Final = re.compile(
    r"\s+(?:of|from)\s+((?:the\s+)?"
    + PLACE_WORD
    + r"(?: (?:(?:of|for|and|on|&) )?"
    + PLACE_WORD
    + r"){0,6})"
)
# "the physicist ", "finance critic ": the last one to three words
DESCRIPTOR: Final = Ending(r"((?:[A-Za-z][\w\-]*\s+){1,3})$", r"((?:\s+[\w\-]*[A-Za-z]){1,3})")
# Participles that open a role ("managing director", "acting chair"), unlike "said" or "told".
ROLE_PARTICIPLES: Final = frozenset(
    {"managing", "acting", "founding", "visiting", "leading", "presiding", "consulting"}
    | {"ranking", "outgoing", "incoming", "retired", "distinguished", "elected", "longtime"}
)
ROLE_STARTS: Final = frozenset(
    {"a", "an", "the", "former", "then", "now", "one", "another", "both"}
)
ROLE_LINKS: Final = frozenset({"of", "at", "for", "with"})
NOT_ROLE_STARTS: Final = frozenset(
    {"is", "was", "has", "had", "will", "would", "can", "could", "says", "said", "who", "which"}
    | {"that", "whose", "and", "but", "as", "also", "still", "in", "on", "at", "to", "for"}
    | {"with", "from", "by", "were", "are", "did", "does", "do", "not", "there", "it", "they"}
    | {"he", "she", "we", "i", "you", "this"}
)
# Doubled single marks stand for double quotes in some wire copy.
QUOTE_FIXES: Final = (("’’", "”"), ("‘‘", "“"), ("``", "“"))
# NYT style ''racist,'': a doubled straight mark opens after a space or a bracket, else closes.
# Written "(?:(?<=^)|(?<=[\s(\[—–-]))''(?=\S)" with the marks first, so `re` jumps from mark to
# mark (issue 12: cost); a test checks the forms agree.
OPENING_PAIR_RE: Final = re.compile(r"''(?<![^\s(\[—–-]'')(?=\S)")
# (?:[.!?]+["”’)]*|\ue000.)\s+(?=...), its first character first for the same reason.
BOUNDARY_STARTS: Final = ".!?\ue000"  # the characters a match of BOUNDARY_RE starts with
BOUNDARY_MARKS: Final = tuple(BOUNDARY_STARTS)  # as QUOTE_MARKS
BOUNDARY_MARKS_ASCII: Final = tuple(c for c in BOUNDARY_STARTS if c.isascii())
BOUNDARY_RE: Final = re.compile(
    r"[.!?\ue000](?:(?<=\ue000).|(?<=[.!?])[.!?]*[\"”’)]*)\s+(?=[A-Z\ue000\ue001\ue002\"“‘(])"
)
# What BOUNDARY_RE's look-ahead lets open the next sentence; a test checks they agree.
SENTENCE_OPENERS: Final = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ\ue000\ue001\ue002"“‘('
SENTENCE_CLOSERS: Final = '.!?"”’)'  # what BOUNDARY_RE lets follow a sentence's mark
QUOTE_END_RE: Final = re.compile(r"[.!?][\"”’)]*$")
QUOTE_END_CLOSERS: Final = '"”’)'  # what QUOTE_END_RE lets follow the mark; a test checks it
OBJECT_BEFORE: Final = Ending(
    r"\b(?:to|with|by|for|of|from|about|at|on|in|against|between|than|like)\s+$",
    r"\s+(?:ot|htiw|yb|rof|fo|morf|tuoba|ta|no|ni|tsniaga|neewteb|naht|ekil)\b",
    re.I,
)
POSSESSIVE_AFTER_RE: Final = re.compile(r"[’']s?\b")
ASCII_LETTERS: Final = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"  # DESCRIPTOR's [A-Za-z]
)
POSSESSIVE_MARKS: Final = ("’", "'")  # the first character of either possessive pattern
# OBJECT_BEFORE's words; a test checks they agree.
OBJECT_WORDS: Final = frozenset(
    {"to", "with", "by", "for", "of", "from", "about", "at", "on", "in", "against", "between"}
    | {"than", "like"}
)
POSSESSIVE_END_RE: Final = re.compile(r"[’']s?$")
LOOK_BEHIND: Final = 40  # characters read around a name for its context
LOOK_AHEAD: Final = 200
WORD_BEFORE: Final = Ending(r"([^\W\d_]+)\s*$", r"\s*([^\W\d_]+)")
LETTERS_RE: Final = re.compile(r"[^\W\d_]+")


# The first MADE_MARKERS markers of each kind (kind + index character), by kind
MARKERS: Final = {
    kind: tuple(kind + index for index in MARKER_INDEXES[:MADE_MARKERS])
    for kind in (QUOTE, PERSON, ORG)
}


class Mention(NamedTuple):
    """One occurrence of a person in a paragraph, resolved to their full name (a named tuple,
    as names.NameSpan: cheap to build)."""

    name: str
    honorific: str | None = None
    role: str | None = None
    cue_words: tuple[str, ...] = ()
    subject: bool = True  # False after a preposition or as a possessive ("to Lorenz's delight")
    roles: tuple[str, ...] = ()  # role nouns that may later stand for them ("the senator")


MENTION_TYPE: Final = Mention  # a native static, as names.SPAN_TYPE


class Masked:
    """A paragraph's masked text and what its markers stand for.

    A plain class, not a dataclass: compiled, a dataclass's `__init__` is made by `dataclasses`
    and runs in the interpreter (~3,400 instructions a paragraph); this one is native (issue 12:
    cost). Equality and repr are kept as the dataclass had them.
    """

    def __init__(
        self,
        text: str,
        quotes: list[str] | None = None,
        people: list[Mention] | None = None,
        orgs: list[str] | None = None,
    ) -> None:
        self.text = text
        self.quotes: list[str] = [] if quotes is None else quotes
        self.people: list[Mention] = [] if people is None else people
        self.orgs: list[str] = [] if orgs is None else orgs

    def _fields(self) -> tuple[str, list[str], list[Mention], list[str]]:
        return (self.text, self.quotes, self.people, self.orgs)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Masked):
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable, unhashable as the dataclass was

    def __repr__(self) -> str:
        return (
            f"Masked(text={self.text!r}, quotes={self.quotes!r}, people={self.people!r}, "
            f"orgs={self.orgs!r})"
        )


def find_quotes(paragraph: str) -> list[tuple[int, int]]:
    """Return (start, end) of each quoted stretch, marks included; an open quote runs to the end.

    Double marks first; a paragraph with none may quote with single curly marks (UK style).
    """
    marks = _places(paragraph, QUOTE_MARKS, QUOTE_MARKS_ASCII)  # where QUOTE_CHAR_RE matches
    if not marks:
        if "‘" not in paragraph:  # every single-mark quote opens with one
            return []
        return [m.span() for m in SINGLE_QUOTE_RE.finditer(paragraph)]
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for i in marks:  # only the marks: the rest cannot matter
        char = paragraph[i]
        if start is None and char in OPENING and (i == 0 or not paragraph[i - 1].isalnum()):
            start = i
        elif start is not None and char in CLOSING and i > start:
            if char == "“" and not (i + 1 == len(paragraph) or not paragraph[i + 1].isalnum()):
                continue
            spans.append((start, i + 1))
            start = None
    if start is not None and len(paragraph) - start > 1:
        spans.append((start, len(paragraph)))
    return spans


def _places(text: str, chars: tuple[str, ...], ascii_chars: tuple[str, ...]) -> list[int]:
    """Where any of `chars` stands in `text`, in order: each found by str.find, which runs in C
    far faster than `re` tries a character class at every place (issue 12: cost). An ASCII text
    holds only `ascii_chars` (those of `chars` that are ASCII): the others are not looked for."""
    places: list[int] = []
    looked_for = ascii_chars if text.isascii() else chars
    for char in looked_for:
        i = text.find(char)
        while i >= 0:
            places.append(i)
            i = text.find(char, i + 1)
    if len(looked_for) > 1:  # one character's places come in order
        places.sort()
    return places


def _marker(kind: str, index: int) -> str:
    if index < MADE_MARKERS:  # one made at import: no new string per marker (issue 12: cost)
        return MARKERS[kind][index]
    return kind + MARKER_INDEXES[min(index, MAX_MARKERS)]


def _mask_quotes(paragraph: str) -> Masked:
    # QUOTE_FIXES in turn, written out (a loop over them builds a tuple each); an ASCII text
    # holds neither curly pair (issue 12: cost)
    # Two characters are looked for by a slower search than one: "‘" and "`", rare, first
    if not paragraph.isascii():
        paragraph = paragraph.replace("’’", "”")
        if "‘" in paragraph:
            paragraph = paragraph.replace("‘‘", "“")
    if "`" in paragraph:
        paragraph = paragraph.replace("``", "“")
    if "'" in paragraph and "''" in paragraph:  # one character found faster than two
        paragraph = OPENING_PAIR_RE.sub("“", paragraph).replace("''", "”")
    masked = Masked(text="")
    pieces: list[str] = []
    last = 0
    for start, end in find_quotes(paragraph)[:MAX_MARKERS]:
        pieces.append(paragraph[last:start])
        pieces.append(_marker(QUOTE, len(masked.quotes)))
        masked.quotes.append(paragraph[start:end].strip('"“”«»„‘’ '))
        last = end
    pieces.append(paragraph[last:])
    masked.text = "".join(pieces)
    return masked


def _role(after: str, lang: ModuleType) -> str | None:
    """Return the appositive after a name: ", a fellow at Y", " — a fellow —", " of Y".

    Each pattern is tried only where its first characters may stand (_may_open): most names
    are followed by " said" or "’s", and a regex call costs ~1,500 instructions (issue 12).
    """
    place = OF_PLACE_RE.match(after) if _may_open(after, "of") else None
    rest = after[place.end() :] if place else after
    match = ROLE_RE.match(rest) if rest[:1] == "," else None
    if match and len(match.group(1)) in ROLE_LENGTH:
        role = _checked_role(match.group(1).strip())
        if role is not None:
            return role
    match = DASH_ROLE_RE.match(rest) if _may_open(rest, "—–") else None
    if match:
        role = _checked_role(match.group(1).strip())
        if role is not None:
            return role
    return place.group(1) if place else None


def _may_open(text: str, firsts: str) -> bool:
    r"""Tell whether `text` may open with whitespace and then one of `firsts`' characters, as
    OF_PLACE_RE (r"\s+(?:of|from)", firsts "of") and DASH_ROLE_RE (r"\s*[—–]", firsts "—–")
    need: False only where neither can match; two whitespace characters leave it to the regex."""
    head = text[:1]
    if head in firsts and head:
        return True
    if not head.isspace():
        return False
    second = text[1:2]
    return (second in firsts and second != "") or second.isspace()


def _checked_role(role: str) -> str | None:
    words = role.split()
    if words[0] in ROLE_STARTS or words[0] in ROLE_PARTICIPLES:
        return role
    if words[0] in NOT_ROLE_STARTS or words[0].endswith(("ed", "ly", "ing")):
        return None
    if not ROLE_LINKS & set(words):
        return None
    return role


def _role_nouns(
    before: str,
    honorific: str | None,
    role: str | None,
    lang: ModuleType,
    *,
    tokens: list[str] | None = None,
    letters: list[str] | None = None,
) -> tuple[str, ...]:
    """Role nouns a later "the <noun> said" may use for this person (`before`: the text
    before them; `tokens`: its last words, before.rsplit(None, 3), if made; `letters`:
    LETTERS_RE.findall(role), if made)."""
    words = _descriptor_words(before, tokens)
    if honorific:  # most mentions have none: no split, no new list
        words += honorific.split()
    if role:  # most mentions have none: no regex call for nothing
        words += LETTERS_RE.findall(role) if letters is None else letters
    found: list[str] = []
    held = names.held_words(lang)  # its fields: no module attribute look-up (issue 12: cost)
    titles = held.TITLE_ROLES
    nouns = held.ROLE_NOUNS
    for word in words:
        bare = word.rstrip(".").lower()
        noun = titles.get(bare, bare)
        if noun in nouns and noun not in found:
            found.append(noun)
    return tuple(found)


def _possessive_start(text: str, start: int, end: int) -> int:
    """Where POSSESSIVE_END_RE.search(text, start, end) starts, else `end`: a match ends at `end`
    (no line break in a paragraph's name), so only the last two characters are read."""
    if text[end - 1 : end] == "\n":  # `$` may match before it: leave it to the regex
        found = POSSESSIVE_END_RE.search(text, start, end)
        return end if found is None else found.start()
    last = text[end - 1 : end]
    if last == "s" and end - 2 >= start and text[end - 2 : end - 1] in POSSESSIVE_MARKS:
        return end - 2
    if end - 1 >= start and last in POSSESSIVE_MARKS and last:
        return end - 1
    return end


def _object_before(before: str, tokens: list[str] | None = None) -> bool:
    """OBJECT_BEFORE.ends(before): the text before a name ends in a preposition and whitespace.
    A last word of ASCII letters is looked up in a set; any other is left to the regex (re.I
    folds some non-ASCII letters) (issue 12: cost). The words are read forwards, as rsplit
    gives them: no reversed copy of the text or of a word (issue 12: cost)."""
    if not before[-1:].isspace():
        return False  # the pattern ends with \s+
    words = before.rsplit(None, 1) if tokens is None else tokens  # its last word is theirs
    if not words:
        return False
    word = words[-1]
    if not word[-1].isalpha():  # every letter `re` folds to a preposition's is alphabetic
        return False
    if word.isalpha() and word.isascii():
        return word.lower() in OBJECT_WORDS
    return OBJECT_BEFORE.ends(before)


def _word_before(before: str, tokens: list[str] | None = None) -> str | None:
    """WORD_BEFORE.find(before): the letters ending the last word before a name. A last word
    all letters is the answer as it stands; any other is left to the regex (issue 12)."""
    words = before.rsplit(None, 1) if tokens is None else tokens  # its last word is theirs
    if not words:
        return None  # empty or all whitespace: no letters to find
    word = words[-1]
    if word.isalpha():  # isalpha letters are all [^\W\d_]; the word ends at whitespace
        return word
    if not word[-1].isalnum():  # no [^\W\d_] last: a quote marker, a bracket, a dash
        return None
    return WORD_BEFORE.find(before)


def _descriptor_words(before: str, tokens: list[str] | None = None) -> list[str]:
    r"""(DESCRIPTOR.find(before) or "").split(), read off the last three words before a name
    rather than by the regex (issue 12: cost).

    DESCRIPTOR takes up to three words, each [A-Za-z][\w\-]* and followed by whitespace, up to the
    end: a token all [\w-] that opens with an ASCII letter is a word and the run goes on before
    it; any other token gives its longest such tail, if any, and ends the run.
    """
    if not before[-1:].isspace():
        return []
    words: list[str] = []
    tokens = before.rsplit(None, 3) if tokens is None else tokens
    for back in range(1, min(3, len(tokens)) + 1):  # the last three, last first
        token = tokens[-back]
        if token.isalnum() and token[0] in ASCII_LETTERS:  # the common case: a whole word
            words.append(token)
            continue
        size = len(token)
        run = 0  # the [\w-] characters ending the token
        while run < size and (token[size - 1 - run].isalnum() or token[size - 1 - run] in "_-"):
            run += 1
        start = run  # the word opens at the run's first ASCII letter
        while start > 0 and token[size - start] not in ASCII_LETTERS:
            start -= 1
        if start:
            words.append(token[size - start :])
        if start < size:
            break
    words.reverse()
    return words


def _cue_words(
    before: str,
    role: str | None,
    lang: ModuleType,
    *,
    tokens: list[str] | None = None,
    letters: list[str] | None = None,
) -> tuple[str, ...]:
    word = _word_before(before, tokens)
    words: list[str] = [word] if word else []
    if role:  # most mentions have none: no regex call for nothing
        words += (LETTERS_RE.findall(role) if letters is None else letters)[:4]
    roles = names.held_words(lang).GENDERED_ROLES  # read once, not for each word
    return tuple([w for w in words if w.lower() in roles])  # typed str: a native lower()


def mask_quotes(paragraph: str, lang: ModuleType) -> tuple[Masked, list[names.NameSpan]]:
    """Mask a paragraph's quotes; return it with the names found outside them."""
    masked = _mask_quotes(paragraph)
    return masked, names.find_names(masked.text, lang)[:MAX_MARKERS]


def mask_names(
    masked: Masked, spans: list[names.NameSpan], *, resolver: Resolver, lang: ModuleType
) -> Masked:
    """Mask the names of a quote-masked paragraph, resolving each person mention."""
    text = masked.text
    pieces: list[str] = []
    last = 0
    for span in spans:
        if span.kind is names.NameKind.ORG:
            pieces.append(text[last : span.start])
            pieces.append(_marker(ORG, len(masked.orgs)))
            masked.orgs.append(span.name)
            last = span.end
            continue
        full = resolver.resolve(span)
        if full is None:
            continue
        end = _possessive_start(text, span.start, span.end)  # "Clinton’s aide": the ’s stays
        before = text[max(0, span.start - LOOK_BEHIND) : span.start]  # bounded: no quadratic scans
        role = _role(text[end : end + LOOK_AHEAD], lang)
        tokens = before.rsplit(None, 3)  # split once for the three readers of the words
        letters = LETTERS_RE.findall(role) if role else None  # once for both readers
        cues = _cue_words(before, role, lang, tokens=tokens, letters=letters)
        object_ = _object_before(before, tokens)
        # POSSESSIVE_AFTER_RE opens with a mark: no call without one (issue 12: cost)
        subject = not object_ and not (
            text[end : end + 1] in POSSESSIVE_MARKS and POSSESSIVE_AFTER_RE.match(text, end)
        )
        roles = _role_nouns(before, span.honorific, role, lang, tokens=tokens, letters=letters)
        mention = (full, span.honorific, role, cues, subject, roles)
        # not Mention.__new__: see names._name_span
        masked.people.append(names.NEW_TUPLE(MENTION_TYPE, mention))
        pieces.append(text[last : span.start])
        pieces.append(_marker(PERSON, len(masked.people) - 1))
        last = end
    pieces.append(text[last:])
    masked.text = "".join(pieces)
    return masked


def _may_close(text: str, place: int) -> bool:
    """Tell whether BOUNDARY_RE may match at a full stop, "!" or "?" at `place`: only if more
    marks, a closing quote or bracket, or whitespace follow it."""
    after = text[place + 1 : place + 2]
    return after != "" and (after in SENTENCE_CLOSERS or after.isspace())


def _ends_a_sentence(quote: str) -> bool:
    """QUOTE_END_RE.search(quote): a full stop, "!" or "?" and then only closing marks, read
    off the end of the quote; one with a line break (where `$` may match) is left to the regex
    (issue 12: cost)."""
    if "\n" in quote:
        return QUOTE_END_RE.search(quote) is not None
    return quote.rstrip(QUOTE_END_CLOSERS)[-1:] in (".", "!", "?")


def split_sentences(text: str, lang: ModuleType, quotes: list[str] | None = None) -> list[str]:
    """Split masked text into sentences, not at abbreviations or initials; a quote whose own
    text ends a sentence ('... to borrow." Donald Trump has...') ends one too."""
    sentences: list[str] = []
    last = scanned = 0
    abbreviations = names.held_words(lang).ABBREVIATIONS  # a field, not a module attribute
    for place in _places(text, BOUNDARY_MARKS, BOUNDARY_MARKS_ASCII):  # BOUNDARY_RE.finditer,
        if place < scanned:  # tried only where a boundary may start (issue 12: cost)
            continue
        quote = text[place] == QUOTE
        if not quote and text[place + 1 : place + 2] == " ":
            opener = text[place + 2 : place + 3]  # ". The": BOUNDARY_RE would end after the space
            if opener != "" and opener in SENTENCE_OPENERS:
                end = scanned = place + 2
            elif not opener.isspace():
                continue  # ". the", ". 3": the look-ahead fails
            else:
                found = BOUNDARY_RE.match(text, place)
                if found is None:
                    continue
                end = scanned = found.end()
        else:
            if not quote and not _may_close(text, place):
                continue  # "U.S.", "3.5", "Mr.Smith": no regex call
            match = BOUNDARY_RE.match(text, place)
            if match is None:
                continue
            end = scanned = match.end()
        if quote:
            index = ord(text[place + 1]) - FIRST_INDEX
            if quotes is not None and 0 <= index < len(quotes) and _ends_a_sentence(quotes[index]):
                sentences.append(text[last:end].strip())
                last = end
            continue
        before = _word_before(text[max(last, place - LOOK_BEHIND) : place])
        word = before.lower() if before is not None else ""
        if word in abbreviations or (len(word) == 1 and before is not None):
            continue
        sentences.append(text[last:end].strip())
        last = end
    sentences.append(text[last:].strip())
    return [s for s in sentences if s]
