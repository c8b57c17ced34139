"""scrapers.article.parse on our own fixture pages, compared with their expected JSON.

Regenerate the expected files deliberately with: VOICETALLY_REGEN_EXPECTED=1 pytest <this file>
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import scrapers.article
from scrapers.article import lang_en, parse
from scrapers.errors import EmptyDocument, ParseError, UnknownFormat
from scrapers.records import Article

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "article"
PAGES = sorted(FIXTURES.glob("*.html"))
REGEN = os.environ.get("VOICETALLY_REGEN_EXPECTED") == "1"


def _dump(article: Article) -> dict[str, object]:
    return article.model_dump(mode="json", exclude={"text"})


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_fixture_matches_expected(page: Path) -> None:
    article = parse(page.read_bytes(), url=f"https://example.org/{page.stem}")
    expected_file = page.with_suffix(".expected.json")
    if REGEN:
        expected_file.write_text(json.dumps(_dump(article), indent=2, ensure_ascii=False) + "\n")
    assert _dump(article) == json.loads(expected_file.read_text(encoding="utf-8"))


def _cited(name: str) -> dict[str, object]:
    article = parse((FIXTURES / f"{name}.html").read_bytes())
    return {c.name: c for c in article.cited}


def test_wire_story_patterns() -> None:
    cited = _cited("wire_story")
    assert set(cited) == {
        "Pieter Vos",
        "Maria Keller",
        "Ahmed Diallo",
        "Laura Chen",
        "Samuel Okafor",
    }
    assert cited["Pieter Vos"].honorific == "Minister"  # '"...," said Transport Minister X'
    assert cited["Maria Keller"].affiliation == "a senior fellow at Chatham House"
    assert cited["Maria Keller"].mentions == 2  # "Keller said" resolved to the full name
    assert cited["Ahmed Diallo"].quoted and "he" in cited["Ahmed Diallo"].cues  # split quote
    assert cited["Laura Chen"].honorific == "Sen." and "She" in cited["Laura Chen"].cues
    assert not cited["Samuel Okafor"].quoted  # "according to Dr. X"


def test_commentary_excludes_author_and_follows_quotes_over_paragraphs() -> None:
    article = parse((FIXTURES / "think_tank_commentary.html").read_bytes())
    names = [c.name for c in article.cited]
    assert article.authors == ("Priya Raman",)
    assert "Priya Raman" not in names and "Raman" not in names
    becker = next(c for c in article.cited if c.name == "Tom Becker")
    assert becker.quoted and becker.quote == "The technology is ready,"
    mwangi = next(c for c in article.cited if c.name == "Grace Mwangi")
    assert {"She", "Ms."} <= set(mwangi.cues)


def test_institutional_and_review_bylines_give_no_person() -> None:
    assert parse((FIXTURES / "institutional_editorial.html").read_bytes()).authors == ()
    review = parse((FIXTURES / "fact_check_review.html").read_bytes())
    assert review.authors == ("Chris Okoro",)  # not the itemReviewed author


def test_paywall_stub_has_authors_and_no_cited_people() -> None:
    article = parse((FIXTURES / "paywall_stub.html").read_bytes())
    assert article.authors == ("Oskar Lindgren",) and article.cited == ()


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"", EmptyDocument),
        (b"   \n\t ", EmptyDocument),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", UnknownFormat),
        (b'{"headline": "not html"}', UnknownFormat),
        (b"<html><head></head><body></body></html>", EmptyDocument),
    ],
)
def test_bad_input_raises_documented_errors(content: bytes, error: type[ParseError]) -> None:
    with pytest.raises(error):
        parse(content, url="https://example.org/bad")


def test_broken_encoding_still_parses() -> None:
    page = (FIXTURES / "wire_story.html").read_bytes().replace(b"Europe's", b"Europe\xff\xfe's")
    assert parse(page).authors == ("Jane Doe", "John Roe")


def test_large_page_is_parsed_without_crashing() -> None:
    filler = b"<p>" + b"Filler words in a very long page. " * 40 + b"</p>\n"
    page = (
        (FIXTURES / "wire_story.html")
        .read_bytes()
        .replace(b"</article>", filler * 400 + b"</article>")
    )
    assert len(page) > 500_000
    assert parse(page).authors == ("Jane Doe", "John Roe")


def test_oversized_page_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("scrapers.article.body.MAX_BYTES", 1000)
    with pytest.raises(ParseError):
        parse((FIXTURES / "wire_story.html").read_bytes())


def test_public_names() -> None:
    assert scrapers.article.__all__ == ["LANGUAGES", "parse"]
    assert scrapers.article.LANGUAGES["en"] is lang_en
    for name in lang_en.__all__:
        assert getattr(lang_en, name)


def test_same_bytes_give_the_same_article() -> None:
    content = (FIXTURES / "think_tank_commentary.html").read_bytes()
    assert parse(content, url="https://example.org/a") == parse(
        content, url="https://example.org/a"
    )
