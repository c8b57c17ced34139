"""An embeddable SVG badge for one event edition: women's share on stage and its manels.

Pure: numbers in, SVG text out. Only digits and fixed words reach the SVG.
"""

from __future__ import annotations

from typing import Any

from dashboards import theme

__all__ = ["event_badge"]

CHAR_WIDTH = 6.6  # Verdana 11px, close enough for a flat badge
TEMPLATE = """<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" \
aria-label="{label}: {value}">
<title>{label}: {value}</title>
<rect width="{left}" height="20" fill="#555"/>
<rect x="{left}" width="{right}" height="20" fill="{colour}"/>
<g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">
<text x="{left_mid}" y="14">{label}</text>
<text x="{right_mid}" y="14" fill="{text_colour}">{value}</text>
</g>
</svg>
"""


def _value(share: dict[str, Any] | None, manels: dict[str, Any] | None) -> tuple[str, str]:
    if share is None or share.get("share") is None:
        return "no data", theme.GREY
    value = f"{theme.percent(share['share'])} women"
    if manels is not None and manels.get("panels"):
        value += f", {manels['manels']} manel" + ("" if manels["manels"] == 1 else "s")
    colour = theme.GREY if share.get("small") else theme.PALETTE["blue"]
    return value, colour


def event_badge(share: dict[str, Any] | None, manels: dict[str, Any] | None) -> str:
    """A flat badge 'on stage | 38% women, 2 manels' (grey when the numbers are small)."""
    label = "on stage"
    value, colour = _value(share, manels)
    left = round(len(label) * CHAR_WIDTH + 12)
    right = round(len(value) * CHAR_WIDTH + 12)
    return TEMPLATE.format(
        width=left + right, left=left, right=right, colour=colour, label=label, value=value,
        left_mid=left / 2, right_mid=left + right / 2,
        text_colour="#222" if colour == theme.GREY else "#fff",
    )  # fmt: skip
