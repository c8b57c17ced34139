"""A saved report's result as an image to share: SVG, and PNG drawn with Pillow (issue #15).

1200x630 (the Open Graph card size): the title, the big number, a bar of women / non-binary /
men / not known, and a caption saying what was counted and how. Pillow draws offline with its
own bundled font, so the PNG needs no browser and no system fonts. Pure: numbers in, bytes out.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from html import escape
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from dashboards import theme, words

__all__ = ["ResultCard", "card", "png", "svg"]

WIDTH, HEIGHT = 1200, 630
MARGIN = 60
BAR_Y, BAR_H = 330, 70
ORDER = ("woman", "nonbinary", "man", "unknown")
INK, MUTED, BACKGROUND = "#222222", "#4d4d4d", "#ffffff"


@dataclass(frozen=True, slots=True)
class ResultCard:
    title: str
    big: str  # "40% women" or "not known yet"
    counts: str  # "2 women, 3 men and 1 person not known"
    caption: str
    balance: dict[str, Any]


def card(title: str, balance: dict[str, Any], *, what: str, date: str) -> ResultCard:
    """The card's words for BALANCE of WHAT ('speakers', 'people cited'), checked on DATE."""
    share = balance.get("share")
    big = f"{theme.percent(share)} women" if share is not None else "share not known yet"
    interval = theme.percent_interval(balance.get("interval"))
    caption = (f"Women's share among {what} whose gender is known (95% interval {interval}). "
               f"Labels are estimates from names and other evidence, checked by whoever saved "
               f"this report on {date} with voicetally.")  # fmt: skip
    return ResultCard(title=title[:120], big=big, counts=words.label_counts(balance),
                      caption=caption, balance=balance)  # fmt: skip


def _segments(balance: dict[str, Any]) -> list[tuple[str, float, float]]:
    total = sum(int(balance.get(label) or 0) for label in ORDER)
    found, x = [], 0.0
    for label in ORDER:
        width = (WIDTH - 2 * MARGIN) * int(balance.get(label) or 0) / total if total else 0.0
        if width:
            found.append((theme.LABEL_COLOURS[label], MARGIN + x, width))
        x += width
    return found


def _lines(value: str, width: int) -> list[str]:
    return textwrap.wrap(value, width=width)[:3]


def svg(result: ResultCard) -> str:
    """The card as SVG text (every string escaped)."""
    bars = "".join(
        f'<rect x="{x:.1f}" y="{BAR_Y}" width="{w:.1f}" height="{BAR_H}" fill="{colour}"/>'
        for colour, x, w in _segments(result.balance)
    )
    caption = "".join(
        f'<text x="{MARGIN}" y="{500 + 30 * i}" font-size="22" fill="{MUTED}">{escape(line)}</text>'
        for i, line in enumerate(_lines(result.caption, 95))
    )
    title = "".join(
        f'<text x="{MARGIN}" y="{90 + 44 * i}" font-size="38" font-weight="700" fill="{INK}">'
        f"{escape(line)}</text>"
        for i, line in enumerate(_lines(result.title, 50)[:2])
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(result.big)}: '
        f'{escape(result.counts)}" font-family="DejaVu Sans, Verdana, sans-serif">'
        f"<title>{escape(result.title)}: {escape(result.big)}</title>"
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{BACKGROUND}"/>{title}'
        f'<text x="{MARGIN}" y="250" font-size="84" font-weight="700" fill="{INK}">'
        f"{escape(result.big)}</text>"
        f'<text x="{MARGIN}" y="305" font-size="28" fill="{INK}">{escape(result.counts)}</text>'
        f'<rect x="{MARGIN}" y="{BAR_Y}" width="{WIDTH - 2 * MARGIN}" height="{BAR_H}" '
        f'fill="#f0f0f0"/>{bars}{_svg_legend()}{caption}</svg>'
    )


def _legend_items() -> list[tuple[str, str, int]]:
    names = {"woman": "women", "nonbinary": "non-binary", "man": "men", "unknown": "not known"}
    return [(theme.LABEL_COLOURS[label], names[label], MARGIN + 220 * i)
            for i, label in enumerate(ORDER)]  # fmt: skip


def _svg_legend() -> str:
    return "".join(
        f'<rect x="{x}" y="{BAR_Y + BAR_H + 18}" width="22" height="22" fill="{colour}"/>'
        f'<text x="{x + 30}" y="{BAR_Y + BAR_H + 37}" font-size="22" fill="{INK}">{name}</text>'
        for colour, name, x in _legend_items()
    )


def png(result: ResultCard) -> bytes:
    """The same card as PNG bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default
    for i, line in enumerate(_lines(result.title, 50)[:2]):
        draw.text((MARGIN, 58 + 44 * i), line, fill=INK, font=font(size=38))
    draw.text((MARGIN, 170), result.big, fill=INK, font=font(size=84))
    draw.text((MARGIN, 278), result.counts, fill=INK, font=font(size=28))
    draw.rectangle((MARGIN, BAR_Y, WIDTH - MARGIN, BAR_Y + BAR_H), fill="#f0f0f0")
    for colour, x, w in _segments(result.balance):
        draw.rectangle((x, BAR_Y, x + w, BAR_Y + BAR_H), fill=colour)
    for colour, name, x in _legend_items():
        top = BAR_Y + BAR_H + 18
        draw.rectangle((x, top, x + 22, top + 22), fill=colour)
        draw.text((x + 30, top - 1), name, fill=INK, font=font(size=22))
    for i, line in enumerate(_lines(result.caption, 95)):
        draw.text((MARGIN, 478 + 30 * i), line, fill=MUTED, font=font(size=22))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
