"""Lines of agenda pages as the heuristic reader sees them: role labels, list numbers and
lead-ins, names alone on a line, lists cut at a line break, times and dates. Pure; no app.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scrapers import text
from scrapers.lineup import clock, dates

__all__ = [
    "BODY",
    "CARD",
    "CLOCK",
    "DAY",
    "LABEL_RE",
    "PART",
    "ROW_LEVEL",
    "bare_name",
    "is_date",
    "joined",
    "label",
    "mononym",
    "placeholder",
    "runs_on",
    "slot_title",
    "strip_lead",
]

BODY = 0  # the level of a body line; headings are 1-6, a bold-only paragraph 7
PART = -1  # a body line that continues a card's previous line (its position, its role)
CLOCK = -2  # the time cell of an agenda table row: read for the session's start, nothing else
DAY = -3  # a day heading the layout sets apart (a table's heading row, a tab's label): read
# for the days of the sessions below it, nothing else
CARD = -4  # a date or time line of a card after the card's one heading ('Title / Speakers /
# May 28, 2026'): it dates the session that heading opened, not the next one
ROW_LEVEL = 6  # the title cell of an agenda table row, read as a heading
LABEL_RE = re.compile(
    r"^(?i:(?:our|confirmed|featured|invited|guest|distinguished|meet the|list of|on the"
    r"|auf dem|sur le|en el|sul)\s+)?"
    r"(?P<label>(?i:keynote by|keynote speakers?|(?:co-?)?moderators?|moderated by|chairs?"
    r"|chaired by|session chairs?|hosts?|hosted by|speakers?|panel(?:ists?|lists?)|keynote"
    r"|discussants?|respondents?|presenters?|presented by|featuring|with|conveners?"
    r"|by|avec|con|par(?: l[ea](?= )| l['’])?|por|von"
    r"|facilitators?|facilitated by|for the (?:proposition|opposition)|fireside chat with"
    r"|featured speakers?|introduced by|(?:welcome|opening|closing|introductory|concluding)"
    r" (?:remarks|address|words)(?: by)?|in conversation with|interviewed by|moderation"
    r"|moderiert von|mit|mod[ée]rat(?:eur|rice)s?|anim[ée]e? par|intervenant(?:e?s)?|begrüßung"
    r"|authors?|book author|participants|participating|contributors|guest speakers|guests"
    r"|experts|presenters|welcome|opening|closing|speakers? (?:biographies|bios|profiles|line-?up)"
    r"|mot d'accueil|accueil|ouverture|allocution d'ouverture|discours d'ouverture"
    r"|intervengono|relatori|relatrici|modera|moderadora?|saluti(?: istituzionali)?|conclusioni"
    r"|ponentes|intervienen|inauguración|clausura|presiede|moderador|moderatore|moderatrice"
    r"|panelistas|oradores|vortragende|referent(?:in|en|innen)?|redner(?:innen)?|vorsitz"
    r"|podium|diskutanten|grußwort|intervenants|conférenciers|panélistes|président de séance"
    r"|модератор|ведущ(?:ий|ая)|спикеры?|докладчики?|выступающие|участники дискуссии"
    r"|председатель|ведуч(?:ий|а)|спікери?|доповідачі?|учасники дискусії|голова"
    r"|приветственное слово|вступительное слово|вітальне слово|вступне слово))"
    r"(?:\s*[:：–—]|\s+-|\s+(?=[A-ZÀ-ÞĀ-ſА-ЯЁЄІЇҐ])|\s*$)\s*(?P<names>.*)$"
)
PLACEHOLDER_RE = re.compile(r"\b(?:tba|tbc|tbd|to be (?:announced|confirmed|determined))\b", re.I)
MAX_PLACEHOLDER_CHARS = 40
BILINGUAL_SPLIT = " / "  # "Ponentes / Speakers": a label given in two languages
MAX_FOREIGN_LABEL_CHARS = 30
MAX_BARE_NAME_CHARS = 60
RUN_ON_RE = re.compile(r"(?:,|\s(?:and|und|et|y|e|&))$")  # a names list the next line ends
MONONYM_RE = re.compile(r"[A-ZÀ-ÞĀ-ſА-ЯЁЄІЇҐ][a-zà-ÿā-ſа-яёєіїґ]{2,30}")
ENUMERATION_RE = re.compile(r"^\s*(?:\(\d{1,2}\)|\d{1,2}[.)])\s+")
# An agenda time before a heading ("09:30 Opening keynote", "10:00–11:00 | Panel").
_CLOCK_TIME = r"(?:\d{1,2}[:.h]\d{2}|\d{1,2}\s?[ap]\.?m\.?|\d{1,2}h\b|12\s?noon\b)"
_CLOCK_RANGE = r"(?:\s*[-–—]\s*|\s+(?:to|until|till)\s+)"
TIME_PREFIX_RE = re.compile(
    rf"^{_CLOCK_TIME}(?:\s?[ap]\.?m\b\.?)?(?:{_CLOCK_RANGE}(?:{_CLOCK_TIME}|noon\b))?"
    rf"\s*(?:[ap]\.?m\.?|uhr|hrs?\b)?(?:\s*{clock.ZONE})?\s*[|:·•–—-]?\s*",
    re.I,
)
MAX_DATE_CHARS = 60
DATE_WORDS_RE = re.compile(
    r"(?i:\b(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\b|\b(?:jan|feb|mar"
    r"|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?=\W|$)|\b(?:to|at|and|from|until|am|pm"
    r"|uhr|noon|[A-Z]{2,4}T|GMT|UTC|ET|CET)\b|\d+(?:st|nd|rd|th)?)|(?i:" + clock.ZONE + ")"
)


def strip_lead(line: str, *, in_session: bool) -> str:
    """Drop a list number and a lead-in before a name: '(2) From Host-Venue: Jane Doe (X)'."""
    line = ENUMERATION_RE.sub("", line)
    if line.count("(") == line.count(")") + 1:
        line = f"{line.rstrip(' ;,')})"  # a parenthesis that a line break cut: 'A (Chair; <br>'
    _prefix, colon, rest = line.partition(": ")
    if colon and in_session and not LABEL_RE.match(line):
        name = text.split_affiliation(rest)[0]
        if text.looks_like_person(name if len(name) < len(rest) else rest.split(" (")[0]):
            return rest
    return line


def bare_name(line: str) -> bool:
    """'Jane Doe' or 'Jane Doe (Acme)': a name alone on its line."""
    name, _affiliation = text.split_affiliation(line)
    return len(line) <= MAX_BARE_NAME_CHARS and text.looks_like_person(name)


def joined(lines: Iterable[tuple[int, str]]) -> Iterable[tuple[int, str]]:
    """Join a body line that a list runs on from ('A, B, and' + 'C'): one list, one line."""
    held: tuple[int, str] | None = None
    for level, line in lines:
        if held is not None and level in (BODY, PART):
            held = (held[0], f"{held[1]} {line}")
        elif held is not None:
            yield held
            held = None
        if held is None and level in (BODY, PART) and runs_on(line):
            held = (level, line)
        elif held is None:
            yield level, line
        elif not runs_on(held[1]):
            yield held
            held = None
    if held is not None:
        yield held


def runs_on(line: str) -> bool:
    """A list of names cut at a line break: 'Authors: A, B, and' or 'A, B and'."""
    if not RUN_ON_RE.search(line):
        return False
    label = LABEL_RE.match(line)
    head = label.group("names") if label else line
    return text.looks_like_person(text.PAREN_RE.sub("", head.split(",")[0]).strip())


def label(line: str) -> re.Match[str] | None:
    """A role label opening the line, or its second language ('Modera / Moderator: X')."""
    label = LABEL_RE.match(line)
    head, split, rest = line.partition(BILINGUAL_SPLIT)
    if label is None and split and len(head) <= MAX_FOREIGN_LABEL_CHARS:
        return LABEL_RE.match(rest)
    return label


def placeholder(line: str) -> bool:
    """Whether a heading only holds a place ('Speaker TBA', 'To be announced')."""
    return len(line) <= MAX_PLACEHOLDER_CHARS and bool(PLACEHOLDER_RE.search(line))


def is_date(line: str) -> bool:
    """Whether a line only gives a date or a time ('Thursday, 4 June 2026, 12:00 ET')."""
    if len(line) > MAX_DATE_CHARS:
        return False
    if clock.alone(line) is None:  # a time alone is read as it was: a heading '10:00' stays one
        line = dates.RUN_IN_YEAR_RE.sub(r"\1 ", line)  # 'June 4, 202612:00' as 'June 4, 2026 12:00'
        line = clock.SLOT_RE.sub("", line)  # 'Thursday, June 4, 2026, 12:00 to 1:00 pm ET'
    return not DATE_WORDS_RE.sub("", line).strip(" ,.|·•–—-/")


def slot_title(rest: str) -> bool:
    """Whether what follows an agenda time reads as a title ('Panel 1', not 'to 1 pm ET')."""
    rest = rest.strip()
    return len(rest) > 4 and rest[:1].isupper() and " " in rest


def mononym(word: str) -> bool:
    """One capitalised word, as an author list may name someone ('Deekshitha')."""
    return bool(MONONYM_RE.fullmatch(word)) and not text.is_organisation(word)
