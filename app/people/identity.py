"""People as identities: which person a name on a page is, and editors' merge, split and undo.

The matching rule (DESIGN.md, Data flow: people as identities), in order:
1. An identifier the source gives (an agenda system's speaker id, scoped to its host; a Wikidata
   id) that a person already carries names that person.
2. Otherwise, among the people with the same name key, the first who shares a context with the
   page: the same event or event series, the same outlet (as author or cited), or the same
   affiliation.
3. Otherwise a new person. Namesakes in unrelated contexts stay apart until an editor merges them.

Merge and split keep every row: a merge points the other person at the survivor (its appearances,
citations and labels count for the survivor through current_label); a split moves the chosen
appearances, authorships and citations to a new person. Both are audited with what moved and can
be undone. Functions over a Session; callers own transactions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.access import service as access_service
from app.access.models import AuditEntry
from app.articles.models import Article, Authorship, Citation
from app.errors import Conflict, InvalidInput, NotFound
from app.events.models import AgendaSession, Appearance, Event
from app.gender.labels import Source
from app.gender.models import GenderLabel
from app.people.models import Person, PersonIdentifier

__all__ = [
    "Context",
    "SplitRows",
    "candidates",
    "match",
    "members",
    "merge",
    "remember_identifier",
    "split",
    "undo",
]


@dataclass(frozen=True, slots=True)
class Context:
    """Where a name was found: what tells one namesake from another."""

    event_id: int | None = None
    series_id: int | None = None
    outlet_id: int | None = None
    affiliation: str | None = None
    identifier: tuple[str, str] | None = None  # (scheme, value), e.g. ("pretalx:host", "ABC")


def members(person_id: int) -> Any:
    """The people rows of an identity: itself and those merged into it."""
    member = aliased(Person)  # never correlated with an enclosing query on people
    return select(member.id).where(func.coalesce(member.merged_into_id, member.id) == person_id)


def _shares_context(session: Session, person_id: int, context: Context) -> bool:
    ids = members(person_id)
    checks = []
    if context.event_id is not None or context.series_id is not None:
        same = Event.id == context.event_id
        if context.series_id is not None:
            same = or_(same, Event.series_id == context.series_id)
        checks.append(
            exists()
            .where(Appearance.person_id.in_(ids), same)
            .where(Appearance.session_id == AgendaSession.id, AgendaSession.event_id == Event.id)
        )
    if context.outlet_id is not None:
        for link in (Citation, Authorship):
            checks.append(
                exists().where(
                    link.person_id.in_(ids),
                    link.article_id == Article.id,
                    Article.outlet_id == context.outlet_id,
                )
            )
    if context.affiliation:
        checks.append(
            exists().where(
                Person.id.in_(ids),
                func.lower(Person.affiliation) == context.affiliation.strip().lower(),
            )
        )
    return any(session.scalar(select(check)) for check in checks)


def candidates(session: Session, keys: Iterable[str]) -> dict[str, list[int]]:
    """The identities (merges followed) each name key may be, oldest row first: what `match`
    reads first, for a page's names in one statement (issue 16); [] for a key nobody has."""
    unique = sorted(set(keys))
    found: dict[str, list[int]] = {key: [] for key in unique}
    for start in range(0, len(unique), 500):
        rows = session.execute(
            select(Person.name_key, func.coalesce(Person.merged_into_id, Person.id))
            .where(Person.name_key.in_(unique[start : start + 500]))
            .order_by(Person.id)
        )
        for key, person_id in rows:
            found[key].append(person_id)
    return found


def match(
    session: Session, key: str, context: Context, *, known: Sequence[int] | None = None
) -> Person | None:
    """Return the person a name with KEY in CONTEXT is, by the rule above; None: a new one.

    KNOWN: KEY's `candidates`, read before any person of that key was added in this session.
    """
    if context.identifier is not None:
        scheme, value = context.identifier
        owner = session.scalar(
            select(PersonIdentifier.person_id).where(
                PersonIdentifier.scheme == scheme, PersonIdentifier.value == value
            )
        )
        if owner is not None:
            return _identity(session, owner)
    # A name merged into someone else finds that someone (the editor said they are one).
    if known is None:
        known = session.scalars(
            select(func.coalesce(Person.merged_into_id, Person.id))
            .where(Person.name_key == key)
            .order_by(Person.id)
        ).all()
    for candidate in dict.fromkeys(known):
        if _shares_context(session, candidate, context):
            return _identity(session, candidate)
    return None


def _identity(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"no person with id {person_id}")
    return session.get(Person, person.merged_into_id) if person.merged_into_id else person


def remember_identifier(session: Session, person: Person, identifier: tuple[str, str]) -> None:
    """Record that PERSON carries IDENTIFIER (first holder wins)."""
    scheme, value = identifier
    taken = session.scalar(
        select(PersonIdentifier.id).where(
            PersonIdentifier.scheme == scheme[:200], PersonIdentifier.value == value[:300]
        )
    )
    if taken is None:
        session.add(PersonIdentifier(person_id=person.id, scheme=scheme[:200], value=value[:300]))
        session.flush()


def _counts(session: Session, person_ids: list[int]) -> dict[str, int]:
    return {
        model.__tablename__: session.scalar(
            select(func.count()).select_from(model).where(model.person_id.in_(person_ids))
        )
        or 0
        for model in (Appearance, Authorship, Citation, GenderLabel)
    }


