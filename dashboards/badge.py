"""An embeddable SVG badge for one event edition: its name and year, women's share on stage and
its manels, coloured by the result (issue #15).

Pure: numbers and names in, SVG text out; every string is escaped. The colours keep white text
at a contrast of at least 4.5:1.
"""

from __future__ import annotations

from html import escape
from typing import Any

from dashboards import theme, words

__all__ = ["BADGE_COLOURS", "badge_colour", "event_badge"]

CHAR_WIDTH = 6.6  # Verdana 11px, close enough for a flat badge
MAX_NAME = 48
# Women's share bands: below 25%, 25-40%, 40% and more; no data.
BADGE_COLOURS = {"low": "#B3470A", "middle": "#A65E00", "balanced": "#00704F", "none": "#595959"}
TEMPLATE = """<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" \
aria-label="{label}: {value}">
<title>{label}: {value}</title>
<rect width="{left}" height="20" fill="#333"/>
<rect x="{left}" width="{right}" height="20" fill="{colour}"/>
<g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">
<text x="{left_mid}" y="14">{label}</text>
<text x="{right_mid}" y="14">{value}</text>
</g>
</svg>
"""


def badge_colour(share: float | None) -> str:
    """The badge's colour for a women's share (grey only when there is no share at all)."""
    if share is None:
        return BADGE_COLOURS["none"]
    if share < 0.25:
        return BADGE_COLOURS["low"]
    return BADGE_COLOURS["middle"] if share < 0.4 else BADGE_COLOURS["balanced"]


def _value(share: dict[str, Any] | None, manels: dict[str, Any] | None) -> tuple[str, str]:
    if share is None or share.get("share") is None:
        return "no data yet", badge_colour(None)
    value = f"{theme.percent(share['share'])} women"
    if manels is not None and manels.get("panels"):
        value += ", " + words.plural(int(manels["manels"]), "manel")
    return value, badge_colour(share["share"])


def event_badge(
    share: dict[str, Any] | None,
    manels: dict[str, Any] | None,
    *,
    name: str = "on stage",
    year: int | None = None,
) -> str:
    """A flat badge 'Nordic Forum 2025 | 38% women, 2 manels', coloured by the share."""
    label = name if len(name) <= MAX_NAME else name[: MAX_NAME - 1] + "…"
    if year is not None and str(year) not in label:
        label = f"{label} {year}"
    value, colour = _value(share, manels)
    left = round(len(label) * CHAR_WIDTH + 12)
    right = round(len(value) * CHAR_WIDTH + 12)
    return TEMPLATE.format(
        width=left + right, left=left, right=right, colour=colour, label=escape(label),
        value=escape(value), left_mid=left / 2, right_mid=left + right / 2,
    )  # fmt: skip
