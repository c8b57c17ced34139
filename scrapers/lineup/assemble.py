"""Building blocks every lineup parser shares: people, roles, sessions, dates, safe decoding.

Pure: no network, clock or settings. Never imports app.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from scrapers import personhood, text
from scrapers.errors import EmptyDocument, ParseError
from scrapers.records import Event, Lineup, PersonKind, PersonRef, Role, Session

__all__ = [
    "decode",
    "first_text",
    "i18n",
    "load_json",
    "make_lineup",
    "make_person",
    "make_session",
    "merge_people",
    "name_from_url",
    "parse_date",
    "parse_datetime",
    "people_from_field",
    "raw_text",
    "role_for_label",
    "role_word",
]

KEYNOTE_RE = re.compile(r"\bkey\s?note|\bplenary keynote|hauptvortrag|conférence inaugurale", re.I)
# Labels that name a role, as agendas write them ("Moderated by", "Chair:", "von:").
ROLE_LABELS: tuple[tuple[re.Pattern[str], Role], ...] = (
    (
        re.compile(
            r"^(?:co-?)?moderat|^moderated|^facilitat|^in conversation|^interviewed|^mod[ée]rat"
            r"|^anim[ée]|^modera(?:dora?)?$|^moderaci|^moderador|^moderatore|^moderatrice|^coordina"
            r"|^модератор|^ведущ|^ведуч|^modération|^moderation|^moderiert|^gesprächsleitung",
            re.I,
        ),
        Role.MODERATOR,
    ),
    (
        re.compile(
            r"^(?:co-?)?chair|^session chair|^convener|^convenor|^presid|^presiede|^préside"
            r"|^vorsitz|^leitung|^председател|^голова\b|^голову",
            re.I,
        ),
        Role.CHAIR,
    ),
    (re.compile(r"^host|^hosted|^emcee|^mc\b|^master of ceremon", re.I), Role.HOST),
    (
        re.compile(
            r"^keynote|^conférence (?:plénière|inaugurale)|^conferencia (?:magistral|inaugural)"
            r"|^relazione introduttiva|^lectio magistralis|^festvortrag|^hauptvortrag"
            r"|^ключев|^пленарн|^ключов",
            re.I,
        ),
        Role.KEYNOTE,
    ),
    (re.compile(r"^discussant|^respondent|^commentator", re.I), Role.DISCUSSANT),
    (re.compile(r"^organi[sz]", re.I), Role.ORGANISER),
    (
        re.compile(
            r"^speaker|^panel|^presenter|^presented|^with\b|^featuring|^von\b|^by\b|^referent"
            r"|^avec\b|^con\b|^par\b|^por\b"
            r"|^intervenant|^orateur|^for the|^talk by|^guest|^fireside|^debater|^featured"
            r"|^introduced|^(?:welcome|opening|closing|introductory|concluding)"
            r"(?: remarks| address)?$"
            r"|^(?:welcome|opening|closing|introductory|concluding) (?:remarks|address|words)"
            r"|^mit\b|^begrüßung|^(?:book )?authors?\b|^participa|^contributors|^experts\b"
            r"|^(?:opened|delivered|given|closed) by|^mot d|^accueil|^ouverture|^allocution"
            r"|^discours|^intervengono|^relat(?:ori|rici)|^saluti|^conclusioni|^ponentes"
            r"|^intervienen|^inauguración|^clausura|^panelistas|^conferencistas|^oradores"
            r"|^vortragende|^podium|^diskutant|^redner|^sprecher|^grußwort|^impuls"
            r"|^intervenants|^conférenciers|^panélistes|^relatori|^interventi|^introduce"
            r"|^спикер|^докладчик|^выступа|^участники|^эксперт|^приветств"
            r"|^спікер|^доповідач|^виступа|^учасники|^експерт|^вітальн|^вступ",
            re.I,
        ),
        Role.SPEAKER,
    ),
)
# A bare role word given where an affiliation would be ("Jane Doe (Moderator)").
ROLE_WORD_RE = re.compile(
    r"^(?:co-?)?(?:moderat(?:or|ion|rice|orin)|chair(?:person|woman|man)?|host|emcee|mc"
    r"|keynote(?: speaker)?|discussant|respondent|facilitator|session chair|panell?ist|speaker"
    r"|moderatorin|moderador[a]?|moderatore|moderatrice|modérat(?:eur|rice)|модератор|ведущ(?:ий|ая)"
    r"|vorsitz|président(?:e)? de séance|presidente|председатель)$",
    re.I,
)
ROLE_SUFFIX_RE = re.compile(r"\s*[(\[](?P<word>[^()\[\]]{2,20})[)\]]$")
RECORD_SPLIT_RE = re.compile(r"\s*(?:,|;|\s&\s|\band\b|\bund\b|\bet\b)\s*")
GLUED_INITIAL_RE = re.compile(r"(?<=\s)([A-Z])\.(?=[A-Z][a-z])")
LETTER_RE = re.compile(r"[^\W\d_]")
# Characters and words that may separate several names or a name from an affiliation.
LIST_HINT_RE = re.compile(r"[,&;/+(|@–—·•]|\s-\s|\b(?:and|und|et|sowie)\b", re.I)
# Roles that win over a plain `speaker` when one person appears twice in a session.
ROLE_STRENGTH = {Role.SPEAKER: 0, Role.ORGANISER: 0}


def decode(content: bytes) -> str:
    """Decode bytes as UTF-8 (BOM stripped), replacing invalid sequences."""
    return content.decode("utf-8", errors="replace").lstrip("\ufeff")


def load_json(content: bytes, *, fmt: str, url: str | None = None) -> Any:
    """Parse JSON or raise ParseError naming the format and the position."""
    try:
        return json.loads(decode(content))
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ParseError(f"malformed {fmt} JSON: {exc}", source=url) from exc


def i18n(value: Any, *, prefer: str = "en") -> str:
    """Return text from a plain string or a pretalx-style language dict ({'en': ..., 'de': ...})."""
    if isinstance(value, dict):
        chosen = value.get(prefer) or next((v for v in value.values() if v), "")
        return text.clean(chosen if isinstance(chosen, str) else "")
    if isinstance(value, str):
        return text.clean(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def raw_text(value: Any, *, prefer: str = "en") -> str:
    """Like i18n, but keeping line breaks: free text whose lines carry labels ("Host:")."""
    if isinstance(value, dict):
        value = value.get(prefer) or next((v for v in value.values() if v), "")
    return value if isinstance(value, str) else ""


def first_text(mapping: dict[str, Any], *keys: str) -> str:
    """Return the first non-empty text among `keys` of a mapping."""
    for key in keys:
        value = i18n(mapping.get(key))
        if value:
            return value
    return ""


def parse_datetime(value: Any) -> datetime | None:
    """Parse an ISO 8601 timestamp ('Z' allowed); anything else gives None."""
    if isinstance(value, datetime):  # YAML loaders already give datetimes
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def parse_date(value: Any) -> date | None:
    """Parse an ISO date or timestamp into a date; anything else gives None."""
    if isinstance(value, str) and len(value.strip()) >= 10:
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def role_for_label(label: str) -> Role | None:
    """Map an agenda label ('Moderator', 'chaired by', 'Panelists', 'von') to a role."""
    label = text.clean(label).strip(" :")
    for pattern, role in ROLE_LABELS:
        if pattern.search(label):
            return role
    return None


def role_word(affiliation: str | None) -> Role | None:
    """The role when an 'affiliation' is only a role word ('Jane Doe (Moderator)'), else None."""
    if not affiliation or not ROLE_WORD_RE.match(affiliation.strip(" .")):
        return None
    word = affiliation.strip(" .").casefold()
    return Role.KEYNOTE if word.startswith("keynote") else role_for_label(word)


def make_person(
    raw: str,
    *,
    role: Role = Role.SPEAKER,
    affiliation: str | None = None,
    bio: str | None = None,
    pronouns: str | None = None,
    external_id: str | None = None,
    honorific: str | None = None,
) -> PersonRef | None:
    """Build a PersonRef from a raw name, splitting its honorific; None for an empty name."""
    if raw.endswith((")", "]")) and (suffix := ROLE_SUFFIX_RE.search(raw)):  # "Jane Doe (Chair)"
        stated = role_word(suffix.group("word"))
        if stated is not None and role is Role.SPEAKER:
            raw, role = raw[: suffix.start()], stated
    parts = _name_parts(raw)
    if parts is None:
        return None
    found, name, kind, reason = parts
    return PersonRef(
        name=name,
        role=role,
        kind=kind,
        kind_reason=reason,
        honorific=honorific or found,
        affiliation=text.clean(affiliation) or None if affiliation else None,
        bio=bio.strip() or None if bio else None,
        pronouns=text.clean(pronouns) or None if pronouns else None,
        external_id=external_id or None,
    )


@functools.lru_cache(maxsize=text.CACHE_SIZE)
def _name_parts(raw: str) -> tuple[str | None, str, PersonKind, str] | None:
    """(honorific, name, kind, reason) for a raw name; None when no name is left or the name
    is a placeholder (TBA, "Alle"): placeholders are left out of lineups."""
    found, name = text.split_honorific(raw)
    name = _natural_order(GLUED_INITIAL_RE.sub(r"\1. ", name))  # 'Julia S.Simon' -> 'S. Simon'
    name = name.strip(" ,;:.-–—") if not name.endswith(".") or " " in name else name
    if not name or not LETTER_RE.search(name):
        return None
    verdict = personhood.classify(name)
    if verdict.kind == personhood.PLACEHOLDER:
        return None
    kind = PersonKind.PERSON if verdict.kind == personhood.PERSON else PersonKind.ORGANISATION
    return found, name, kind, verdict.reason


def _natural_order(name: str) -> str:
    """'DUPONT Jean' -> 'Jean Dupont' (a surname in capitals first); an all-lower-case name of
    several words is capitalised ('jean-francois garreau'). Handles and mixed case stay."""
    words = name.split()
    if len(words) < 2:
        return name
    if name.islower() and all(w.isalpha() or "-" in w for w in words):
        return name.title()
    caps = [w for w in words if len(w) > 1 and w.isupper() and w.isalpha()]
    rest = [w for w in words if w not in caps]
    if caps and words[0] in caps and rest and personhood.known_given_name(rest[0]):
        return " ".join([*rest, *(w.title() for w in caps)])
    return name


def people_from_field(
    raw: str,
    *,
    role: Role = Role.SPEAKER,
    external_id: str | None = None,
    bio: str | None = None,
    record: bool = False,
) -> list[PersonRef]:
    """Split a free-text field naming people ('Dr A (X) and B, Y') into PersonRefs.

    `external_id` and `bio` belong to the field's owner: they go to a lone person only.
    `record` says the field is a speaker record (a frab <person>, an iCalendar CN): commas
    there separate people ('Zhang Wei, Kai Müller, blinry') unless a part is an organisation.
    """
    if not LIST_HINT_RE.search(raw):  # the common case: one plain name
        person = make_person(raw, role=role, external_id=external_id, bio=bio)
        return [person] if person is not None else []
    parts = _record_parts(raw) if record else []
    parts = parts or text.split_names(raw)
    found: list[PersonRef] = []
    for part in parts:
        suffix = ROLE_SUFFIX_RE.search(part)
        said = role_word(suffix.group("word")) if suffix else None
        if suffix is not None and said is not None:  # "Jane Doe, Acme (moderator)"
            part = part[: suffix.start()]
        name, affiliation = text.split_affiliation(part)
        in_place = role_word(affiliation)  # "Jane Doe (Moderator)": a role, not an affiliation
        stated = in_place or said
        person = make_person(
            name,
            role=stated if stated is not None and role is Role.SPEAKER else role,
            affiliation=None if in_place is not None else affiliation,
            external_id=external_id if len(parts) == 1 else None,
            bio=bio if len(parts) == 1 else None,
        )
        if person is not None:
            found.append(person)
    return found


def _record_parts(raw: str) -> list[str]:
    """Comma-separated people of a speaker record, or [] when a part is not a person (an
    affiliation), the field reads as 'Last, First' or semicolons part its people."""
    if ";" in raw and "," in raw:
        return []  # "A, Org; B, Org": semicolons part people, commas their affiliations
    pieces = [text.clean(p) for p in text.split_top_level(RECORD_SPLIT_RE, raw) if text.clean(p)]
    if len(pieces) < 2 or (len(pieces) == 2 and any(" " not in p for p in pieces)):
        return []
    for piece in pieces:
        bare = text.PAREN_RE.sub("", piece).strip()
        if personhood.classify(bare).kind != personhood.PERSON or len(bare.split()) > 4:
            return []
    return pieces


def merge_people(people: Iterable[PersonRef | None]) -> tuple[PersonRef, ...]:
    """Merge duplicates within a session (same name key), keeping the first and filling gaps."""
    merged: dict[str, PersonRef] = {}
    for person in people:
        if person is None:
            continue
        key = text.name_key(person.name) or person.name
        old = merged.get(key)
        if old is None:
            merged[key] = person
            continue
        role = old.role
        if ROLE_STRENGTH.get(old.role, 1) < ROLE_STRENGTH.get(person.role, 1):
            role = person.role
        fill = {
            field: getattr(person, field)
            for field in ("honorific", "affiliation", "bio", "pronouns", "external_id")
            if getattr(old, field) is None and getattr(person, field) is not None
        }
        merged[key] = old.model_copy(update={"role": role, **fill})
    return tuple(merged.values())


def make_session(
    title: str,
    *,
    people: Iterable[PersonRef | None] = (),
    start: datetime | None = None,
    end: datetime | None = None,
    kind: str | None = None,
    room: str | None = None,
    external_id: str | None = None,
    keynote: bool = False,
) -> Session:
    """Build a Session: people merged, and speakers of a keynote session marked `keynote`.

    A session is a keynote when `keynote` is set or its kind or title says so.
    """
    merged = merge_people(people)
    if keynote or KEYNOTE_RE.search(kind or "") or KEYNOTE_RE.search(title):
        merged = tuple(
            p.model_copy(update={"role": Role.KEYNOTE}) if p.role is Role.SPEAKER else p
            for p in merged
        )
    return Session(
        title=text.clean(title) or "(untitled)",
        start=start,
        end=end,
        kind=text.clean(kind) or None,
        room=text.clean(room) or None,
        external_id=external_id or None,
        people=merged,
    )


def name_from_url(url: str | None) -> str:
    """An event name when the document has none: the URL's last path part without extension."""
    if not url:
        return "(untitled)"
    parts = [p for p in urlsplit(url).path.split("/") if p]
    return parts[-1].split(".", 1)[0] if parts else urlsplit(url).netloc or "(untitled)"


def make_lineup(
    event: Event, sessions: Iterable[Session], *, fmt: str, url: str | None = None
) -> Lineup:
    """Assemble the Lineup, refusing an agenda with no sessions at all. A session seen twice
    (a page's grid and list views, a feed's duplicate event) is kept once."""
    found = tuple(_distinct(sessions))
    if not found:
        raise EmptyDocument(f"{fmt}: the agenda holds no sessions", source=url)
    return Lineup(event=event, sessions=found, format=fmt)


text.CACHE_CLEARERS.append(_name_parts.cache_clear)


def _distinct(sessions: Iterable[Session]) -> Iterator[Session]:
    """Sessions in order, without repeats: same title, start and people (a session with
    nobody named is never a repeat: breaks recur)."""
    seen: set[tuple[str, datetime | None, tuple[str, ...]]] = set()
    for item in sessions:
        people = tuple(sorted(text.name_key(p.name) for p in item.people))
        ident = (item.title.casefold(), item.start, people)
        if people and ident in seen:
            continue
        seen.add(ident)
        yield item
