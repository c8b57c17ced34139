"""Save a quick check's report and read it back by its permalink slug (issue #7).

The report is what the organiser checked (names they pasted or their agenda), kept as it was:
it does not follow later label changes, and it lists only the people of that input.
"""

from __future__ import annotations

import json
import secrets
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotFound
from app.metrics.reports_models import SavedReport
from app.people import service as people_service
from app.people.models import Person

__all__ = [
    "MAX_REPORT_BYTES",
    "OPTED_OUT",
    "get",
    "opted_out_names",
    "public_title",
    "save",
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
) -> SavedReport:
    """Store REPORT (a check_panel or check_lineup result) under a new random slug."""
    if len(json.dumps(report, default=str)) > MAX_REPORT_BYTES:
        raise InvalidInput(f"a saved report is limited to {MAX_REPORT_BYTES} bytes")
    row = SavedReport(
        slug=secrets.token_urlsafe(SLUG_BYTES),
        kind=kind,
        title=title[:300] if title else None,
        report=json.loads(json.dumps(report, default=str)),
    )
    session.add(row)
    session.flush()
    return row


def get(session: Session, slug: str) -> SavedReport:
    """The saved report SLUG, or NotFound."""
    row = session.scalar(select(SavedReport).where(SavedReport.slug == slug))
    if row is None:
        raise NotFound(f"no saved report {slug!r}")
    return row


def _people(report: dict[str, Any]) -> list[dict[str, Any]]:
    if "sessions" in report:
        return [person for item in report["sessions"] for person in item["people"]]
    if "cited" in report:
        return [*report.get("author_people", []), *report["cited"]]
    return list(report.get("people", []))


def opted_out_names(session: Session, report: dict[str, Any]) -> set[str]:
    """The names, as written in REPORT, of the people in it who have since opted out."""
    names = {p["name"] for p in _people(report) if p.get("name")} | set(report.get("authors", []))
    keys = {people_service.name_key(name): name for name in names}
    if not keys:
        return set()
    opted = set(
        session.scalars(
            select(Person.name_key).where(Person.name_key.in_(keys), Person.opted_out.is_(True))
        )
    )
    return {name for key, name in keys.items() if key in opted}


def without_opted_out(session: Session, report: dict[str, Any]) -> dict[str, Any]:
    """REPORT with the name, label and evidence of everyone who has since opted out masked
    (DESIGN.md: an opt-out removes the person from every individual listing)."""
    opted = opted_out_names(session, report)
    if not opted:
        return report
    for person in _people(report):
        if person.get("name") in opted:
            masked = {"label": "unknown", "source": "none", "probability": None, "evidence": []}
            person.update(name=OPTED_OUT, affiliation=None, quote=None)
            person.get("gender", person).update(masked)
    if "authors" in report:
        report["authors"] = [OPTED_OUT if name in opted else name for name in report["authors"]]
    return report


def public_title(session: Session, row: SavedReport) -> str | None:
    """ROW's title, or None when it carries the name of someone who has since opted out."""
    if not row.title:
        return None
    title = row.title.casefold()
    if any(name.casefold() in title for name in opted_out_names(session, row.report)):
        return None
    return row.title
