"""Keep the rollup tables current: recompute the slices an ingest or a label change touches,
in the caller's transaction (so the numbers are fresh the moment it commits).

The slices are small (one event; one outlet-month), so recomputing beats incremental arithmetic
and cannot drift. `rebuild` recomputes everything (bench set-up, repairs).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from sqlalchemy import and_, delete, insert, or_, select, text, true, tuple_, update
from sqlalchemy.orm import Session

from app.articles.models import Article, Authorship, Citation, Outlet
from app.events.models import AgendaSession, Appearance, Event
from app.gender.labels import Label
from app.gender.models import CURRENT_LABEL
from app.metrics.check import panel_status
from app.metrics.models import (
    CitationProfile,
    CitationRollup,
    ManelRollup,
    PanelRollup,
    RollupVersion,
)

__all__ = ["author_group", "rebuild", "refresh_articles", "refresh_events", "refresh_people"]

CHUNK = 500
# Slices are deleted and re-inserted; on PostgreSQL two transactions refreshing one slice would
# collide (unique violations), so refreshes queue on one transaction-scoped advisory lock. Only
# rollup rows are written while it is held, so it cannot deadlock with other writes.
ROLLUP_LOCK = 0x766F6972
STATUS_KEYS = {"manel": "manel", "not a manel": "not_manel", "undetermined": "undetermined"}


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    unique = sorted(set(ids))
    for start in range(0, len(unique), CHUNK):
        yield unique[start : start + CHUNK]


def _serialise(session: Session) -> None:
    """Queue behind other refreshes (PostgreSQL) and give the rollups a new version token."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("select pg_advisory_xact_lock(:key)"), {"key": ROLLUP_LOCK})
    session.execute(update(RollupVersion).where(RollupVersion.id == 1).values(token=uuid4().hex))


def refresh_events(session: Session, event_ids: Iterable[int]) -> None:
    """Recompute the panel and manel rollups of these events."""
    _serialise(session)
    for chunk in _chunks(event_ids):
        session.execute(delete(PanelRollup).where(PanelRollup.event_id.in_(chunk)))
        session.execute(delete(ManelRollup).where(ManelRollup.event_id.in_(chunk)))
        _insert_event_rollups(session, chunk)


