"""The heuristic reader of agenda pages: walks (heading level, text) lines; headings open sessions,
labels ("Moderator:", "Speakers") open role lists, names follow inline, one per line, or as
speaker cards (a name heading, then its description). Pure; never imports app.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from scrapers import personhood, text
from scrapers.lineup import assemble, clock, linetext, prose, textroles, timeline
from scrapers.records import PersonRef, Role

__all__ = ["BODY", "CARD", "CLOCK", "DAY", "Draft", "read_lines"]

BODY = linetext.BODY
PART = linetext.PART
CLOCK = linetext.CLOCK
DAY = linetext.DAY
CARD = linetext.CARD
# Role headings that also name an agenda slot of their own ("Opening remarks", "Welcome").
SLOT_LABEL_RE = re.compile(
    r"remarks|address|words|welcome|opening|closing|begrüßung|saluti|conclusioni|inaugura|clausura"
    r"|discours|allocution|ouverture|accueil|clôture|mot d|bienvenida|discurso|palabras|apertura"
    r"|chiusura|eröffnung|grußwort|schlusswort|приветств|открыти|закрыти|вітальн|відкритт|закритт",
    re.I,
)
# Roles a sub-heading gives people of the session above it ("<h4>Moderator: X</h4>").
SESSION_ROLES = frozenset({Role.MODERATOR, Role.CHAIR, Role.HOST, Role.DISCUSSANT})
SPEAKING_ROLES = frozenset({Role.SPEAKER, Role.KEYNOTE})  # a card's own (_keep_own_speakers)
TRAILING_PLACEHOLDER_RE = re.compile(
    r"(?:,|\band)\s*(?:(?:an)?other\s+|more\s+)?(?:speakers?\s+|panell?ists?\s+)?"
    r"(?:tba|tbc|tbd|to be (?:announced|confirmed|determined))\W*$",
    re.I,
)
POSITION_WORDS_TEXT = """director professor commander minister ambassador president chair chairman
chairwoman ceo founder editor researcher fellow lecturer analyst journalist correspondent author
secretary adviser advisor economist scientist engineer diplomat envoy senator"""
POSITION_WORDS = frozenset(POSITION_WORDS_TEXT.split())
# Position words of Spanish, French, German and Italian pages ("secretaria de ...").
FOREIGN_JOB_WORDS_TEXT = """secretaria secretario ministra ministro presidente presidenta directora
investigador investigadora profesora catedrático catedrática embajador embajadora asesora asesor
directrice chercheur chercheuse professeur ministre présidente ambassadeur ambassadrice conseiller
conseillère leiter leiterin professorin ministerin präsident präsidentin botschafter direttore
direttrice ricercatore ricercatrice ministro ambasciatore"""
FOREIGN_JOB_WORDS = frozenset(FOREIGN_JOB_WORDS_TEXT.split())
PRESENTER_RE = re.compile(r"^presented by$", re.I)  # a show's presenter, after its guests
ROLE_TAIL_RE = re.compile(
    r"\s*[(\[–—|-]?\s*(?P<word>(?i:(?:co-?)?moderator|(?:co-?)?chair|host|keynote(?: speaker)?"
    r"|discussant))[)\]]?$"
)
MAX_LIST_LINES = 40
MAX_NAMES_CHARS = 300
MAX_CARD_NAME_CHARS = 80
MAX_AFFILIATION_CHARS = 150
MAX_DESCRIPTION_LINES = 4  # lines of position, bio or notes after a listed name
TIMED_LEVEL = 8  # a timed agenda line opens a session below every heading
SEGMENT_SPLIT_RE = re.compile(r"\s*;\s*")  # the role parts of a one-line panel
DASH_SPLIT_RE = re.compile(r"\s+[—–|]\s+|\s+-\s+")
# A bio opening with the name: "Cinzia Bianco is a visiting fellow at ...".
BIO_RE = re.compile(
    r"^(?P<name>(?:[A-ZÀ-ÞĀ-ſА-ЯЁЄІЇҐ][\w'’.\-]*\s+){2,6}?)(?:is|was|serves|has|holds|leads|heads"
    r"|joined|works|directs|currently|previously|became)\b"
)


@dataclass
class Draft:
    """A session being read: its title and the people found so far."""

    title: str
    people: list[PersonRef] = field(default_factory=list)
    keynote: bool = False  # under a "Keynote" heading: its speakers give keynotes
    when: timeline.When = field(default_factory=timeline.When)  # its time and day headings
    titled: int = 0  # how many people, first in `people`, its title named (_keep_own_speakers)


@dataclass
class _Walker:
    drafts: list[Draft]
    level: int = 1  # level of the heading that opened the current session or role list
    pending: Role | None = None  # an open role list ("Speakers" with the names below)
    budget: int = 0
    cards: bool = False  # names arrive as headings, each followed by its description
    misses: int = 0  # lines since the last name of an open list (its descriptions)
    listed: int = 0  # names the open list has given so far
    tentative: str | None = None  # a bare name that a description line would confirm
    tentative_level: int | None = None  # the level of a name heading held as `tentative`
    in_session: bool = False  # a heading below the page title opened the current draft
    keynote_level: int | None = None  # the level of a "Keynote speakers" heading still open

    def open(self, role: Role, level: int) -> None:
        self.pending, self.budget, self.cards = role, MAX_LIST_LINES, False
        self.misses, self.tentative, self.listed = 0, None, 0
        self.level = level if level != BODY else self.level

    def add(self, person: PersonRef | None) -> None:
        if person is not None:
            self.drafts[-1].people.append(person)
            self.budget -= 1
            self.misses = 0
            self.listed += 1

    def heading(self, level: int, line: str, role: Role | None, names: str) -> None:
        if (role is None and linetext.is_date(line)) or linetext.placeholder(line):
            return  # "Thursday, June 4, 2026", "Speaker TBA": no session of their own
        # the time is the slot's, not its title: "09:30 Opening", "Closing talk (16h00-17h00)"
        line = clock.without_trailing(linetext.TIME_PREFIX_RE.sub("", line) or line)
        if role in SESSION_ROLES and names and level > self.level and len(self.drafts) > 1:
            self.drafts[-1].people.extend(prose.named(names, role=role))  # "<h4>Chair: X</h4>"
        elif role is not None and not names:  # "Speakers" over a list or cards of names
            if (
                role is Role.KEYNOTE
                or SLOT_LABEL_RE.search(line)
                or (self.keynote_level is not None and level <= self.keynote_level)
            ):
                self.drafts.append(Draft(line))  # keynote speakers apart from the others
                self.keynote_level = level if role is Role.KEYNOTE else None
            self.open(role, level)
        elif self.pending is not None and level > self.level and _card_name(line):
            self.add(_list_line(line, role=self.pending))
            self.cards = True
        elif role is None and level > self.level and _card_name(line):
            self.tentative, self.tentative_level = line, level  # a speaker card's name heading?
        else:
            self.settle()
            self._open(level, line, role, names)

    def _open(self, level: int, line: str, role: Role | None, names: str) -> None:
        """Open a session a heading titles, with the people the heading names."""
        people = prose.named(names, role=role) if names and role else []
        people = people or prose.inline_people(line)  # 'Fireside Chat with X on Y': a title
        keynote = self.keynote_level is not None and level > self.keynote_level
        self.drafts.append(Draft(line, people=people, keynote=keynote, titled=len(people)))
        self.pending, self.cards, self.level = None, False, level
        self.in_session, self.tentative = len(self.drafts) > 2 or level > 1, None
        if not keynote:  # talks under a "Keynotes" heading stay keynotes until it ends
            self.keynote_level = None

    def end_card(self) -> None:
        """A card's date or time after its one heading (level CARD) closes what the card named
        before it: a name heading it follows was the card's title ('New Rules | 2026
        Conference', held as a speaker card's name), a bare name under the title its speaker."""
        if self.tentative is not None and self.tentative_level is not None:
            self._open(self.tentative_level, self.tentative, None, "")
        else:
            self.settle()

    def body(self, line: str, role: Role | None, names: str) -> None:
        if role is not None and names and len(names) <= MAX_NAMES_CHARS:
            self.drafts[-1].people.extend(prose.named(names, role=role))
            self.pending = None
            after = prose.SENTENCE_END_RE.split(names, maxsplit=1)[1:]
            if after:  # "With A and B. Chaired by C."
                _read_line(self, BODY, after[0])
        elif role is not None:  # "Speakers:" alone: the names follow
            self.open(role, BODY)
        elif self.cards:
            self._describe(line)
        elif self.pending is not None and self.budget > 0:
            self._listed(line, self.pending)
        else:
            self._loose(line)

    def timed(self, line: str, rest: str) -> None:
        """A body line opening with a time is an agenda slot: 'Title — Name, Position' gives a
        session with its people, a plain title opens a session as a heading would."""
        parts = DASH_SPLIT_RE.split(rest, maxsplit=1)
        title, tail = parts[0].strip(), parts[1].strip() if len(parts) > 1 else ""
        people = _people_in(tail) if tail else []
        if not people and (people := _segments(rest)):  # "Panel – Topic: A (X), B; Chair: C"
            title = rest.partition(":")[0].strip()
        if not people:
            label = linetext.LABEL_RE.match(rest)
            role = assemble.role_for_label(label.group("label")) if label else None
            names = label.group("names").strip() if label is not None and role else ""
            self.heading(TIMED_LEVEL, line, role, names)
            return
        self.drafts.append(Draft(title, people=people))
        self.pending, self.cards, self.level, self.in_session = None, False, TIMED_LEVEL, True
        self.tentative, self.keynote_level = None, None

    def restate(self, role: Role) -> None:
        """Give the person just read the role the next line names."""
        people = self.drafts[-1].people
        if people and people[-1].role is Role.SPEAKER:
            people[-1] = people[-1].model_copy(update={"role": role})

    def _listed(self, line: str, role: Role) -> None:
        """A line of an open role list: names, a bio, or the last name's description."""
        line, stated = _role_tail(linetext.strip_lead(line, in_session=True))
        role = stated if stated is not None and role is Role.SPEAKER else role
        several = _several(line, role=role)
        person = None if several else _list_line(line, role=role) or _bio_line(line, role=role)
        for found in several or ([person] if person is not None else []):
            self.add(found)
        if several or person is not None:
            return
        elif self.misses < MAX_DESCRIPTION_LINES:
            if self.listed:  # the last name's position or bio; before any name, an intro
                self._describe(line)
            self.misses += 1
        else:
            self.pending = None
            self._loose(line)

    def settle(self) -> None:
        """A bare name no description followed: a speaker when the name data knows its given
        name ('<b>Title</b><br>Ulrik Franke' in an agenda cell)."""
        name, affiliation = text.split_affiliation(self.tentative or "")
        if self.tentative is not None and text.looks_like_person(name, strict=True):
            self.drafts[-1].people.append(_person(name, affiliation=affiliation))
        self.tentative = None

    def _loose(self, line: str) -> None:
        """A line outside role lists: prose ('A in conversation with B'), or in a session a
        'Dr Name' / 'Name, Position' line, or a bare name that the next line describes."""
        people = self.drafts[-1].people
        line = linetext.strip_lead(line, in_session=self.in_session)
        if self.tentative is not None and _describes(line):
            name, stated = text.split_affiliation(self.tentative)
            people.append(_person(name, affiliation=stated or line))
            self.tentative = None
        elif self.tentative is not None and linetext.bare_name(line):
            self.settle()  # two bare names in a row: a list of names, not a card
        elif self.tentative is not None and self.tentative_level is None and linetext.is_date(line):
            self.settle()  # a date after a bare name ends its card: the name was alone on it
        self.tentative = None
        line, stated = _role_tail(line)
        several = _several(line, role=stated or Role.SPEAKER) if self.in_session else []
        if several:  # "A, B and C" under a session's heading
            people.extend(several)
            return
        person = (
            _person_line(line, role=stated or Role.SPEAKER) if self.in_session or stated else None
        )
        found = [] if person else prose.inline_people(line, title=False) or _stated(line)
        if person is not None or found:
            people.extend([person] if person is not None else found)
        elif (
            self.in_session
            and len(line) <= linetext.MAX_BARE_NAME_CHARS
            and linetext.bare_name(line)
        ):
            self.tentative, self.tentative_level = line, None

    def _describe(self, line: str) -> None:
        """A card's first description line is the person's position and affiliation."""
        people = self.drafts[-1].people
        if people and people[-1].affiliation is None and len(line) <= MAX_AFFILIATION_CHARS:
            people[-1] = people[-1].model_copy(update={"affiliation": line})


