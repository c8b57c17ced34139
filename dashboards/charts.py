"""Every chart the pages show, by key: the metric call, its figure, its table and its links.

A chart is rebuilt from its key and the filters alone, so `/data/{key}.csv` and the static
export give exactly the numbers the page drew. Reads through app.metrics services only.
"""

from __future__ import annotations

import dataclasses
import html
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from sqlalchemy.orm import Session

from app.metrics import service as metrics_service
from app.metrics import sources
from app.people import privacy
from dashboards import figures, tables
from dashboards.urls import Urls

__all__ = ["CHARTS", "Chart", "Context", "build"]

RESAMPLES = 1000  # DESIGN.md, citation matrix: >= 1000 bootstrap resamples
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["lasso2d"]}


@dataclass
class Context:
    session: Session
    filters: metrics_service.Filters
    urls: Urls
    # Who a page may name (app.people.privacy); None for a viewer, who sees every name.
    public: privacy.PublicRule | None = field(default_factory=privacy.PublicRule)


@dataclass
class Chart:
    key: str
    title: str
    figure: go.Figure
    table: tables.Table
    csv_url: str
    note: str = ""

    def html(self) -> str:
        """The figure as a div holding its JSON; static/charts.js draws it (no inline script)."""
        figure = pio.to_json(self.figure, validate=False, engine="json")
        config = json.dumps(PLOTLY_CONFIG)
        return (
            f'<div id="chart-{self.key}" class="vt-chart plotly-graph-div" '
            f'data-figure="{html.escape(figure)}" data-config="{html.escape(config)}"></div>'
        )


def _with(filters: metrics_service.Filters, **changes: Any) -> metrics_service.Filters:
    return dataclasses.replace(filters, **changes)


def _point_links(urls: Urls, kind: str, result: dict, **scope: Any) -> list[str]:
    return [urls.sources(kind, period=row["period"], **scope) for row in result["rows"]]


def overview_share(ctx: Context) -> Chart:
    f = ctx.filters
    results = {
        "people on panels": metrics_service.share(ctx.session, f, scope="panels"),
        "cited experts": metrics_service.share(ctx.session, f, scope="citations"),
    }
    links = {
        "people on panels": _point_links(ctx.urls, "panels", results["people on panels"]),
        "cited experts": _point_links(ctx.urls, "articles", results["cited experts"]),
    }
    title = "Women's share over time"
    return Chart(
        "overview-share", title,
        figures.share_over_time(results, title=title, links=links),
        tables.share_table(results, caption=title, links=links),
        ctx.urls.data("overview-share"),
        "People whose label is not known are left out of the share; the table says how many "
        "had a label.",
    )  # fmt: skip


def _manels(ctx: Context, key: str, **scope: Any) -> Chart:
    result = metrics_service.manels(ctx.session, _with(ctx.filters, **scope))
    links = _point_links(ctx.urls, "panels", result, status="manel", **scope)
    title = "All-male panels (manels): observed and expected at random"
    return Chart(
        key, title, figures.manel_rates(result, title=title, links=links),
        tables.manels_table(result, caption=title, links=links), ctx.urls.data(key, **scope),
        "A session where anyone's label is not known is counted neither as a manel nor as "
        "balanced.",
    )  # fmt: skip


def overview_manels(ctx: Context) -> Chart:
    return _manels(ctx, "overview-manels")


def series_share(ctx: Context) -> Chart:
    series = ctx.filters.series
    result = metrics_service.share(ctx.session, ctx.filters, scope="panels")
    links = {"people on panels": _point_links(ctx.urls, "panels", result, series=series)}
    results = {"people on panels": result}
    title = "Women's share by edition"
    return Chart(
        "series-share", title, figures.share_over_time(results, title=title, links=links),
        tables.share_table(results, caption=title, links=links),
        ctx.urls.data("series-share", series=series),
    )  # fmt: skip


