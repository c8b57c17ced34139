"""Rollups correct by construction: every ORM write that can change a number records the slices
it touched, and the slices are recomputed in the same transaction, before it commits.

No caller refreshes anything: mapper events record what a flush wrote (labels, people, events,
sessions, appearances, articles, authorships, citations, outlets), and the session's
`before_commit` recomputes those slices (one event; one outlet-month, then that month's sums
over each country's outlets, then the yearly sums of both) with the SQL in
app/metrics/queries/rollup_*.sql, the metric definitions over current_label and the base
tables, then stores the citation matrix's resampling of the years it touched
(app/metrics/resampling.py). Reads in the same transaction call `apply_pending` first.
`rebuild` recomputes all.
A new label row counts only when it changes what the rollups read of the person's current label
(identity, kind, label, p_woman, p_man): SQLite reads those before at the flush, PostgreSQL under
the identity's lock at the refresh (`_labels_before`), the refresh after. People inserted in the
transaction resolve to nothing more than their own rows, each recorded on its own.
On PostgreSQL a refresh first locks the identity of every person its rows name (labels, people,
appearances, authorships, citations), then finds their slices, then locks those
(`apply_pending`); a merge or a split's undo locks everything (DESIGN.md, "How").
A write that bypasses the ORM (a bulk UPDATE on a base table) must call `touch_people` or
`touch_events`/`touch_articles` itself; none does today.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy import (
    Insert,
    bindparam,
    delete,
    event,
    func,
    insert,
    inspect,
    literal,
    select,
    text,
    tuple_,
)
from sqlalchemy.orm import Session, aliased, object_session

from app.articles.models import Article, Authorship, Citation, Outlet
from app.columns import TIMESTAMP
from app.events.models import AgendaSession, Appearance, Event
from app.gender.models import GenderLabel
from app.metrics import resampling
from app.metrics.models import (
    CitationProfile,
    CitationResampling,
    CitationRollup,
    CitationYearProfile,
    CitationYearRollup,
    CitationYearStamp,
    CountryCitationProfile,
    CountryCitationRollup,
    CountryCitationYearProfile,
    CountryCitationYearRollup,
    ManelRollup,
    PanelRollup,
)
from app.people.models import Person

__all__ = [
    "apply_pending",
    "rebuild",
    "refresh_articles",
    "refresh_events",
    "touch_articles",
    "touch_events",
    "touch_people",
]

CHUNK = 500
PENDING = "voicetally.rollups.pending"
# PostgreSQL advisory locks, per slice (event; outlet-month; a month's country sums), so two
# transactions that touch the same slice queue and unrelated slices never wait on each other.
# Every refresh holds the rebuild key shared; a rebuild holds it exclusively, and so does a
# transaction that moves a person between identities (a merge, a split's undo), so identities
# stay put while anyone holds their locks. Before its slices, a refresh locks the identities its
# rows name (IDENTITY_LOCK, keyed by the identity's person id): see `_lock_identities`.
REBUILD_KEY = 0x766F6972
EVENT_LOCK, MONTH_LOCK, COUNTRY_MONTH_LOCK, YEAR_LOCK, COUNTRY_YEAR_LOCK = 1, 2, 3, 4, 5
IDENTITY_LOCK = 6
MonthKey = tuple[int, int, int]  # (outlet id or 0, year, month)
# The yearly sums of the monthly tables (app/metrics/models.py): (monthly, yearly) pairs, per
# outlet first, then each country's.
YEARLY = ((CitationRollup, CitationYearRollup), (CitationProfile, CitationYearProfile),
          (CountryCitationRollup, CountryCitationYearRollup),
          (CountryCitationProfile, CountryCitationYearProfile))  # fmt: skip
SUMMED = frozenset({"citations", "articles", "p_woman", "p_man", "p_var"})
ROLLUPS = (PanelRollup, ManelRollup, CitationRollup, CitationProfile, CountryCitationRollup,
           CountryCitationProfile, *(yearly for _monthly, yearly in YEARLY),
           CitationYearStamp, CitationResampling)  # fmt: skip


@dataclass
class Pending:
    """Slices a transaction touched, recorded by the mapper events below."""

    events: set[int] = field(default_factory=set)
    sessions: set[int] = field(default_factory=set)
    people: set[int] = field(default_factory=set)
    articles: set[int] = field(default_factory=set)
    months: set[MonthKey] = field(default_factory=set)
    outlets: set[int] = field(default_factory=set)
    # People given a new label row: what current_label showed the rollups before the first of
    # them in this batch (None: no row), compared with after at the refresh (`_relabelled`).
    labelled: dict[int, tuple[Any, ...] | None] = field(default_factory=dict)
    # People inserted in this batch: every row naming them (appearance, authorship, citation,
    # a member merged into them) was written in it too and recorded itself, so their labels
    # and their own row touch nothing more.
    created: set[int] = field(default_factory=set)
    # PostgreSQL: the label rows this batch inserted (read "before" without them) and the
    # people its appearances, authorships and citations name (their identities are locked).
    label_rows: set[int] = field(default_factory=set)
    named: set[int] = field(default_factory=set)
    # A person moved between identities (merged_into_id changed, or a person deleted).
    regrouped: bool = False

    def __bool__(self) -> bool:
        return any((self.events, self.sessions, self.people, self.articles, self.months,
                    self.outlets, self.labelled))  # fmt: skip


@cache
def _query(name: str) -> Any:
    sql = resources.files("app.metrics.queries").joinpath(f"{name}.sql").read_text()
    statement = text(sql)
    if ":event_ids" in sql:
        return statement.bindparams(bindparam("event_ids", expanding=True))
    if ":start" in sql:
        return statement.bindparams(
            bindparam("start", type_=TIMESTAMP), bindparam("end", type_=TIMESTAMP)
        )
    return statement


def _pending(session: Session) -> Pending:
    found = session.info.get(PENDING)
    if found is None:
        found = session.info[PENDING] = Pending()
    return found


def touch_people(session: Session, person_ids: Iterable[int]) -> None:
    """Record that these people's labels or identity changed outside the ORM."""
    _pending(session).people.update(person_ids)