def read_lines(lines: Iterable[tuple[int, str]], *, default_title: str) -> list[Draft]:
    """Read (level, text) lines into session drafts; the first holds what precedes any heading.
    Each draft notes its time and day headings (timeline.py); they never change who is read."""
    walker = _Walker([Draft(default_title)])
    times = timeline.Timeline()
    added = False  # the last lines gave a person (and maybe their position), nothing else
    for level, line in linetext.joined(lines):
        if level in (CLOCK, DAY):
            times.see(level, line, walker.drafts)
            continue
        if level == CARD:
            walker.end_card()
            times.trail(line, walker.drafts)
            _read_line(walker, BODY, line)  # as any date or time line, for who is read
            continue
        if added and level == PART and (stated := assemble.role_word(line)):
            walker.restate(stated)  # "<span>Name</span><span>Position</span><span>Moderator</span>"
            added = False
            continue
        level = BODY if level == PART else level
        times.see(level, line, walker.drafts)
        before = (len(walker.drafts), len(walker.drafts[-1].people))
        _read_line(walker, level, line)
        times.read(line, walker.drafts, before)
        after = (len(walker.drafts), len(walker.drafts[-1].people))
        grew = after[0] == before[0] and after[1] > before[1]
        added = grew or (added and after == before and level == BODY)
    walker.settle()
    for draft in walker.drafts:
        _keep_own_speakers(draft)
    return walker.drafts


