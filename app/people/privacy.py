"""Who may be shown by name, and where (DESIGN.md, public naming; issues 13 and 14).

The one module that decides it. An opted-out person never appears by name: not their own row,
not the rows merged into them (aliases), not a title or free text that carries one of their
names. Everyone else is named on public pages only under the public-naming rule (`PublicRule`);
behind a viewer key they are named. Services and pages ask here; nothing else decides.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import event, func, or_, select, true
from sqlalchemy.orm import Session

from app.gender.honorifics import FEMALE_HONORIFICS, MALE_HONORIFICS
from app.gender.models import CURRENT_LABEL
from app.hygiene import clean_text
from app.people.models import Person

__all__ = [
    "HIDDEN",
    "PUBLIC_SOURCES",
    "Mask",
    "PublicRule",
    "Visibility",
    "identity_members",
    "load",
    "names_of",
    "publicly_named",
]

HIDDEN = "[name withheld]"
# A label from the person or from a public record: the person is named publicly (DESIGN.md).
PUBLIC_SOURCES = frozenset({"self_id", "wikidata"})
IN_CHUNK = 5000
_TOKEN = re.compile(r"\w+")
# What may stand between two words of one name: "Popescu, Elena", "E. Popescu", "Jean-Luc".
_NAME_GAP = re.compile(r"^[\s.,'\u2019\u2018`\-\u2010\u2011]{1,4}$")
_TRANSLIT = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae",
                           "œ": "oe", "ı": "i", "ħ": "h", "ŧ": "t"})  # fmt: skip
_TITLES = frozenset((
    "dr", "drs", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "lady",
    "lord", "sen", "senator", "rep", "gen", "amb", "col", "hon", "rev", "fr", "dott", "dra", "ing",
    "mag", "herr", "frau", "mme", "mlle", "monsieur", "madame", "sr", "sra", "srta", "don", "dona",
    "pani", "pan", "st", "capt", "maj", "lt", "adm", "president", "minister", "judge", "justice",
))  # fmt: skip
HONORIFICS = _TITLES | {h for h in FEMALE_HONORIFICS | MALE_HONORIFICS if h.isalpha()}
_MAX_CACHE = 50_000
_CACHE_KEY = "voicetally.visibility"


@lru_cache(maxsize=65_536)
def fold(token: str) -> str:
    """A word compared without case, accents or special letters: 'Popéscu' == 'popescu'."""
    decomposed = unicodedata.normalize("NFKD", token.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.translate(_TRANSLIT)


def _tokens(name: str) -> tuple[str, ...]:
    words = [fold(m.group()) for m in _TOKEN.finditer(clean_text(name))]
    while words and words[0] in HONORIFICS and len(words) > 1:
        words.pop(0)
    return tuple(words)


@dataclass
class Mask:
    """Masks every spelling of a set of names inside free text, and says if a name is one.

    Robust to case, accents, honorifics ("Dr. Popescu"), initials ("E. Popescu") and order
    ("Popescu, Elena"). Built from names; pure after that.
    """

    names: Collection[str] = ()
    _full: set[tuple[str, ...]] = field(default_factory=set, init=False)
    _surnames: set[str] = field(default_factory=set, init=False)
    _longest: int = field(default=0, init=False)
    _cache: dict[str, str] = field(default_factory=dict, init=False)
    _vocab: set[str] = field(default_factory=set, init=False)

    def __post_init__(self) -> None:
        for name in self.names:
            words = _tokens(name)
            if len(words) == 1 and len(words[0]) >= 3:
                self._full.add(words)
            elif len(words) >= 2:
                first, last = words[0], words[-1]
                self._full.update({words, (first, last), (last, first), (last, *words[:-1])})
                if len(first) > 1:
                    self._full.add((first[0], last))
                if len(last) >= 2:
                    self._surnames.add(last)
                # "ElenaPopescu": a zero-width space removed, or words run together on purpose.
                self._full.add(("".join(words),))
        self._longest = max((len(words) for words in self._full), default=0)
        # Every match holds its pattern's longest word (or a surname): the quick test's words.
        self._vocab = {max(words, key=len) for words in self._full} | self._surnames

    def __bool__(self) -> bool:
        return bool(self._full)

    def text(self, raw: str | None) -> str | None:
        """RAW cleaned (hygiene) with every masked name replaced by HIDDEN."""
        if raw is None:
            return None
        if raw in self._cache:
            return self._cache[raw]
        cleaned = clean_text(raw, keep_newlines=True)
        masked = self._mask(cleaned) if self._full and self._may_match(cleaned) else cleaned
        if len(self._cache) < _MAX_CACHE:
            self._cache[raw] = masked
        return masked

    def hides(self, name: str | None) -> bool:
        """Whether NAME is (or contains) one of the masked names."""
        if not name or not self._full:
            return False
        return self.text(name) != clean_text(name, keep_newlines=True)

    def deep(self, value: Any) -> Any:
        """VALUE (JSON-like) with every string masked."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {key: self.deep(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.deep(item) for item in value]
        return value

    def _may_match(self, text: str) -> bool:
        """A quick test: an ASCII text without a word of any masked name cannot match."""
        if not text.isascii():
            return True
        return not self._vocab.isdisjoint(_TOKEN.findall(text.lower()))

    def _mask(self, text: str) -> str:
        found = list(_TOKEN.finditer(text))
        words = [fold(m.group()) for m in found]
        spans: list[tuple[int, int]] = []
        i = 0
        while i < len(found):
            end = self._match(text, found, words, i)
            if end is None:
                i += 1
                continue
            start = i
            while start > 0 and (
                _hyphened(text, found, start - 1)
                or (words[start - 1] in HONORIFICS and _joined(text, found, start - 1))
            ):
                start -= 1
            while end + 1 < len(found) and _hyphened(text, found, end):
                end += 1  # a double-barrelled name is one name: "Popescu-Ionescu"
            spans.append((found[start].start(), found[end].end()))
            i = end + 1
        for begin, finish in reversed(spans):
            text = text[:begin] + HIDDEN + text[finish:]
        return text

    def _match(self, text: str, found: list[re.Match[str]], words: list[str], i: int) -> int | None:
        """The index of the last word of a masked name starting at word I, or None."""
        for length in range(min(self._longest, len(words) - i), 0, -1):
            if tuple(words[i : i + length]) in self._full and all(
                _joined(text, found, k) for k in range(i, i + length - 1)
            ):
                return i + length - 1
        if (
            words[i] in HONORIFICS
            and i + 1 < len(words)
            and words[i + 1] in self._surnames
            and _joined(text, found, i)
        ):
            return i + 1
        return None