def touch_events(session: Session, event_ids: Iterable[int]) -> None:
    _pending(session).events.update(event_ids)


def touch_articles(session: Session, article_ids: Iterable[int]) -> None:
    _pending(session).articles.update(article_ids)


def _old(target: Any, name: str) -> Any:
    """The value attribute NAME had before this flush (None when unchanged or new)."""
    history = inspect(target).attrs[name].history
    return history.deleted[0] if history.deleted else None


def _month_of(outlet_id: int | None, published: datetime | None) -> MonthKey | None:
    if published is None:
        return None
    if published.tzinfo is not None:
        published = published.astimezone(UTC)
    return (outlet_id or 0, published.year, published.month)


# The columns whose change can move a number; other updates (a bio, a title) touch no slice.
COUNTED_COLUMNS: dict[type, tuple[str, ...]] = {
    GenderLabel: ("person_id", "label", "p_woman", "p_man"),
    Person: ("opted_out", "kind", "merged_into_id"),
    Event: ("starts_on", "series_id", "country"),
    AgendaSession: ("event_id",),
    Appearance: ("session_id", "person_id", "role"),
    Authorship: ("article_id", "person_id"),
    Citation: ("article_id", "person_id"),
    Article: ("published", "outlet_id"),
    Outlet: ("country",),
}


def _changed(target: Any) -> bool:
    state = inspect(target)
    return any(state.attrs[name].history.has_changes() for name in COUNTED_COLUMNS[type(target)])