def _keep_own_speakers(draft: Draft) -> None:
    """Drop the people a session's title names when its card names speakers of its own, but a
    guest the title brings in with a 'with': 'Keynote: Ethics In Practice: How ...' over
    'Jane Doe' is Jane Doe's talk, 'A Fireside Chat with Chairman X' over 'Jane Doe' has both
    (the guest and the host who interviews him); over 'Moderator: Y' alone X speaks. Someone
    named by both keeps the title's reading ('with Governor X': the honorific)."""
    own = draft.people[draft.titled :]
    if any(p.role in SPEAKING_ROLES for p in own):
        keys = {text.name_key(p.name) for p in own}
        draft.people = [
            p
            for p in draft.people[: draft.titled]
            if text.name_key(p.name) in keys or prose.title_guest(draft.title, p)
        ]
        draft.people += own


def _read_line(walker: _Walker, level: int, line: str) -> None:
    """Read one line: a heading, a timed agenda slot, or a body line."""
    label = linetext.label(linetext.TIME_PREFIX_RE.sub("", line) if level != BODY else line)
    role = assemble.role_for_label(label.group("label")) if label else None
    names = label.group("names").strip() if label is not None and role is not None else ""
    if label is not None and PRESENTER_RE.match(label.group("label")) and _guests(walker):
        role = Role.HOST  # "Guests: A, B and C. Presented by D": D presents the show
    if level != BODY:
        walker.heading(level, line, role, names)
    elif (timed := linetext.TIME_PREFIX_RE.match(line)) and linetext.slot_title(
        line[timed.end() :]
    ):
        walker.timed(line, line[timed.end() :])
    elif timed:  # a time alone: the page is an agenda, its 'Name, Position' lines are people
        walker.in_session = True
    else:
        walker.body(line, role, names)


