"""People named in running text of agenda pages: "A in conversation with B", "... with Dr. X",
"X discusses ...", and labelled name lists. Shared by the HTML heuristics and site configs.
Pure; never imports app.
"""

from __future__ import annotations

import re

from scrapers import text
from scrapers.lineup import assemble, titles
from scrapers.records import PersonRef, Role

__all__ = ["inline_people", "named", "position_list", "title_guest"]

CONVERSATION_RE = re.compile(
    r"^(?P<speaker>.{3,80}?)\s+in conversation with\s+(?P<moderator>.{3,80}?)\.?$", re.I
)
# Capitalised words, allowing "of (the)" inside ("Secretary of War Michael Cadenazzi").
NAME_RUN = r"(?P<name>(?:[A-Z][\w'’.\-]*\s(?:of\s(?:the\s)?)?){1,7}[A-Z][\w'’\-]+)"
# "... with Dr. Sultan Al Jaber" ending a title, or followed by "on ...", ":" or a dash.
TITLE_WITH_RE = re.compile(
    r"\bwith\s+" + NAME_RUN + r"(?:\.?$|(?=\s+(?:on|about|at|in|for)\s)|(?=\s*[:–—|-]\s))"
)
# "Sir Charles Roxburgh, chair of Lloyd's, discusses ..." opening a line.
SUBJECT_VERB_RE = re.compile(
    "^" + NAME_RUN + r"(?:,[^,]{3,80},)?\s(?:discusses|speaks|joins|talks|delivers|presents"
    r"|shares|will (?:discuss|speak|deliver|join|present))\b"
)
# Words before a name that are titles or roles, not part of it ("Ecuadorian President X").
TITLE_WORDS_TEXT = """dr prof sir dame mr mrs ms mx president minister secretary chairman chairwoman
chair ceo senator ambassador general admiral governor mayor commissioner director representative
assistant deputy under vice former"""
TITLE_WORDS = frozenset(TITLE_WORDS_TEXT.split())
SENTENCE_END_RE = re.compile(r"\.\s+(?=[A-Z][^\W\d_]+\s[a-z])")
MAX_NAME_WORDS = 4
# Parts of a list whose names carry their positions ("A, Director, X, and B, Head of Y").
POSITION_LIST_RE = re.compile(r",\s+and\s+(?=[A-ZÀ-ÞĀ-ſА-ЯЁЄІЇҐ][^,]{2,60},)|;\s+(?:and\s+)?")
PIPE_SPLIT_RE = re.compile(r"\s+\|\s+")
# Capitalised title words that start phrases, not names ("Hit It with Your Best Shot").
NOT_NAME_STARTS_TEXT = """a an the this that these those your our my their his her its new all
every some event session part day episode round panel module"""
NOT_NAME_STARTS = frozenset(NOT_NAME_STARTS_TEXT.split())


def named(names: str, *, role: Role) -> list[PersonRef]:
    """People in a labelled field ('Dr. A and B.'), dropping what does not look like a name."""
    names = SENTENCE_END_RE.split(names)[0].rstrip(" .")
    listed = position_list(names, role=role)
    if listed:
        return listed
    head, comma, tail = names.partition(",")
    one_comma = comma and "," not in tail and not text.LIST_SPLIT_RE.search(names)
    if one_comma and text.looks_like_person(head):  # "Chair: Jane Doe, Le Figaro"
        person = assemble.make_person(head, role=role, affiliation=tail)
        return [person] if person is not None else []
    people = assemble.people_from_field(names, role=role)
    return [p for p in people if text.looks_like_person(p.name)]


def position_list(names: str, *, role: Role) -> list[PersonRef]:
    """'A, Position, Org, and B, Position' or 'A | B | C': each part opens with a name; []
    unless every part does."""
    parts = PIPE_SPLIT_RE.split(names) if " | " in names else POSITION_LIST_RE.split(names)
    if len(parts) < 2:
        return []
    found: list[PersonRef] = []
    for part in parts:
        head, _, tail = part.partition(",")
        name, affiliation = text.split_affiliation(head)
        person = assemble.make_person(name, role=role, affiliation=tail or affiliation)
        if person is None or not text.looks_like_person(name):
            return []
        found.append(person)
    return found


def inline_people(line: str, *, title: bool = True) -> list[PersonRef]:
    """People named in a title or sentence; [] when none is recognised.

    '... with X' is read only in titles: in body text it too often names a thing ("with Event Two").
    """
    conversation = CONVERSATION_RE.match(line)
    if conversation:
        return [
            *named(conversation.group("speaker"), role=Role.SPEAKER),
            *named(conversation.group("moderator"), role=Role.MODERATOR),
        ]
    found = (TITLE_WITH_RE.search(line) if title else None) or SUBJECT_VERB_RE.match(line)
    if found is None:
        return titles.people_in_title(line) if title else []
    name = _trim_titles(found.group("name").split())
    if not name or name.split()[0].casefold() in NOT_NAME_STARTS:
        return []
    return named(name, role=Role.SPEAKER)


def _trim_titles(words: list[str]) -> str:
    """Keep the name after titles and lowercase words; keep an honorific that is evidence."""
    cut = [
        i
        for i, word in enumerate(words)
        if word.islower() or word.casefold().rstrip(".") in TITLE_WORDS
    ]
    start = cut[-1] + 1 if cut else max(0, len(words) - MAX_NAME_WORDS)
    if cut and words[cut[-1]] in ("of", "the"):
        start += 1  # "Secretary of War Michael Cadenazzi": skip the department's name
    elif cut and text.split_honorific(f"{words[cut[-1]]} X Y")[0] is not None:
        start = cut[-1]  # "Sir", "Dr.", "President": split off later as the honorific
    return " ".join(words[start:])


# What brings a title's guest in ('A Fireside Chat with Chairman X', 'Im Gespräch mit X').
GUEST_RE = re.compile(r"\b(?:with|mit|avec|con)\b", re.I)


def title_guest(title: str, person: PersonRef) -> bool:
    """Whether a session's TITLE names PERSON as the guest of a conversation, after a 'with':
    the guest speaks beside the people its card names (the host who interviews them), where a
    name a role label led ('Keynote: Ethics in Practice: ...') gives way to them."""
    at = title.find(person.name)
    return at > 0 and GUEST_RE.search(title, 0, at) is not None