def merge(session: Session, *, keep_id: int, other_id: int, actor: str) -> AuditEntry:
    """Count OTHER (and anyone merged into it) as KEEP from now on; no row moves or is lost."""
    if keep_id == other_id:
        raise Conflict("a person cannot be merged into themself")
    keep, other = session.get(Person, keep_id), session.get(Person, other_id)
    if keep is None or other is None:
        raise NotFound(f"no person with id {keep_id if keep is None else other_id}")
    if keep.merged_into_id is not None or other.merged_into_id is not None:
        raise Conflict("one of these people was already merged into someone else")
    followers = session.scalars(select(Person).where(Person.merged_into_id == other.id)).all()
    moved_ids = [other.id, *(p.id for p in followers)]
    for person in (other, *followers):
        person.merged_into_id = keep.id
    session.flush()
    return access_service.audit(
        session, actor=actor, action="person.merge", entity="person", entity_id=keep.id,
        before={"other_id": other.id, "followers": [p.id for p in followers]},
        after={"members": moved_ids, "counted_rows": _counts(session, moved_ids)},
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class SplitRows:
    """The rows an editor moves to the new person."""

    appearances: tuple[int, ...] = ()
    authorships: tuple[int, ...] = ()
    citations: tuple[int, ...] = ()


def split(session: Session, *, person_id: int, rows: SplitRows, actor: str) -> AuditEntry:
    """Move the chosen rows of PERSON to a new person of the same name; return the audit entry.

    The new person starts with PERSON's name-based label (the same name is the same evidence);
    statements about PERSON (self-identification, corrections, opt-out) stay with PERSON.
    """
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"no person with id {person_id}")
    if person.merged_into_id is not None:
        raise Conflict("split the person this one was merged into")
    if not (rows.appearances or rows.authorships or rows.citations):
        raise InvalidInput("choose at least one appearance, authorship or citation to split off")
    own = set(session.scalars(members(person.id)))
    fresh = Person(display_name=person.display_name, name_key=person.name_key, kind=person.kind,
                   honorific=person.honorific, country=person.country, opted_out=False)  # fmt: skip
    session.add(fresh)
    session.flush()
    moved: dict[str, list[int]] = {}
    for model, ids in ((Appearance, rows.appearances), (Authorship, rows.authorships),
                       (Citation, rows.citations)):  # fmt: skip
        found = session.scalars(select(model).where(model.id.in_(ids))).all() if ids else []
        if len(found) != len(set(ids)) or any(row.person_id not in own for row in found):
            # 404: rows that do not exist under this person, as for a missing person
            raise NotFound(f"some {model.__tablename__} ids are not this person's")
        for row in found:
            row.person_id = fresh.id
        moved[model.__tablename__] = sorted(row.id for row in found)
    _copy_name_label(session, person.id, fresh.id)
    session.flush()
    return access_service.audit(
        session, actor=actor, action="person.split", entity="person", entity_id=person.id,
        before={"person_id": person.id}, after={"new_person_id": fresh.id, "moved": moved},
    )  # fmt: skip


def _copy_name_label(session: Session, from_id: int, to_id: int) -> None:
    row = session.scalar(
        select(GenderLabel)
        .where(GenderLabel.person_id == from_id, GenderLabel.source == Source.NAME)
        .order_by(GenderLabel.created_at.desc(), GenderLabel.id.desc())
        .limit(1)
    )
    if row is not None:
        session.add(GenderLabel(
            person_id=to_id, label=row.label, source=row.source, probability=row.probability,
            p_woman=row.p_woman, p_man=row.p_man, evidence=list(row.evidence), actor="split",
            note=row.note,
        ))  # fmt: skip


def undo(session: Session, *, entry_id: int, actor: str) -> AuditEntry:
    """Undo a merge or a split recorded in audit entry ENTRY_ID; audited in turn."""
    entry = session.get(AuditEntry, entry_id)
    if entry is None or entry.action not in ("person.merge", "person.split"):
        raise NotFound(f"no merge or split with audit id {entry_id}")
    done = session.scalar(
        select(AuditEntry.id).where(
            AuditEntry.action == "person.undo", AuditEntry.entity_id == entry.id
        )
    )
    if done is not None:
        raise Conflict(f"audit entry {entry_id} was already undone (entry {done})")
    if entry.action == "person.merge":
        _undo_merge(session, entry)
    else:
        _undo_split(session, entry)
    session.flush()
    return access_service.audit(
        session, actor=actor, action="person.undo", entity="audit_log", entity_id=entry.id,
        before=entry.after, after=entry.before,
    )  # fmt: skip


def _undo_merge(session: Session, entry: AuditEntry) -> None:
    before = entry.before or {}
    other = session.get(Person, before["other_id"])
    if other is None or other.merged_into_id != entry.entity_id:
        raise Conflict("the merged person has changed since; undo the later change first")
    other.merged_into_id = None
    for follower_id in before.get("followers", []):
        follower = session.get(Person, follower_id)
        if follower is not None and follower.merged_into_id == entry.entity_id:
            follower.merged_into_id = other.id


def _undo_split(session: Session, entry: AuditEntry) -> None:
    after = entry.after or {}
    fresh = session.get(Person, after["new_person_id"])
    if fresh is None or fresh.merged_into_id is not None:
        raise Conflict("the split-off person has changed since; undo the later change first")
    for model in (Appearance, Authorship, Citation):
        ids = after["moved"].get(model.__tablename__, [])
        for row in session.scalars(select(model).where(model.id.in_(ids))) if ids else ():
            if row.person_id == fresh.id:
                row.person_id = entry.entity_id
    fresh.merged_into_id = entry.entity_id  # kept, never deleted: its labels stay in history
