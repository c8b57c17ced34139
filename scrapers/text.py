"""Shared text helpers: whitespace/HTML cleanup, name lists, honorifics, affiliations, groups.

Pure and cached; lineup parsers and the article helper import them, so names stay stable. No app.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Callable

from scrapers import personhood

__all__ = [
    "clean",
    "clear_caches",
    "html_to_text",
    "is_organisation",
    "looks_like_name",
    "looks_like_person",
    "name_key",
    "reverse_comma_name",
    "split_affiliation",
    "split_honorific",
    "split_names",
    "split_top_level",
]

CACHE_SIZE = 65536  # names recur across a schedule; these helpers are pure, so cache them
CACHE_CLEARERS: list[Callable[[], None]] = []  # other modules' name caches, for clear_caches()
# Honorifics and ranks kept apart from the name: they are gender evidence (Mr, Ms, Frau...).
HONORIFICS = (
    "his excellency",
    "her excellency",
    "h.e.",
    "h. e.",
    "the rt hon.",
    "the rt. hon.",
    "the rt hon",
    "rt hon.",
    "rt. hon.",
    "rt hon",
    "the right honourable",
    "right honourable",
    "générale",
    "général",
    "(2s)",
    "amiral",
    "ambassadrice",
    "ambassadeur",
    "ministre",
    "professeure",
    "professeur",
    "docteur",
    "generalleutnant",
    "generalmajor",
    "brigadegeneral",
    "vizeadmiral",
    "konteradmiral",
    "oberst",
    "botschafterin",
    "botschafter",
    "staatssekretärin",
    "staatssekretär",
    "bundesministerin",
    "bundesminister",
    "ministerin",
    "dr. h.c.",
    "h.c.",
    "a.d.",
    "air chief marshal",
    "air vice marshal",
    "air marshal",
    "lieutenant general",
    "lieutenant colonel",
    "major general",
    "brigadier general",
    "rear admiral",
    "vice admiral",
    "lt. gen.",
    "lt gen",
    "lt. col.",
    "maj. gen.",
    "brig. gen.",
    "a/prof",
    "assoc. prof.",
    "asst. prof.",
    "prof. dr.",
    "prof dr",
    "dr. med.",
    "dr. ing.",
    "dipl.-ing.",
    "assistant secretary",
    "deputy secretary",
    "under secretary",
    "secretary",
    "congresswoman",
    "congressman",
    "chairwoman",
    "governor",
    "mayor",
    "commissioner",
    "representative",
    "professor",
    "doctor",
    "general",
    "brigadier",
    "commander",
    "lieutenant",
    "major",
    "colonel",
    "admiral",
    "captain",
    "senator",
    "ambassador",
    "minister",
    "president",
    "chairman",
    "madam",
    "madame",
    "mademoiselle",
    "monsieur",
    "mister",
    "the hon.",
    "the honourable",
    "the honorable",
    "hon.",
    "hon",
    "rev.",
    "rev",
    "sir",
    "dame",
    "baroness",
    "baron",
    "sheikha",
    "sheikh",
    "(ret.)",
    "(retd.)",
    "(retd)",
    "(ret)",
    "ret.",
    "lord",
    "lady",
    "herr",
    "frau",
    "mme.",
    "mme",
    "mlle",
    "mrs.",
    "mrs",
    "mr.",
    "mr",
    "ms.",
    "ms",
    "miss",
    "mx.",
    "mx",
    "dr.",
    "dr",
    "prof.",
    "prof",
    "gen.",
    "gen",
    "adm.",
    "vadm",
    "radm",
    "maj.",
    "brig.",
    "col.",
    "capt.",
    "cdr.",
    "ltcol",
    "ltg",
    "lt.",
    "amb.",
    "cmsaf",
    "sen.",
    "rep.",
    "gov.",
    "m.",
    "on.",
    "dott.ssa",
    "dott.",
    "prof.ssa",
)
_HONORIFIC_RE = re.compile(
    r"^(?P<h>(?:(?:" + "|".join(re.escape(h) for h in HONORIFICS) + r")(?=[\s.]|$)\.?\s+)+)",
    re.IGNORECASE,
)
# Post-nominals and suffixes that are not part of the name a person is called by.
POSTNOMINAL_RE = re.compile(
    r"(?:,?\s+(?:ph\.?d\.?|m\.?d\.?|mba|pmp|esq\.?|obe|mbe|cbe|frs|\(ret\.?\)|\(retd\.?\)|usa|usn"
    r"|usaf|usmc|kcb|kcmg|gcmg|gcb|cmg|cb|dso|kbe|dbe|gbe|mp|mep|qc|kc|fba|frse|freng|ret\.?|sj|s\.j\.|op|o\.p\.|osb|svd|ofm|cssr|omi|sdb|fsc|msc"
    r"|retd\.?))+\s*$",
    re.IGNORECASE,
)
NICKNAME_RE = re.compile(r"\s+[\"“”'‘’«»][^\"“”'‘’«»]{1,30}[\"“”'‘’«»](?=\s|$)")
TAG_RE = re.compile(r"<[^>]{0,2000}>")
BLOCK_TAG_RE = re.compile(r"<\s*(?:br|/p|/div|/li|/h\d|/tr|p|li|div|h\d)\b[^>]{0,2000}>", re.I)
# "and", "&", ";", "und", "et", "y", "e" separate names in one field.
LIST_SPLIT_RE = re.compile(
    r"\s*(?:;|\s&\s|\s\+\s|\s[·•]\s|\band\b|\bund\b|\bet\b|\bsowie\b)\s*", re.I
)
SOFT_SPLIT_RE = re.compile(r",|\s/\s")
PAREN_RE = re.compile(r"\s*\([^()]*\)")
AFFILIATION_PAREN_RE = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<aff>[^()]+)\)\s*$")
AFFILIATION_DASH_RE = re.compile(r"^(?P<name>.+?)\s+(?:[-–—|/]|@)\s+(?P<aff>.+)$")
# Words of job titles and of what people work on, never of a personal name ("Senior Fellow").
JOB_WORDS_TEXT = """
    fellow fellows director directors director-general professor lecturer researcher research
    analyst minister secretary president vice chief executive officer head senior associate
    assistant deputy adviser advisor editor correspondent journalist manager founder co-founder
    cofounder member chair chairman chairwoman chairperson ceo cto coo cfo commissioner envoy
    representative coordinator consultant specialist lead partner strategist economist scientist
    engineer expert author historian candidate student postdoctoral visiting nonresident
    non-resident emeritus former retired commandant staff spokesperson spokesman spokeswoman
    counsel counsellor attorney lawyer policy affairs security foreign defence defense
    international global national political science studies relations strategic economics
    programme program affiliate principal moderator panelist panellist speaker speakers keynote
    host chair chairs remarks welcome introduction opening closing session panel break lunch
    registration reception agenda programme discussion q&a questions military intelligence
    cyber energy climate strategy technology innovation digital health economic finance trade
    development public private sector industry operations communications diplomacy diplomatic
    infrastructure protection partnership partnerships artificial resilience governance
    geopolitics nuclear maritime arms control migration terrorism counterterrorism rights
    elections directora directeur directrice direttore direttrice leiter leiterin presidente
    presidenta secretario secretaria ministro ministra jefe jefa coordinador coordinadora
    investigador investigadora profesor profesora chercheur chercheuse responsable
    директор руководитель профессор президент министр заместитель
