"""Colours, number formats and the plotly layout every chart shares (colour-blind safe).

The palette is Okabe-Ito (Okabe and Ito 2008); "not known" uses a light grey (DESIGN.md, small
numbers). Pure: imports nothing from app.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "GREY",
    "LABEL_COLOURS",
    "LABEL_NAMES",
    "PALETTE",
    "SERIES_COLOURS",
    "layout",
    "percent",
    "percent_interval",
]

PALETTE = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}
GREY = "#BBBBBB"
LABEL_COLOURS = {
    "woman": PALETTE["vermillion"],
    "man": PALETTE["blue"],
    "nonbinary": PALETTE["green"],
    "unknown": GREY,
}
LABEL_NAMES = {"woman": "women", "man": "men", "nonbinary": "non-binary", "unknown": "unknown"}
# Traces in a fixed order: panels, citations, expected, then groups and roles.
SERIES_COLOURS = [
    PALETTE["blue"], PALETTE["vermillion"], PALETTE["orange"], PALETTE["green"],
    PALETTE["purple"], PALETTE["sky"], PALETTE["black"],
]  # fmt: skip


def layout(*, title: str, y_title: str, y_percent: bool = True) -> dict[str, Any]:
    """The shared layout: readable at phone width, legend below the chart.

    The page prints TITLE as the chart's heading; the figure keeps it only as its accessible
    name (meta), so it is not drawn twice.
    """
    return {
        "meta": {"title": title},
        "margin": {"l": 48, "r": 12, "t": 16, "b": 40},
        "height": 340,
        "autosize": True,
        "font": {"family": "system-ui, sans-serif", "size": 13, "color": "#222"},
        "plot_bgcolor": "#fff",
        "paper_bgcolor": "#fff",
        "legend": {"orientation": "h", "y": -0.18, "x": 0},
        "yaxis": {
            "title": {"text": y_title},
            "tickformat": ".0%" if y_percent else None,
            "gridcolor": "#e5e5e5",
            "rangemode": "tozero",
        },
        "xaxis": {
            "gridcolor": "#f0f0f0",
            "type": "category",
            "categoryorder": "category ascending",
        },
        "hovermode": "closest",
    }


def percent(value: float | None, *, digits: int = 0) -> str:
    """0.4321 -> '43%'; None -> 'n/a'."""
    return "n/a" if value is None else f"{value * 100:.{digits}f}%"


def percent_interval(interval: list[float] | tuple[float, float] | None) -> str:
    """[0.31, 0.52] -> '31-52%'."""
    if not interval:
        return "n/a"
    return f"{interval[0] * 100:.0f}-{interval[1] * 100:.0f}%"
