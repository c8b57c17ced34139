"""The check page's report: a quick check's result (app.metrics.check) shaped for the template."""

from __future__ import annotations

from typing import Any

from dashboards import figures, tables
from dashboards.charts import Chart
from dashboards.views import describe_label

__all__ = ["lineup_report", "panel_report"]


def _person(row: dict[str, Any]) -> dict[str, Any]:
    if row.get("label") is None:
        described = row.get("reason") or "not counted"
    else:
        described = describe_label(str(row.get("source")), row.get("probability"))
    return {**row, "described": described, "evidence": row.get("evidence") or []}


def _chart(balance: dict[str, Any]) -> Chart:
    counts = {label: int(balance.get(label, 0)) for label in ("woman", "man", "nonbinary",
                                                                "unknown")}  # fmt: skip
    title = "People by label"
    return Chart(
        "check-labels", title, figures.label_counts(counts, title=title),
        tables.labels_table(counts, caption=title), "",
    )  # fmt: skip


def panel_report(result: dict[str, Any]) -> dict[str, Any]:
    """A pasted panel: its balance, manel status and one row per person."""
    return {
        "event": None,
        "balance": result["balance"],
        "status": result["status"],
        "manels": None,
        "sessions": [],
        "people": [_person(row) for row in result["people"]],
        "chart": _chart(result["balance"]),
    }


def lineup_report(result: dict[str, Any]) -> dict[str, Any]:
    """A whole lineup: overall balance, manels against expected, sessions and people."""
    return {
        "event": result["event"]["name"],
        "balance": result["overall"],
        "status": None,
        "manels": result["manels"],
        "panels": result["panels"],
        "undetermined": result["undetermined"],
        "expected": result["expected_manel_rate"],
        "sessions": result["sessions"],
        "people": [_person(row) for s in result["sessions"] for row in s["people"]],
        "chart": _chart(result["overall"]),
    }