def _hyphened(text: str, found: list[re.Match[str]], k: int) -> bool:
    """Whether words K and K+1 of TEXT are joined by a hyphen alone ("Jean-Luc")."""
    return text[found[k].end() : found[k + 1].start()] in ("-", "\u2010", "\u2011")


def _joined(text: str, found: list[re.Match[str]], k: int) -> bool:
    """Whether words K and K+1 of TEXT may belong to one name (only name punctuation between)."""
    return bool(_NAME_GAP.match(text[found[k].end() : found[k + 1].start()]))


def _root_of(parents: dict[int, int | None], person_id: int) -> int:
    seen = {person_id}
    while (parent := parents.get(person_id)) is not None and parent not in seen:
        seen.add(parent)
        person_id = parent
    return person_id


def identity_members(session: Session, person_ids: Iterable[int]) -> dict[int, set[int]]:
    """For each person, the ids of its whole identity: the survivor and every row merged into
    it (transitively), keyed by the id asked for. An unknown id maps to itself only."""
    query = select(Person.id, Person.merged_into_id).where(Person.merged_into_id.is_not(None))
    parents: dict[int, int | None] = {child: parent for child, parent in session.execute(query)}
    return _identities(parents, person_ids)


def _identities(parents: dict[int, int | None], person_ids: Iterable[int]) -> dict[int, set[int]]:
    """identity_members over PARENTS (every merged row: its survivor)."""
    children: dict[int, set[int]] = {}
    for child, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, set()).add(child)
    found: dict[int, set[int]] = {}
    for person_id in set(person_ids):
        root = _root_of(parents, person_id)
        members, frontier = {root}, [root]
        while frontier:
            nxt = [c for p in frontier for c in children.get(p, ()) if c not in members]
            members.update(nxt)
            frontier = nxt
        found[person_id] = members
    return found


def names_of(session: Session, person_ids: Iterable[int]) -> dict[int, set[str]]:
    """Every name of each person: its own, its survivor's and those of every row merged into
    the same identity (aliases). The one place that knows what "a person's names" are."""
    members = identity_members(session, person_ids)
    everyone = sorted({m for ids in members.values() for m in ids})
    display: dict[int, str] = {}
    for start in range(0, len(everyone), IN_CHUNK):
        chunk = everyone[start : start + IN_CHUNK]
        query = select(Person.id, Person.display_name).where(Person.id.in_(chunk))
        display.update((pid, name) for pid, name in session.execute(query))
    return {pid: {display[m] for m in ids if m in display} for pid, ids in members.items()}