def _record(target: Any, *, updated: bool, inserted: bool = False) -> None:
    session = object_session(target)
    if session is None or (updated and not _changed(target)):
        return
    pending = _pending(session)
    if isinstance(target, GenderLabel):
        _record_label(session, pending, target, updated=updated, inserted=inserted)
    elif isinstance(target, Person) and inserted:
        pending.created.add(target.id)
        pending.people.update(filter(None, (target.merged_into_id,)))
    elif isinstance(target, Person):
        # A merge, a split's undo or a deletion moves people between identities.
        moved = inspect(target).attrs["merged_into_id"].history.has_changes()
        pending.regrouped |= moved or not updated
        pending.people.update(
            filter(None, (target.id, target.merged_into_id, _old(target, "merged_into_id")))
        )
    elif isinstance(target, Event):
        pending.events.add(target.id)
    elif isinstance(target, AgendaSession):
        pending.events.update(filter(None, (target.event_id, _old(target, "event_id"))))
    elif isinstance(target, Appearance):
        pending.sessions.update(filter(None, (target.session_id, _old(target, "session_id"))))
        pending.named.update(filter(None, (target.person_id, _old(target, "person_id"))))
    elif isinstance(target, Authorship | Citation):
        pending.articles.update(filter(None, (target.article_id, _old(target, "article_id"))))
        pending.named.update(filter(None, (target.person_id, _old(target, "person_id"))))
    elif isinstance(target, Article):
        pending.articles.add(target.id)
        old = _month_of(
            _old(target, "outlet_id") or target.outlet_id,
            _old(target, "published") or target.published,
        )
        pending.months.update(filter(None, (old,)))
    elif isinstance(target, Outlet):
        pending.outlets.add(target.id)


def _record_label(
    session: Session, pending: Pending, row: GenderLabel, *, updated: bool, inserted: bool
) -> None:
    """A new row is compared before/after (SQLite: "before" read at the flush; PostgreSQL: at
    the refresh, without this batch's new rows); an update counts as it is, and on PostgreSQL
    a delete too (the "before" it reads would miss the deleted row)."""
    if row.person_id in pending.created:
        return
    postgres = session.get_bind().dialect.name == "postgresql"
    if inserted and postgres:
        pending.labelled.setdefault(row.person_id, None)
        pending.label_rows.add(row.id)
    elif postgres or updated or row.person_id not in pending.labelled:
        pending.people.add(row.person_id)  # no "before" to compare with: count it


def _listen(model: type) -> None:
    event.listen(model, "after_insert",
                 lambda _m, _c, target: _record(target, updated=False, inserted=True))  # fmt: skip
    event.listen(model, "after_delete", lambda _m, _c, target: _record(target, updated=False))
    event.listen(model, "after_update", lambda _m, _c, target: _record(target, updated=True))


for _model in COUNTED_COLUMNS:
    _listen(_model)


# What the rollup SQL reads of a person's current_label row (app/metrics/queries/rollup_*.sql):
# a new label row that leaves these as they were moves no number. Every member row of an
# identity carries the identity's values, so a person's own row stands for the identity.
ROLLUP_LABEL = text(
    "select person_id, identity_id, kind, label, p_woman, p_man from current_label"
    " where person_id in :ids"
).bindparams(bindparam("ids", expanding=True))


def _rollup_labels(session: Session, person_ids: Iterable[int]) -> dict[int, tuple[Any, ...]]:
    found: dict[int, tuple[Any, ...]] = {}
    connection = session.connection()  # not session.execute: no autoflush inside a flush
    for chunk in _chunks(person_ids):
        for row in connection.execute(ROLLUP_LABEL, {"ids": chunk}):
            found[row[0]] = tuple(row[1:])
    return found


@event.listens_for(Session, "before_flush")
def _labels_before(session: Session, _context: Any, _instances: Any) -> None:
    """Read, in one statement, the current label of the people this flush gives a new label
    row (those not read already since the last refresh), so the refresh can tell whether it
    changed what the rollups count (issue 16: a recurring person's new cue words otherwise
    refreshed every month of all their articles).

    SQLite only: there writers are serialised (BEGIN IMMEDIATE), so "before" is what the
    rollups hold. On PostgreSQL a concurrent transaction could commit a label of the same
    identity between this read and our refresh, making "unchanged" wrong; there "before" is
    read at the refresh, under the identity's lock (`_labels_without`).
    """
    if session.get_bind().dialect.name != "sqlite":
        return
    new = {row.person_id for row in session.new if isinstance(row, GenderLabel)}
    pending = session.info.get(PENDING)
    known = pending.labelled if pending is not None else {}
    created = pending.created if pending is not None else set()
    people = {p for p in new if p is not None and p not in known and p not in created}
    if not people:
        return
    before = _rollup_labels(session, people)
    labelled = _pending(session).labelled
    for person_id in people:
        labelled[person_id] = before.get(person_id)


