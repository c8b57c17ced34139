"""Links the pages print: live routes with the filters in the query string, or, for the static
export, flat file names that the exporter collects and writes afterwards."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlencode

from app.metrics.service import Filters
from dashboards import assets

__all__ = ["Urls", "filter_query"]

# Filters carried from page to page (series/outlet/event live in the path of their pages).
CARRIED = ("period", "country", "role", "mode")
DEFAULTS = asdict(Filters())
PAGE_PATHS = {
    "overview": "/",
    "series": "/series",
    "outlet": "/outlets",
    "citations": "/citations",
    "rankings": "/rankings",
    "check": "/check",
    "methodology": "/methodology",
    "author": "/author",
    "person": "/person",
    "event": "/event",
}
UNSAFE = re.compile(r"[^a-z0-9]+")


def filter_query(filters: Filters, *, keep: tuple[str, ...] = CARRIED) -> dict[str, Any]:
    """The non-default filters among KEEP, as query parameters (from/to for the dates)."""
    query: dict[str, Any] = {}
    for name in keep:
        value = getattr(filters, name)
        if value is not None and value != DEFAULTS.get(name):
            query[{"start": "from", "end": "to"}.get(name, name)] = (
                value.isoformat() if hasattr(value, "isoformat") else value
            )
    return query


@dataclass
class Urls:
    """Build page, CSV and drill-down links for FILTERS; STATIC gives file names instead."""

    filters: Filters = field(default_factory=Filters)
    static: bool = False
    wanted: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)

    def page(self, name: str, ident: int | None = None) -> str:
        if self.static:
            if name == "overview":
                return "index.html"
            return f"{name}-{ident}.html" if ident is not None else f"{name}.html"
        path = PAGE_PATHS[name] + (f"/{ident}" if ident is not None else "")
        query = filter_query(self.filters) if name not in ("check", "methodology") else {}
        return path + (f"?{urlencode(query)}" if query else "")

    def data(self, key: str, **scope: Any) -> str:
        """The CSV of chart KEY under the current filters (plus SCOPE: series, outlet...)."""
        query = {**filter_query(self.filters), **_present(scope)}
        if self.static:
            return self._want("data", key, query, suffix=".csv")
        return f"/data/{key}.csv" + (f"?{urlencode(query)}" if query else "")

    def sources(self, kind: str, **scope: Any) -> str:
        """The drill-down list (kind 'panels' or 'articles') behind one point."""
        if "period" in scope:  # the point's period value (2024, 202405, 0) travels as `point`
            scope["point"] = scope.pop("period")
        query = {**filter_query(self.filters, keep=("country", "mode")), **_present(scope)}
        if self.static:
            return self._want("sources", kind, query, suffix=".html")
        return f"/sources/{kind}" + (f"?{urlencode(query)}" if query else "")

    def badge(self, event_id: int) -> str:
        return f"badge-event-{event_id}.svg" if self.static else f"/badge/event/{event_id}.svg"

    def asset(self, name: str) -> str:
        """A static file (CSS, JS) by its content-hashed URL, or its file name when static."""
        return assets.url(name, static=self.static)

    def _want(self, kind: str, key: str, query: dict[str, Any], *, suffix: str) -> str:
        slug = "-".join(UNSAFE.sub("", f"{k}{v}".lower()) for k, v in sorted(query.items()))
        name = f"{kind}-{key}" + (f"-{slug}" if slug else "") + suffix
        self.wanted[name] = (key, query)
        return name


def _present(scope: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in scope.items() if value is not None}
