"""Byline cleaning and the choice between JSON-LD, meta tags and the visible byline."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html

from scrapers.article import bylines


@pytest.mark.parametrize(
    ("raw", "outlet", "expected"),
    [
        ("By Jane Doe and John Roe", None, ["Jane Doe", "John Roe"]),
        (
            "By LISA MASCARO, MARY CLARE JALONICK and ERIC TUCKER",
            None,
            ["Lisa Mascaro", "Mary Clare Jalonick", "Eric Tucker"],
        ),
        ("ERIC TUCKER Associated Press", None, ["Eric Tucker"]),
        ("Jane Doe, Associated Press", None, ["Jane Doe"]),
        ("Jane Doe | Reuters", None, ["Jane Doe"]),
        ("Analysis by Chris Cillizza, CNN Editor-at-large", None, ["Chris Cillizza"]),
        ("By Kelli Miller WebMD Health News", None, ["Kelli Miller"]),
        (
            "By Benjamin Romano Seattle Times business reporter",
            "The Seattle Times",
            ["Benjamin Romano"],
        ),
        (
            "Kevin Johnson and Kevin McCoy USA TODAY Published 7:07 PM EST Nov 19, 2019",
            "USA TODAY",
            ["Kevin Johnson", "Kevin McCoy"],
        ),
        ("By Joshua Sokol May 20, 2019", None, ["Joshua Sokol"]),
        ("by: Nelson D. Schwartz", None, ["Nelson D. Schwartz"]),
        ("Richard (R.J.) Eskow", None, ["Richard (R.J.) Eskow"]),
        ("Username", None, []),
        ("Editorial", None, []),
        ("BBC News", None, []),
        ("Our Foreign Staff", None, []),
        ("The Russian and Syrian defense ministries", None, []),
        ("https://www.facebook.com/bbcnews", None, []),
        ("@someone", None, []),
        ("", None, []),
    ],
)
def test_clean_byline(raw: str, outlet: str | None, expected: list[str]) -> None:
    assert bylines.clean_byline(raw, outlet=outlet) == expected


def _tree(head: str, body: str) -> html.HtmlElement:
    return html.fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


def test_visible_byline_adds_coauthors_to_structured_author() -> None:
    tree = _tree(
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "author": {"@type": "Person", "name": "Stefan Becket"}}</script>',
        '<p class="byline">By Stefan Becket, Kathryn Watson, Grace Segers</p>',
    )
    assert bylines.extract_authors(tree) == ("Stefan Becket", "Kathryn Watson", "Grace Segers")


def test_unrelated_sidebar_byline_is_ignored() -> None:
    tree = _tree(
        '<meta property="article:author" content="Laurie Oakes">',
        '<em class="byline">JOE HILDEBRAND</em><li class="byline">by: Laurie Oakes</li>',
    )
    assert bylines.extract_authors(tree) == ("Laurie Oakes",)


def test_reviewed_item_author_is_not_the_author() -> None:
    tree = _tree(
        '<script type="application/ld+json">{"@type": "ClaimReview", "itemReviewed":'
        ' {"@type": "CreativeWork", "author": {"@type": "Person", "name": "Ann Claimant"}},'
        ' "author": {"@type": "Organization", "name": "Fact Desk"}}</script>',
        "",
    )
    assert bylines.extract_authors(tree) == ()


def test_guess_is_replaced_by_cleaner_visible_form() -> None:
    tree = _tree("", '<div class="byline">By Joshua Sokol May 20, 2019</div>')
    assert bylines.extract_authors(tree, guessed="Joshua Sokol May") == ("Joshua Sokol",)


def test_junk_guess_falls_back_to_visible_byline() -> None:
    tree = _tree("", '<span class="pb-byline">By <a href="/p/erin">Erin Cunningham</a></span>')
    assert bylines.extract_authors(tree, guessed="Username") == ("Erin Cunningham",)


def test_institutional_byline_stops_the_search() -> None:
    tree = _tree(
        "",
        '<div class="byline">Our Foreign Staff</div><div class="author-name">Philip Johnston</div>',
    )
    assert bylines.extract_authors(tree) == ()


def test_broken_jsonld_is_skipped() -> None:
    tree = _tree(
        '<script type="application/ld+json">{"@type": "NewsArticle", </script>'
        '<meta name="author" content="Jane Doe">',
        "",
    )
    assert bylines.extract_authors(tree) == ("Jane Doe",)


# The visible-byline XPath before issue 12's rewrite, kept to check the rewrite finds the same.
OLD_VISIBLE_XPATH = (
    "//*[@rel='author' or @itemprop='author' or contains(@class, 'byline')"
    " or contains(@class, 'author') or contains(@id, 'byline')]"
    "[not(ancestor-or-self::script or ancestor-or-self::style"
    " or ancestor-or-self::*[contains(@class, 'comment')])]"
)
_TAGS = st.sampled_from(["div", "p", "span", "a", "script", "style", "section"])
_VALUES = st.sampled_from(
    ["author", "Author", "byline", "by-line", "post-author", "x byline", "comment", "", "authors"]
)
_ATTRIBUTES = st.dictionaries(st.sampled_from(["rel", "itemprop", "class", "id", "title"]), _VALUES)


@st.composite
def _elements(draw: st.DrawFn, depth: int = 0) -> str:
    tag, attributes = draw(_TAGS), draw(_ATTRIBUTES)
    shown = "".join(f' {key}="{value}"' for key, value in attributes.items())
    children = draw(st.lists(_elements(depth + 1), max_size=3)) if depth < 3 else []
    return f"<{tag}{shown}>x{''.join(children)}</{tag}>"


@settings(max_examples=300, deadline=None)
@given(st.lists(_elements(), min_size=1, max_size=4), _ATTRIBUTES)
def test_visible_xpath_finds_what_the_old_one_did(parts: list[str], root: dict[str, str]) -> None:
    shown = "".join(f' {key}="{value}"' for key, value in root.items())
    tree = html.fromstring(f"<html{shown}><head></head><body>{''.join(parts)}</body></html>")
    path = tree.getroottree().getpath
    old = [path(e) for e in tree.xpath(OLD_VISIBLE_XPATH)]
    assert [path(e) for e in tree.xpath(bylines.VISIBLE_XPATH)] == old
    assert [path(e) for e in bylines._VISIBLE(tree)] == old


def test_visible_xpath_same_on_the_media_pages() -> None:
    from pathlib import Path

    from scrapers.article import body

    folder = Path(__file__).resolve().parents[3].parent / "shared" / "fixtures" / "media"
    pages = sorted(folder.glob("*/*.htm*"))
    if not pages:
        pytest.skip("no shared media fixtures")
    for page in pages:
        tree = body.extract_body(page.read_bytes()).tree
        path = tree.getroottree().getpath
        old = [path(e) for e in tree.xpath(OLD_VISIBLE_XPATH)]
        assert [path(e) for e in bylines._VISIBLE(tree)] == old, page.name
