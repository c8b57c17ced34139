"""Save a quick check's report and read it back by its permalink slug (issue #7).

The report is what the organiser checked (names they pasted or their agenda), kept as it was:
it does not follow later label changes, and it lists only the people of that input. Reports are
sized (`max_bytes`) and expire (`ttl`): an expired one answers Gone and is deleted; each save
prunes the expired ones (issue 14). How many one client may save is a rate limit of the caller.
"""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.columns import utcnow
from app.errors import Gone, InvalidInput, NotFound
from app.metrics.reports_models import SavedReport
from app.people import service as people_service
from app.people.models import Person

__all__ = ["MAX_REPORT_BYTES", "OPTED_OUT", "get", "prune", "save", "without_opted_out"]

OPTED_OUT = "(a person who opted out)"

MAX_REPORT_BYTES = 1_000_000
SLUG_BYTES = 12  # 16 URL-safe characters: unguessable, so a report is shared only on purpose


def save(
    session: Session,
    *,
    kind: Literal["panel", "lineup"],
    report: dict[str, Any],
    title: str | None = None,
    max_bytes: int = MAX_REPORT_BYTES,
    ttl: timedelta | None = None,
) -> SavedReport:
    """Store REPORT (a check_panel or check_lineup result) under a new random slug; first
    delete the reports older than TTL."""
    size = len(json.dumps(report, default=str).encode())
    if size > max_bytes:
        raise InvalidInput(f"a saved report is limited to {max_bytes} bytes; this one has {size}")
    if ttl is not None:
        prune(session, ttl=ttl)
    row = SavedReport(
        slug=secrets.token_urlsafe(SLUG_BYTES),
        kind=kind,
        title=title[:300] if title else None,
        report=json.loads(json.dumps(report, default=str)),
    )
    session.add(row)
    session.flush()
    return row


def get(session: Session, slug: str, *, ttl: timedelta | None = None) -> SavedReport:
    """The saved report SLUG; NotFound, or Gone (and deleted) when older than TTL."""
    row = session.scalar(select(SavedReport).where(SavedReport.slug == slug))
    if row is None:
        raise NotFound(f"no saved report {slug!r}")
    if ttl is not None and _aware(row.created_at) < utcnow() - ttl:
        session.delete(row)
        session.flush()
        raise Gone(f"saved report {slug!r} expired after {ttl.days} days")
    return row


def prune(session: Session, *, ttl: timedelta) -> int:
    """Delete the reports older than TTL; how many."""
    result = session.execute(delete(SavedReport).where(SavedReport.created_at < utcnow() - ttl))
    return int(getattr(result, "rowcount", 0) or 0)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _people(report: dict[str, Any]) -> list[dict[str, Any]]:
    if "sessions" in report:
        return [person for item in report["sessions"] for person in item["people"]]
    return list(report.get("people", []))


def without_opted_out(session: Session, report: dict[str, Any]) -> dict[str, Any]:
    """REPORT with the name, label and evidence of everyone who has since opted out masked
    (DESIGN.md: an opt-out removes the person from every individual listing)."""
    people = _people(report)
    keys = {people_service.name_key(p["name"]) for p in people if p.get("name")}
    if not keys:
        return report
    opted = set(
        session.scalars(
            select(Person.name_key).where(Person.name_key.in_(keys), Person.opted_out.is_(True))
        )
    )
    for person in people:
        if person.get("name") and people_service.name_key(person["name"]) in opted:
            person.update(name=OPTED_OUT, label="unknown", source="none", probability=None,
                          evidence=[], affiliation=None)  # fmt: skip
    return report
