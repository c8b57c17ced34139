"""Write the public pages and their data as static files (`voicetally export-site DIR`).

The files link to each other by relative names, so the directory works from any web server or
CDN, and offline: the static assets (CSS, JS, plotly's basic bundle) are copied beside the
pages. Only public pages: no check form, no author pages, no per-person pages.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app import db
from app.metrics import service as metrics_service
from app.metrics import sources
from app.people import privacy
from dashboards import assets, charts, event_pages, views
from dashboards.charts import Context
from dashboards.render import render
from dashboards.urls import Urls

__all__ = ["export_site"]

DEFAULTS = metrics_service.Filters()


def export_site(
    engine: Engine, out_dir: Path, *, rule: privacy.PublicRule | None = None
) -> list[Path]:
    """Write the site into OUT_DIR (created if missing); return the files written.

    RULE is who the pages may name (app.people.privacy; default thresholds when None).
    """
    rule = rule or privacy.PublicRule()
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    wanted: dict[str, tuple[str, dict[str, Any]]] = {}
    factory = db.make_sessionmaker(engine)
    with factory() as session, session.begin():
        session.connection(execution_options=db.READ_ONLY)
        for name, body in _pages(session, wanted, rule):
            written.append(_write(out_dir / name, body))
        for name, (key, query) in dict(wanted).items():
            written.append(_write(out_dir / name, _wanted(session, name, key, query, rule)))
        for event_id, svg in _badges(session):
            written.append(_write(out_dir / f"badge-event-{event_id}.svg", svg))
    for name in assets.FILES:
        written.append(_write(out_dir / name, assets.content(name)))
    return written


def _write(path: Path, body: str | bytes) -> Path:
    if isinstance(body, str):
        path.write_text(body, encoding="utf-8")
    else:
        path.write_bytes(body)
    return path


def _ctx(session: Session, wanted: dict, rule: privacy.PublicRule, **changes: Any) -> Context:
    filters = dataclasses.replace(DEFAULTS, **changes)
    return Context(session, filters, Urls(filters, static=True, wanted=wanted), public=rule)


def _render(template: str, ctx: Context, **context: Any) -> str:
    return render(template, urls=ctx.urls, path="", **context)


def _pages(session: Session, wanted: dict, rule: privacy.PublicRule) -> list[tuple[str, str]]:
    ctx = _ctx(session, wanted, rule)
    found = [
        ("index.html", _render("overview.html", ctx, section="overview",
                               **views.overview_page(ctx))),
        ("series.html", _render("series.html", ctx, section="series",
                                **views.series_page(ctx, None))),
        ("outlet.html", _render("outlet.html", ctx, section="outlet",
                                **views.outlet_page(ctx, None))),
        ("citations.html", _render("citations.html", ctx, section="citations",
                                   **views.citations_page(ctx))),
        ("methodology.html", _render("methodology.html", ctx, section="methodology",
                                     title="Methodology", method=views.methodology(),
                                     rule=rule)),
    ]  # fmt: skip
    for item in sources.series_list(session):
        scoped = _ctx(session, wanted, rule, series=item["id"])
        page = views.series_page(scoped, item["id"])
        found.append((f"series-{item['id']}.html",
                      _render("series.html", scoped, section="series", **page)))  # fmt: skip
    for item in sources.outlets(session):
        yearly = _ctx(session, wanted, rule, outlet=item["id"])  # yearly, as live (issue #15)
        page = views.outlet_page(yearly, item["id"])
        found.append((f"outlet-{item['id']}.html",
                      _render("outlet.html", yearly, section="outlet", **page)))  # fmt: skip
    return found


def _filters(query: dict[str, Any]) -> dict[str, Any]:
    names = ("period", "series", "outlet", "country", "role", "mode")
    return {name: query[name] for name in names if name in query}


def _wanted(
    session: Session, name: str, key: str, query: dict[str, Any], rule: privacy.PublicRule
) -> str:
    """A CSV (data-*) or a drill-down page (sources-*) a page linked to."""
    ctx = _ctx(session, {}, rule, **_filters(query))
    if name.startswith("data-"):
        return charts.build(key, ctx).table.to_csv()
    found = views.sources_page(
        ctx, key, period=query.get("point"), status=query.get("status"), group=query.get("group")
    )
    return _render("sources.html", ctx, section="", **found)


def _badges(session: Session) -> list[tuple[int, str]]:
    found = []
    for item in sources.series_list(session):
        for event in sources.series_events(session, item["id"]):
            svg = event_pages.badge_svg(session, event["id"])
            if svg is not None:
                found.append((event["id"], svg))
    return found
