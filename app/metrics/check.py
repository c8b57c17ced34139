"""Quick checks: label a panel or a whole lineup on the fly and report its balance.

Nothing is stored. The same definitions as the stored metrics (DESIGN.md, Metrics): women's share
with a Wilson interval beside coverage, manels, undetermined sessions, role split, and the
expected manel rate for panels drawn at random from the same pool.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from app.gender.engine import Engine
from app.gender.labels import Label
from app.hygiene import clean_text
from app.metrics import stats
from app.people import privacy
from scrapers import records

__all__ = ["Balance", "check_lineup", "check_panel", "panel_status"]

GENDERED = (Label.WOMAN, Label.MAN, Label.NONBINARY)


@dataclass(frozen=True, slots=True)
class Balance:
    """Counts by label with women's share (unknown excluded), its interval and coverage."""

    woman: int = 0
    man: int = 0
    nonbinary: int = 0
    unknown: int = 0
    share: float | None = None
    interval: tuple[float, float] | None = None
    coverage: float | None = None
    share_of_all: float | None = None

    @classmethod
    def of(cls, labels: Sequence[Label]) -> Balance:
        counts = Counter(labels)
        gendered = sum(counts[label] for label in GENDERED)
        total = len(labels)
        interval = stats.wilson(counts[Label.WOMAN], gendered)
        return cls(
            woman=counts[Label.WOMAN],
            man=counts[Label.MAN],
            nonbinary=counts[Label.NONBINARY],
            unknown=counts[Label.UNKNOWN],
            share=counts[Label.WOMAN] / gendered if gendered else None,
            interval=(interval.low, interval.high) if interval else None,
            coverage=gendered / total if total else None,
            share_of_all=counts[Label.WOMAN] / total if total else None,
        )


def panel_status(labels: Sequence[Label]) -> str:
    """'manel', 'undetermined', 'not a manel', or 'single' (fewer than two people)."""
    if len(labels) < 2:
        return "single"
    if any(label is Label.UNKNOWN for label in labels):
        return "undetermined"
    return "manel" if all(label is Label.MAN for label in labels) else "not a manel"


@dataclass
class _Labelled:
    ref: records.PersonRef
    result: dict[str, Any]
    label: Label | None  # None for organisations: listed, never counted


OPTED_OUT = "(a person who opted out)"
_OPTED_OUT_RESULT = {"label": "unknown", "probability": None, "source": "none", "evidence": [],
                     "reason": "opted out: counted only as unknown"}  # fmt: skip


def _label(
    engine: Engine, ref: records.PersonRef, country: str | None, hidden: privacy.Mask | None
) -> _Labelled:
    if hidden and hidden.hides(ref.name):  # DESIGN.md: listed nowhere, counted as unknown
        masked = ref.model_copy(update={"name": OPTED_OUT, "affiliation": None, "bio": None})
        return _Labelled(masked, dict(_OPTED_OUT_RESULT), Label.UNKNOWN)
    if ref.kind is records.PersonKind.ORGANISATION:
        return _Labelled(ref, {"label": None, "reason": "organisation: not counted"}, None)
    inference = engine.infer(
        ref.name, country=country, honorific=ref.honorific, bio=ref.bio, pronouns=ref.pronouns
    )
    return _Labelled(ref, inference.as_dict(), inference.label)


def _person_row(item: _Labelled) -> dict[str, Any]:
    return {
        "name": clean_text(item.ref.name),  # issue 14: no bidi or control characters echoed
        "role": item.ref.role.value,
        "kind": item.ref.kind.value,
        "affiliation": clean_text(item.ref.affiliation) if item.ref.affiliation else None,
        **item.result,
    }


def check_panel(
    refs: Sequence[records.PersonRef],
    *,
    engine: Engine,
    country: str | None = None,
    hidden: privacy.Mask | None = None,
) -> dict[str, Any]:
    """Each person's label with its evidence, the totals, women's share and the manel flag.

    HIDDEN masks the names of people who opted out (app.people.privacy): they count as unknown.
    """
    labelled = [_label(engine, ref, country, hidden) for ref in refs]
    counted = [item.label for item in labelled if item.label is not None]
    status = panel_status(counted)
    return {
        "people": [_person_row(item) for item in labelled],
        "balance": asdict(Balance.of(counted)),
        "status": status,
        "manel": {"manel": True, "not a manel": False}.get(status),
    }


@dataclass
class _LineupTally:
    sessions: list[dict[str, Any]] = field(default_factory=list)
    everyone: list[Label] = field(default_factory=list)
    by_role: dict[str, list[Label]] = field(default_factory=dict)
    panel_sizes: list[int] = field(default_factory=list)


def check_lineup(
    lineup: records.Lineup, *, engine: Engine, hidden: privacy.Mask | None = None
) -> dict[str, Any]:
    """A per-session report (status, balance), role split, overall share and expected manels.

    HIDDEN masks opted-out people (counted as unknown) and their names inside titles.
    """
    tally = _LineupTally()
    shown = hidden or privacy.Mask()
    for item in lineup.sessions:
        labelled = [_label(engine, ref, lineup.event.country, hidden) for ref in item.people]
        counted = [p.label for p in labelled if p.label is not None]
        status = panel_status(counted)
        tally.everyone.extend(counted)
        for person in labelled:
            if person.label is not None:
                tally.by_role.setdefault(person.ref.role.value, []).append(person.label)
        if status in ("manel", "not a manel"):
            tally.panel_sizes.append(len(counted))
        tally.sessions.append({
            "title": shown.text(item.title),
            "start": item.start.isoformat() if item.start else None,
            "kind": item.kind,
            "status": status,
            "balance": asdict(Balance.of(counted)),
            "people": [_person_row(p) for p in labelled],
        })  # fmt: skip
    return _lineup_summary(lineup, tally, shown)


def _lineup_summary(
    lineup: records.Lineup, tally: _LineupTally, shown: privacy.Mask
) -> dict[str, Any]:
    statuses = Counter(session["status"] for session in tally.sessions)
    overall = Balance.of(tally.everyone)
    gendered = overall.woman + overall.man + overall.nonbinary
    men_share = overall.man / gendered if gendered else None
    determined = statuses["manel"] + statuses["not a manel"]
    return {
        "event": {"name": shown.text(lineup.event.name), "url": lineup.event.url},
        "overall": asdict(overall),
        "roles": {
            role: asdict(Balance.of(labels)) for role, labels in sorted(tally.by_role.items())
        },
        "manels": statuses["manel"],
        "undetermined": statuses["undetermined"],
        "panels": determined + statuses["undetermined"],
        "manel_rate": statuses["manel"] / determined if determined else None,
        "expected_manel_rate": (
            stats.expected_manel_rate(men_share, tally.panel_sizes)
            if men_share is not None
            else None
        ),
        "sessions": tally.sessions,
    }
