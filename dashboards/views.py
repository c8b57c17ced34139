"""What each page shows: the template context built from app.metrics services and the charts.

Shared by the live routes (pages.py) and the static export (export.py); no HTTP here.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from functools import cache
from importlib import resources
from typing import Any

from app.metrics import editions, sources
from app.metrics import service as metrics_service
from dashboards import charts, figures, tables, theme, words
from dashboards.charts import Chart, Context

__all__ = [
    "SOURCE_WORDS",
    "author_page",
    "citations_page",
    "describe_label",
    "methodology",
    "outlet_page",
    "overview_page",
    "person_page",
    "series_page",
    "sources_page",
]

SOURCE_WORDS = words.SOURCE_WORDS  # one wording everywhere (dashboards/words.py)
INFERRED = ("text", "name")
MAX_SHOWN = 0.99  # an inference is never shown as certain


def describe_label(source: str, probability: float | None) -> str:
    """'inferred from first name, 72%' (DESIGN.md: an inferred label is called what it is)."""
    words = SOURCE_WORDS.get(source, source)
    if source in INFERRED and probability is not None:
        shown = "over 99" if probability > MAX_SHOWN else f"{probability * 100:.0f}"
        return f"{words}, {shown}%"
    return words


@cache
def methodology() -> dict[str, Any]:
    """The measured error rates and notes the methodology page prints (dashboards/)."""
    text = resources.files("dashboards").joinpath("methodology.json").read_text()
    return dict(json.loads(text))


def _all_time(ctx: Context) -> metrics_service.Filters:
    return dataclasses.replace(ctx.filters, period="all")


def _headline(ctx: Context) -> dict[str, Any]:
    f = _all_time(ctx)
    panels = metrics_service.share(ctx.session, f, scope="panels")["rows"]
    cited = metrics_service.share(ctx.session, f, scope="citations")["rows"]
    manel = metrics_service.manels(ctx.session, f)["rows"]
    return {
        "panels": panels[0] if panels else None,
        "citations": cited[0] if cited else None,
        "manels": manel[0] if manel else None,
    }


def overview_page(ctx: Context) -> dict[str, Any]:
    return {
        "title": "Overview",
        "headline": _headline(ctx),
        "charts": [charts.build("overview-share", ctx), charts.build("overview-manels", ctx)],
        "series": sources.series_list(ctx.session),
        "outlets": sources.outlets(ctx.session),
    }


def _with_share(ctx: Context, listed: list[dict[str, Any]], scope: str) -> list[dict[str, Any]]:
    """Each listed series or outlet with its all-time women's share (the index pages)."""
    key = "series" if scope == "panels" else "outlet"
    found = []
    for item in listed:
        filters = dataclasses.replace(ctx.filters, period="all", **{key: item["id"]})
        rows = metrics_service.share(ctx.session, filters, scope=scope)["rows"]  # type: ignore[arg-type]
        found.append({**item, "cell": rows[0] if rows else None})
    return found


def series_page(ctx: Context, series_id: int | None) -> dict[str, Any] | None:
    listed = sources.series_list(ctx.session)
    if series_id is None:
        return {"title": "Event series", "series": _with_share(ctx, listed, "panels"),
                "current": None}  # fmt: skip
    current = next((s for s in listed if s["id"] == series_id), None)
    if current is None:
        return None
    ctx = dataclasses.replace(ctx, filters=dataclasses.replace(ctx.filters, series=series_id))
    scoped = dataclasses.replace(ctx.filters, start=None, end=None)
    sessions = sources.panel_sessions(ctx.session, scoped)
    return {
        "title": current["name"],
        "series": listed,
        "current": current,
        "editions": sources.series_events(ctx.session, series_id),
        "charts": [charts.build(key, ctx) for key in ("series-share", "series-roles",
                                                      "series-manels")],
        "manels": [s for s in sessions if s["status"] == "manel"],
        "undetermined": [s for s in sessions if s["status"] == "undetermined"],
    }  # fmt: skip


def outlet_page(ctx: Context, outlet_id: int | None) -> dict[str, Any] | None:
    listed = sources.outlets(ctx.session)
    if outlet_id is None:
        return {"title": "Outlets", "outlets": _with_share(ctx, listed, "citations"),
                "current": None}  # fmt: skip
    current = next((o for o in listed if o["id"] == outlet_id), None)
    if current is None:
        return None
    ctx = dataclasses.replace(ctx, filters=dataclasses.replace(ctx.filters, outlet=outlet_id))
    return {
        "title": current["name"],
        "outlets": listed,
        "current": current,
        "charts": [charts.build("outlet-share", ctx), charts.build("outlet-matrix", ctx)],
        "top": sources.top_experts(ctx.session, ctx.filters, rule=ctx.public),
    }


def citations_page(ctx: Context) -> dict[str, Any]:
    return {
        "title": "Citations",
        "charts": [charts.build("citations-gaps", ctx), charts.build("citations-outlets", ctx)],
    }


def person_page(ctx: Context, person_id: int) -> dict[str, Any] | None:
    card = sources.person_label(ctx.session, person_id, rule=ctx.public)
    if card is None:
        return None
    card["described"] = describe_label(card["source"], card["probability"])
    card["inferred"] = card["source"] in INFERRED
    return {"title": card["name"], "person": card,
            "record": editions.appearances(ctx.session, person_id)}  # fmt: skip


def sources_page(
    ctx: Context, kind: str, *, period: int | None, status: str | None, group: str | None
) -> dict[str, Any]:
    """The sessions (kind 'panels') or articles (kind 'articles') behind one chart point."""
    what = figures.period_name(period) if period is not None else "all periods"
    if kind == "panels":
        rows = sources.panel_sessions(ctx.session, ctx.filters, period=period, status=status)
        title = f"Sessions behind the point: {what}" + (f", {status}" if status else "")
    else:
        rows = sources.cited_articles(ctx.session, ctx.filters, period=period, group=group)
        title = f"Articles behind the point: {what}" + (
            f", written by {figures.GROUP_NAMES.get(group, group)}" if group else ""
        )
    return {"title": title, "kind": kind, "rows": rows, "limit": sources.LIMIT}


def author_page(ctx: Context, person_id: int | None) -> dict[str, Any] | None:
    listed = sources.authors(ctx.session)
    if person_id is None:
        return {"title": "Authors", "authors": listed, "current": None}
    articles = sources.author_articles(ctx.session, person_id)
    current = next((a for a in listed if a["id"] == person_id), None)
    if articles is None or current is None:
        return None
    counts: Counter[str] = Counter()
    for article in articles:
        counts.update({label: article[label] for label in theme.LABEL_NAMES})
    title = f"Experts cited by {current['name']}"
    chart = Chart(
        "author-labels", title, figures.label_counts(counts, title=title),
        tables.labels_table(counts, caption=title), "",
    )  # fmt: skip
    return {"title": current["name"], "authors": listed, "current": current,
            "articles": articles, "chart": chart}  # fmt: skip
