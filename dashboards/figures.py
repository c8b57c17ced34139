"""Metric results in, plotly Figures out: no SQL, no session (STYLE.md).

Each point carries its drill-down link in `customdata` (the pages open it on click) and small
cells are drawn grey with the reason in the hover text (DESIGN.md, small numbers). Traces that
hold the chart's points have meta "points"; interval bands have meta "band".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from dashboards import theme

__all__ = [
    "citation_gaps",
    "citation_matrix",
    "label_counts",
    "manel_rates",
    "outlets_compared",
    "period_name",
    "role_split",
    "share_over_time",
]

GROUP_NAMES = {"men": "men only", "women": "women only", "mixed": "mixed", "unknown": "unknown"}
ROLE_NAMES = {"keynote": "keynotes", "moderator": "moderators and chairs", "speaker": "speakers"}


def period_name(period: int) -> str:
    """2024 -> '2024'; 202405 -> '2024-05'; 0 -> 'all'."""
    if period == 0:
        return "all"
    return str(period) if period < 10_000 else f"{period // 100}-{period % 100:02d}"


def _colours(cells: Sequence[Mapping[str, Any]], colour: str) -> list[str]:
    return [theme.GREY if cell.get("small") else colour for cell in cells]


def _hover(cell: Mapping[str, Any]) -> str:
    text = (
        f"{theme.percent(cell.get('share'))} women "
        f"(95% {theme.percent_interval(cell.get('interval'))}); "
        f"{cell.get('n', 0)} people, coverage {theme.percent(cell.get('coverage'))}"
    )
    if cell.get("small_reason"):
        text += f"<br>greyed: {cell['small_reason']}"
    return text


def _band(x: list[str], cells: Sequence[Mapping[str, Any]], colour: str) -> go.Scatter | None:
    pairs = [(p, c["interval"]) for p, c in zip(x, cells, strict=True) if c.get("interval")]
    if len(pairs) < 2:
        return None
    xs = [p for p, _ in pairs] + [p for p, _ in reversed(pairs)]
    ys = [i[1] for _, i in pairs] + [i[0] for _, i in reversed(pairs)]
    return go.Scatter(
        x=xs, y=ys, fill="toself", fillcolor=colour, opacity=0.15, line={"width": 0},
        mode="lines", name="95% interval",
        hoverinfo="skip", showlegend=False, meta="band",
    )  # fmt: skip


def _share_trace(
    name: str, rows: Sequence[Mapping[str, Any]], colour: str, links: Sequence[str] | None
) -> list[go.Scatter]:
    x = [period_name(row["period"]) for row in rows]
    points = go.Scatter(
        x=x, y=[row.get("share") for row in rows], name=name, mode="lines+markers",
        line={"color": colour}, marker={"color": _colours(rows, colour), "size": 10,
                                        "line": {"color": colour, "width": 1}},
        hovertext=[_hover(row) for row in rows], hoverinfo="text+name",
        customdata=list(links) if links else None, meta="points",
    )  # fmt: skip
    band = _band(x, rows, colour)
    return [band, points] if band is not None else [points]


def share_over_time(
    results: Mapping[str, Mapping[str, Any]],
    *,
    title: str,
    links: Mapping[str, Sequence[str]] | None = None,
) -> go.Figure:
    """Women's share per period, one line per named result, with its 95% interval band."""
    figure = go.Figure(layout=theme.layout(title=title, y_title="women's share"))
    for index, (name, result) in enumerate(results.items()):
        colour = theme.SERIES_COLOURS[index % len(theme.SERIES_COLOURS)]
        for trace in _share_trace(name, result["rows"], colour, (links or {}).get(name)):
            figure.add_trace(trace)
    return figure


def manel_rates(
    result: Mapping[str, Any], *, title: str, links: Sequence[str] | None = None
) -> go.Figure:
    """Observed manel rate per period as bars, the rate expected at random as markers."""
    rows = result["rows"]
    x = [period_name(row["period"]) for row in rows]
    observed_colour, expected_colour = theme.PALETTE["blue"], theme.PALETTE["orange"]
    figure = go.Figure(layout=theme.layout(title=title, y_title="share of panels"))
    figure.add_bar(
        x=x, y=[row.get("rate") for row in rows], name="observed manel rate",
        marker={"color": _colours(rows, observed_colour)},
        hovertext=[
            f"{row['manels']} manels of {row['manels'] + row['not_manels']} determined panels; "
            f"{row['undetermined']} undetermined" + (" (greyed: fewer than 30 panels)"
                                                     if row.get("small") else "")
            for row in rows
        ],
        hoverinfo="text+name", customdata=list(links) if links else None, meta="points",
    )  # fmt: skip
    figure.add_scatter(
        x=x, y=[row.get("expected_rate") for row in rows], name="expected at random",
        mode="markers", marker={"color": expected_colour, "symbol": "diamond", "size": 11},
        meta="expected",
    )  # fmt: skip
    return figure


