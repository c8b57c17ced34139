"""An event edition as organisers and readers see it: its panels, speakers, roles and each
panel's balance, and women experts for a panel's topic from the project's own data (issue #15).

People are named only where app.metrics.public_names allows; everyone else is counted, with their
label, but not named. Opted-out people are never named nor suggested.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import asdict
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.articles.models import Article, Citation, Outlet
from app.events.models import AgendaSession, Appearance, Event, EventSeries
from app.gender.labels import Label
from app.gender.models import CURRENT_LABEL
from app.metrics import public_names
from app.metrics.check import Balance, panel_status
from app.people import identity, privacy
from app.people.models import Person

__all__ = [
    "appearances",
    "edition",
    "edition_header",
    "suggest_women",
    "topic_words",
]

WORD_RE = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
# Function words of English titles; topic words are what is left.
STOPWORDS = frozenset(
    """
about above after again against also among and around because been before being below
between both but could does doing down during each from further have having here into just
more most other over same should some such than that their them then there these they this
those through under until very what when where which while whom will with would your panel
session keynote talk opening closing welcome remarks discussion conversation day part
edition conference summit forum
""".split()  # noqa: SIM905
)
MAX_WORDS = 8
MAX_HITS = 400
MAX_SUGGESTIONS = 12


def _people(
    session: Session, session_ids: list[int], rule: privacy.PublicRule | None
) -> dict[int, list[dict[str, Any]]]:
    query = (
        select(Appearance.session_id, Appearance.person_id, Appearance.role, Person.display_name,
               CURRENT_LABEL.c.label, CURRENT_LABEL.c.source, CURRENT_LABEL.c.kind)
        .join(Person, Person.id == Appearance.person_id)
        .join(CURRENT_LABEL, CURRENT_LABEL.c.person_id == Appearance.person_id)
        .where(Appearance.session_id.in_(session_ids))
        .order_by(Appearance.session_id, Appearance.id)
    )  # fmt: skip
    rows = list(session.execute(query))
    named = public_names.nameable(session, {row.person_id for row in rows}, rule)
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        found[row.session_id].append({
            "id": row.person_id if row.person_id in named else None,
            "name": row.display_name if row.person_id in named else None,
            "role": str(row.role.value if hasattr(row.role, "value") else row.role),
            # An opt-out counts as not known and is not told: beside a public agenda's session
            # it would say who opted out (DESIGN.md, Who is named).
            "label": row.label, "source": "none" if row.source == "opt_out" else row.source,
            "counted": row.kind == "person",
        })  # fmt: skip
    return found


def edition_header(session: Session, event_id: int) -> dict[str, Any] | None:
    """An edition's name and dates, or None when there is no such edition."""
    row = session.execute(
        select(Event.name, Event.starts_on).where(Event.id == event_id)
    ).one_or_none()
    shown = privacy.load(session)
    return None if row is None else {"name": shown.text(row.name), "starts_on": row.starts_on}


def edition(
    session: Session, event_id: int, *, rule: privacy.PublicRule | None = None
) -> dict[str, Any] | None:
    """An edition's panels with their people and balance, its totals and role split."""
    event = session.get(Event, event_id)
    if event is None:
        return None
    series = session.get(EventSeries, event.series_id) if event.series_id else None
    sessions = list(session.scalars(
        select(AgendaSession).where(AgendaSession.event_id == event_id)
        .order_by(AgendaSession.position, AgendaSession.id)
    ))  # fmt: skip
    people = _people(session, [item.id for item in sessions], rule)
    panels, everyone, roles = [], [], defaultdict(list)
    for item in sessions:
        listed = people.get(item.id, [])
        labels = [Label(p["label"]) for p in listed if p["counted"]]
        everyone.extend(labels)
        for person in listed:
            if person["counted"]:
                roles[person["role"]].append(Label(person["label"]))
        panels.append({"id": item.id, "title": privacy.load(session).text(item.title),
                       "kind": item.kind,
                       "start": item.start, "people": listed, "status": panel_status(labels),
                       "balance": asdict(Balance.of(labels))})  # fmt: skip
    statuses = Counter(panel["status"] for panel in panels)
    return {
        "event": event, "series": series, "panels": panels,
        "balance": asdict(Balance.of(everyone)),
        "roles": {role: asdict(Balance.of(labels)) for role, labels in sorted(roles.items())},
        "manels": statuses["manel"], "undetermined": statuses["undetermined"],
        "determined": statuses["manel"] + statuses["not a manel"],
    }  # fmt: skip


def topic_words(topic: str) -> list[str]:
    """The words of a topic worth matching: no function words, at most MAX_WORDS."""
    seen: dict[str, None] = {}
    for word in WORD_RE.findall(topic.casefold()):
        if word not in STOPWORDS:
            seen.setdefault(word, None)
    return list(seen)[:MAX_WORDS]


