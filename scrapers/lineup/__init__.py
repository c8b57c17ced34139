"""Lineup parsers, one module per format, and the registry that picks one (`parse`, `PARSERS`).

Each parser is pure: `parse(content: bytes, *, url=None) -> Lineup`. Never imports app.
"""

from __future__ import annotations

from collections.abc import Callable

from scrapers.errors import UnknownFormat
from scrapers.lineup import (
    frab,
    html,
    ical,
    indico,
    jsonld,
    markdown,
    pretalx,
    sessionize,
    tabular,
    yamldata,
)
from scrapers.lineup.detect import detect_format
from scrapers.records import Lineup

__all__ = ["FORMATS", "PARSERS", "Parser", "detect_format", "parse"]

Parser = Callable[..., Lineup]

PARSERS: dict[str, Parser] = {
    "pretalx": pretalx.parse,
    "frab": frab.parse,
    "frab-json": frab.parse,
    "sessionize": sessionize.parse,
    "indico": indico.parse,
    "ical": ical.parse,
    "jsonld": jsonld.parse,
    "html": html.parse,
    "markdown": markdown.parse,
    "csv": tabular.parse_csv,
    "json": tabular.parse_json,
    "yaml": yamldata.parse,
}
FORMATS = tuple(sorted(PARSERS))


def parse(content: bytes, *, url: str | None = None, format: str | None = None) -> Lineup:
    """Parse a lineup document, detecting its format unless `format` names one."""
    name = format or detect_format(content, url=url)
    parser = PARSERS.get(name)
    if parser is None:
        raise UnknownFormat(f"unknown format {name!r}; valid: {', '.join(FORMATS)}", source=url)
    return parser(content, url=url)
