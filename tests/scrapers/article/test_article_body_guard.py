"""extract_body skips trafilatura's fallback comparison (readability, justext) only where it
cannot change the result, and leaves trafilatura as it is for every other caller."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import trafilatura
import trafilatura.core
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml.html import tostring
from trafilatura.external import try_readability
from trafilatura.utils import load_html, trim

from scrapers.article import body

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PAGES = sorted(FIXTURES.rglob("*.html"))
PARAGRAPH = (
    "<p>The minister said on Tuesday that the talks would go on for another week, and that "
    "the two sides had agreed on the order of the questions still open between them.</p>"
)

TABLES = [
    f"<table><tr><td>Round {n}</td><td>{PARAGRAPH[3:-4].replace('another', word)}</td></tr></table>"
    for n, word in enumerate(["a first", "a second", "a third"], start=1)
]


def _page(article: str, around: str = "") -> bytes:
    return (
        f"<html><head><title>Talks go on</title></head><body>{around}"
        f"<article><h1>Talks go on</h1>{article}</article>{around}</body></html>"
    ).encode()


@pytest.fixture
def comparisons() -> Iterator[list[str]]:
    """Each call that reaches trafilatura's own comparison, by the caller's URL."""
    calls: list[str] = []
    original = body.COMPARE[0]

    def counted(*args: Any) -> Any:
        calls.append(args[4].url or "")
        return original(*args)

    body.COMPARE[0] = counted
    try:
        yield calls
    finally:
        body.COMPARE[0] = original


def _trafilatura(content: bytes, url: str | None = None) -> Any:
    return trafilatura.bare_extraction(content, url=url, with_metadata=True, include_comments=False)


def test_guard_is_in_with_this_trafilatura() -> None:
    # a trafilatura whose comparison has another shape would silently lose the saving
    assert body.COMPARISON_GUARDED
    assert trafilatura.core.compare_extraction is body._compare_when_it_can_matter


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(FIXTURES)) for p in PAGES])
def test_same_text_and_metadata_as_trafilatura_alone(page: Path) -> None:
    content = page.read_bytes()
    url = f"https://example.org/{page.stem}"
    theirs = _trafilatura(content, url)
    try:
        ours = body.extract_body(content, url=url)
    except body.ParseError:
        assert theirs is None or not (theirs.text or theirs.title)
        return
    if theirs is None:
        return  # no text: extract_body falls back to the metadata alone
    assert ours.text == (theirs.text or "")
    assert ours.title == (theirs.title or None)
    assert ours.outlet == (theirs.sitename or None)
    assert ours.author_guess == (theirs.author or None)


def test_skips_the_comparison_on_a_plain_article(comparisons: list[str]) -> None:
    content = _page(PARAGRAPH * 6)
    ours = body.extract_body(content, url="https://example.org/plain")
    assert comparisons == []
    assert ours.text == _trafilatura(content).text
    assert comparisons == [""]  # trafilatura alone still compares: the guard is ours only


@pytest.mark.parametrize(
    "article, around",
    [
        # more text around the article than in it: readability might find more
        (PARAGRAPH * 3, "<div>" + PARAGRAPH * 4 + "</div>"),
        # short: justext is tried
        ("<p>Talks go on, the minister said.</p>", ""),
        # a table-dominated extraction: readability may be preferred
        (PARAGRAPH + "".join(TABLES), ""),
    ],
    ids=["page-longer", "short", "tables"],
)
def test_compares_where_the_fallback_could_win(
    comparisons: list[str], article: str, around: str
) -> None:
    content = _page(article, around)
    ours = body.extract_body(content, url="https://example.org/compared")
    assert comparisons == ["https://example.org/compared"]
    assert ours.text == (_trafilatura(content).text or "")


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(FIXTURES)) for p in PAGES])
def test_readability_never_returns_more_than_the_page_text(page: Path) -> None:
    # the guard's premise: readability's text is a part of the page's, scripts and styles out
    tree = load_html(page.read_bytes())
    if tree is None:
        return
    found = try_readability(load_html(page.read_bytes()))
    readable = len(trim(tostring(found, method="text", encoding="utf-8").decode("utf-8")))
    assert readable <= _exact(tree)


def _exact(tree: Any) -> int:
    pieces = tree.xpath("//text()[not(parent::script or parent::style)]")
    return len(" ".join("".join(pieces).split()))


words = st.sampled_from(["a", "Talks", "go", "on", "é", "минister", "  ", "\n\t", " ", "\xa0"])
runs = st.lists(words, max_size=8).map("".join)
elements = st.tuples(st.sampled_from(["p", "div", "script", "style", "span"]), runs, runs)


@settings(max_examples=300, deadline=None)
@given(st.lists(elements, min_size=1, max_size=8), st.integers(min_value=0, max_value=60))
def test_page_text_bound_is_never_below_the_exact_length(
    parts: list[tuple[str, str, str]], limit: int
) -> None:
    inner = "".join(f"<{tag}>{text}</{tag}>{tail}" for tag, text, tail in parts)
    tree = etree.fromstring(f"<html><body>{inner}</body></html>", etree.HTMLParser())
    if body._page_text_at_most(tree, limit):
        assert _exact(tree) <= limit
    if _exact(tree) <= limit and not any(tag in ("script", "style") for tag, _, _ in parts):
        assert body._page_text_at_most(tree, limit)


def test_extractor_options_are_the_ones_trafilatura_builds() -> None:
    built = trafilatura.settings.Extractor(
        output_format="python", comments=False, with_metadata=True, url="https://ex.org/a"
    )
    ours = body._extractor("https://ex.org/a")
    slots = [slot for cls in type(built).__mro__ for slot in getattr(cls, "__slots__", ())]
    assert "url" in slots and "date_params" in slots
    for name in slots:
        assert getattr(ours, name) == getattr(built, name), name
    assert body._extractor(None).url is None
    assert body.EXTRACTOR.url is None  # the shared options never take a page's URL


def test_categories_and_tags_skipped_for_us_only() -> None:
    # we never read them; trafilatura alone still finds them
    assert body.CATSTAGS_SKIPPED
    page = _page(PARAGRAPH * 4).replace(
        b"<body>",
        b'<body><div class="post-meta"><a href="/category/defence/">Defence</a></div>'
        b'<div class="tags"><a href="/tags/nato/">NATO</a></div>',
    )
    theirs = _trafilatura(page, "https://example.org/t")
    assert theirs.categories == ["Defence"] and theirs.tags == ["NATO"]
    with body._ours():
        ours = _trafilatura(page, "https://example.org/t")
    assert ours.categories == [] and ours.tags == []
    assert ours.text == theirs.text and ours.title == theirs.title


def test_escalation_and_license_guards_are_in_with_this_trafilatura() -> None:
    assert body.ESCALATION_GUARDED and body.LICENSE_SKIPPED
    assert trafilatura.core.html2txt is body._page_text_unless_covered
    assert trafilatura.metadata.extract_license is body._license_unread


@pytest.fixture
def page_texts() -> Iterator[list[int]]:
    """The length of each text trafilatura's own html2txt returns in a call."""
    lengths: list[int] = []
    original = body.HTML2TXT[0]

    def counted(content: Any, clean: bool = True) -> str:
        text = original(content, clean)
        lengths.append(len(text))
        return text

    body.HTML2TXT[0] = counted
    try:
        yield lengths
    finally:
        body.HTML2TXT[0] = original