"""
JOB_WORDS = frozenset(JOB_WORDS_TEXT.split())
ACRONYM_RE = re.compile(r"^[A-Z]{2,}[A-Z0-9&]*$")
HANDLE_RE = re.compile(r"^@?[\w.\-]{2,40}$")  # a nickname such as 'blinry' or '@ada_l'
# A capitalised plural noun ('Debates', 'Rules'); 'Ross', 'Marcus', 'Travis' are not plurals.
PLURAL_NOUN_RE = re.compile(r"[A-Z][a-z]{2,}(?<![sui])s")
NAME_WORD_RE = re.compile(
    r"^[A-ZÀ-ÞĀ-ſА-ЯЁЄІЇҐ][\w'’.\-]*$|^(?:van|von|de|da|del|der|den|di|du|la|le|bin|al|ter|y|e|dos|das)$"
)


def clean(text: str | None) -> str:
    """Collapse whitespace, unescape HTML entities and strip; None gives ''."""
    if not text:
        return ""
    if "&" in text:
        text = html.unescape(text)
    if "\ufffd" in text:
        text = text.replace("\ufffd", "")
    return " ".join(text.split())


def html_to_text(text: str | None) -> str:
    """Turn an HTML fragment into plain text, one line per block element."""
    if not text:
        return ""
    if "<" not in text:
        return html.unescape(text).strip()
    text = TAG_RE.sub("", BLOCK_TAG_RE.sub("\n", text))
    lines = (clean(line) for line in html.unescape(text).splitlines())
    return "\n".join(line for line in lines if line)


@functools.lru_cache(maxsize=CACHE_SIZE)
def split_honorific(name: str) -> tuple[str | None, str]:
    """Split leading titles from a name: 'Dr. Jane Doe, PhD' -> ('Dr.', 'Jane Doe')."""
    name = NICKNAME_RE.sub("", clean(name))
    name = POSTNOMINAL_RE.sub("", name).strip(" ,")
    match = _HONORIFIC_RE.match(name)
    if not match:
        return None, name
    rest = name[match.end() :].strip()
    if not rest:  # the whole string was a title ("Dr"): keep it as the name
        return None, name
    return clean(match.group("h")), rest


@functools.lru_cache(maxsize=CACHE_SIZE)
def split_affiliation(text: str) -> tuple[str, str | None]:
    """Split 'Name (Org)', 'Name - Org', 'Name | Org' or 'Name, Org' into name and affiliation."""
    text = clean(text)
    for pattern in (AFFILIATION_PAREN_RE, AFFILIATION_DASH_RE):
        match = pattern.match(text)
        if match and (looks_like_name(match.group("name")) or HANDLE_RE.match(match.group("name"))):
            return clean(match.group("name")), clean(match.group("aff"))
    head, sep, tail = text.partition(",")
    if sep and looks_like_name(head) and not looks_like_name(tail):
        return clean(head), clean(tail) or None
    return text, None


def split_names(text: str) -> list[str]:
    """Split a field naming several people ('A, B and C'; 'A & B'; 'A / B') into names.

    A comma splits only when each side looks like a name, so 'Jane Doe, Acme Corp' stays one.
    """
    return list(_split_names(text))


@functools.lru_cache(maxsize=CACHE_SIZE)
def _split_names(text: str) -> tuple[str, ...]:
    parts: list[str] = []
    for chunk in split_top_level(LIST_SPLIT_RE, clean(text)):
        pieces = [clean(p) for p in split_top_level(SOFT_SPLIT_RE, chunk)]
        pieces = [p for p in pieces if p]
        last_first = len(pieces) == 2 and all(" " not in p for p in pieces)
        named = [_name_piece(p) for p in pieces] if len(pieces) > 1 and not last_first else []
        # "A, B" splits when both are names; "Fiona Hill, Brookings": a lone word after a full
        # name is more often its institution than a one-word name
        lone = named and " " in pieces[0] and any(" " not in p for p in pieces[1:])
        placed = _people_placed(pieces, named) if named and (lone or not all(named)) else None
        if named and all(named) and not lone:
            parts.extend(pieces)
        elif placed:
            parts.extend(placed)
        elif lone and all(" " not in p for p in pieces[1:]):
            parts.append(_placed(pieces[0], pieces[1:]))  # "Fiona Hill (Brookings)"
        elif chunk.strip(" ,."):
            parts.append(clean(chunk).strip(" ,"))
    return tuple(p for p in parts if p)


def _people_placed(pieces: list[str], named: list[bool]) -> list[str] | None:
    """'A, X, B, Y' or 'A (X), B, Ministry of Y': people with the comma-separated pieces after
    each as their affiliation, written 'A (X)'; None unless the list opens with a name and holds
    at least two people's names of two words or more ('Acme' alone is no one's name).

    Pairs hold where an affiliation looks like a name too ('Jane Doe, Washington Post, John
    Roe, New York Times'): an even list whose every other piece opens with a full name, and
    one of whose other pieces names no one."""
    kept = [personhood.placeholder_reason(p) is None for p in pieces]  # "A / B / TBA"
    pieces = [p for p, keep in zip(pieces, kept, strict=True) if keep]
    named = [n for n, keep in zip(named, kept, strict=True) if keep]
    full = [is_name and " " in piece for piece, is_name in zip(pieces, named, strict=True)]
    if not full or not full[0] or sum(full) < 2:
        return None
    if all(full):
        return pieces
    if len(pieces) >= 4 and len(pieces) % 2 == 0 and all(full[0::2]) and not all(named[1::2]):
        return [_placed(pieces[i], pieces[i + 1 : i + 2]) for i in range(0, len(pieces), 2)]
    # Otherwise a name opens a person only first or right after another name: after a position
    # it is the affiliation ('Jane Doe, senior fellow, Real Instituto Elcano': one person).
    opens = [full[0], *(full[i] and named[i - 1] for i in range(1, len(pieces)))]
    if sum(opens) < 2:
        return None
    people: list[tuple[str, list[str]]] = []
    for piece, opens_one in zip(pieces, opens, strict=True):
        if opens_one:
            people.append((piece, []))
        else:
            people[-1][1].append(piece)
    return [_placed(name, after) for name, after in people]


def _placed(name: str, affiliation: list[str]) -> str:
    """'Jane Doe (Acme, Paris)', the form split_affiliation reads; commas where parentheses
    are already taken."""
    if not affiliation:
        return name
    joined = ", ".join(affiliation)
    if "(" in name or "(" in joined or ")" in joined:
        return f"{name}, {joined}"
    return f"{name} ({joined})"


def split_top_level(pattern: re.Pattern[str], text: str) -> list[str]:
    """Split text at the pattern, but not inside parentheses ('Jane Doe (Minister for X and Y)')."""
    if "(" not in text:
        return pattern.split(text)
    pieces: list[str] = []
    start = 0
    for match in pattern.finditer(text):
        before = text[start : match.start()]
        if text.count("(", 0, match.start()) <= text.count(")", 0, match.start()):
            pieces.append(before)
            start = match.end()
    return [*pieces, text[start:]]


@functools.lru_cache(maxsize=CACHE_SIZE)
def _name_piece(piece: str) -> bool:
    """A comma-separated piece that names someone: 'Jane Doe' or 'Jane Doe (Acme)', no job."""
    bare = PAREN_RE.sub("", piece).strip() if "(" in piece else piece
    if not looks_like_name(bare):
        return False
    return JOB_WORDS.isdisjoint(bare.casefold().replace(".", " ").split())


@functools.lru_cache(maxsize=CACHE_SIZE)
def looks_like_name(text: str) -> bool:
    """Tell whether text looks like a personal name: 1-5 capitalised words, no org words, not
    a title's article and noun ('The Coastal Debates', 'The Fleet Plan')."""
    _, bare = split_honorific(text)
    words = bare.split()
    if not 1 <= len(words) <= 5 or any(c.isdigit() for c in bare) or is_organisation(bare):
        return False
    if words[0] == "The" and _article_phrase(words[1:]):
        return False
    return all(NAME_WORD_RE.match(word) for word in words) and any(
        word[:1].isupper() for word in words
    )


def _article_phrase(rest: list[str]) -> bool:
    """Whether the words after an opening 'The' make it the article of a title: a plural noun
    ('The Coastal Debates') or a first word that is no given name ('The Fleet Plan'). 'The' is
    a given name in the name data (Vietnamese Thế), so 'The Anh Nguyen' stays a name."""
    plural = any(PLURAL_NOUN_RE.fullmatch(word) for word in rest)
    return not rest or plural or not personhood.known_given_name(rest[0])


@functools.lru_cache(maxsize=CACHE_SIZE)
def looks_like_person(text: str, *, strict: bool = False) -> bool:
    """Stricter than looks_like_name, for free text: 2+ words, no job-title word ('Senior
    Fellow'), no acronym beside mixed-case words ('IISS'), no place or venue word. `strict`
    also wants a given name known to the name data (not only a name's shape)."""
    _, bare = split_honorific(text)
    words = bare.split()
    if len(words) < 2 or not looks_like_name(bare):
        return False
    verdict = personhood.classify(bare, record=False)
    if verdict.kind != personhood.PERSON or (strict and not verdict.strong):
        return False
    parts = {p.strip(".,'’()").casefold() for w in words for p in w.split("-")}
    if parts & JOB_WORDS:
        return False
    caps = [bool(ACRONYM_RE.match(w)) for w in words]
    return not any(caps) or all(caps)


def is_organisation(name: str) -> bool:
    """Tell whether a name is a group account, an organisation or a placeholder ('TBA').

    Decided from evidence by `scrapers.personhood.classify` (its `reason` says why): a surname
    that is also a noun ('Tony Hall', 'Margaret Court') does not make an organisation.
    """
    return personhood.classify(clean(name)).kind != personhood.PERSON


@functools.lru_cache(maxsize=CACHE_SIZE)
def name_key(name: str) -> str:
    """Return a matching key for a name: accents, case, punctuation and honorifics removed."""
    _, bare = split_honorific(name)
    decomposed = unicodedata.normalize("NFKD", bare.casefold())
    letters = "".join(c for c in decomposed if c.isalnum() or c.isspace())
    return " ".join(letters.split())


def reverse_comma_name(name: str) -> str:
    """Turn 'Last, First' into 'First Last'; other names are returned cleaned."""
    name = clean(name)
    last, sep, first = name.partition(",")
    if sep and first.strip() and "," not in first:
        return f"{first.strip()} {last.strip()}"
    return name


def clear_caches() -> None:
    """Empty the name caches (benchmarks use it to measure cold parsing)."""
    for cached in (
        split_honorific,
        split_affiliation,
        looks_like_name,
        looks_like_person,
        personhood.classify,
        name_key,
    ):
        cached.cache_clear()
    _split_names.cache_clear()
    _name_piece.cache_clear()
    for hook in CACHE_CLEARERS:
        hook()
