"""The heuristic reader of agenda pages: walks (heading level, text) lines; headings open sessions,
labels ("Moderator:", "Speakers") open role lists, names follow inline, one per line, or as
speaker cards (a name heading, then its description). Pure; never imports app.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from scrapers import text
from scrapers.lineup import assemble, prose
from scrapers.records import PersonRef, Role

__all__ = ["BODY", "Draft", "read_lines"]

BODY = 0  # the level of a body line; headings are 1-6, a bold-only paragraph 7
LABEL_RE = re.compile(
    r"^(?P<label>(?i:keynote by|keynote speakers?|(?:co-?)?moderators?|moderated by|chairs?"
    r"|chaired by|session chairs?|hosts?|hosted by|speakers?|panel(?:ists?|lists?)|keynote"
    r"|discussants?|respondents?|presenters?|presented by|featuring|with|conveners?"
    r"|facilitators?|facilitated by|for the (?:proposition|opposition)|fireside chat with))"
    r"\s*(?::|\s(?=[A-Z])|$)\s*(?P<names>.*)$"
)
MAX_LIST_LINES = 40
MAX_NAMES_CHARS = 300
MAX_CARD_NAME_CHARS = 80
MAX_AFFILIATION_CHARS = 150


@dataclass
class Draft:
    """A session being read: its title and the people found so far."""

    title: str
    people: list[PersonRef] = field(default_factory=list)


@dataclass
class _Walker:
    drafts: list[Draft]
    level: int = 1  # level of the heading that opened the current session or role list
    pending: Role | None = None  # an open role list ("Speakers" with the names below)
    budget: int = 0
    cards: bool = False  # names arrive as headings, each followed by its description

    def open(self, role: Role, level: int) -> None:
        self.pending, self.budget, self.cards = role, MAX_LIST_LINES, False
        self.level = level if level != BODY else self.level

    def add(self, person: PersonRef | None) -> None:
        if person is not None:
            self.drafts[-1].people.append(person)
            self.budget -= 1

    def heading(self, level: int, line: str, role: Role | None, names: str) -> None:
        if role is not None and not names:  # "Speakers" over a list or cards of names
            if role is Role.KEYNOTE:
                self.drafts.append(Draft(line))
            self.open(role, level)
        elif self.pending is not None and level > self.level and _card_name(line):
            self.add(_list_line(line, role=self.pending))
            self.cards = True
        else:
            people = prose.named(names, role=role) if names and role else prose.inline_people(line)
            self.drafts.append(Draft(line, people=people))
            self.pending, self.cards, self.level = None, False, level

    def body(self, line: str, role: Role | None, names: str) -> None:
        if role is not None and names and len(names) <= MAX_NAMES_CHARS:
            self.drafts[-1].people.extend(prose.named(names, role=role))
            self.pending = None
        elif role is not None:  # "Speakers:" alone: the names follow
            self.open(role, BODY)
        elif self.cards:
            self._describe(line)
        elif (
            self.pending is not None
            and self.budget > 0
            and (p := _list_line(line, role=self.pending))
        ):
            self.add(p)
        else:
            self.pending = None
            self.drafts[-1].people.extend(prose.inline_people(line, title=False))

    def _describe(self, line: str) -> None:
        """A card's first description line is the person's position and affiliation."""
        people = self.drafts[-1].people
        if people and people[-1].affiliation is None and len(line) <= MAX_AFFILIATION_CHARS:
            people[-1] = people[-1].model_copy(update={"affiliation": line})


def read_lines(lines: Iterable[tuple[int, str]], *, default_title: str) -> list[Draft]:
    """Read (level, text) lines into session drafts; the first holds what precedes any heading."""
    walker = _Walker([Draft(default_title)])
    for level, line in lines:
        label = LABEL_RE.match(line)
        role = assemble.role_for_label(label.group("label")) if label else None
        names = label.group("names").strip() if label is not None and role is not None else ""
        if level != BODY:
            walker.heading(level, line, role, names)
        else:
            walker.body(line, role, names)
    return walker.drafts


def _card_name(line: str) -> bool:
    name, _ = text.split_affiliation(line)
    return (
        len(line) <= MAX_CARD_NAME_CHARS and len(name.split()) >= 2 and text.looks_like_name(name)
    )


def _list_line(line: str, *, role: Role) -> PersonRef | None:
    """A line under a 'Speakers' label: 'Name', 'Name, Affiliation' or 'Name (Affiliation)'."""
    name, affiliation = text.split_affiliation(line)
    head, comma, tail = line.partition(",")
    if affiliation is None and comma and text.looks_like_name(head):
        name, affiliation = text.clean(head), text.clean(tail) or None  # "Name, Affiliation"
    if not text.looks_like_name(name):
        return None
    return assemble.make_person(name, role=role, affiliation=affiliation)