def _guests(walker: _Walker) -> bool:
    """Whether the session so far lists speakers only (guests whom a presenter introduces)."""
    people = walker.drafts[-1].people
    return bool(people) and all(p.role is Role.SPEAKER for p in people)


def _card_name(line: str) -> bool:
    name, _ = text.split_affiliation(line)
    head, comma, _ = line.partition(",")
    if comma and text.looks_like_person(head):
        name = head  # "Admiral Sir Ben Key, First Sea Lord"
    elif name == text.clean(line.partition(" | ")[0]) and name != text.clean(line):
        # 'Jane Doe | Acme' is a speaker card's heading, 'New Rules | 2026 Conference' a title
        # and its series: before a '|' separator a name needs a given name the data knows
        return len(line) <= MAX_CARD_NAME_CHARS and text.looks_like_person(name, strict=True)
    return (
        len(line) <= MAX_CARD_NAME_CHARS and len(name.split()) >= 2 and text.looks_like_name(name)
    )


def _list_line(line: str, *, role: Role) -> PersonRef | None:
    """A line under a 'Speakers' label: 'Name', 'Name, Affiliation' or 'Name (Affiliation)'."""
    name, affiliation = text.split_affiliation(line)
    head, comma, tail = line.partition(",")
    if affiliation is None and comma and text.looks_like_name(head):
        name, affiliation = text.clean(head), text.clean(tail) or None  # "Name, Affiliation"
    if not text.looks_like_person(name):
        return None
    return _person(name, role=role, affiliation=affiliation)


