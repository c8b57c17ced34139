"""The "sources" behind a chart point: the sessions or articles a metric counted, and the small
catalogues the dashboards navigate by. Reads base tables and the current_label view; who may be
named and which titles are masked is decided by app.people.privacy (DESIGN.md, public naming)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.articles.models import Article, Authorship, Citation, Outlet
from app.events.models import AgendaSession, Appearance, Event, EventSeries
from app.gender.labels import Label
from app.gender.models import CURRENT_LABEL, GenderLabel
from app.metrics.check import panel_status
from app.metrics.service import Filters
from app.people import privacy
from app.people.models import Person

__all__ = [
    "author_articles",
    "author_group",
    "authors",
    "cited_articles",
    "event_name",
    "month_range",
    "outlets",
    "panel_sessions",
    "person_label",
    "series_events",
    "series_list",
    "top_experts",
]

LIMIT = 500
CANDIDATES = 500
IN_CHUNK = 5000  # ids per `in (...)`: under SQLite's and psycopg's bound-parameter limits
LABELS = tuple(label.value for label in Label)
IS_PERSON = CURRENT_LABEL.c.kind == "person"
STATUS_NAMES = {"manel": "manel", "not a manel": "not_manel", "undetermined": "undetermined"}


def month_range(filters: Filters, period: int | None) -> tuple[date | None, date | None]:
    """The first day of the first month and of the last month a period (and filters) cover.

    A period is a year (2024), a month (202405) or 0 for all time, as the metrics return it.
    """
    start, end = filters.start, filters.end
    if period and period < 10_000:
        start, end = date(period, 1, 1), date(period, 12, 1)
    elif period:
        start = end = date(period // 100, period % 100, 1)
    return start, end


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def series_list(session: Session) -> list[dict[str, Any]]:
    """Every event series with its number of editions and the years they span."""
    rows = session.execute(
        select(EventSeries.id, EventSeries.name, EventSeries.country, func.count(Event.id),
               func.min(Event.starts_on), func.max(Event.starts_on))
        .outerjoin(Event, Event.series_id == EventSeries.id)
        .group_by(EventSeries.id, EventSeries.name, EventSeries.country)
        .order_by(EventSeries.name)
    )  # fmt: skip
    seen = privacy.load(session)
    return [
        {"id": sid, "name": seen.text(name), "country": country, "editions": editions,
         "first": first.year if first else None, "last": last.year if last else None}
        for sid, name, country, editions, first, last in rows
    ]  # fmt: skip


def series_events(session: Session, series_id: int) -> list[dict[str, Any]]:
    """The editions of one series, oldest first."""
    rows = session.execute(
        select(Event.id, Event.name, Event.starts_on, Event.location, Event.url)
        .where(Event.series_id == series_id)
        .order_by(Event.starts_on, Event.id)
    )
    seen = privacy.load(session)
    return [
        {"id": eid, "name": seen.text(name), "starts_on": starts, "location": location, "url": url}
        for eid, name, starts, location, url in rows
    ]


def outlets(session: Session) -> list[dict[str, Any]]:
    """Every outlet with its number of articles."""
    rows = session.execute(
        select(Outlet.id, Outlet.name, Outlet.domain, Outlet.country, func.count(Article.id))
        .outerjoin(Article, Article.outlet_id == Outlet.id)
        .group_by(Outlet.id, Outlet.name, Outlet.domain, Outlet.country)
        .order_by(Outlet.name)
    )
    return [
        {"id": oid, "name": name, "domain": domain, "country": country, "articles": count}
        for oid, name, domain, country, count in rows
    ]


def panel_sessions(
    session: Session, filters: Filters, *, period: int | None = None, status: str | None = None
) -> list[dict[str, Any]]:
    """The sessions behind a panel chart point: event, title, counts by label and manel status.

    Sessions are listed with counts only, never names. STATUS keeps 'manel', 'not_manel' or
    'undetermined' sessions (single-person sessions have the status 'single').
    """
    start, end = month_range(filters, period)
    query = (
        select(AgendaSession.id, AgendaSession.title, AgendaSession.kind, Event.id, Event.name,
               Event.starts_on)
        .join(Event, AgendaSession.event_id == Event.id)
        .order_by(Event.starts_on.desc(), Event.id, AgendaSession.position, AgendaSession.id)
        .limit(LIMIT * 10)
    )  # fmt: skip
    if filters.series is not None:
        query = query.where(Event.series_id == filters.series)
    if filters.event is not None:
        query = query.where(Event.id == filters.event)
    if filters.country is not None:
        query = query.where(Event.country == filters.country)
    if start is not None:
        query = query.where(Event.starts_on >= start)
    if end is not None:
        query = query.where(Event.starts_on < _next_month(end))
    found = {row[0]: row for row in session.execute(query)}
    labels = _session_labels(session, list(found))
    seen = privacy.load(session)
    listed = []
    for sid, (_id, title, kind, eid, ename, starts) in found.items():
        people = labels.get(sid, {})
        state = panel_status([Label(label) for label in people.values()])
        state = STATUS_NAMES.get(state, state)
        if status is not None and state != status:
            continue
        counts = Counter(people.values())
        listed.append({
            "id": sid, "title": seen.text(title), "kind": kind, "event_id": eid,
            "event": seen.text(ename),
            "starts_on": starts, "status": state,
            **{label: counts.get(label, 0) for label in LABELS},
        })  # fmt: skip
    return listed[:LIMIT]


def _session_labels(session: Session, session_ids: list[int]) -> dict[int, dict[int, str]]:
    """Each session's people as {identity: label}: each identity once, as the rollups count."""
    pairs: list[tuple[int, int]] = []
    for start in range(0, len(session_ids), IN_CHUNK):
        chunk = session_ids[start : start + IN_CHUNK]
        query = select(Appearance.session_id, Appearance.person_id)
        pairs.extend(
            (sid, pid)
            for sid, pid in session.execute(query.where(Appearance.session_id.in_(chunk)))
        )
    people = _current(session, {pid for _sid, pid in pairs})
    labels: dict[int, dict[int, str]] = defaultdict(dict)
    for sid, pid in pairs:
        if pid in people:
            identity, label = people[pid]
            labels[sid][identity] = label
    return labels


