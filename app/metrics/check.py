"""Quick checks: label a panel, a whole lineup or an article on the fly and report its balance.

Nothing is stored. The same definitions as the stored metrics (DESIGN.md, Metrics): women's share
with a Wilson interval beside coverage, manels, undetermined sessions, role split, and the
expected manel rate for panels drawn at random from the same pool. A result can be corrected on
the spot (`apply_overrides`): the totals are recomputed from the people rows (issue #15).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

from app.errors import InvalidInput
from app.gender.engine import Engine
from app.gender.labels import Label
from app.hygiene import clean_text
from app.ingest import documents
from app.metrics import stats
from app.metrics.panel_lines import PanelLine
from app.people import privacy
from scrapers import records

__all__ = [
    "HEADCOUNT",
    "OVERRIDE",
    "Balance",
    "CheckKind",
    "apply_overrides",
    "check_article",
    "check_headcount",
    "check_lineup",
    "check_panel",
    "panel_status",
    "people_rows",
]

GENDERED = (Label.WOMAN, Label.MAN, Label.NONBINARY)
OVERRIDE = "override"  # the label source of a correction made on the check page
CheckKind = Literal["panel", "lineup", "article"]


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


OPTED_OUT = "(a person who opted out)"
_OPTED_OUT_RESULT = {"label": "unknown", "probability": None, "source": "none", "evidence": [],
                     "reason": "opted out: counted only as unknown"}  # fmt: skip


def _person_row(
    engine: Engine, ref: records.PersonRef, country: str | None, hidden: privacy.Mask | None
) -> dict[str, Any]:
    if hidden and hidden.hides(ref.name):  # DESIGN.md: listed nowhere, counted as unknown
        return {"name": OPTED_OUT, "role": ref.role.value, "kind": ref.kind.value,
                "honorific": None, "affiliation": None, "country": None,
                **_OPTED_OUT_RESULT}  # fmt: skip
    row: dict[str, Any] = {
        # issue 14: no bidi or control characters echoed
        "name": clean_text(ref.name), "role": ref.role.value, "kind": ref.kind.value,
        "honorific": ref.honorific,
        "affiliation": clean_text(ref.affiliation) if ref.affiliation else None,
        "country": country,
    }  # fmt: skip
    if ref.kind is records.PersonKind.ORGANISATION:
        why = ref.kind_reason or "organisation"  # personhood's reason: organisation or placeholder
        return {**row, "label": None, "reason": f"{why}: not counted"}
    inference = engine.infer(
        ref.name, country=country, honorific=ref.honorific, bio=ref.bio, pronouns=ref.pronouns
    )
    return {**row, **inference.as_dict()}


def _counted(rows: Sequence[Mapping[str, Any]]) -> list[Label]:
    return [Label(row["label"]) for row in rows if row.get("label") is not None]


def check_panel(
    people: Sequence[records.PersonRef | PanelLine],
    *,
    engine: Engine,
    country: str | None = None,
    hidden: privacy.Mask | None = None,
) -> dict[str, Any]:
    """Each person's label with its evidence, the totals, women's share and the manel flag.

    A person's own country (a PanelLine's) wins over COUNTRY, which is only a default. HIDDEN
    masks the names of people who opted out (app.people.privacy): they count as unknown.
    """
    rows = []
    for item in people:
        ref, own = (item.ref, item.country) if isinstance(item, PanelLine) else (item, None)
        rows.append(_person_row(engine, ref, own or country, hidden))
    return _panel_summary(rows)


HEADCOUNT = "headcount"  # the label source of a person counted by hand, without a name
MAX_HEADCOUNT = 500


def check_headcount(counts: Mapping[Label, int]) -> dict[str, Any]:
    """A panel counted by hand, without names (GenderAvenger's Tally): one row per person."""
    if sum(counts.values()) > MAX_HEADCOUNT or any(n < 0 for n in counts.values()):
        raise InvalidInput(f"a head count is limited to {MAX_HEADCOUNT} people")
    rows: list[dict[str, Any]] = [
        {"name": None, "role": "speaker", "kind": "person", "honorific": None,
         "affiliation": None, "country": None, "label": label.value, "probability": 1.0,
         "source": HEADCOUNT, "evidence": []}
        for label in (Label.WOMAN, Label.MAN, Label.NONBINARY, Label.UNKNOWN)
        for _ in range(int(counts.get(label, 0)))
    ]  # fmt: skip
    return _panel_summary(rows)


def _panel_summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    counted = _counted(rows)
    status = panel_status(counted)
    return {
        "people": rows,
        "balance": asdict(Balance.of(counted)),
        "status": status,
        "manel": {"manel": True, "not a manel": False}.get(status),
    }


def check_lineup(
    lineup: records.Lineup, *, engine: Engine, hidden: privacy.Mask | None = None
) -> dict[str, Any]:
    """A per-session report (status, balance), role split, overall share and expected manels.

    HIDDEN masks opted-out people (counted as unknown) and their names inside titles.
    """
    shown = hidden or privacy.Mask()
    country = lineup.event.country
    sessions = [
        {
            "title": shown.text(item.title),
            "start": item.start.isoformat() if item.start else None,
            "kind": item.kind,
            "people": [_person_row(engine, ref, country, hidden) for ref in item.people],
        }
        for item in lineup.sessions
    ]
    event = lineup.event
    return _lineup_summary({
        "event": {"name": shown.text(event.name), "url": event.url,
                  "starts_on": event.starts_on.isoformat() if event.starts_on else None},
        "sessions": sessions,
    })  # fmt: skip


def _lineup_summary(report: dict[str, Any]) -> dict[str, Any]:
    everyone: list[Label] = []
    by_role: dict[str, list[Label]] = {}
    panel_sizes: list[int] = []
    for item in report["sessions"]:
        counted = _counted(item["people"])
        item["status"] = panel_status(counted)
        item["balance"] = asdict(Balance.of(counted))
        everyone.extend(counted)
        for person in item["people"]:
            if person.get("label") is not None:
                by_role.setdefault(person["role"], []).append(Label(person["label"]))
        if item["status"] in ("manel", "not a manel"):
            panel_sizes.append(len(counted))
    statuses = Counter(item["status"] for item in report["sessions"])
    overall = Balance.of(everyone)
    gendered = overall.woman + overall.man + overall.nonbinary
    men_share = overall.man / gendered if gendered else None
    determined = statuses["manel"] + statuses["not a manel"]
    return {
        **report,
        "overall": asdict(overall),
        "roles": {role: asdict(Balance.of(labels)) for role, labels in sorted(by_role.items())},
        "manels": statuses["manel"],
        "undetermined": statuses["undetermined"],
        "panels": determined + statuses["undetermined"],
        "manel_rate": statuses["manel"] / determined if determined else None,
        "expected_manel_rate": (
            stats.expected_manel_rate(men_share, panel_sizes) if men_share is not None else None
        ),
    }


def check_article(
    article: records.Article, *, engine: Engine, hidden: privacy.Mask | None = None
) -> dict[str, Any]:
    """`extract article`'s document, with each author labelled and the cited people's balance.

    `authors` and `cited` are exactly as in DESIGN.md's article JSON; `author_people` holds the
    authors' gender objects, `organisations` the organisations quoted as sources (listed, never
    counted), `balance` the cited people's and `quoted_balance` the quoted ones'.
    HIDDEN: people who opted out are counted as unknown and never named.
    """
    if hidden:
        article = _without(article, hidden)
    document = documents.article_document(article, engine=engine)
    document["author_people"] = [
        {"name": name, "gender": documents.gender_object(engine, name)}
        for name in document["authors"]
    ]
    document["organisations"] = [
        {"name": item.name, "quoted": item.quoted, "mentions": item.mentions}
        for item in article.organisations
    ]
    return _article_summary(document)


def _without(article: records.Article, hidden: privacy.Mask) -> records.Article:
    """ARTICLE with opted-out people renamed OPTED_OUT (no cues, no affiliation: unknown)."""
    cited = tuple(
        item.model_copy(update={"name": OPTED_OUT, "affiliation": None, "cues": (),
                                "honorific": None, "quote": None})
        if hidden.hides(item.name) else item
        for item in article.cited
    )  # fmt: skip
    authors = tuple(OPTED_OUT if hidden.hides(name) else name for name in article.authors)
    return article.model_copy(update={"cited": cited, "authors": authors})


def _article_label(row: Mapping[str, Any]) -> Label | None:
    if row.get("kind") == "organisation":
        return None
    return Label(row["gender"]["label"])


def _article_summary(document: dict[str, Any]) -> dict[str, Any]:
    cited = [(row, _article_label(row)) for row in document["cited"]]
    labels = [label for _, label in cited if label is not None]
    quoted = [label for row, label in cited if label is not None and row.get("quoted")]
    authors = {Label(row["gender"]["label"]) for row in document["author_people"]}
    return {
        **document,
        "balance": asdict(Balance.of(labels)),
        "quoted_balance": asdict(Balance.of(quoted)),
        "author_group": _author_group(authors),
    }


def _author_group(labels: set[Label]) -> str:
    """DESIGN.md citation matrix groups: all men, all women, mixed, unknown."""
    if not labels or Label.UNKNOWN in labels:
        return "unknown"
    if labels == {Label.MAN}:
        return "men"
    if labels == {Label.WOMAN}:
        return "women"
    return "mixed"


def people_rows(kind: CheckKind, report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every person of a result in a fixed order (the index an override refers to)."""
    if kind == "lineup":
        return [person for item in report["sessions"] for person in item["people"]]
    if kind == "article":
        return [*report["author_people"], *report["cited"]]
    return list(report["people"])


def _set_label(row: dict[str, Any], label: Label) -> None:
    target = row.get("gender", row)
    if target.get("label") is None or row.get("kind") == "organisation":
        return  # organisations are never counted
    target.setdefault("inferred", {key: target.get(key) for key in ("label", "source",
                                                                    "probability")})  # fmt: skip
    target.update(label=label.value, source=OVERRIDE, probability=1.0)


def apply_overrides(
    kind: CheckKind, report: dict[str, Any], overrides: Mapping[int, Label]
) -> dict[str, Any]:
    """REPORT with the labels set by whoever checked it (index -> label), totals recomputed."""
    rows = people_rows(kind, report)
    for index, label in overrides.items():
        if 0 <= index < len(rows):
            _set_label(rows[index], label)
    if kind == "lineup":
        return _lineup_summary(report)
    if kind == "article":
        return _article_summary(report)
    return _panel_summary(report["people"])