def _matches(title: str | None, words: list[str]) -> int:
    found = set(WORD_RE.findall((title or "").casefold()))
    return sum(1 for word in words if word in found)


def _spoke(session: Session, words: list[str]) -> list[tuple[int, int, dict[str, Any]]]:
    shown = privacy.load(session)
    query = (
        select(Appearance.person_id, AgendaSession.title, Event.id, Event.name, Event.starts_on)
        .join(AgendaSession, AgendaSession.id == Appearance.session_id)
        .join(Event, Event.id == AgendaSession.event_id)
        .where(or_(*[AgendaSession.title.ilike(f"%{word}%") for word in words]))
        .limit(MAX_HITS)
    )  # fmt: skip
    return [
        (row[0], _matches(row[1], words),
         {"what": "spoke", "title": shown.text(row[1]), "where": shown.text(row[3]),
          "event_id": row[2], "when": row[4]})
        for row in session.execute(query)
    ]  # fmt: skip


def _cited(session: Session, words: list[str]) -> list[tuple[int, int, dict[str, Any]]]:
    shown = privacy.load(session)
    query = (
        select(Citation.person_id, Article.title, Article.url, Outlet.name, Article.published)
        .join(Article, Article.id == Citation.article_id)
        .outerjoin(Outlet, Outlet.id == Article.outlet_id)
        .where(or_(*[Article.title.ilike(f"%{word}%") for word in words]))
        .limit(MAX_HITS)
    )  # fmt: skip
    return [
        (row[0], _matches(row[1], words),
         {"what": "cited", "title": shown.text(row[1]), "url": row[2], "where": row[3],
          "when": row[4]})
        for row in session.execute(query)
    ]  # fmt: skip


def suggest_women(
    session: Session,
    topic: str,
    *,
    exclude: set[int] | None = None,
    rule: privacy.PublicRule | None = None,
) -> list[dict[str, Any]]:
    """Women who spoke or were cited on a similar topic, best match first, each with where and
    when and their label's source; only people who may be named, never an opted-out person."""
    words = topic_words(topic)
    if not words:
        return []
    hits = [hit for hit in _spoke(session, words) + _cited(session, words) if hit[1] > 0]
    ids = {pid for pid, _, _ in hits} - (exclude or set())
    women = dict(session.execute(
        select(CURRENT_LABEL.c.person_id, CURRENT_LABEL.c.source).where(
            CURRENT_LABEL.c.person_id.in_(sorted(ids)), CURRENT_LABEL.c.label == Label.WOMAN.value,
            CURRENT_LABEL.c.kind == "person", CURRENT_LABEL.c.opted_out.is_not(True))
    ).all()) if ids else {}  # fmt: skip
    allowed = public_names.nameable(session, set(women), rule)
    scored: dict[int, dict[str, Any]] = {}
    for pid, score, where in hits:
        if pid not in allowed:
            continue
        entry = scored.setdefault(pid, {"id": pid, "score": 0, "source": women[pid], "where": []})
        entry["score"] += score
        entry["where"].append(where)
    names = dict(session.execute(select(Person.id, Person.display_name)
                                 .where(Person.id.in_(sorted(scored)))).all())  # fmt: skip
    ranked = sorted(scored.values(), key=lambda e: (-e["score"], names.get(e["id"], "")))
    return [{**entry, "name": names[entry["id"]], "where": entry["where"][:3]}
            for entry in ranked[:MAX_SUGGESTIONS] if entry["id"] in names]  # fmt: skip


def appearances(session: Session, person_id: int, *, limit: int = 50) -> dict[str, list[dict]]:
    """Where a person spoke (event, date, session, role) and was cited (outlet, article, date)."""
    spoke = session.execute(
        select(Event.id, Event.name, Event.starts_on, AgendaSession.title, Appearance.role)
        .join(AgendaSession, AgendaSession.id == Appearance.session_id)
        .join(Event, Event.id == AgendaSession.event_id)
        .where(Appearance.person_id.in_(identity.members(person_id)))
        .order_by(Event.starts_on.desc(), AgendaSession.position).limit(limit)
    )  # fmt: skip
    cited = session.execute(
        select(Article.title, Article.url, Article.published, Outlet.name, Citation.quoted)
        .join(Article, Article.id == Citation.article_id)
        .outerjoin(Outlet, Outlet.id == Article.outlet_id)
        .where(Citation.person_id.in_(identity.members(person_id)))
        .order_by(Article.published.desc()).limit(limit)
    )  # fmt: skip
    shown = privacy.load(session)  # titles carrying an opted-out name are masked
    return {
        "spoke": [{"event_id": r[0], "event": shown.text(r[1]), "when": r[2],
                   "title": shown.text(r[3]), "role": str(getattr(r[4], "value", r[4]))}
                  for r in spoke],
        "cited": [{"title": shown.text(r[0]), "url": r[1], "when": r[2], "outlet": r[3],
                   "quoted": r[4]} for r in cited],
    }  # fmt: skip