def _relabelled(session: Session, pending: Pending) -> set[int]:
    """The people given a new label row whose rollup-read current label differs from before
    (those counted already, by an update or their person's row, need no reading)."""
    labelled = {p: before for p, before in pending.labelled.items() if p not in pending.people}
    if not labelled:
        return set()
    if pending.label_rows:  # PostgreSQL
        labelled = _labels_without(session, pending.label_rows, people=labelled)
    after = _rollup_labels(session, labelled)
    return {person_id for person_id, before in labelled.items() if after.get(person_id) != before}


SAVEPOINT = "voicetally_labels_before"


def _labels_without(
    session: Session, rows: set[int], *, people: Iterable[int]
) -> dict[int, tuple[Any, ...] | None]:
    """PEOPLE's rollup-read current label as it would be without the label ROWS.

    PostgreSQL, called under the people's identity locks (`_lock_identities`), with no merge
    under way (those hold the rebuild key exclusively): every other transaction that wrote a
    label of these identities, or a row naming them, has committed, and so refreshed the
    slices it could see with what it could see, or waits for our commit, after which it sees
    ours. So without this batch's new rows, the current label is what the rollups hold, and a
    row that leaves it unchanged moves no number, as on SQLite. The rows are deleted in a
    savepoint rolled back at once (the label's precedence lives in one place, the view).
    """
    connection = session.connection()
    connection.execute(text(f"savepoint {SAVEPOINT}"))
    try:
        for chunk in _chunks(rows):
            connection.execute(delete(GenderLabel).where(GenderLabel.id.in_(chunk)))
        before = _rollup_labels(session, people)
    finally:
        connection.exec_driver_sql(
            f"rollback to savepoint {SAVEPOINT}; release savepoint {SAVEPOINT}"
        )
    return {person_id: before.get(person_id) for person_id in people}


@event.listens_for(Session, "before_commit")
def _refresh_before_commit(session: Session) -> None:
    if not session.in_nested_transaction():  # a savepoint's commit: wait for the real one
        apply_pending(session)
        # the matrix's resampling of the years it touched, stored for every process (issue #16)
        resampling.store_touched(session)


@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(PENDING, None)
        resampling.forget_touched(session)


def apply_pending(session: Session) -> None:
    """Recompute every slice this transaction touched (a no-op when it touched none)."""
    session.flush()
    while pending := session.info.pop(PENDING, None):
        # Locks in one global order: the rebuild key, identities sorted, slices sorted.
        _lock_identities(session, pending)
        events, months = _resolve(session, pending)
        _lock_slices(session, [(EVENT_LOCK, e) for e in events]
                     + [(MONTH_LOCK, _pack(m)) for m in months]
                     + [(COUNTRY_MONTH_LOCK, y * 12 + m) for _outlet, y, m in months]
                     + [(YEAR_LOCK, (o << 20) | y) for o, y, _m in months]
                     + [(COUNTRY_YEAR_LOCK, y) for _outlet, y, _m in months])  # fmt: skip
        _refresh_events(session, events)
        _refresh_months(session, months)


