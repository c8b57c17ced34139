"""Save a quick check's report and read it back by its permalink slug (issue #7).

The report is what the organiser checked (names they pasted or their agenda), kept as it was:
it does not follow later label changes, and it lists only the people of that input. Opt-outs
are the exception: names are masked when a report is saved and again whenever it is read, so an
opt-out made after saving still wins (app.people.privacy); control and bidi characters are
stripped before storing (app.hygiene). Reports are sized (`max_bytes`) and expire (`ttl`): an
expired one answers Gone and is deleted; each save prunes the expired ones (issue 14). How many
one client may save is a rate limit of the caller.
"""

from __future__ import annotations

import copy
import json
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.columns import utcnow
from app.errors import Gone, InvalidInput, NotFound
from app.hygiene import clean_deep, clean_text
from app.metrics.reports_models import SavedReport
from app.people import privacy

__all__ = [
    "MAX_REPORT_BYTES",
    "OPTED_OUT",
    "get",
    "prune",
    "public_title",
    "save",
    "title_of",
    "without_opted_out",
]

OPTED_OUT = "(a person who opted out)"

MAX_REPORT_BYTES = 1_000_000
SLUG_BYTES = 12  # 16 URL-safe characters: unguessable, so a report is shared only on purpose


def save(
    session: Session,
    *,
    kind: Literal["panel", "lineup", "article"],
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
    seen = privacy.load(session)
    stored = without_opted_out(session, clean_deep(json.loads(json.dumps(report, default=str))))
    row = SavedReport(
        slug=secrets.token_urlsafe(SLUG_BYTES),
        kind=kind,
        title=seen.text(clean_text(title)[:300]) if title else None,
        report=stored,
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
    if "cited" in report:
        return [*report.get("author_people", []), *report["cited"]]
    return list(report.get("people", []))


def without_opted_out(session: Session, report: dict[str, Any]) -> dict[str, Any]:
    """REPORT with everyone who has opted out masked: their name, label and evidence, and any
    title or text carrying one of their names or aliases (DESIGN.md: an opt-out removes the
    person from every individual listing). Control and bidi characters are stripped too."""
    seen = privacy.load(session)
    report = copy.deepcopy(report)
    people = _people(report)
    for person in people:
        if seen.mask.hides(person.get("name")):
            person.update(name=OPTED_OUT, label="unknown", source="none", probability=None,
                          evidence=[], affiliation=None, bio=None)  # fmt: skip
    masked: dict[str, Any] = seen.mask.deep(report)
    return masked


def title_of(session: Session, row: SavedReport) -> str | None:
    """A saved report's title, masked like its body."""
    return privacy.load(session).text(row.title) if row.title else None


def public_title(session: Session, row: SavedReport) -> str | None:
    """ROW's title for public display, opted-out names masked (title_of)."""
    return title_of(session, row)
