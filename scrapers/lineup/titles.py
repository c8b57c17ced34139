"""People named in a session title, as agendas without speaker fields write them.

"Title (talk by A)", "Title [workshop by A and B]", "Title - by A", "Keynote: A - Title",
"Keynote: Dr A B Title" (no separator: the name is taken from the name data), "A and B panel:
Title", "Title (A, @handle)", "Title - A & B". A keyword ("by", "Keynote:") lets a first name or a
handle through; without one, every name needs a given name known to the name data. Pure; no app.
"""

from __future__ import annotations

import re

from scrapers import personhood, text
from scrapers.lineup import assemble
from scrapers.records import PersonKind, PersonRef, Role

__all__ = ["people_in_text", "people_in_title"]

TRAILING_BRACKETS_RE = re.compile(r"(?:\s*\[[^\[\]]{0,80}\])+\s*$")  # "[slides, video]"
BY_RE = re.compile(
    r"[(\[]\s*(?:[\w'’-]+\s+){0,3}by\s+(?P<names>[^()\[\]]{2,160}?)\s*[)\]]\s*$"
    r"|(?:\s[-–—|,]\s*|\s)by\s+(?P<tail>[^()\[\]]{2,120}?)\s*$",
    re.I,
)
LEAD_LABEL_RE = re.compile(
    r"^(?P<label>(?:opening\s+|closing\s+)?keynote(?:\s+(?:address|speech|talk|lecture))?"
    r"|invited\s+(?:speaker|talk)|fireside\s+chat|guest\s+speaker|special\s+guest)"
    r"\s*(?:[:：]|\s[-–—]|\s+by\b)\s*(?P<rest>.+)$",
    re.I,
)
NAME_SPLIT_RE = re.compile(r"\s+[-–—|]\s+|\s*:\s+")
LEAD_NAMES_RE = re.compile(
    r"^(?P<names>[^:()]{3,100}?)(?:\s+(?:panel|talk|workshop|keynote|lecture|session|q&a))?"
    r"\s*:\s+(?P<title>\S.+)$",
    re.I,
)
PAREN_NAMES_RE = re.compile(r"\((?P<names>[^()]{3,120})\)\s*$")
TAIL_NAMES_RE = re.compile(r"\s[-–—|]\s(?P<names>[^-–—|]{3,120})$")
HANDLE_RE = re.compile(r"^@\w{1,40}$")
WORD_RE = re.compile(r"\S+")
NAME_WORDS_RE = re.compile(
    r"(?<![\w'’-])(?!(?:and|und|et|y|e|van|von|de|da|del|der|di|du|la|le)\b)"
    r"[^\W\d_][\w'’.-]*"
)
WITH_RE = re.compile(r"\b(?:with|featuring|mit|avec|con|с|з)\s+(?P<names>[^\n]{3,200})", re.I)
CONNECTORS = frozenset({"and", "&", "und", "et", "y", "e", "и", "і", "та"})
INITIAL_RE = re.compile(r"[A-Z]\.?")
MAX_LEAD_WORDS = 3


def people_in_title(title: str, *, role: Role = Role.SPEAKER) -> list[PersonRef]:
    """The people a title names, or [] when it names none."""
    line = TRAILING_BRACKETS_RE.sub("", text.clean(title))
    if not line:
        return []
    by = BY_RE.search(line)
    if by is not None:
        found = _names(by.group("names") or by.group("tail"), role=role, keyword=True)
        if found:
            return found
    lead = LEAD_LABEL_RE.match(line)
    if lead is not None:
        role = Role.KEYNOTE if "keynote" in lead.group("label").casefold() else role
        found = _lead_names(lead.group("rest"), role=role)
        if found:
            return found
    for pattern in (PAREN_NAMES_RE, TAIL_NAMES_RE, LEAD_NAMES_RE):
        match = pattern.search(line)
        found = _names(match.group("names"), role=role, keyword=False) if match else []
        if found:
            return found
    return []


def people_in_text(body: str, *, limit: int = 4000) -> list[PersonRef]:
    """People a description names after 'with', 'featuring', 'mit', 'avec', 'con' ('A talk with
    Tony Hall and Rachel House.'); each name needs a given name known to the name data."""
    found: list[PersonRef] = []
    for match in WITH_RE.finditer(body[:limit]):
        run = _name_run(match.group("names"))
        if run:
            found.extend(_names(run, role=Role.SPEAKER, keyword=False))
    return found


def _name_run(tail: str) -> str:
    """The names that open a text: capitalised words and the connectors between them."""
    words: list[str] = []
    for word in tail.split():
        bare = word.rstrip(",")
        if bare in CONNECTORS or bare[:1].isupper():
            words.append(word)
            if word.endswith((".", ";", ":")) and not INITIAL_RE.fullmatch(word):
                break
        else:
            break
    while words and words[-1].rstrip(",") in CONNECTORS:
        words.pop()
    return " ".join(words).rstrip(".,;:")


def _lead_names(rest: str, *, role: Role) -> list[PersonRef]:
    """'A - Title', 'A: Title', 'A, Affiliation - Title' or 'Dr A B Title' after a label."""
    parts = NAME_SPLIT_RE.split(rest, maxsplit=1)
    if len(parts) == 2:
        head = parts[0].split(",")[0]
        found = _names(head, role=role, keyword=True)
        if found:
            return found
    honorific, bare = text.split_honorific(rest.split(",")[0])
    words = WORD_RE.findall(bare)
    if len(words) >= 2 and personhood.known_given_name(words[0]):
        take = 2
        while take < min(len(words), MAX_LEAD_WORDS) and INITIAL_RE.fullmatch(words[take - 1]):
            take += 1  # a middle initial: 'Jane Q. Public'
        name = " ".join(words[:take])
        person = assemble.make_person(name, role=role, honorific=honorific)
        return [person] if person is not None and text.looks_like_name(name) else []
    return []


def _names(raw: str, *, role: Role, keyword: bool) -> list[PersonRef]:
    """The people of a names field; [] unless every part is one (handles after a name skipped).

    With a keyword a name-like part is enough; without, each needs a known given name.
    """
    parts = [p for p in re.split(r"\s*,\s*(?=@)", raw) if p and not HANDLE_RE.match(p.strip())]
    if not keyword and any(not w[:1].isupper() for w in NAME_WORDS_RE.findall(" ".join(parts))):
        return []  # without a keyword, a name is written with capitals ('des serveurs': no)
    found: list[PersonRef] = []
    for part in parts:
        for person in assemble.people_from_field(part, role=role):
            if person.kind is not PersonKind.PERSON:
                return []
            if not _acceptable(person.name, keyword=keyword):
                return []
            found.append(person)
    return found


def _acceptable(name: str, *, keyword: bool) -> bool:
    if HANDLE_RE.match(name):
        return False
    if keyword:
        return text.looks_like_name(name) or bool(re.fullmatch(r"[\w.\-]{2,30}", name))
    return text.looks_like_person(name, strict=True)