@dataclass(frozen=True, slots=True)
class Visibility:
    """Who is hidden in one read (a request, an export): opted-out identities and their names."""

    hidden_ids: frozenset[int]
    mask: Mask

    def hidden(self, person_id: int | None) -> bool:
        """Whether this person (or alias) opted out: never named, never listed."""
        return person_id is not None and person_id in self.hidden_ids

    def text(self, raw: str | None) -> str | None:
        """Free text (a title, a description, a quote) with opted-out names masked."""
        return self.mask.text(raw)


def load(session: Session) -> Visibility:
    """Who opted out: every identity with an opted-out row, and all of its names.

    Read once per transaction (kept in session.info, dropped at every flush, so a write in the
    same transaction is seen by the next read).
    """
    cached = session.info.get(_CACHE_KEY)
    if isinstance(cached, Visibility):
        return cached
    # One read of the few rows that matter (opted-out and merged rows), by the partial indexes
    # of migration 0009; `= true()` is the spelling ix_people_opted_out is made for.
    rows = session.execute(
        select(Person.id, Person.merged_into_id, Person.opted_out, Person.display_name)
        .where(or_(Person.opted_out == true(), Person.merged_into_id.is_not(None)))
    ).all()  # fmt: skip
    opted = [row.id for row in rows if row.opted_out]
    found = Visibility(frozenset(), Mask())
    if opted:
        parents = {row.id: row.merged_into_id for row in rows if row.merged_into_id is not None}
        ids = frozenset(m for group in _identities(parents, opted).values() for m in group)
        names = {row.id: row.display_name for row in rows}
        missing = [pid for pid in ids if pid not in names]  # a survivor whose alias opted out
        if missing:
            query = select(Person.id, Person.display_name).where(Person.id.in_(missing))
            names.update((pid, name) for pid, name in session.execute(query))
        shown = sorted({names[pid] for pid in ids if pid in names})
        found = Visibility(ids, _mask_of(tuple(shown)))
    session.info[_CACHE_KEY] = found
    return found


@lru_cache(maxsize=16)
def _mask_of(names: tuple[str, ...]) -> Mask:
    """The Mask of these names, built once and shared by the requests that read the same
    opted-out names (its text cache with it); a changed name list is a new Mask."""
    return Mask(names)


@event.listens_for(Session, "after_flush")
def _forget(session: Session, _context: Any) -> None:
    session.info.pop(_CACHE_KEY, None)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_at_end(session: Session) -> None:
    session.info.pop(_CACHE_KEY, None)


@dataclass(frozen=True, slots=True)
class PublicRule:
    """Who is named on public pages (DESIGN.md, public naming): a self-identified or publicly
    recorded label, or a public figure: cited in MIN_ARTICLES articles or speaking at
    MIN_EVENTS events (VOICETALLY_PUBLIC_MIN_ARTICLES / _MIN_EVENTS)."""

    min_articles: int = 5
    min_events: int = 3


def publicly_named(
    session: Session,
    person_ids: Iterable[int],
    rule: PublicRule,
    *,
    visibility: Visibility | None = None,
) -> set[int]:
    """The people among PERSON_IDS that a public page may name under RULE (never opted out)."""
    from app.articles.models import Citation
    from app.events.models import AgendaSession, Appearance

    seen = visibility or load(session)
    ids = sorted({pid for pid in person_ids if not seen.hidden(pid)})
    named: set[int] = set()
    for start in range(0, len(ids), IN_CHUNK):
        chunk = ids[start : start + IN_CHUNK]
        labels = session.execute(
            select(CURRENT_LABEL.c.person_id, CURRENT_LABEL.c.source, CURRENT_LABEL.c.opted_out)
            .where(CURRENT_LABEL.c.person_id.in_(chunk))
        ).all()  # fmt: skip
        rest = []
        for pid, source, opted_out in labels:
            if opted_out:
                continue
            if source in PUBLIC_SOURCES:
                named.add(pid)
            else:
                rest.append(pid)
        if not rest:
            continue
        articles = session.execute(
            select(Citation.person_id, func.count(func.distinct(Citation.article_id)))
            .where(Citation.person_id.in_(rest))
            .group_by(Citation.person_id)
        )
        named.update(pid for pid, n in articles if n >= rule.min_articles)
        events = session.execute(
            select(Appearance.person_id, func.count(func.distinct(AgendaSession.event_id)))
            .join(AgendaSession, Appearance.session_id == AgendaSession.id)
            .where(Appearance.person_id.in_(rest))
            .group_by(Appearance.person_id)
        )
        named.update(pid for pid, n in events if n >= rule.min_events)
    return named
