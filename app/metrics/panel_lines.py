"""Read a pasted panel, one person a line, as people write it (issue #15).

"Dr. Fiona Hill, Brookings (moderator)" keeps the name (Fiona Hill), the title (Dr.), the
affiliation (Brookings) and the role (moderator); "Prof. Timothy Snyder, Yale" is a name and an
affiliation, so the label is read from "Timothy", never from "Yale". A trailing "[DE]" gives that
person's country. Tabs, " | ", " - " and ";" separate fields as commas do. Pure: no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scrapers import personhood, text
from scrapers.records import PersonKind, PersonRef, Role

__all__ = ["MAX_LINE", "PanelLine", "parse_line", "parse_lines"]

MAX_LINE = 300
# Role words as organisers write them, in brackets or as a field: "(moderator)", "; chair".
ROLE_WORDS = {
    "moderator": Role.MODERATOR, "moderatrice": Role.MODERATOR, "mod": Role.MODERATOR,
    "co-moderator": Role.MODERATOR, "facilitator": Role.MODERATOR,
    "chair": Role.CHAIR, "chairperson": Role.CHAIR, "chairwoman": Role.CHAIR,
    "chairman": Role.CHAIR, "co-chair": Role.CHAIR,
    "keynote": Role.KEYNOTE, "keynote speaker": Role.KEYNOTE,
    "host": Role.HOST, "mc": Role.HOST, "emcee": Role.HOST,
    "discussant": Role.DISCUSSANT, "respondent": Role.DISCUSSANT,
    "speaker": Role.SPEAKER, "panelist": Role.SPEAKER, "panellist": Role.SPEAKER,
    "organiser": Role.ORGANISER, "organizer": Role.ORGANISER,
}  # fmt: skip
LETTER_RE = re.compile(r"[^\W\d_]")
COUNTRY_RE = re.compile(r"\s*\[(?P<cc>[A-Za-z]{2})\]\s*$")
BRACKET_RE = re.compile(r"\s*\((?P<inner>[^()]*)\)\s*")
LEADING_ROLE_RE = re.compile(r"^(?P<role>[A-Za-z -]{2,20})\s*:\s*(?P<rest>.+)$")
REVERSED_RE = re.compile(r"^[A-ZÀ-Þ][\w'’-]+, [A-ZÀ-Þ][\w'’.-]+(?: [A-ZÀ-Þ][\w'’.-]+)?$")
FIELD_SPLIT_RE = re.compile(r"\t|\s+\|\s+|\s+[-–—]\s+|\s*;\s*")


@dataclass(frozen=True, slots=True)
class PanelLine:
    """One pasted line read: the person and the country given for them, if any."""

    ref: PersonRef
    country: str | None = None


def _role_word(value: str) -> Role | None:
    return ROLE_WORDS.get(text.clean(value).strip(" .").casefold())


def _take_role(line: str) -> tuple[str, Role | None]:
    """Strip a role given in brackets, after a field separator or before a colon."""
    role: Role | None = None
    for match in list(BRACKET_RE.finditer(line)):
        found = _role_word(match.group("inner"))
        if found is not None:
            role = found
            line = (line[: match.start()] + " " + line[match.end() :]).strip()
    leading = LEADING_ROLE_RE.match(line)
    if leading and _role_word(leading.group("role")) is not None:
        role, line = _role_word(leading.group("role")), leading.group("rest")
    fields = [part for part in FIELD_SPLIT_RE.split(line) if part.strip()]
    if len(fields) > 1 and _role_word(fields[-1]) is not None:
        role, fields = _role_word(fields[-1]), fields[:-1]
    return ", ".join(part.strip() for part in fields), role


def _affiliation(line: str) -> tuple[str, str | None]:
    head, sep, tail = line.partition(", ")
    if sep and REVERSED_RE.match(line):  # "Doe, Jane": a surname first, nothing else
        return text.reverse_comma_name(line), None
    if sep and text.looks_like_name(text.split_honorific(head)[1]):
        return head, tail.strip() or None  # "Name, Org, Dept": everything after the name
    name, affiliation = text.split_affiliation(line)
    return name, affiliation


def parse_line(raw: str) -> PanelLine | None:
    """One pasted line as a person (None for a blank line)."""
    line = text.clean(raw.replace("\t", " ; "))[:MAX_LINE]
    if not line:
        return None
    country = None
    found = COUNTRY_RE.search(line)
    if found:
        country, line = found.group("cc").upper(), line[: found.start()]
    line, role = _take_role(line)
    bracketed = BRACKET_RE.search(line)  # "Jane Doe (Acme)": the bracket is the affiliation
    name_part, affiliation = _affiliation(line)
    if (
        bracketed
        and affiliation is None
        and bracketed.start() > 0
        and LETTER_RE.search(bracketed.group("inner"))
    ):
        name_part = line[: bracketed.start()]
        affiliation = text.clean(bracketed.group("inner")) or None
    honorific, name = text.split_honorific(name_part)
    name = text.clean(name) or text.clean(name_part)
    verdict = personhood.classify(text.clean(name))  # a placeholder (TBA) is not counted either
    kind = PersonKind.PERSON if verdict.kind == personhood.PERSON else PersonKind.ORGANISATION
    ref = PersonRef(name=name, role=role or Role.SPEAKER, kind=kind, kind_reason=verdict.reason,
                    honorific=honorific, affiliation=affiliation)  # fmt: skip
    return PanelLine(ref=ref, country=country)


def parse_lines(lines: list[str] | str, *, limit: int) -> list[PanelLine]:
    """Every non-blank line (at most LIMIT) read as a person."""
    if isinstance(lines, str):
        lines = lines.splitlines()
    parsed = (parse_line(line) for line in lines)
    return [item for item in parsed if item is not None][:limit]
