"""HTML agenda pages: a per-site selector config (sites/*.yaml) when the host has one, else the
heuristics in heuristics.py; JSON-LD on the page wins when it names more people. Pure; no app.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from datetime import date

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from scrapers import text
from scrapers.errors import EmptyDocument, ParseError
from scrapers.lineup import (
    assemble,
    clock,
    dates,
    heuristics,
    jsonld,
    linetext,
    prose,
    sites,
    timeline,
)
from scrapers.records import Event, Lineup, Session

__all__ = ["parse"]

FORMAT = "html"
DROP_TAGS = ("script", "style", "noscript", "nav", "footer", "form", "aside", "svg", "template")
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
LINE_TAGS = frozenset({"p", "li", "dt", "dd", "td", "th", "blockquote", "figcaption"})
# Elements that start a new line of text; the rest (a, span, strong...) flow inline.
BLOCK_TAGS = LINE_TAGS | frozenset(
    {"div", "section", "article", "header", "main", "ul", "ol", "dl", "table", "thead", "tbody",
     "tfoot", "tr", "figure", "address", "caption", "body", "html", "hr", "details", "summary"}
)  # fmt: skip
BOILERPLATE_ROLES = frozenset({"navigation", "menu", "menubar", "search", "contentinfo"})
BOILERPLATE_NAME_RE = re.compile(
    r"(?:^|[\s_-])(?:mega-?menu|menu|submenu|navbar|site-nav|nav|breadcrumbs?|cookie\w*"
    r"|skip-link|social-share|share-buttons)(?:$|[\s_-])"
)
SWITCHED_RE = re.compile(r"tab|accordion|collaps|panel|day|toggle")
CLOCK = heuristics.CLOCK
DAY = heuristics.DAY
CARD = heuristics.CARD
MAX_CARD_DEPTH = 6  # a card's date sits a few blocks below the card
MAX_CARD_NODES = 300  # elements in a card, photo and links included
BOLD_LEVEL = 7  # a paragraph all in bold reads as the deepest heading
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
MAX_ROLE_HEADER_CHARS = 30
ROW_LEVEL = linetext.ROW_LEVEL  # the title cell of an agenda table row
MAX_DEPTH = 150  # deeper markup is read as one block (no deep recursion on hostile pages)
# A heading that names only the page's kind ("Programme", "Agenda"): the <title> names the event.
GENERIC_TITLE_RE = re.compile(
    r"(?:(?:the|full|conference|event|detailed|our)\s+)?(?:programm?e?|agenda|schedule|timetable"
    r"|programma|programa|programm|tagesordnung|ablauf|программа|програма|ordre du jour)",
    re.I,
)
PAREN_ONLY_RE = re.compile(r"^\([^()]+\)$")  # a card field that only gives "(Affiliation)"
DASHES = " \t–—-"
TIME_CELL_RE = re.compile(
    r"^(?:\d{1,2}[:.h]\d{2}|\d{1,2}\s?(?:am|pm))\b[\d:.h\s–—\-apm]*$|^\W*$", re.I
)


def parse(content: bytes, *, url: str | None = None) -> Lineup:
    """Parse an HTML agenda page: site config, then heuristics, then JSON-LD."""
    root = _read(content, url=url)
    name = _page_title(root)
    config = sites.config_for(url)
    if config is not None:
        sessions = sites.extract(root, config, title_people=prose.inline_people)
        lines = list(_lines(root))
        starts_on, ends_on = dates.event_days(root, lines)
    else:
        lines = list(_lines(root))
        read = [line for line in lines if line[0] not in (CLOCK, DAY)]  # as before they were kept
        drafts = [d for d in heuristics.read_lines(lines, default_title=name) if d.people]
        starts_on, ends_on = timeline.event_days(
            (d.when for d in drafts), page=dates.event_days(root, read), cards=_card_days(lines)
        )
        sessions = _once(
            [_session(d, default_title=name, days=(starts_on, ends_on)) for d in drafts]
        )
    structured = _jsonld(content, url=url)
    if structured is not None and _count(structured.sessions) >= _count(sessions):
        return structured  # the page's own schema.org Event says at least as much
    if not sessions:
        raise EmptyDocument("no sessions or people found on the page", source=url)
    name = name or assemble.name_from_url(url)  # no title: the address names it, as elsewhere
    event = Event(name=name, url=url, starts_on=starts_on, ends_on=ends_on)
    return assemble.make_lineup(event, sessions, fmt=FORMAT, url=url)


def _session(
    draft: heuristics.Draft, *, default_title: str, days: tuple[date | None, date | None]
) -> Session:
    """A read session, placed in time: its slot on the day its headings (or the event) give."""
    start, end = timeline.placed(draft.when, first=days[0], last=days[1])
    return assemble.make_session(
        draft.title or default_title,
        people=draft.people,
        keynote=draft.keynote,
        start=start,
        end=end,
    )


def _once(sessions: list[Session]) -> list[Session]:
    """A session the page shows twice (a timetable with its times, a list without) once: a
    repeat with the same title and people is dropped unless both have starts and they differ
    (a workshop given on two days). The timed one stays, in the place of the first."""
    kept: list[Session] = []
    where: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for item in sessions:
        key = (item.title.casefold(), tuple(sorted(text.name_key(p.name) for p in item.people)))
        same = [i for i in where.get(key, []) if None in (kept[i].start, item.start)
                or kept[i].start == item.start]  # fmt: skip
        if same and item.people:
            if kept[same[0]].start is None and item.start is not None:
                kept[same[0]] = item
            continue
        where.setdefault(key, []).append(len(kept))
        kept.append(item)
    return kept


def _jsonld(content: bytes, *, url: str | None) -> Lineup | None:
    try:
        return jsonld.parse(content, url=url)
    except ParseError:
        return None


def _count(sessions: Sequence[Session]) -> int:
    return sum(len(s.people) for s in sessions)


def _read(content: bytes, *, url: str | None) -> HtmlElement:
    try:
        root = lxml.html.document_fromstring(assemble.decode(content).replace("\x00", ""))
        assert isinstance(root, HtmlElement)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"unreadable HTML: {exc}", source=url) from exc
    return root


def _page_title(root: HtmlElement) -> str:
    for meta in root.iter("meta"):
        if meta.get("property") == "og:title" and text.clean(meta.get("content")):
            return text.clean(meta.get("content"))
    for tag in ("h1", "title"):
        for node in root.iter(tag):
            title = text.clean(node.text_content())
            if title and not (tag == "h1" and GENERIC_TITLE_RE.fullmatch(title)):
                return title
    return ""


def _lines(root: HtmlElement) -> Iterator[tuple[int, str]]:
    """Yield (level, text) in reading order: headings (1-6; a table row's title cell 6; a
    bold-only paragraph 7) and body lines (0), one per text block, <br> or card field."""
    for node in [n for n in root.iter() if _tag(n) in DROP_TAGS or _boilerplate(n)]:
        if node.getparent() is not None:
            node.drop_tree()
    for node in root.iter():  # a line break in the source is a space on the page
        if node.text and "\n" in node.text and isinstance(node.tag, str):
            node.text = _xml_safe(node.text.replace("\n", " "))
        if node.tail and "\n" in node.tail:
            node.tail = _xml_safe(node.tail.replace("\n", " "))
    for br in root.iter("br"):
        br.tail = "\n" + _xml_safe(br.tail or "")
    yield from _walk(root, _block_holders(root), depth=0)


def _boilerplate(node: HtmlElement) -> bool:
    """Hidden or navigation markup, not the page's content: aria-hidden, hidden, a navigation
    or menu role, a menu/navbar/breadcrumb/cookie class or id."""
    if not _tag(node) or _tag(node) in ("html", "body", "main"):
        return False
    names = f"{node.get('class') or ''} {node.get('id') or ''}".casefold()
    hidden = node.get("aria-hidden") == "true" or node.get("hidden") is not None
    if hidden and node.get("role") != "tabpanel" and not SWITCHED_RE.search(names):
        return True  # hidden for good; a tab, accordion or collapsed panel is still content
    if (node.get("role") or "").casefold() in BOILERPLATE_ROLES:
        return True
    return bool(names.strip()) and bool(BOILERPLATE_NAME_RE.search(names))


def _xml_safe(value: str) -> str:
    """Drop the control characters lxml refuses in assigned text (the parser may keep them)."""
    return CONTROL_RE.sub("", value)


def _tag(node: HtmlElement) -> str:
    return node.tag if isinstance(node.tag, str) else ""


def _block_holders(root: HtmlElement) -> set[HtmlElement]:
    """The elements that contain a block element (so are not leaves of the page's text)."""
    holders: set[HtmlElement] = set()
    for node in root.iter():
        if _tag(node) in BLOCK_TAGS or _tag(node) in HEADING_TAGS:
            for ancestor in node.iterancestors():
                if ancestor in holders:
                    break
                holders.add(ancestor)
    return holders


def _walk(node: HtmlElement, holders: set[HtmlElement], *, depth: int) -> Iterator[tuple[int, str]]:
    tag = _tag(node)
    if node.get("role") == "tabpanel" and (day := _tab_day(node)):
        yield DAY, day  # the day its tab names, which the tab list gave before all the panels
    if tag in HEADING_TAGS:
        yield int(tag[1]), text.clean(node.text_content())
    elif tag == "tr" and depth < MAX_DEPTH:
        yield from _row(node, holders, depth=depth)
    elif node not in holders or depth >= MAX_DEPTH:
        if tag in LINE_TAGS and _is_bold_only(node):
            yield BOLD_LEVEL, text.clean(node.text_content())
            return
        lines = _leaf_lines(node)
        lead = _bold_lead(node)
        if lead and lines and lines[0] == lead:  # "<b>Panel I</b><br>Chair: ..."
            yield BOLD_LEVEL, lines.pop(0)
        for index, line in enumerate(lines):
            if _dates_or_times(line) and _after_card_heading(node):
                yield CARD, line
            else:
                yield heuristics.PART if index else heuristics.BODY, line
    else:
        buffer = [node.text or ""]
        for child in node:
            if child in holders or _tag(child) in BLOCK_TAGS or _tag(child) in HEADING_TAGS:
                yield from _flush(buffer)
                yield from _walk(child, holders, depth=depth + 1)
                buffer = [child.tail or ""]
            else:
                buffer += [child.text_content() if _tag(child) else "", child.tail or ""]
        yield from _flush(buffer)


def _card_days(lines: Sequence[tuple[int, str]]) -> list[date]:
    """The days the CARD lines give (each card's own date)."""
    found = (dates.find_days(line) for level, line in lines if level == CARD)
    return [days[0] for days in found if days is not None]


def _dates_or_times(line: str) -> bool:
    """Whether a line gives a day ('May 28, 2026, 10:00') or only a time ('9:00a.m. ET')."""
    return dates.day_mark(line) is not None or clock.alone(line) is not None


def _after_card_heading(node: HtmlElement) -> bool:
    """Whether `node` follows the one heading of its card: the nearest small block around it
    that holds a heading (h1-h6 or a bold-only paragraph) holds that one only, before it."""
    for ancestor in itertools.islice(node.iterancestors(), MAX_CARD_DEPTH):
        heads, first_before, seen = 0, False, False
        for count, item in enumerate(ancestor.iter()):
            if count > MAX_CARD_NODES:
                return False  # a section of the page, not a card
            if item is node:
                seen = True
            elif _tag(item) in HEADING_TAGS or (_tag(item) in LINE_TAGS and _is_bold_only(item)):
                heads, first_before = heads + 1, first_before or (heads == 0 and not seen)
                if heads > 1:
                    return False
        if heads:
            return first_before
    return False


def _tab_day(panel: HtmlElement) -> str:
    """The day a tab panel's tab names ("Day 2 · 10 June"), else ''."""
    ids = (panel.get("aria-labelledby") or "").split()
    found = panel.getroottree().xpath("//*[@id=$id]", id=ids[0]) if ids else []
    label = text.clean(found[0].text_content()) if found else ""
    return label if label and dates.day_mark(label) is not None else ""


def _flush(buffer: list[str]) -> Iterator[tuple[int, str]]:
    for line in "".join(buffer).split("\n"):
        if text.clean(line):
            yield heuristics.BODY, text.clean(line)


def _leaf_lines(node: HtmlElement) -> list[str]:
    """A leaf block's lines; a card whose children carry all its text gives one line each
    (<div><a>Name</a><span>Title</span></div>)."""
    children = [c for c in node if _tag(c) and text.clean(c.text_content())]
    loose = (node.text or "") + "".join(c.tail or "" for c in node)
    parts = [c.text_content() for c in children]
    if len(children) < 2 or loose.strip(" \t\r\n,;·|•–—-"):
        parts = [node.text_content()]
    lines: list[str] = []
    for line in (text.clean(line) for part in parts for line in part.split("\n")):
        if lines and PAREN_ONLY_RE.match(line):
            lines[-1] = f"{lines[-1]} {line}"  # "<a>Name</a> <em>(Org)</em>": one line
        elif line:
            lines.append(line)
    return lines


def _row(row: HtmlElement, holders: set[HtmlElement], *, depth: int) -> Iterator[tuple[int, str]]:
    """A table row of an agenda: its first cell that is not a time titles a session, the
    other cells list its people; a row that starts with a name is one 'Name, Title' line."""
    cells = [c for c in row if _tag(c) in ("td", "th")]
    texts = [text.clean(c.text_content()) for c in cells]
    if _all_headings(row):
        if len(texts) == 1 and dates.day_mark(texts[0]) is not None:
            yield DAY, texts[0]  # "<th colspan=4>Day 3 November 20, 2024</th>"
        return  # column headings ("Time", "Speaker"), not content
    if len(cells) < 2:
        for cell in cells:
            yield from _walk(cell, holders, depth=depth + 1)
        return
    content = [(c, t) for c, t in zip(cells, texts, strict=True) if t and not _time_cell(t)]
    walked = list(_walk(content[0][0], holders, depth=depth + 1)) if content else []
    if walked and _names_someone(walked[0][1]):
        if len(walked) == 1 and all(len(list(_leaf_lines(c))) <= 1 for c, _ in content):
            yield heuristics.BODY, ", ".join(t for _, t in content)  # Name | Position | Org
            return
        yield from walked  # a photo cell, then a card: "<b>Name</b><br>Position<br>Org"
        for cell, _ in content[1:]:
            yield from _walk(cell, holders, depth=depth + 1)
        return
    titled = False
    headers = _role_headers(row)
    clock_cell = next((t for t in texts if t and _time_cell(t) and t.strip(DASHES)), "")
    for index, (cell, value) in enumerate(zip(cells, texts, strict=True)):
        if not value or _time_cell(value):
            continue
        if not titled:
            titled = True
            lines = list(_walk(cell, holders, depth=depth + 1))
            if clock_cell:
                yield CLOCK, clock_cell  # the row's time, for its session's start
            if len(lines) < 2:
                yield ROW_LEVEL, value
                continue
            yield ROW_LEVEL, lines[0][1]  # the cell's first line titles the row's session
            yield from lines[1:]  # then its people, one per line or block
        else:
            if index < len(headers) and headers[index]:
                yield heuristics.BODY, f"{headers[index]}:"  # the column names the role
            yield from _walk(cell, holders, depth=depth + 1)


def _time_cell(value: str) -> bool:
    """A cell that only gives a time ('09:30', '9.30 Uhr', '14h', '10:00 AM - 11:00 AM EST')."""
    return bool(TIME_CELL_RE.match(value)) or clock.alone(value) is not None


def _role_headers(row: HtmlElement) -> list[str]:
    """The column headings of a row's table that name a role ('Chair', 'Speakers'), else ''."""
    table = next(row.iterancestors("table"), None)
    if table is None:
        return []
    head = next((r for r in table.iter("tr") if _all_headings(r)), None)
    if head is None:
        return []
    names = [text.clean(c.text_content()) for c in head if _tag(c) in ("td", "th")]
    return [
        n if len(n) <= MAX_ROLE_HEADER_CHARS and assemble.role_for_label(n) else "" for n in names
    ]


def _all_headings(row: HtmlElement) -> bool:
    cells = [c for c in row if _tag(c) in ("td", "th")]
    return bool(cells) and all(_tag(c) == "th" for c in cells)


def _names_someone(line: str) -> bool:
    """Whether a line opens with a person's name ('Dr Jane Doe', 'Jane Doe, Director')."""
    name = text.split_affiliation(line)[0].split(",")[0]
    return text.looks_like_person(name, strict=True)


def _bold_lead(node: HtmlElement) -> str:
    """The text of a bold first child that a <br> ends, as a block's own heading; else ''."""
    first = next((c for c in node if _tag(c)), None)
    if first is None or _tag(first) not in ("strong", "b") or (node.text or "").strip():
        return ""
    after = first.getnext()
    if (first.tail or "").strip() or after is None or _tag(after) != "br":
        return ""
    return text.clean(first.text_content())


def _is_bold_only(node: HtmlElement) -> bool:
    bold = "".join(b.text_content() for b in node.iterchildren("strong", "b"))
    whole = text.clean(node.text_content())
    return bool(whole) and text.clean(bold) == whole and len(whole) < 150