def series_roles(ctx: Context) -> Chart:
    result = metrics_service.roles(ctx.session, ctx.filters)
    title = "Women's share by role"
    return Chart(
        "series-roles", title, figures.role_split(result, title=title),
        tables.roles_table(result, caption=title),
        ctx.urls.data("series-roles", series=ctx.filters.series),
    )  # fmt: skip


def series_manels(ctx: Context) -> Chart:
    return _manels(ctx, "series-manels", series=ctx.filters.series)


def outlet_share(ctx: Context) -> Chart:
    outlet = ctx.filters.outlet
    result = metrics_service.share(ctx.session, ctx.filters, scope="citations")
    results = {"cited experts": result}
    links = {"cited experts": _point_links(ctx.urls, "articles", result, outlet=outlet)}
    title = "Women among cited experts"
    return Chart(
        "outlet-share", title, figures.share_over_time(results, title=title, links=links),
        tables.share_table(results, caption=title, links=links),
        ctx.urls.data("outlet-share", outlet=outlet),
    )  # fmt: skip


def outlet_matrix(ctx: Context) -> Chart:
    outlet = ctx.filters.outlet
    result = metrics_service.citations(
        ctx.session, _with(ctx.filters, period="all"), resamples=RESAMPLES
    )
    groups = result["rows"][0]["groups"] if result["rows"] else {}
    links = {name: ctx.urls.sources("articles", outlet=outlet, group=name) for name in groups}
    title = "Whom each author group cites (all periods)"
    return Chart(
        "outlet-matrix", title, figures.citation_matrix(groups, title=title, links=links),
        tables.matrix_table(result["rows"], caption=title,
                            links={(0, name): url for name, url in links.items()}),
        ctx.urls.data("outlet-matrix", outlet=outlet),
        "Black dash: the share of women among all experts this outlet cites. Bars: 95% "
        "intervals.",
    )  # fmt: skip


def citations_gaps(ctx: Context) -> Chart:
    result = metrics_service.citations(ctx.session, ctx.filters, resamples=RESAMPLES)
    links = {
        group: [ctx.urls.sources("articles", period=row["period"], group=group)
                for row in result["rows"] if group in row["groups"]]
        for group in ("men", "women", "mixed")
    }  # fmt: skip
    flat = {(row["period"], g): ctx.urls.sources("articles", period=row["period"], group=g)
            for row in result["rows"] for g in row["groups"]}  # fmt: skip
    title = "Whom each author group cites, against all articles"
    return Chart(
        "citations-gaps", title, figures.citation_gaps(result, title=title, links=links),
        tables.matrix_table(result["rows"], caption=title, links=flat),
        ctx.urls.data("citations-gaps"),
        "Dots: the share of women among the experts each group of authors cites, with its 95% "
        "interval. Black dash: the share among all experts cited that period. A dot above its "
        "dash: that group cites women more often than articles in general.",
    )  # fmt: skip


def citations_outlets(ctx: Context) -> Chart:
    cells: dict[str, dict] = {}
    links: list[str] = []
    for outlet in sources.outlets(ctx.session):
        found = metrics_service.share(
            ctx.session, _with(ctx.filters, outlet=outlet["id"], period="all"), scope="citations"
        )["rows"]
        if found:
            cells[outlet["name"]] = found[0]
            links.append(ctx.urls.sources("articles", outlet=outlet["id"]))
    title = "Outlets compared: women among cited experts"
    return Chart(
        "citations-outlets", title, figures.outlets_compared(cells, title=title, links=links),
        tables.outlets_table(cells, caption=title, links=links),
        ctx.urls.data("citations-outlets"),
    )  # fmt: skip


CHARTS: dict[str, Callable[[Context], Chart]] = {
    "overview-share": overview_share,
    "overview-manels": overview_manels,
    "series-share": series_share,
    "series-roles": series_roles,
    "series-manels": series_manels,
    "outlet-share": outlet_share,
    "outlet-matrix": outlet_matrix,
    "citations-gaps": citations_gaps,
    "citations-outlets": citations_outlets,
}


def build(key: str, ctx: Context) -> Chart:
    """The chart KEY under the context's filters (KeyError for an unknown key)."""
    return CHARTS[key](ctx)
