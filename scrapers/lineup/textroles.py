"""Roles stated in free text (titles, abstracts, descriptions): "Moderated by X", "Chair: X",
"X (moderator)", "Keynote by X", "A in conversation with B"; applied to the listed people by name
(honorifics, case and accents ignored), adding a named person who is not listed. Pure; no app.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from scrapers import text
from scrapers.lineup import assemble
from scrapers.records import PersonRef, Role

__all__ = ["apply_text_roles", "stated_roles"]

# A cheap test first: most texts state no role, and parsing must stay fast.
HINT_WORDS = (
    "moderat", "modérat", "chair", "host", "keynote", "discussant", "respondent", "facilitat",
    "conversation", "fireside", "mc", "emcee", "conven", "anim", "presid", "présid", "interview",
    "feature", "speakers", "panelists", "panellists", " by ", "join ",
)  # fmt: skip
# "Moderated by X", "Moderator: X", "Chairs: X and Y", "Keynote by X", "Fireside chat with X".
LABEL_RE = re.compile(
    r"(?:^|(?<=[\s(\[\-–—|,;.]))(?P<label>"
    r"(?:co-?)?moderat(?:ed|ion|ors?|rices?|orin(?:nen)?)(?:\s+by)?|moderiert\s+von"
    r"|(?:session\s+)?(?:co-?)?chair(?:ed\s+by|s|person|woman|man)?|presided\s+by"
    r"|host(?:ed\s+by|s)?|(?:your\s+)?(?:emcee|mc)|master\s+of\s+ceremon(?:y|ies)"
    r"|facilitat(?:ed\s+by|ors?)|discussants?|respondents?|conven(?:ed\s+by|ors?|ers?)"
    r"|(?:opening\s+|closing\s+)?keynote(?:\s+(?:address|speech|lecture|speakers?))?(?:\s+by)?"
    r"|in\s+conversation\s+with|fireside\s+chat\s+with|(?:a\s+)?conversation\s+(?:with|between)"
    r"|interview\s+with|(?:opened|delivered|given|introduced|closed|presented)\s+by"
    r"|(?:will\s+)?feature|featuring|(?:speakers|panell?ists)\s+(?:will\s+be"
    r"|include|are)"
    r"|anim[ée]e?\s+par|pr[ée]sid[ée]e?\s+par|modération|(?-i:J)oin)"
    r"(?P<sep>\s*[:：]\s*|\s+(?=\S))",
    re.I,
)
# "Jane Doe (moderator)", "Dr. A. Smith (Chair)".
SUFFIX_RE = re.compile(
    r"(?P<name>(?:[A-ZÀ-ÞĀ-ſА-ЯЁЄІЇҐ][\w'’.\-]*\s+){0,5}[A-ZÀ-ÞĀ-ſА-ЯЁЄІЇҐ][\w'’\-]+)\s*[(\[]\s*(?P<label>(?i:"
    r"(?:co-?)?moderat(?:or|rice|orin)|chair(?:person|woman|man)?|host|keynote(?: speaker)?"
    r"|discussant|facilitator|respondent))\s*[)\]]"
)
# Labels that need a colon or "by": "Host Country", "Keynote speakers compare" state no role.
NEEDS_COLON_RE = re.compile(
    r"^(?:host|hosts|chair|chairs|keynote|discussants?|respondents?|mc)$", re.I
)
# "by", "with", "par" or "von" ends a label that introduces a name straight away.
OPEN_LABEL_RE = re.compile(
    r"(?:\bby|\bwith|\bbetween|\bpar|\bvon|feature|featuring|include|are|be|^join)$", re.I
)
CONVERSATION_RE = re.compile(
    r"(?P<speaker>(?:[A-ZÀ-ÞĀ-ſА-ЯЁЄІЇҐ][\w'’.\-]*\s+){1,6})(?i:in\s+conversation\s+with)\s+"
)
# A period ends a sentence unless it closes an initial or an abbreviated title ("Dr.", "J.").
LAST_WORD_RE = re.compile(r"([^\s.(]+)\.$")
ABBREVIATIONS_TEXT = """dr prof mr mrs ms mx st gen col lt capt cdr adm amb sen rep gov hon rev
ret retd jr sr maj brig sgt mme mlle rt"""
ABBREVIATIONS = frozenset(ABBREVIATIONS_TEXT.split())
SENTENCE_STOP_RE = re.compile(r"\.(?=\s|$)|[!?:\n\[\]]|\s[–—-]\s|\s(?:who|will|is|are|was)\s")
PIPE_SPLIT_RE = re.compile(r"\s+\|\s+")
# Lowercase position words before a name ("chaired by journalist Jane Doe").
DESCRIPTOR_RE = re.compile(r"^(?:[a-z][a-z\-]+\s+){1,2}(?=[A-Z])")
ARTICLE_RE = re.compile(r"^(?:the|a|an|our|their|its|his|her)\b", re.I)
LOWER_WORD_END_RE = re.compile(r"\b(?:of|the|for|de|du|des|der|and|&)\s*$")
SENTENCE_END_RE = re.compile(r"[.!?](?=\s|$)")
MARKDOWN_RE = re.compile(r"[*_#>`]+")
MARKDOWN_LINK_RE = re.compile(r"\[([^\[\]]{1,200})\]\([^()\s]{0,500}\)")
# Prose labels that often name a venue or an institution ("hosted by Mozilla Berlin"): they
# give a listed person a role but add nobody (a "Host:" label does add).
ORG_PRONE_RE = re.compile(r"^(?:hosted|convened|presided)\s+by$", re.I)
MAX_NAME_WORDS = 6  # honorific words included ("Vice Admiral Hiroshi Nakagawa")
MAX_TEXT = 20_000


@functools.lru_cache(maxsize=4096)
def stated_roles(raw: str) -> tuple[tuple[Role, str, bool], ...]:
    """Return the (role, name, may_add) a free text states, in order; () when it states none.

    `may_add` is False where the text may name a topic rather than a person ("Keynote: Cyber
    Deterrence"): such a name only gives a listed person a role, it never adds one.
    """
    lowered = raw.casefold()
    if not any(word in lowered for word in HINT_WORDS):
        return ()
    plain = text.html_to_text(raw[:MAX_TEXT]) if "<" in raw else raw[:MAX_TEXT]
    plain = MARKDOWN_RE.sub(" ", MARKDOWN_LINK_RE.sub(r"\1", plain))
    found: list[tuple[Role, str, bool]] = []
    for line in plain.splitlines():
        found.extend(_line_roles(line))
    return tuple(found)


def _line_roles(line: str) -> list[tuple[Role, str, bool]]:
    found: list[tuple[Role, str, bool]] = []
    conversation = CONVERSATION_RE.search(line)
    if conversation:
        speaker = _tail_name(conversation.group("speaker"))
        found.extend((Role.SPEAKER, n, True) for n in _names(speaker))
    for match in LABEL_RE.finditer(line):
        label = " ".join(match.group("label").split())
        colon = ":" in match.group("sep") or "：" in match.group("sep")
        if not colon and not OPEN_LABEL_RE.search(label):
            continue  # "Host Country", "keynote speakers compare": no statement of a role
        if NEEDS_COLON_RE.match(label) and not colon:
            continue
        role = _label_role(label)
        if role is Role.SPEAKER and "keynote" in _sentence_before(line[: match.start()]).casefold():
            role = Role.KEYNOTE  # "The keynote speech will be delivered by X"
        topic = colon and label.casefold() == "keynote"  # "Keynote: Cyber Deterrence"
        may_add = not topic and not ORG_PRONE_RE.match(label)
        names = _names(_sentence(line[match.end() :]))
        found.extend((role, name, may_add) for name in names)
    for match in SUFFIX_RE.finditer(line):
        if LOWER_WORD_END_RE.search(line[: match.start()]):
            continue  # "University of St Andrews (Moderator)": the run is not the name
        role = _label_role(match.group("label"))
        found.extend((role, n, True) for n in _names(_tail_name(match.group("name"))))
    return found


def _label_role(label: str) -> Role:
    lowered = label.casefold()
    if "keynote" in lowered:
        return Role.KEYNOTE
    if lowered.startswith("in conversation"):
        return Role.MODERATOR
    if lowered.startswith(
        (
            "fireside",
            "conversation",
            "a conversation",
            "interview",
            "feat",
            "will",
            "speakers",
            "panel",
        )
    ):
        return Role.SPEAKER
    if lowered.startswith(("anim", "modération")):
        return Role.MODERATOR
    if lowered.startswith(("présid", "presid")):
        return Role.CHAIR
    return assemble.role_for_label(label) or Role.SPEAKER


def _sentence(rest: str) -> str:
    """The text up to the end of its sentence, keeping periods of initials and titles."""
    start = 0
    while True:
        stop = SENTENCE_STOP_RE.search(rest, start)
        if stop is None:
            return rest
        if stop.group() == "." and _abbreviation(rest[: stop.end()]):
            start = stop.end()
            continue
        return rest[: stop.start()]


def _abbreviation(before: str) -> bool:
    """Whether the period ending `before` closes an initial or a title ('J.', 'Dr.')."""
    word = LAST_WORD_RE.search(before)
    return word is not None and (
        len(word.group(1)) == 1 or word.group(1).casefold() in ABBREVIATIONS
    )


def _sentence_before(before: str) -> str:
    """The start of the sentence that `before` ends in."""
    stops = [m.end() for m in SENTENCE_END_RE.finditer(before) if not _abbreviation(
        before[: m.end()])]  # fmt: skip
    return before[stops[-1] :] if stops else before


def _names(field: str) -> list[str]:
    """The names in a labelled field ('Dr. A, B and C of X'), each cut where the name ends;
    a name after its position is found too ('Minister of Defence Jane Doe')."""
    names: list[str] = []
    piped = PIPE_SPLIT_RE.split(field) if " | " in field else []
    whole = len(piped) > 1 and all(text.looks_like_person(text.clean(p)) for p in piped)
    for part in piped if whole else text.split_names(field):  # "A | B | C"
        part = _drop_descriptor(part)
        name, _ = text.split_affiliation(part)
        name = _name_prefix(name)
        if (not name or not text.looks_like_person(name)) and not ARTICLE_RE.match(part):
            name = _tail_name(_name_run(part))  # not "the Director of Military Intelligence"
        if name and text.looks_like_name(name) and len(text.split_honorific(name)[1].split()) > 1:
            names.append(name)
    return names


def _drop_descriptor(part: str) -> str:
    """'journalist Jane Doe' -> 'Jane Doe' when the lowercase words are positions."""
    lead = DESCRIPTOR_RE.match(part)
    if lead is None or not set(lead.group().split()) <= text.JOB_WORDS:
        return part
    return part[lead.end() :]


def _name_run(part: str) -> str:
    """The words of part up to the first that cannot be in a name or a position."""
    words = []
    for word in part.split()[: MAX_NAME_WORDS * 2]:
        if not (text.NAME_WORD_RE.match(word) or word in ("of", "the", "for", "and")):
            break
        words.append(word)
    return " ".join(words)


def _name_prefix(part: str) -> str:
    """The leading capitalised words of part ('Jane Doe of Acme' -> 'Jane Doe')."""
    words: list[str] = []
    for word in part.split()[: MAX_NAME_WORDS + 2]:
        if not text.NAME_WORD_RE.match(word) or (words and word.casefold() in ("de", "la", "y")):
            if word.casefold() in ("de", "la", "y", "van", "von", "der", "da", "del", "bin", "al"):
                words.append(word)
                continue
            break
        words.append(word)
    while words and not words[-1][:1].isupper():
        words.pop()
    return " ".join(words).rstrip(",")


def _tail_name(run: str) -> str:
    """The last name-like words of a capitalised run ('Panel with Jane Doe' -> 'Jane Doe')."""
    words = run.split()
    for start in range(max(0, len(words) - MAX_NAME_WORDS), len(words)):
        candidate = " ".join(words[start:])
        if text.looks_like_person(candidate):
            return candidate
    return ""


def apply_text_roles(people: Iterable[PersonRef | None], *texts: str) -> list[PersonRef | None]:
    """Give listed speakers the roles the texts state, and add named people not listed.

    A plain speaker ("Fireside chat with X") is added only to a session that lists nobody: a
    listed session names its speakers, and such phrases often name a topic ("with Open Data").
    """
    out: list[PersonRef | None] = list(people)
    listed = any(p is not None for p in out)
    for raw in texts:
        for role, name, may_add in stated_roles(raw) if raw else ():
            index = _match(out, name)
            if index is None:
                adds = may_add and not (listed and role is Role.SPEAKER)
                out.append(assemble.make_person(name, role=role) if adds else None)
                continue
            person = out[index]
            if person is not None and person.role is Role.SPEAKER and role is not Role.SPEAKER:
                out[index] = person.model_copy(update={"role": role})
    return out


def _match(people: list[PersonRef | None], name: str) -> int | None:
    """The index of the one listed person called `name` (same key, or same first and last)."""
    key = text.name_key(name)
    keys = [text.name_key(p.name) if p is not None else "" for p in people]
    exact = [i for i, k in enumerate(keys) if k == key]
    if exact:
        return exact[0]
    words = key.split()
    if not words:
        return None
    loose = [
        i
        for i, k in enumerate(keys)
        if k.split()[-1:] == words[-1:] and k[:1] == key[:1] and len(k.split()) > 1
    ]
    return loose[0] if len(loose) == 1 else None
