"""The Jinja2 environment of the pages (autoescape always on) and one render call."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from app.settings import Settings
from dashboards import theme, words
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
ENVIRONMENT.globals["LABEL_WORD"] = {"woman": "woman", "man": "man", "nonbinary": "non-binary",
                                     "unknown": "don't know"}  # fmt: skip
ENVIRONMENT.globals["CHOICE_WORDS"] = list(ENVIRONMENT.globals["LABEL_WORD"].items())
ENVIRONMENT.globals["plural"] = words.plural
ENVIRONMENT.globals["times"] = words.times
ENVIRONMENT.globals["label_counts"] = words.label_counts
ENVIRONMENT.globals["headline"] = words.headline
ENVIRONMENT.globals["STATUS_WORDS"] = words.STATUS_WORDS
ENVIRONMENT.globals["plain_evidence"] = words.plain_evidence
ENVIRONMENT.globals["describe"] = lambda source: words.SOURCE_WORDS.get(source, source)
DEFAULT_CONTACT = str(Settings.model_fields["contact_url"].default)


def render(template: str, *, urls: Urls, path: str = "/", **context: Any) -> str:
    """Render TEMPLATE with the page's URL builder, its filters and CONTEXT.

    `contact` (where to ask for a correction or an opt-out) defaults to the project's address.
    """
    context.setdefault("contact", DEFAULT_CONTACT)
    return ENVIRONMENT.get_template(template).render(
        urls=urls, filters=urls.filters, path=path, static=urls.static, **context
    )
