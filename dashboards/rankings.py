"""Outlets and event series ranked by women's share, with intervals, a 50% line and a target
the reader sets (which met it, BBC 50:50 style), one year at a time by default (issue #15)."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from app.metrics import service as metrics_service
from app.metrics import sources
from app.web_session import get_session
from dashboards import figures, theme
from dashboards.charts import Chart
from dashboards.render import render
from dashboards.tables import Interval, Row, Share, Table
from dashboards.urls import Urls

__all__ = ["rank", "router"]

router = APIRouter(include_in_schema=False)
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
ALL = 0  # the period value of "all years"


def _cells(session: Session, kind: str) -> list[dict[str, Any]]:
    """Every outlet's or series' yearly women's share (cells carry name, period and URL)."""
    found: list[dict[str, Any]] = []
    if kind == "outlets":
        for item in sources.outlets(session):
            filters = metrics_service.Filters(outlet=item["id"])
            rows = metrics_service.share(session, filters, scope="citations")["rows"]
            total = metrics_service.share(session, dataclasses.replace(filters, period="all"),
                                          scope="citations")["rows"]  # fmt: skip
            url = Urls().page("outlet", item["id"])
            found.extend({**row, "name": item["name"], "url": url} for row in rows + total)
    else:
        for item in sources.series_list(session):
            filters = metrics_service.Filters(series=item["id"])
            rows = metrics_service.share(session, filters, scope="panels")["rows"]
            total = metrics_service.share(session, dataclasses.replace(filters, period="all"),
                                          scope="panels")["rows"]  # fmt: skip
            url = Urls().page("series", item["id"])
            found.extend({**row, "name": item["name"], "url": url} for row in rows + total)
    return found


def rank(cells: list[dict[str, Any]], *, period: int, target: float | None) -> list[dict]:
    """The cells of PERIOD with a share, best first, each saying whether it met TARGET."""
    chosen = [dict(c) for c in cells if c["period"] == period and c.get("share") is not None]
    chosen.sort(key=lambda c: (-c["share"], c["name"]))
    for cell in chosen:
        cell["met"] = None if target is None else cell["share"] >= target
    return chosen


def _table(ranked: list[dict[str, Any]], caption: str, target: float | None) -> Table:
    rows = [
        Row([cell["name"], Share(cell["share"]), Interval(cell.get("interval")), cell["women"],
             cell["men"], cell["nonbinary"], cell["unknown"],
             "" if cell["met"] is None else ("yes" if cell["met"] else "no")],
            cell.get("small_reason"), cell["url"])
        for cell in ranked
    ]  # fmt: skip
    met = f"met the {theme.percent(target)} target" if target is not None else "target"
    columns = ["name", "women's share", "95% interval", "women", "men", "non-binary",
               "not known", met]  # fmt: skip
    return Table(caption, columns, rows)


def _section(session: Session, kind: str, *, year: int | None, target: float | None) -> dict:
    cells = _cells(session, kind)
    years = sorted({c["period"] for c in cells if c["period"] != ALL}, reverse=True)
    period = year if year is not None and (year in years or year == ALL) else (
        years[0] if years else ALL)  # fmt: skip
    ranked = rank(cells, period=period, target=target)
    what = "Outlets: women among the experts they cite" if kind == "outlets" else (
        "Event series: women among the people on stage")  # fmt: skip
    when = "all years" if period == ALL else str(period)
    title = f"{what}, {when}"
    chart = Chart(f"rank-{kind}", title, figures.ranking(ranked, title=title, target=target),
                  _table(ranked, title, target), "")  # fmt: skip
    met = sum(1 for c in ranked if c["met"])
    return {"kind": kind, "chart": chart, "years": years, "period": period, "ranked": ranked,
            "met": met}  # fmt: skip


@router.get("/rankings", response_class=HTMLResponse)
def rankings(
    request: Request,
    session: SessionDep,
    year: Annotated[int | None, Query(ge=0, le=9999)] = None,
    target: Annotated[int | None, Query(ge=1, le=100, description="Target, in %")] = None,
) -> HTMLResponse:
    share_target = target / 100 if target is not None else None
    sections = [_section(session, kind, year=year, target=share_target)
                for kind in ("outlets", "series")]  # fmt: skip
    years = sorted({y for s in sections for y in s["years"]}, reverse=True)
    body = render(
        "rankings.html", urls=Urls(), path="/rankings", title="Rankings", section="rankings",
        sections=sections, years=years, year=year, target=target,
        contact=request.app.state.settings.contact_url,
    )  # fmt: skip
    return HTMLResponse(body)