def _current(session: Session, person_ids: set[int]) -> dict[int, tuple[int, str]]:
    """Identity and current label of these people (organisations left out), read by id."""
    found: dict[int, tuple[int, str]] = {}
    ids = sorted(person_ids)
    for start in range(0, len(ids), IN_CHUNK):
        query = select(
            CURRENT_LABEL.c.person_id, CURRENT_LABEL.c.identity_id, CURRENT_LABEL.c.label
        ).where(CURRENT_LABEL.c.person_id.in_(ids[start : start + IN_CHUNK]), IS_PERSON)
        found.update((pid, (identity, label)) for pid, identity, label in session.execute(query))
    return found


def cited_articles(
    session: Session, filters: Filters, *, period: int | None = None, group: str | None = None
) -> list[dict[str, Any]]:
    """The articles behind a citation chart point: title, link, author group, cited counts."""
    start, end = month_range(filters, period)
    query = (
        select(Article.id, Article.title, Article.url, Article.published, Outlet.name)
        .outerjoin(Outlet, Article.outlet_id == Outlet.id)
        .order_by(Article.published.desc(), Article.id)
        .limit(LIMIT * 10)
    )
    if filters.outlet is not None:
        query = query.where(Article.outlet_id == filters.outlet)
    if filters.country is not None:
        query = query.where(Outlet.country == filters.country)
    if start is not None:
        query = query.where(Article.published >= datetime(start.year, start.month, 1, tzinfo=UTC))
    if end is not None:
        last = _next_month(end)
        query = query.where(Article.published < datetime(last.year, last.month, 1, tzinfo=UTC))
    found = {row[0]: row for row in session.execute(query)}
    return _with_counts(session, found, group)[:LIMIT]