def _role_tail(line: str) -> tuple[str, Role | None]:
    """Split a trailing role badge off a name line ('Jane Doe Chair', 'Jane Doe – Moderator')."""
    match = ROLE_TAIL_RE.search(line)
    head = line[: match.start()] if match else ""
    if match is None or not text.looks_like_person(text.split_affiliation(head)[0].split(",")[0]):
        return line, None
    return line[: match.start()], assemble.role_word(match.group("word"))


def _several(line: str, *, role: Role) -> list[PersonRef]:
    """'A, B and C' (each maybe with '(Affiliation)'): the people, or [] unless all are names."""
    line = TRAILING_PLACEHOLDER_RE.sub("", line)  # "A (X), B (Y), Speaker TBC"
    parts = text.split_names(line)
    paired = all(p.endswith(")") for p in parts)  # "A (X), B (Y)": two people, each placed
    bare = [text.PAREN_RE.sub("", p).strip() for p in parts]  # 'Name (Affiliation)' at most
    if len(parts) >= 3 and any(text.looks_like_person(b, strict=True) for b in bare):
        bare = [
            f"{b} {b}" if linetext.mononym(b) else b for b in bare
        ]  # 'Triando, A B, C D and E F'
    two = len(parts) == 2 and not text.LIST_SPLIT_RE.search(line) and not paired
    if two and not all(text.looks_like_person(b, strict=True) for b in bare):
        return []  # "Jane Doe, United States" is a name and a place: both need given names
    names = [text.split_affiliation(p) for p in parts]
    if len(parts) < 2 or not all(text.looks_like_person(b) for b in bare):
        return []
    return [_person(n, role=role, affiliation=a) for n, a in names]


def _bio_line(line: str, *, role: Role) -> PersonRef | None:
    """A bio under a 'Speakers' label that opens with the name ('Jane Doe is a fellow...')."""
    match = BIO_RE.match(line)
    if match is None or not text.looks_like_person(match.group("name").strip()):
        return None
    return _person(match.group("name").strip(), role=role)


def _person_line(line: str, *, role: Role = Role.SPEAKER) -> PersonRef | None:
    """'Dr Jane Doe', or 'Jane Doe, Director, Acme' where the rest reads as a position."""
    lead = DASH_SPLIT_RE.split(line, maxsplit=1)[0]
    paren = text.AFFILIATION_PAREN_RE.match(lead) if lead != line else None
    if paren is not None and text.looks_like_person(paren.group("name")):  # "A (X) — Talk"
        return _person(paren.group("name"), role=role, affiliation=paren.group("aff"))
    name, affiliation = text.split_affiliation(line)
    head, comma, tail = line.partition(",")
    if affiliation is None and comma and text.looks_like_person(head):
        name, affiliation = text.clean(head), text.clean(tail)  # "Dirk Siebels, Risk Intelligence"
    honorific, _ = text.split_honorific(name)
    if not text.looks_like_person(name):
        return None
    if (affiliation and _descriptive(affiliation)) or honorific or role is not Role.SPEAKER:
        return _person(name, role=role, affiliation=affiliation)
    return None