def _resolve(session: Session, pending: Pending) -> tuple[set[int], set[MonthKey]]:
    """Turn touched rows into slices: events, and outlet-months of dated articles."""
    events, articles, months = set(pending.events), set(pending.articles), set(pending.months)
    if pending.labelled:
        pending.people.update(_relabelled(session, pending))
    pending.people -= pending.created
    for chunk in _chunks(pending.sessions):
        events.update(session.scalars(
            select(AgendaSession.event_id).where(AgendaSession.id.in_(chunk))
        ))  # fmt: skip
    for chunk in _chunks(pending.people):
        # A label or opt-out of any row changes its whole identity: every member's rows count.
        row, member = aliased(Person), aliased(Person)
        roots = select(func.coalesce(row.merged_into_id, row.id)).where(row.id.in_(chunk))
        members = session.scalars(select(member.id).where(
            member.id.in_(chunk) | func.coalesce(member.merged_into_id, member.id).in_(roots)
        ))  # fmt: skip
        # The members as values, not a subquery: PostgreSQL planned `person_id in (subquery
        # with or)` as a scan of every appearance and citation (issue #16: seconds at 10M).
        for part in _chunks(members):
            events.update(session.scalars(
                select(AgendaSession.event_id)
                .join(Appearance, Appearance.session_id == AgendaSession.id)
                .where(Appearance.person_id.in_(part))
                .distinct()
            ))  # fmt: skip
            cited = select(Citation.article_id).where(Citation.person_id.in_(part))
            wrote = select(Authorship.article_id).where(Authorship.person_id.in_(part))
            articles.update(session.scalars(cited.union(wrote)))
    for chunk in _chunks(pending.outlets):
        articles.update(session.scalars(select(Article.id).where(Article.outlet_id.in_(chunk))))
    for chunk in _chunks(articles):
        rows = session.execute(
            select(Article.outlet_id, Article.published).where(Article.id.in_(chunk))
        )
        months.update(filter(None, (_month_of(o, p) for o, p in rows)))
    return events, months


def _chunks(ids: Iterable[Any]) -> Iterator[list[Any]]:
    unique = sorted(set(ids))
    for start in range(0, len(unique), CHUNK):
        yield unique[start : start + CHUNK]


def _pack(month: MonthKey) -> int:
    outlet_id, year, month_number = month
    return (outlet_id << 20) | (year * 12 + month_number)


# The slices' locks in one statement, taken one by one in the keys' order (the sorted subquery
# feeds the function row by row), so a refresh pays one round trip, not one a slice (issue 16).
SLICE_LOCKS = text(
    "select count(pg_advisory_xact_lock(key)) from"
    " (select key from unnest(cast(:keys as bigint[])) as key order by key) as sorted_keys"
)
# The identities of these people (a merged row's survivor), locked the same way: exclusively
# when a person's label may change, shared when a row only names them. Its snapshot is taken
# before it waits, so it reads identities only after the rebuild key is held.
IDENTITY_LOCKS = text(
    "select count(case when exclusive then pg_advisory_xact_lock(key)"
    " else pg_advisory_xact_lock_shared(key) end) from"
    " (select cast(:kind as bigint) | coalesce(people.merged_into_id, people.id) as key,"
    "  bool_or(named.exclusive) as exclusive"
    "  from unnest(cast(:ids as bigint[]), cast(:exclusive as boolean[])) as named(id, exclusive)"
    "  join people on people.id = named.id group by key order by key) as sorted_keys"
)


def _lock_identities(session: Session, pending: Pending) -> None:
    """PostgreSQL: take the rebuild key, then the lock of every identity this batch's rows name,
    before its slices are looked up.

    Without it, a transaction A adding a citation of X in month M refreshes M reading X's label
    while B, changing that label, refreshes X's months but not M (A's row is not committed):
    both commit, and M counts X under the old label. With it, whichever of A and B locks X
    second runs its lookups and refreshes after the other committed, and sees its rows (READ
    COMMITTED: each statement sees what committed before it began). A label row, a person's
    row or `touch_people` may change the label: exclusive. A row that only names the person
    holds it shared, so pages naming a recurring person do not queue on each other (no label of
    theirs can commit meanwhile). People created in this transaction are named by no other. A
    batch that moves people between identities takes the rebuild key exclusively instead: no
    identity lock is held elsewhere then, and while one is held, no identity changes. Taken at
    the refresh (the commit), so held as briefly as can be.
    """
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite: writers are serialised by BEGIN IMMEDIATE (app/db.py)
    _lock_rebuild(session, exclusive=pending.regrouped)
    if pending.regrouped:
        return
    relabelled = (pending.people | set(pending.labelled)) - pending.created
    people = sorted(relabelled | (pending.named - pending.created))
    if people:
        exclusive = [person_id in relabelled for person_id in people]
        session.execute(
            IDENTITY_LOCKS, {"kind": IDENTITY_LOCK << 56, "ids": people, "exclusive": exclusive}
        )