def author_group(labels: list[str]) -> str:
    """DESIGN.md, citation matrix: all men, all women, mixed, or unknown (no person author, or
    an author unknown). The same rule as app/metrics/queries/rollup_citations.sql, for listing."""
    if not labels or Label.UNKNOWN.value in labels:
        return "unknown"
    if set(labels) == {Label.MAN.value}:
        return "men"
    return "women" if set(labels) == {Label.WOMAN.value} else "mixed"


def _with_counts(session: Session, found: dict[int, Any], group: str | None) -> list[dict]:
    ids = list(found)
    authors = _people_by_article(session, Authorship, ids)
    cited = _people_by_article(session, Citation, ids)
    seen = privacy.load(session)
    listed = []
    for aid, (_id, title, url, published, outlet) in found.items():
        wrote = authors.get(aid, {})
        article_group = author_group(list(wrote.values()))
        if group is not None and article_group != group:
            continue
        # self-citation excluded, as the rollups do
        counts = Counter(label for pid, label in cited.get(aid, {}).items() if pid not in wrote)
        listed.append({
            "id": aid, "title": seen.text(title), "url": url, "published": published,
            "outlet": outlet,
            "author_group": article_group, **{label: counts.get(label, 0) for label in LABELS},
        })  # fmt: skip
    return listed


def _people_by_article(
    session: Session, link: Any, article_ids: list[int]
) -> dict[int, dict[int, str]]:
    """Each article's people (authors or cited, by LINK) as {identity: label}."""
    pairs: list[tuple[int, int]] = []
    for start in range(0, len(article_ids), IN_CHUNK):
        chunk = article_ids[start : start + IN_CHUNK]
        query = select(link.article_id, link.person_id).where(link.article_id.in_(chunk))
        pairs.extend((aid, pid) for aid, pid in session.execute(query))
    people = _current(session, {pid for _aid, pid in pairs})
    labels: dict[int, dict[int, str]] = defaultdict(dict)
    for aid, pid in pairs:
        if pid in people:
            identity, label = people[pid]
            labels[aid][identity] = label
    return labels


def top_experts(
    session: Session,
    filters: Filters,
    *,
    limit: int = 10,
    rule: privacy.PublicRule | None = None,
) -> dict[str, list[dict]]:
    """The most cited experts by current label; opted-out people and organisations left out.

    Ranked among the CANDIDATES most cited people (citations counted before labels are read,
    which keeps this fast on millions of citations); a label rare among them lists fewer.
    With a public RULE, a person it does not name is listed without name or id.
    """
    count = func.count(Citation.id).label("citations")
    query = (
        select(Citation.person_id, count)
        .join(Article, Citation.article_id == Article.id)
        .group_by(Citation.person_id)
        .order_by(count.desc(), Citation.person_id)
        .limit(CANDIDATES)
    )
    if filters.outlet is not None:
        query = query.where(Article.outlet_id == filters.outlet)
    found = list(session.execute(query))
    identity = _identities(session, [pid for pid, _n in found])
    counted: Counter[int] = Counter()
    for pid, n in found:  # each identity once: merged rows count for it
        counted[identity[pid]] += n
    rows = session.execute(
        select(Person.id, Person.display_name, CURRENT_LABEL.c.label, CURRENT_LABEL.c.source)
        .join(CURRENT_LABEL, CURRENT_LABEL.c.person_id == Person.id)
        .where(Person.id.in_(list(counted)), IS_PERSON, CURRENT_LABEL.c.opted_out.is_(False))
    )
    seen = privacy.load(session)
    ranked = sorted(
        (row for row in rows if not seen.hidden(row.id)),
        key=lambda row: (-counted[row.id], row.display_name),
    )
    top: dict[str, list[dict]] = {label: [] for label in LABELS}
    for pid, name, label, source in ranked:
        if len(top[label]) < limit:
            top[label].append(
                {"id": pid, "name": name, "label": label, "source": source,
                 "citations": counted[pid]}
            )  # fmt: skip
    if rule is not None:
        listed = [item["id"] for items in top.values() for item in items]
        named = privacy.publicly_named(session, listed, rule, visibility=seen)
        for item in (item for items in top.values() for item in items):
            if item["id"] not in named:
                item.update(id=None, name=None)
    return top


