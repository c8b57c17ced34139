"""Metric results in, plotly Figures out: no SQL, no session (STYLE.md).

Each point carries its drill-down link in `customdata` (the pages open it on click). Every share
is drawn with its 95% interval; a cell of fewer than 30 people is drawn lighter, in its own colour,
and says so in its hover text (DESIGN.md, small numbers). Share charts carry a 50% line. Traces
that hold the chart's points have meta "points".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from dashboards import theme, words

__all__ = [
    "citation_gaps",
    "citation_matrix",
    "label_counts",
    "manel_rates",
    "outlets_compared",
    "period_name",
    "ranking",
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


LIGHT = 0.4  # the opacity of a small cell: lighter, never another colour
SMALL_WORDS = "fewer than 30 people: read with care"


def _colours(cells: Sequence[Mapping[str, Any]], colour: str) -> list[str]:
    return [colour for _ in cells]


def _opacity(cells: Sequence[Mapping[str, Any]]) -> list[float]:
    return [LIGHT if cell.get("small") else 1.0 for cell in cells]


def _half_line(figure: go.Figure) -> None:
    figure.add_hline(y=0.5, line={"color": "#333", "dash": "dash", "width": 1},
                     annotation_text="50%", annotation_position="top left")  # fmt: skip


def _hover(cell: Mapping[str, Any]) -> str:
    text = (
        f"{theme.percent(cell.get('share'))} women "
        f"(95% {theme.percent_interval(cell.get('interval'))}); "
        f"{words.plural(int(cell.get('n') or 0), 'person')}, "
        f"{theme.percent(cell.get('coverage'))} with a label"
    )
    if cell.get("small"):
        text += f"<br>{SMALL_WORDS}"
    return text


def _share_trace(
    name: str, rows: Sequence[Mapping[str, Any]], colour: str, links: Sequence[str] | None
) -> list[go.Scatter]:
    x = [period_name(row["period"]) for row in rows]
    points = go.Scatter(
        x=x, y=[row.get("share") for row in rows], name=name, mode="lines+markers",
        line={"color": colour}, marker={"color": colour, "size": 10, "opacity": _opacity(rows)},
        error_y={**_error_bars(rows), "color": colour, "thickness": 1.5, "width": 4},
        hovertext=[_hover(row) for row in rows], hoverinfo="text+name",
        customdata=list(links) if links else None, meta="points",
    )  # fmt: skip
    return [points]


def share_over_time(
    results: Mapping[str, Mapping[str, Any]],
    *,
    title: str,
    links: Mapping[str, Sequence[str]] | None = None,
) -> go.Figure:
    """Women's share per period, one line per named result, with its 95% interval band."""
    figure = go.Figure(layout=theme.layout(title=title, y_title="women's share"))
    figure.update_yaxes(range=[0, 1])
    _half_line(figure)
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
        marker={"color": observed_colour, "opacity": _opacity(rows)},
        error_y=_error_bars([{"share": r.get("rate"), "interval": r.get("interval")}
                             for r in rows]),
        hovertext=[
            f"{words.plural(row['manels'], 'manel')} of "
            f"{words.plural(row['manels'] + row['not_manels'], 'panel')} with every label known; "
            f"{row['undetermined']} not known yet" + (" (fewer than 30 panels: read with care)"
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
    figure.update_yaxes(range=[0, 1])
    _half_line(figure)
    figure.add_bar(
        x=x, y=[cell.get("share") for cell in cells], name="observed",
        marker={"color": theme.PALETTE["vermillion"], "opacity": _opacity(cells)},
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
    """Per period, the share of women among the experts each author group cites (with its
    interval) against the share expected from all articles of the period (a black dash)."""
    figure = go.Figure(layout=theme.layout(title=title, y_title="women among cited experts"))
    figure.update_yaxes(range=[0, 1])
    _half_line(figure)
    expected: dict[str, float] = {}
    for index, group in enumerate(("men", "women", "mixed")):
        rows = [(row["period"], row["groups"][group]) for row in result["rows"]
                if group in row["groups"]]  # fmt: skip
        if not rows:
            continue
        cells = [cell for _, cell in rows]
        for period, cell in rows:
            if cell.get("expected") is not None:
                expected.setdefault(period_name(period), cell["expected"])
        colour = theme.SERIES_COLOURS[index]
        figure.add_scatter(
            x=[period_name(p) for p, _ in rows], y=[cell.get("share") for cell in cells],
            name=f"cited by {GROUP_NAMES[group]}", mode="markers",
            marker={"color": colour, "size": 11, "opacity": _opacity(cells)},
            error_y={**_error_bars(cells), "color": colour, "thickness": 1.5, "width": 4},
            hovertext=[_gap_hover(cell) for cell in cells], hoverinfo="text+name",
            customdata=list((links or {}).get(group, [])) or None, meta="points",
        )  # fmt: skip
    figure.add_scatter(
        x=list(expected), y=list(expected.values()), name="expected (all articles)",
        mode="markers", marker={"color": theme.PALETTE["black"], "symbol": "line-ew-open",
                                "size": 30, "line": {"width": 3}}, meta="expected",
    )  # fmt: skip
    figure.update_layout(scattermode="group")
    return figure


def _gap_hover(cell: Mapping[str, Any]) -> str:
    text = (f"{theme.percent(cell.get('share'))} women cited "
            f"(95% {theme.percent_interval(cell.get('interval'))}), expected "
            f"{theme.percent(cell.get('expected'))}")  # fmt: skip
    if cell.get("small"):
        text += f"<br>{SMALL_WORDS}"
    return text


def ranking(
    cells: Sequence[Mapping[str, Any]], *, title: str, target: float | None = None
) -> go.Figure:
    """Names ranked by women's share, each with its interval, a 50% line and the TARGET."""
    ordered = list(reversed(cells))  # plotly draws the first category at the bottom
    figure = go.Figure(layout=theme.layout(title=title, y_title=""))
    figure.update_layout(height=max(260, 60 + 34 * len(ordered)), margin={"l": 8})
    figure.update_yaxes(type="category", categoryorder="trace", automargin=True, title=None,
                        tickformat=None)  # fmt: skip
    figure.update_xaxes(type="linear", range=[0, 1], tickformat=".0%", title_text="women's share")
    figure.add_vline(x=0.5, line={"color": "#333", "dash": "dash", "width": 1})
    if target is not None:
        figure.add_vline(x=target, line={"color": theme.PALETTE["vermillion"], "width": 2},
                         annotation_text=f"target {theme.percent(target)}")  # fmt: skip
    upper = [(c["interval"][1] - c["share"]) if c.get("interval") and c.get("share") is not None
             else 0 for c in ordered]  # fmt: skip
    lower = [(c["share"] - c["interval"][0]) if c.get("interval") and c.get("share") is not None
             else 0 for c in ordered]  # fmt: skip
    figure.add_scatter(
        y=[c["name"] for c in ordered], x=[c.get("share") for c in ordered], mode="markers",
        name="women's share", marker={"color": theme.PALETTE["blue"], "size": 11,
                                      "opacity": _opacity(ordered)},
        error_x={"type": "data", "symmetric": False, "array": upper, "arrayminus": lower,
                 "color": theme.PALETTE["blue"], "thickness": 1.5, "width": 4},
        hovertext=[_hover(c) for c in ordered], hoverinfo="text+y",
        customdata=[c.get("url", "") for c in ordered], meta="points",
    )  # fmt: skip
    figure.update_layout(showlegend=False)
    return figure


def outlets_compared(
    cells: Mapping[str, Mapping[str, Any]],
    *,
    title: str,
    links: Sequence[str] | None = None,
) -> go.Figure:
    """Women's share among cited experts, one bar per outlet, with its interval."""
    names, values = list(cells), list(cells.values())
    figure = go.Figure(layout=theme.layout(title=title, y_title="women among cited experts"))
    figure.update_yaxes(range=[0, 1])
    _half_line(figure)
    figure.add_bar(
        x=names, y=[cell.get("share") for cell in values], name="women's share",
        marker={"color": theme.PALETTE["vermillion"], "opacity": _opacity(values)},
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