def _lock_rebuild(session: Session, *, exclusive: bool) -> None:
    rebuild = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
    session.execute(text(f"select {rebuild}(:key)"), {"key": REBUILD_KEY})


def _lock_slices(session: Session, keys: list[tuple[int, int]]) -> None:
    """Take the slices' advisory locks in one global order, so refreshes cannot deadlock."""
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite: writers are serialised by BEGIN IMMEDIATE (app/db.py)
    packed = sorted({(kind << 56) | (key & (2**56 - 1)) for kind, key in keys})
    if packed:
        session.execute(SLICE_LOCKS, {"keys": packed})


def _lock(session: Session, keys: list[tuple[int, int]], *, exclusive: bool = False) -> None:
    """Take the rebuild key, then the slices' locks (a refresh of named events; a rebuild)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    _lock_rebuild(session, exclusive=exclusive)
    _lock_slices(session, keys)


def _refresh_events(session: Session, event_ids: Iterable[int]) -> None:
    for chunk in _chunks(event_ids):
        session.execute(delete(PanelRollup).where(PanelRollup.event_id.in_(chunk)))
        session.execute(delete(ManelRollup).where(ManelRollup.event_id.in_(chunk)))
        session.execute(_query("rollup_panels"), {"event_ids": chunk})
        session.execute(_query("rollup_manels"), {"event_ids": chunk})


def _month_range(year: int, month: int) -> tuple[datetime, datetime]:
    start = datetime(year, month, 1, tzinfo=UTC)
    return start, datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)


def _refresh_months(session: Session, months: Iterable[MonthKey]) -> None:
    keys = sorted(set(months))
    for start in range(0, len(keys), CHUNK):
        part = keys[start : start + CHUNK]
        for model in (CitationRollup, CitationProfile):
            session.execute(
                delete(model).where(tuple_(model.outlet_id, model.year, model.month).in_(part))
            )
    for outlet_id, year, month in keys:
        first, end = _month_range(year, month)
        params = {"outlet_id": outlet_id, "start": first, "end": end}
        session.execute(_query("rollup_citations"), params)
        session.execute(_query("rollup_profiles"), params)
    # The country rows of a month sum its outlets' rows: recomputed after them.
    periods = sorted({(year, month) for _outlet, year, month in keys})
    for start in range(0, len(periods), CHUNK):
        for model in (CountryCitationRollup, CountryCitationProfile):
            session.execute(
                delete(model).where(
                    tuple_(model.year, model.month).in_(periods[start : start + CHUNK])
                )
            )
    for year, month in periods:
        session.execute(_query("rollup_country_citations"), {"year": year, "month": month})
        session.execute(_query("rollup_country_profiles"), {"year": year, "month": month})
    _refresh_years(session, {(outlet, year) for outlet, year, _month in keys})


def _refresh_years(session: Session, outlet_years: set[tuple[int, int]]) -> None:
    """Recompute the yearly sums of these outlet-years, then of their years' country rows."""
    pairs = sorted(outlet_years)
    for start in range(0, len(pairs), CHUNK):
        part = pairs[start : start + CHUNK]
        for monthly, yearly in YEARLY[:2]:
            session.execute(delete(yearly).where(tuple_(yearly.outlet_id, yearly.year).in_(part)))
            session.execute(_year_sums(monthly, yearly, tuple_(monthly.outlet_id, monthly.year)
                                       .in_(part)))  # fmt: skip
    years = sorted({year for _outlet, year in pairs})
    resampling.mark_touched(session, years)
    stamp = uuid.uuid4().hex  # this write's: new for every year it touched
    for start in range(0, len(years), CHUNK):
        part = years[start : start + CHUNK]
        for monthly, yearly in YEARLY[2:]:
            session.execute(delete(yearly).where(yearly.year.in_(part)))
            session.execute(_year_sums(monthly, yearly, monthly.year.in_(part)))
        session.execute(delete(CitationYearStamp).where(CitationYearStamp.year.in_(part)))
        session.execute(insert(CitationYearStamp), [{"year": y, "stamp": stamp} for y in part])