def _identities(session: Session, person_ids: list[int]) -> dict[int, int]:
    """Each person's identity (the survivor of a merge, else themself), in one query."""
    rows = session.execute(
        select(Person.id, Person.merged_into_id).where(Person.id.in_(person_ids))
    ) if person_ids else []  # fmt: skip
    return {pid: merged or pid for pid, merged in rows}


def authors(session: Session) -> list[dict[str, Any]]:
    """People who wrote articles (not opted out), with their number of articles; the rows of
    people merged into someone count for that identity."""
    identity = CURRENT_LABEL.c.identity_id
    count = func.count(Authorship.id)
    rows = session.execute(
        select(Person.id, Person.display_name, count)
        .join(CURRENT_LABEL, CURRENT_LABEL.c.identity_id == Person.id)
        .join(Authorship, Authorship.person_id == CURRENT_LABEL.c.person_id)
        .where(CURRENT_LABEL.c.opted_out.is_(False), identity == Person.id)
        .group_by(Person.id, Person.display_name)
        .order_by(count.desc(), Person.display_name)
        .limit(LIMIT)
    )
    seen = privacy.load(session)
    return [
        {"id": pid, "name": name, "articles": n} for pid, name, n in rows if not seen.hidden(pid)
    ]


def author_articles(session: Session, person_id: int) -> list[dict[str, Any]] | None:
    """One author's articles with the labels of the experts each cites; None if not listed."""
    person = session.get(Person, person_id)
    if person is None or person.merged_into_id is not None:
        return None
    if person.opted_out or privacy.load(session).hidden(person_id):
        return None
    query = (
        select(Article.id, Article.title, Article.url, Article.published, Outlet.name)
        .join(Authorship, Authorship.article_id == Article.id)
        .outerjoin(Outlet, Article.outlet_id == Outlet.id)
        .where(Authorship.person_id == person_id)
        .order_by(Article.published.desc(), Article.id)
        .limit(LIMIT)
    )
    found = {row[0]: row for row in session.execute(query)}
    return _with_counts(session, found, None)


def person_label(
    session: Session, person_id: int, *, rule: privacy.PublicRule | None
) -> dict[str, Any] | None:
    """A person's card: name, current label, source, probability and evidence.

    None for an unknown, merged or opted-out person, and, under a public RULE (None: a viewer),
    for a person it does not name: the page then says 404, the same as for an unknown id, so
    ids cannot be walked to learn names.
    """
    person = session.get(Person, person_id)
    if person is None or person.opted_out or person.merged_into_id is not None:
        return None
    seen = privacy.load(session)
    if seen.hidden(person_id):
        return None
    if rule is not None and not privacy.publicly_named(session, [person_id], rule, visibility=seen):
        return None
    row = session.execute(
        select(CURRENT_LABEL.c.label, CURRENT_LABEL.c.source, CURRENT_LABEL.c.probability,
               CURRENT_LABEL.c.label_id)
        .where(CURRENT_LABEL.c.person_id == person_id)
    ).one_or_none()  # fmt: skip
    if row is None:
        return None
    evidence_row = session.get(GenderLabel, row.label_id) if row.label_id else None
    return {
        "id": person.id,
        "name": person.display_name,
        "kind": person.kind.value,
        "kind_reason": person.kind_reason,
        "label": row.label,
        "source": row.source,
        "probability": row.probability,
        "evidence": evidence_row.evidence if evidence_row else [],
    }


def event_name(session: Session, event_id: int) -> str | None:
    """An edition's name, or None when there is no such event."""
    return session.scalar(select(Event.name).where(Event.id == event_id))
