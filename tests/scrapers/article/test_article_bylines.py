"""Byline cleaning and the choice between JSON-LD, meta tags and the visible byline."""

from __future__ import annotations

import pytest
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
