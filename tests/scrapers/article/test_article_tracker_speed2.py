"""Issue 12 (cost), second round: each faster form in the quote tracker and bylines.py equals the
form it replaced, kept here as it was."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree, html

from scrapers.article import bylines, lang_en
from scrapers.article.quotes import MAX_PRONOUN_LOOKBACK, _Tracker

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "article"
OLD_JSONLD_SCRIPTS = etree.XPath("//script[@type='application/ld+json']")
OLD_METAS = etree.XPath("//meta[@content]")
SMALL_PAGES = [
    "<html><head><script type='application/ld+json'>{}</script><meta content='x' name='author'>"
    "<meta name='byl'></head><body><script type='text/javascript'>1</script>"
    "<div><script type='application/ld+json'>[]</script><meta content=''></div></body></html>",
    "<html><body><p>No scripts <b>here</b></p><!-- <meta content='y'> --></body></html>",
    "<div><script type='APPLICATION/LD+JSON'>{}</script><script>2</script></div>",
    "<p>text</p><p>more<meta content='z' property='article:author'></p>",
]


def _pages() -> list[html.HtmlElement]:
    pages = [html.fromstring(page) for page in SMALL_PAGES]
    pages += [html.fromstring(path.read_bytes()) for path in sorted(FIXTURES.glob("*.html"))]
    return pages


def test_jsonld_scripts_and_metas_as_before() -> None:
    """The tag walks find the elements the two XPaths found, in the same order, from the root
    or from any element of the page."""
    for page in _pages():
        for start in [page, *list(page.iter())[1:4]]:
            if not isinstance(start.tag, str):
                continue
            assert bylines._jsonld_scripts(start) == OLD_JSONLD_SCRIPTS(start)
            assert bylines._metas(start) == OLD_METAS(start)


def _old_earlier(sentences: list[list[str]]) -> list[str]:
    return next((names for names in reversed(sentences) if names), [])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(["A", "B", "C"]), max_size=2),
            st.booleans(),  # ask for the earlier sentence's people after this one
        ),
        max_size=30,
    )
)
def test_earlier_as_before(steps: list[tuple[list[str], bool]]) -> None:
    tracker = _Tracker(lang_en)
    assert tracker._earlier() == _old_earlier(tracker.sentences)
    for names, ask in steps:
        tracker.sentences.append(names)
        if ask:
            assert tracker._earlier() is _old_earlier(tracker.sentences) or (
                tracker._earlier() == _old_earlier(tracker.sentences) == []
            )


@given(st.lists(st.text(max_size=2), max_size=12))
def test_recent_slice_as_before(seen: list[str]) -> None:
    assert seen[: -MAX_PRONOUN_LOOKBACK - 1 : -1] == list(reversed(seen[-MAX_PRONOUN_LOOKBACK:]))
