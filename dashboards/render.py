"""The Jinja2 environment of the pages (autoescape always on) and one render call."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from dashboards import theme
from dashboards.urls import Urls

__all__ = ["render"]

ENVIRONMENT = Environment(
    loader=PackageLoader("dashboards", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENVIRONMENT.filters["percent"] = theme.percent
ENVIRONMENT.filters["interval"] = theme.percent_interval
ENVIRONMENT.globals["LABEL_NAMES"] = theme.LABEL_NAMES
ENVIRONMENT.globals["LABEL_COLOURS"] = theme.LABEL_COLOURS


def render(template: str, *, urls: Urls, path: str = "/", **context: Any) -> str:
    """Render TEMPLATE with the page's URL builder, its filters and CONTEXT."""
    return ENVIRONMENT.get_template(template).render(
        urls=urls, filters=urls.filters, path=path, static=urls.static, **context
    )