def _event_attributes(session: Session, event_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    rows = session.execute(
        select(Event.id, Event.series_id, Event.country, Event.starts_on).where(
            Event.id.in_(event_ids)
        )
    )
    return {
        row.id: {
            "series_id": row.series_id,
            "country": row.country,
            "year": row.starts_on.year if row.starts_on else None,
            "month": row.starts_on.month if row.starts_on else None,
        }
        for row in rows
    }


def _insert_event_rollups(session: Session, event_ids: Sequence[int]) -> None:
    rows = session.execute(
        select(
            AgendaSession.event_id,
            Appearance.session_id,
            Appearance.person_id,
            Appearance.role,
            CURRENT_LABEL.c.label,
            CURRENT_LABEL.c.p_woman,
            CURRENT_LABEL.c.p_man,
        )
        .join(AgendaSession, Appearance.session_id == AgendaSession.id)
        .join(CURRENT_LABEL, CURRENT_LABEL.c.person_id == Appearance.person_id)
        .where(AgendaSession.event_id.in_(event_ids), CURRENT_LABEL.c.kind == "person")
    )
    panel: dict[tuple[int, str, str], list[float]] = defaultdict(lambda: [0, 0.0, 0.0, 0.0])
    sessions: dict[int, dict[int, tuple[str, float]]] = defaultdict(dict)
    session_event: dict[int, int] = {}
    for event_id, session_id, person_id, role, label, p_woman, p_man in rows:
        cell = panel[(event_id, str(role), label)]
        cell[0] += 1
        cell[1] += p_woman or 0.0
        cell[2] += p_man or 0.0
        cell[3] += (p_woman or 0.0) * (1 - (p_woman or 0.0))
        sessions[session_id][person_id] = (label, p_man or 0.0)
        session_event[session_id] = event_id
    attributes = _event_attributes(session, event_ids)
    panel_rows = [
        {"event_id": e, "role": r, "label": lab, "people": int(c[0]), "p_woman": c[1],
         "p_man": c[2], "p_var": c[3], **attributes[e]}
        for (e, r, lab), c in panel.items()
    ]  # fmt: skip
    if panel_rows:
        session.execute(insert(PanelRollup), panel_rows)
    manel_rows = _manel_rows(sessions, session_event, attributes)
    if manel_rows:
        session.execute(insert(ManelRollup), manel_rows)


def _manel_rows(
    sessions: dict[int, dict[int, tuple[str, float]]],
    session_event: dict[int, int],
    attributes: dict[int, dict[str, Any]],
) -> list[dict[str, Any]]:
    cells: dict[tuple[int, int, str], list[float]] = defaultdict(lambda: [0, 0, 0.0])
    for session_id, people in sessions.items():
        labels = [Label(label) for label, _p in people.values()]
        status = STATUS_KEYS.get(panel_status(labels))
        if status is None:  # fewer than two people: not a panel
            continue
        p_manel = 1.0
        for _label, p_man in people.values():
            p_manel *= p_man
        cell = cells[(session_event[session_id], len(labels), status)]
        cell[0] += 1
        cell[1] += sum(label is Label.MAN for label in labels)
        cell[2] += p_manel
    return [
        {"event_id": e, "size": size, "status": status, "sessions": int(c[0]), "men": int(c[1]),
         "p_manel": c[2], **attributes[e]}
        for (e, size, status), c in cells.items()
    ]  # fmt: skip


def author_group(labels: Sequence[str]) -> str:
    """DESIGN.md, citation matrix: all men, all women, mixed, or unknown."""
    if not labels or any(label == Label.UNKNOWN.value for label in labels):
        return "unknown"
    if all(label == Label.MAN.value for label in labels):
        return "men"
    if all(label == Label.WOMAN.value for label in labels):
        return "women"
    return "mixed"


def _month_key(outlet_id: int | None, published: datetime | None) -> tuple[int, int, int]:
    if published is None:
        return (outlet_id or 0, 0, 0)
    if published.tzinfo is not None:
        published = published.astimezone(UTC)
    return (outlet_id or 0, published.year, published.month)


def _month_filter(keys: Sequence[tuple[int, int, int]]) -> Any:
    clauses = []
    for outlet_id, year, month in keys:
        outlet = Article.outlet_id.is_(None) if outlet_id == 0 else Article.outlet_id == outlet_id
        if year == 0:
            clauses.append(and_(outlet, Article.published.is_(None)))
            continue
        start = datetime(year, month, 1, tzinfo=UTC)
        end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)
        clauses.append(and_(outlet, Article.published >= start, Article.published < end))
    return or_(*clauses)


def refresh_articles(session: Session, article_ids: Iterable[int]) -> None:
    """Recompute the citation rollups of every outlet-month these articles fall in."""
    _serialise(session)
    for chunk in _chunks(article_ids):
        keys = sorted(
            {
                _month_key(row.outlet_id, row.published)
                for row in session.execute(
                    select(Article.outlet_id, Article.published).where(Article.id.in_(chunk))
                )
            }
        )
        if keys:
            _refresh_months(session, keys)


def _refresh_months(session: Session, keys: Sequence[tuple[int, int, int]]) -> None:
    for start in range(0, len(keys), 100):
        part = keys[start : start + 100]
        for model in (CitationRollup, CitationProfile):
            session.execute(
                delete(model).where(tuple_(model.outlet_id, model.year, model.month).in_(part))
            )
        _insert_month_rollups(session, _month_filter(part))


def _insert_month_rollups(session: Session, where: Any) -> None:
    articles = {
        row.id: (_month_key(row.outlet_id, row.published), row.country)
        for row in session.execute(
            select(Article.id, Article.outlet_id, Article.published, Outlet.country)
            .outerjoin(Outlet, Article.outlet_id == Outlet.id)
            .where(where)
        )
    }
    if not articles:
        return
    groups = _author_groups(session, list(articles))
    cells: dict[tuple[Any, ...], list[float]] = defaultdict(lambda: [0, 0.0, 0.0, 0.0])
    per_article: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for article_id, label, p_woman, p_man in _cited(session, list(articles)):
        key = (*articles[article_id][0], groups.get(article_id, "unknown"), label)
        cell = cells[key]
        cell[0] += 1
        cell[1] += p_woman or 0.0
        cell[2] += p_man or 0.0
        cell[3] += (p_woman or 0.0) * (1 - (p_woman or 0.0))
        counts = per_article[article_id]
        counts[0] += label == Label.WOMAN.value
        counts[1] += label != Label.UNKNOWN.value
    _insert_cells(session, cells, articles, per_article, groups)


