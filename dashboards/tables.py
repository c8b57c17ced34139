"""The accessible data table and CSV behind every chart, built from the same metric results.

Each row keeps raw values (for CSV) and display text (for HTML), its drill-down link and, when
small, the reason (DESIGN.md, small numbers). Pure: no SQL, no session.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.hygiene import csv_writer
from dashboards import theme
from dashboards.figures import GROUP_NAMES, ROLE_NAMES, period_name

__all__ = [
    "Row",
    "Table",
    "labels_table",
    "manels_table",
    "matrix_table",
    "outlets_table",
    "roles_table",
    "share_table",
]

COUNT_COLUMNS = ["women", "men", "non-binary", "unknown"]
SHARE_COLUMNS = ["women's share", "95% interval", "share with a label", "women among all"]


@dataclass(frozen=True, slots=True)
class Row:
    values: list[Any]
    small_reason: str | None = None
    sources_url: str | None = None

    def display(self) -> list[str]:
        return [_display(value) for value in self.values]


@dataclass(frozen=True, slots=True)
class Table:
    caption: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)

    def to_csv(self) -> str:
        """The table as CSV: raw numbers, a small-numbers note in a last column."""
        out = io.StringIO()
        writer = csv_writer(out, lineterminator="\n")
        writer.writerow([*self.columns, "note"])
        for row in self.rows:
            writer.writerow([_raw(value) for value in row.values] + [row.small_reason or ""])
        return out.getvalue()


@dataclass(frozen=True, slots=True)
class Share:
    """A fraction shown as a percent in HTML and kept raw in CSV."""

    value: float | None


@dataclass(frozen=True, slots=True)
class Interval:
    bounds: Sequence[float] | None
    signed: bool = False


def _display(value: Any) -> str:
    if isinstance(value, Share):
        return theme.percent(value.value)
    if isinstance(value, Interval):
        if not value.bounds:
            return "n/a"
        if value.signed:
            return f"{value.bounds[0] * 100:+.0f} to {value.bounds[1] * 100:+.0f}%"
        return theme.percent_interval(value.bounds)
    if isinstance(value, float):
        return f"{value:.3f}"
    return "n/a" if value is None else str(value)


def _raw(value: Any) -> Any:
    if isinstance(value, Share):
        return "" if value.value is None else round(value.value, 4)
    if isinstance(value, Interval):
        return "" if not value.bounds else " to ".join(f"{b:.4f}" for b in value.bounds)
    return "" if value is None else value


def _cell_values(cell: Mapping[str, Any]) -> list[Any]:
    return [
        cell["women"], cell["men"], cell["nonbinary"], cell["unknown"], Share(cell.get("share")),
        Interval(cell.get("interval")), Share(cell.get("coverage")),
        Share(cell.get("share_of_all")),
    ]  # fmt: skip


def share_table(
    results: Mapping[str, Mapping[str, Any]],
    *,
    caption: str,
    links: Mapping[str, Sequence[str]] | None = None,
) -> Table:
    """One row per named result and period."""
    rows = []
    for name, result in results.items():
        found = list((links or {}).get(name, []))
        for index, cell in enumerate(result["rows"]):
            rows.append(Row(
                [period_name(cell["period"]), name, *_cell_values(cell)],
                cell.get("small_reason"), found[index] if index < len(found) else None,
            ))  # fmt: skip
    return Table(caption, ["period", "who", *COUNT_COLUMNS, *SHARE_COLUMNS], rows)


def manels_table(
    result: Mapping[str, Any], *, caption: str, links: Sequence[str] | None = None
) -> Table:
    found = list(links or [])
    rows = [
        Row(
            [period_name(row["period"]), row["panels"], row["manels"], row["not_manels"],
             row["undetermined"], Share(row.get("rate")), Interval(row.get("interval")),
             Share(row.get("expected_rate"))],
            "fewer than 30 panels with every label known" if row.get("small") else None,
            found[index] if index < len(found) else None,
        )
        for index, row in enumerate(result["rows"])
    ]  # fmt: skip
    columns = ["period", "panels", "manels", "not manels", "not known yet", "manel rate",
               "95% interval", "expected at random"]  # fmt: skip
    return Table(caption, columns, rows)


def roles_table(result: Mapping[str, Any], *, caption: str) -> Table:
    rows = [
        Row([period_name(row["period"]), ROLE_NAMES.get(role, role), *_cell_values(cell)],
            cell.get("small_reason"))
        for row in result["rows"]
        for role, cell in row["roles"].items()
    ]  # fmt: skip
    return Table(caption, ["period", "role", *COUNT_COLUMNS, *SHARE_COLUMNS], rows)


def matrix_table(
    rows_by_period: Sequence[Mapping[str, Any]],
    *,
    caption: str,
    links: Mapping[tuple[int, str], str] | None = None,
) -> Table:
    """The citation matrix: one row per period and author group."""
    rows = []
    for period_row in rows_by_period:
        for group in GROUP_NAMES:
            cell = period_row["groups"].get(group)
            if cell is None:
                continue
            rows.append(Row(
                [period_name(period_row["period"]), GROUP_NAMES[group], cell["women"],
                 cell["men"], cell["nonbinary"], cell["unknown"], Share(cell.get("share")),
                 Interval(cell.get("interval")), Share(cell.get("expected")),
                 _signed(cell.get("gap")), Interval(cell.get("gap_interval"), signed=True),
                 cell.get("p_value")],
                cell.get("small_reason"), (links or {}).get((period_row["period"], group)),
            ))  # fmt: skip
    columns = ["period", "articles by", *COUNT_COLUMNS, "women cited", "95% interval",
               "expected", "gap", "gap 95% interval", "p-value"]  # fmt: skip
    return Table(caption, columns, rows)


def _signed(value: float | None) -> str | None:
    return None if value is None else f"{value * 100:+.0f}%"


def outlets_table(
    cells: Mapping[str, Mapping[str, Any]], *, caption: str, links: Sequence[str] | None = None
) -> Table:
    found = list(links or [])
    rows = [
        Row([name, *_cell_values(cell)], cell.get("small_reason"),
            found[index] if index < len(found) else None)
        for index, (name, cell) in enumerate(cells.items())
    ]  # fmt: skip
    return Table(caption, ["outlet", *COUNT_COLUMNS, *SHARE_COLUMNS], rows)


def labels_table(counts: Mapping[str, int], *, caption: str) -> Table:
    total = sum(counts.values())
    rows = [
        Row([theme.LABEL_NAMES[label], counts.get(label, 0),
             Share(counts.get(label, 0) / total if total else None)])
        for label in theme.LABEL_NAMES
    ]  # fmt: skip
    return Table(caption, ["label", "people", "share of all"], rows)