SHORT = "<p>The talks go on, the minister said on Tuesday, with the next round in Vienna.</p>"
MENU = (
    "<ul>"
    + "".join(f"<li><a href='/s/{n}'>Section number {n}</a></li>" for n in range(60))
    + "</ul>"
)


def test_short_article_covering_its_page_skips_the_page_measure(page_texts: list[int]) -> None:
    content = _page(SHORT * 3)
    ours = body.extract_body(content, url="https://example.org/short")
    assert page_texts == []  # the bound alone says the retry cannot happen
    assert ours.text == _trafilatura(content, "https://example.org/short").text
    assert len(page_texts) == 1  # trafilatura alone measured the page


def test_short_article_in_a_long_page_still_measures_it(page_texts: list[int]) -> None:
    content = _page(SHORT * 3, around=MENU)
    ours = body.extract_body(content, url="https://example.org/menu")
    assert len(page_texts) == 1 and page_texts[0] > 5 * len(ours.text)
    assert ours.text == _trafilatura(content, "https://example.org/menu").text


block_tags = st.sampled_from(["p", "div", "li", "td", "span", "script", "br", "h2", "blockquote"])
nested = st.recursive(
    st.tuples(block_tags, runs, runs).map(lambda t: f"<{t[0]}>{t[1]}</{t[0]}>{t[2]}"),
    lambda inner: st.tuples(block_tags, st.lists(inner, max_size=4), runs).map(
        lambda t: f"<{t[0]}>{''.join(t[1])}</{t[0]}>{t[2]}"
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(nested, min_size=1, max_size=6), runs)
def test_page_text_bound_is_never_below_html2txt(parts: list[str], head: str) -> None:
    page = f"<html><head><title>{head}</title></head><body>{''.join(parts)}</body></html>"
    tree = load_html(page)
    if tree is None:
        return
    assert body.PAGE_TEXT_BOUND(tree) >= len(body.HTML2TXT[0](tree, True))


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(FIXTURES)) for p in PAGES])
def test_page_text_bound_holds_on_the_fixture_pages(page: Path) -> None:
    tree = load_html(page.read_bytes())
    if tree is not None:
        assert body.PAGE_TEXT_BOUND(tree) >= len(body.HTML2TXT[0](tree, True))


def test_license_skipped_for_us_only() -> None:
    page = _page(PARAGRAPH * 4).replace(
        b"</article>",
        b'</article><a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC</a>',
    )
    theirs = _trafilatura(page, "https://example.org/l")
    assert theirs.license == "CC BY 4.0"
    with body._ours():
        ours = _trafilatura(page, "https://example.org/l")
    assert ours.license is None
    assert ours.text == theirs.text and ours.title == theirs.title
