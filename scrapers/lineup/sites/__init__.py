"""Per-site HTML selector configs (one YAML file per site beside this module) and their extractor.

Keys: hosts, session, title, time, people, role, default_role (docs/lineup-format.md). No app.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime, time
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import yaml
from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement

from scrapers import text
from scrapers.lineup import assemble, clock, dates, prose
from scrapers.records import PersonRef, Role, Session

__all__ = ["SiteConfig", "config_for", "extract", "load_configs"]

CONFIG_DIR = Path(__file__).resolve().parent
SiteConfig = dict[str, Any]
DATE_FORMATS = ("%b %d, %Y", "%B %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d")


@functools.cache
def load_configs() -> tuple[SiteConfig, ...]:
    """Load every `*.yaml` site config shipped in this folder."""
    configs = []
    for path in sorted(CONFIG_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("hosts") and data.get("session"):
            configs.append(data)
    return tuple(configs)


def config_for(url: str | None, configs: tuple[SiteConfig, ...] | None = None) -> SiteConfig | None:
    """Return the config whose `hosts` match the URL's host (or a parent domain).

    `configs` defaults to the YAML files an organiser put in this folder (none ship).
    """
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    for config in load_configs() if configs is None else configs:
        for wanted in config["hosts"]:
            if host == wanted or host.endswith("." + wanted):
                return config
    return None


def extract(
    root: HtmlElement,
    config: SiteConfig,
    *,
    title_people: Callable[[str], list[PersonRef]] | None = None,
) -> list[Session]:
    """Extract sessions with a site config's selectors; `title_people` reads names in titles,
    who speak when the session's people selector names no speaker of its own, or beside them
    when the title brings them in as a guest ('A Fireside Chat with Chairman X' over the host
    who interviews him: both are heard; prose.title_guest)."""
    sessions = []
    for node in _select(root, config["session"]):
        title = _first_text(node, config.get("title"))
        people = _people(node, config)
        speaks = any(p.role in (Role.SPEAKER, Role.KEYNOTE) for p in people)
        if title_people is not None and title:
            named = title_people(title)
            people = [p for p in named if not speaks or prose.title_guest(title, p)] + people
        if title or people:
            start = _when(_first_text(node, config.get("time")))
            sessions.append(
                assemble.make_session(title or "(untitled)", people=people, start=start)
            )
    return sessions


def _first_text(node: HtmlElement, selector: str | None) -> str:
    if not selector:
        return ""
    found = _select(node, selector)
    return text.clean(found[0].text_content()) if found else ""


def _people(node: HtmlElement, config: SiteConfig) -> list[PersonRef]:
    role = assemble.role_for_label(_first_text(node, config.get("role"))) or Role(
        config.get("default_role", "speaker")
    )
    found: list[PersonRef] = []
    for match in _select(node, config["people"]) if config.get("people") else []:
        found.extend(assemble.people_from_field(match.text_content(), role=role))
    return found


def _select(node: HtmlElement, selector: str) -> list[HtmlElement]:
    return cast(list[HtmlElement], CSSSelector(selector)(node))


def _when(value: str) -> datetime | None:
    """Read a session's start: ISO 8601, or a date ('May 28, 2026', '28 May 2026', '3. Juni
    2026', '12.05.2026') with the time of day that follows it ('10:00 am', '14h30'); a date
    alone starts at midnight."""
    found = assemble.parse_datetime(value)
    if found is not None or not value:
        return found
    days = dates.find_days(value)
    if days is not None:
        slot = clock.find(value)
        return datetime.combine(days[0], slot.start if slot is not None else time())
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(value, pattern)
        except ValueError:
            continue
    return None