def _insert_cells(
    session: Session,
    cells: dict[tuple[Any, ...], list[float]],
    articles: dict[int, tuple[tuple[int, int, int], str | None]],
    per_article: dict[int, list[int]],
    groups: dict[int, str],
) -> None:
    country = {key: c for key, c in articles.values()}
    rollup = [
        {"outlet_id": o, "year": y, "month": m, "author_group": g, "label": lab,
         "country": country[(o, y, m)], "citations": int(c[0]), "p_woman": c[1], "p_man": c[2],
         "p_var": c[3]}
        for (o, y, m, g, lab), c in cells.items()
    ]  # fmt: skip
    if rollup:
        session.execute(insert(CitationRollup), rollup)
    profiles: dict[tuple[Any, ...], int] = defaultdict(int)
    for article_id, (key, _country) in articles.items():
        women, gendered = per_article.get(article_id, [0, 0])
        profiles[(*key, groups.get(article_id, "unknown"), women, gendered)] += 1
    rows = [
        {"outlet_id": o, "year": y, "month": m, "author_group": g, "women": w, "gendered": n,
         "country": country[(o, y, m)], "articles": count}
        for (o, y, m, g, w, n), count in profiles.items()
    ]  # fmt: skip
    session.execute(insert(CitationProfile), rows)


def _author_groups(session: Session, article_ids: list[int]) -> dict[int, str]:
    labels: dict[int, list[str]] = defaultdict(list)
    for start in range(0, len(article_ids), CHUNK):
        rows = session.execute(
            select(Authorship.article_id, CURRENT_LABEL.c.label)
            .join(CURRENT_LABEL, CURRENT_LABEL.c.person_id == Authorship.person_id)
            .where(Authorship.article_id.in_(article_ids[start : start + CHUNK]))
        )
        for article_id, label in rows:
            labels[article_id].append(label)
    return {article_id: author_group(found) for article_id, found in labels.items()}


def _cited(session: Session, article_ids: list[int]) -> Iterator[Any]:
    for start in range(0, len(article_ids), CHUNK):
        yield from session.execute(
            select(
                Citation.article_id,
                CURRENT_LABEL.c.label,
                CURRENT_LABEL.c.p_woman,
                CURRENT_LABEL.c.p_man,
            )
            .join(CURRENT_LABEL, CURRENT_LABEL.c.person_id == Citation.person_id)
            .where(
                Citation.article_id.in_(article_ids[start : start + CHUNK]),
                CURRENT_LABEL.c.kind == "person",
            )
        )


def refresh_people(session: Session, person_ids: Iterable[int]) -> None:
    """Recompute every rollup slice these people appear in (after a label change or merge)."""
    for chunk in _chunks(person_ids):
        events = session.scalars(
            select(AgendaSession.event_id)
            .join(Appearance, Appearance.session_id == AgendaSession.id)
            .where(Appearance.person_id.in_(chunk))
            .distinct()
        ).all()
        cited = select(Citation.article_id).where(Citation.person_id.in_(chunk))
        wrote = select(Authorship.article_id).where(Authorship.person_id.in_(chunk))
        articles = session.scalars(cited.union(wrote)).all()
        refresh_events(session, events)
        refresh_articles(session, articles)


def rebuild(session: Session) -> None:
    """Recompute every rollup from the base tables."""
    _serialise(session)
    for model in (PanelRollup, ManelRollup, CitationRollup, CitationProfile):
        session.execute(delete(model))
    refresh_events(session, session.scalars(select(Event.id)).all())
    _insert_month_rollups(session, true())  # every article in one pass