def _stated(line: str) -> list[PersonRef]:
    """People a sentence names with their role ('It will be moderated by X, ...')."""
    found = (
        assemble.make_person(name, role=role)
        for role, name, may_add in textroles.stated_roles(line)
        if may_add and text.looks_like_person(name)
    )
    return [p for p in found if p is not None]


def _people_in(part: str) -> list[PersonRef]:
    """People a part of an agenda line names: 'Chair: X', 'A in conversation with B',
    'Dr Jane Doe, Director, Acme'; [] when it names none."""
    label = linetext.LABEL_RE.match(part)
    role = assemble.role_for_label(label.group("label")) if label else None
    if label is not None and role is not None and label.group("names"):
        return prose.named(label.group("names"), role=role)
    found = prose.inline_people(part, title=False)
    person = None if found else _person_line(part)
    if ";" in part and not found:  # "A (X), B (Y); moderated by C, Z"
        found = _role_parts(part)
    return found or ([person] if person is not None else [])


def _segments(line: str) -> list[PersonRef]:
    """'Title: A (X), B (Y); Moderator: C (Z)': the people of every ';' part after the title's
    colon, each part a label with names or a list of names; [] unless every part names people."""
    _head, colon, tail = line.partition(":")
    if not colon or linetext.LABEL_RE.match(line) or not tail.strip():
        return []
    return _role_parts(tail)


def _role_parts(line: str) -> list[PersonRef]:
    """'A (X), B (Y); moderated by C': the people of every ';' part, each a label with names
    or a list of names; [] unless every part names people."""
    found: list[PersonRef] = []
    for part in text.split_top_level(SEGMENT_SPLIT_RE, line):
        part = part.strip(" .")
        label = linetext.LABEL_RE.match(part)
        role = assemble.role_for_label(label.group("label")) if label else None
        if label is not None and role is not None and label.group("names"):
            people = prose.named(label.group("names"), role=role)
        else:
            people = (
                prose.position_list(part, role=Role.SPEAKER)
                or prose.inline_people(part, title=False)
                or _several(part, role=Role.SPEAKER)
            )
            person = None if people else _list_line(part, role=Role.SPEAKER)
            people = people or ([person] if person is not None else [])
        if not people:
            return []
        found.extend(people)
    return found


def _describes(line: str) -> bool:
    """Whether a line under a bare name is its position: 'Senior Fellow, IISS' or one position
    word ('Commander'), not one topic word of a tag list ('Intelligence')."""
    if " " not in line.strip():
        return line.strip(" .,").casefold() in POSITION_WORDS
    return _descriptive(line)


def _descriptive(line: str) -> bool:
    """Whether a line reads as a position or an institution ('Senior Fellow, IISS')."""
    words = {p.strip(".,;:()'’").casefold() for w in line.split() for p in w.split("-")}
    return len(line) <= MAX_AFFILIATION_CHARS and bool(
        words & text.JOB_WORDS
        or words & FOREIGN_JOB_WORDS
        or words & personhood.GROUP_WORDS
        or words & personhood.PLACE_WORDS
        or text.ACRONYM_RE.search(line)
    )


def _person(name: str, *, role: Role = Role.SPEAKER, affiliation: str | None = None) -> PersonRef:
    stated = assemble.role_word(affiliation)
    person = assemble.make_person(
        name,
        role=stated if stated is not None and role is Role.SPEAKER else role,
        affiliation=None if stated is not None else affiliation,
    )
    assert person is not None  # the name was checked to look like a person's
    return person