def role_split(
    result: Mapping[str, Any], *, title: str, links: Sequence[str] | None = None
) -> go.Figure:
    """Women's share per period among keynotes, moderators/chairs and speakers."""
    by_role: dict[str, dict[str, Any]] = {}
    for row in result["rows"]:
        for role, cell in row["roles"].items():
            by_role.setdefault(role, {"rows": []})["rows"].append({"period": row["period"], **cell})
    ordered = {ROLE_NAMES.get(role, role): by_role[role] for role in ROLE_NAMES if role in by_role}
    return share_over_time(ordered, title=title, links=None)


def citation_matrix(
    groups: Mapping[str, Mapping[str, Any]],
    *,
    title: str,
    links: Mapping[str, str] | None = None,
) -> go.Figure:
    """For each author group, the share of women among the experts cited against expected."""
    names = [name for name in GROUP_NAMES if name in groups]
    cells = [groups[name] for name in names]
    x = [GROUP_NAMES[name] for name in names]
    figure = go.Figure(layout=theme.layout(title=title, y_title="women among cited experts"))
    figure.update_xaxes(title_text="articles written by", categoryorder="trace")
    figure.add_bar(
        x=x, y=[cell.get("share") for cell in cells], name="observed",
        marker={"color": _colours(cells, theme.PALETTE["vermillion"])},
        error_y=_error_bars(cells), hovertext=[_hover(cell) for cell in cells],
        hoverinfo="text+name", meta="points",
        customdata=[(links or {}).get(name, "") for name in names] if links else None,
    )  # fmt: skip
    figure.add_scatter(
        x=x, y=[cell.get("expected") for cell in cells], name="expected (all articles)",
        mode="markers", marker={"color": theme.PALETTE["black"], "symbol": "line-ew-open",
                                "size": 28, "line": {"width": 3}},
        meta="expected",
    )  # fmt: skip
    return figure


def _error_bars(cells: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    upper = [(c["interval"][1] - c["share"]) if c.get("interval") and c.get("share") is not None
             else 0 for c in cells]  # fmt: skip
    lower = [(c["share"] - c["interval"][0]) if c.get("interval") and c.get("share") is not None
             else 0 for c in cells]  # fmt: skip
    return {"type": "data", "symmetric": False, "array": upper, "arrayminus": lower,
            "color": "#555"}  # fmt: skip


def citation_gaps(
    result: Mapping[str, Any],
    *,
    title: str,
    links: Mapping[str, Sequence[str]] | None = None,
) -> go.Figure:
    """The citation gap (observed / expected - 1) per period, one line per author group."""
    figure = go.Figure(layout=theme.layout(title=title, y_title="citation gap"))
    figure.add_hline(y=0, line={"color": "#888", "dash": "dot"})
    for index, group in enumerate(("men", "women", "mixed")):
        rows = [(row["period"], row["groups"][group]) for row in result["rows"]
                if group in row["groups"]]  # fmt: skip
        if not rows:
            continue
        colour = theme.SERIES_COLOURS[index]
        figure.add_scatter(
            x=[period_name(p) for p, _ in rows], y=[cell.get("gap") for _, cell in rows],
            name=f"articles by {GROUP_NAMES[group]}", mode="lines+markers",
            line={"color": colour}, marker={"color": _colours([c for _, c in rows], colour),
                                            "size": 10, "line": {"color": colour, "width": 1}},
            hovertext=[_gap_hover(cell) for _, cell in rows], hoverinfo="text+name",
            customdata=list((links or {}).get(group, [])) or None, meta="points",
        )  # fmt: skip
    return figure


def _gap_hover(cell: Mapping[str, Any]) -> str:
    gap = cell.get("gap")
    text = "gap n/a" if gap is None else f"gap {gap * 100:+.0f}%"
    if cell.get("gap_interval"):
        low, high = cell["gap_interval"]
        text += f" (95% {low * 100:+.0f} to {high * 100:+.0f}%)"
    if cell.get("small_reason"):
        text += f"<br>greyed: {cell['small_reason']}"
    return text


def outlets_compared(
    cells: Mapping[str, Mapping[str, Any]],
    *,
    title: str,
    links: Sequence[str] | None = None,
) -> go.Figure:
    """Women's share among cited experts, one bar per outlet, with its interval."""
    names, values = list(cells), list(cells.values())
    figure = go.Figure(layout=theme.layout(title=title, y_title="women among cited experts"))
    figure.add_bar(
        x=names, y=[cell.get("share") for cell in values], name="women's share",
        marker={"color": _colours(values, theme.PALETTE["vermillion"])},
        error_y=_error_bars(values), hovertext=[_hover(cell) for cell in values],
        hoverinfo="text+name", customdata=list(links) if links else None, meta="points",
    )  # fmt: skip
    return figure


def label_counts(counts: Mapping[str, int], *, title: str) -> go.Figure:
    """People by label as bars (a check report, an author's sources)."""
    labels = [label for label in theme.LABEL_NAMES if label in counts]
    figure = go.Figure(layout=theme.layout(title=title, y_title="people", y_percent=False))
    figure.update_xaxes(categoryorder="trace")
    figure.add_bar(
        x=[theme.LABEL_NAMES[label] for label in labels],
        y=[counts[label] for label in labels],
        marker={"color": [theme.LABEL_COLOURS[label] for label in labels]},
        name="people", meta="points", hoverinfo="x+y",
    )  # fmt: skip
    return figure
