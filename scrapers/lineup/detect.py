"""Guess a lineup document's format from its first bytes and its URL. Pure; never imports app."""

from __future__ import annotations

import json
import re
from typing import Any

from scrapers.errors import UnknownFormat
from scrapers.lineup import jsonwalk, markdown, tabular

__all__ = ["detect_format"]

SNIFF_BYTES = 65536
URL_HINTS = (
    (re.compile(r"sessionize\.com/api/", re.I), "sessionize"),
    (re.compile(r"/api/events/[^/]+/(?:talks|speakers|submissions)", re.I), "pretalx"),
    (re.compile(r"/export/(?:event|timetable)/", re.I), "indico"),
    (re.compile(r"\.ics(?:\?|$)", re.I), "ical"),
    (re.compile(r"\.csv(?:\?|$)", re.I), "csv"),
    (re.compile(r"\.ya?ml(?:\?|$)", re.I), "yaml"),
    (re.compile(r"\.(?:md|markdown)(?:\?|$)", re.I), "markdown"),
    (re.compile(r"\.html?(?:\?|$)", re.I), "html"),
)
ICAL_MARK = b"BEGIN:VCALENDAR"
YAML_LINE_RE = re.compile(r"^(?:-\s+)?[A-Za-z_][\w-]*:(?:\s|$)")
HTML_TAG_RE = re.compile(
    rb"<(?:html|body|table|tr|td|div|p|ul|ol|li|h[1-6]|section|article)\b", re.I
)
CSV_HEADER_RE = re.compile(r"^[\w \"]+(?:[,;\t][\w \"]+)+$")


def detect_format(content: bytes, *, url: str | None = None) -> str:
    """Return the registry name of the parser for this content, or raise UnknownFormat."""
    head = content[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.upper().startswith(ICAL_MARK):
        return "ical"
    if head[:1] in (b"{", b"["):
        return _json_format(content, url=url)
    if head[:1] == b"<":
        return _markup_format(head)
    for pattern, name in URL_HINTS:
        if url and pattern.search(url):
            return name
    first_line = head.split(b"\n", 1)[0].decode("utf-8", "replace").strip().lower()
    if CSV_HEADER_RE.match(first_line) and "name" in first_line:
        return "csv"
    decoded = head.decode("utf-8", "replace")
    if markdown.has_front_matter(decoded):
        return "markdown"  # before YAML: a Jekyll page opens with YAML front matter
    if _looks_like_yaml(head):
        return "yaml"
    if markdown.looks_like_markdown(decoded):
        return "markdown"
    if HTML_TAG_RE.search(head):
        return "html"  # a template (Blade, Liquid) or fragment with HTML in it
    if tabular.name_column(decoded):
        return "csv"
    raise UnknownFormat(
        "cannot tell the lineup format: not iCalendar, JSON, XML or HTML markup, no URL hint,"
        " no CSV header with a name-like column, not Markdown or YAML",
        source=url,
    )


def _looks_like_yaml(head: bytes) -> bool:
    """A YAML list or mapping: the first meaningful line is '- key: ...', 'key: ...' or '---'."""
    for raw in head.decode("utf-8", "replace").splitlines()[:200]:
        line = raw.rstrip()
        if not line or line.lstrip().startswith("#"):
            continue
        return line == "---" or bool(YAML_LINE_RE.match(line))
    return False


def _markup_format(head: bytes) -> str:
    lowered = head[:4096].lower()
    if b"<schedule" in lowered and b"<html" not in lowered:
        return "pretalx" if b"pretalx" in lowered else "frab"
    return "html"  # html.parse also reads any JSON-LD Event on the page


def _json_format(content: bytes, *, url: str | None) -> str:
    try:
        data = json.loads(content.decode("utf-8", "replace").lstrip("\ufeff"))
    except (json.JSONDecodeError, RecursionError) as exc:
        raise UnknownFormat(f"looks like JSON but does not parse: {exc}", source=url) from exc
    name = _json_shape(data, raw=content)
    if name is None and next(jsonwalk.find_sessions(data), None) is not None:
        name = "json"  # the generic reader: objects with a title and speakers, anywhere
    if name is None:
        raise UnknownFormat(
            "JSON of no known lineup shape: tried pretalx, frab, Sessionize, Indico, JSON-LD, "
            "our lineup JSON, and any object with a title and speakers/persons/people/authors",
            source=url,
        )
    return name


def _json_shape(data: Any, *, raw: bytes) -> str | None:
    """Name the lineup format of a parsed JSON document (`raw` is its text, for sniffing)."""
    if isinstance(data, list):
        first = data[0] if data else None
        if isinstance(first, dict) and "sessions" in first:
            return "sessionize"
        if isinstance(first, dict) and ("@type" in first or "@context" in first):
            return "jsonld"
        return None
    if not isinstance(data, dict):
        return None
    if "@context" in data or "@type" in data or "@graph" in data:
        return "jsonld"
    schedule = data.get("schedule")
    if isinstance(schedule, dict):
        head = raw[:SNIFF_BYTES]
        if "conference" not in schedule or b"pretalx" in head or b'"code"' in head:
            return "pretalx"
        return "frab"
    if "sessions" in data and "speakers" in data:
        return "sessionize"
    results = data.get("results")
    if isinstance(results, dict) and results:  # Indico timetable: keyed by event id
        return "indico"
    if isinstance(results, list):
        first = results[0] if results else {}
        if isinstance(first, dict) and ("contributions" in first or "_type" in first):
            return "indico"
        return "pretalx"
    if "sessions" in data and ("event" in data or isinstance(data.get("sessions"), list)):
        return "json"
    if b'"programme"' in raw:
        return "indico"
    return None