def _year_sums(monthly: Any, yearly: Any, *where: Any) -> Insert:
    """INSERT into YEARLY the rows of MONTHLY (filtered by WHERE) summed over their months."""
    columns = yearly.__table__.columns
    source = monthly.__table__.c
    summed = [func.sum(source[c.name]) if c.name in SUMMED else source[c.name] for c in columns]
    keys = [source[c.name] for c in columns if c.name not in SUMMED]
    query = select(*summed).where(*where).group_by(*keys)
    return insert(yearly).from_select([c.name for c in columns], query)


def refresh_events(session: Session, event_ids: Iterable[int]) -> None:
    """Recompute the panel and manel rollups of these events now."""
    ids = sorted(set(event_ids))
    _lock(session, [(EVENT_LOCK, e) for e in ids])
    _refresh_events(session, ids)


def refresh_articles(session: Session, article_ids: Iterable[int]) -> None:
    """Recompute the citation rollups of the outlet-months these articles fall in, now."""
    touch_articles(session, article_ids)
    apply_pending(session)


def rebuild(session: Session) -> None:
    """Recompute every rollup from the base tables (`voicetally rollups rebuild`)."""
    session.flush()
    session.info.pop(PENDING, None)
    _lock(session, [], exclusive=True)
    for model in ROLLUPS:
        session.execute(delete(model))
    with _labels_materialised(session):
        _refresh_events(session, session.scalars(select(Event.id)))
        first = datetime(1, 1, 1, tzinfo=UTC)
        last = datetime(9999, 12, 31, tzinfo=UTC)
        params = {"outlet_id": None, "start": first, "end": last}
        session.execute(_query("rollup_citations"), params)
        session.execute(_query("rollup_profiles"), params)
    session.execute(_query("rollup_country_citations"), {"year": None, "month": None})
    session.execute(_query("rollup_country_profiles"), {"year": None, "month": None})
    for monthly, yearly in YEARLY:
        session.execute(_year_sums(monthly, yearly))
    years = select(CountryCitationYearRollup.year).union(select(CountryCitationYearProfile.year))
    stamp = uuid.uuid4().hex
    session.execute(insert(CitationYearStamp).from_select(
        ["year", "stamp"], select(years.subquery().c.year, literal(stamp))
    ))  # fmt: skip
    resampling.store_all(session)


# Temporary tables come first in name lookup on both backends (PostgreSQL's pg_temp, SQLite's
# temp schema), so a temporary `current_label` stands in for the view in the rollup SQL.
TEMP_SCHEMA = {"postgresql": "pg_temp", "sqlite": "temp"}


@contextmanager
def _labels_materialised(session: Session) -> Iterator[None]:
    """Read current_label from a table holding the view's rows while the block runs.

    The view decides each person's label with per-row lookups (fast for a slice, about 40 us a
    row); a rebuild reads every row several times, so it computes them once (issue #16: at 10M
    appearances this takes the rebuild from tens of minutes to minutes). The writer holds the
    rebuild lock exclusively, so no label changes under it.
    """
    schema = TEMP_SCHEMA[session.get_bind().dialect.name]
    session.execute(text("create temporary table current_label as select * from current_label"))
    session.execute(text(f"create index {schema}.ix_tmp_current_label on current_label"
                         " (person_id)" if schema == "temp" else
                         "create index on pg_temp.current_label (person_id)"))  # fmt: skip
    session.execute(text(f"analyze {schema}.current_label"))
    if schema == "pg_temp":
        # Whole tables: hashes and sorts in memory, not in batches on disk; and no nested loops,
        # which PostgreSQL chose on a CTE's default estimate of 200 distinct articles (2M at
        # 10M citations: a join of 2M x 2M rows, hours; issue #16). The view above keeps them.
        session.execute(text("set local work_mem = '256MB'"))
        session.execute(text("set local enable_nestloop = off"))
    try:
        yield
    finally:
        session.execute(text(f"drop table {schema}.current_label"))
        if schema == "pg_temp":  # the rest of the transaction plans as usual
            session.execute(text("reset work_mem"))
            session.execute(text("reset enable_nestloop"))
