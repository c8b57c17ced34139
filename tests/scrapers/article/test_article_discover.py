"""scrapers.discover: RSS, RDF, Atom (feedparser), sitemaps, news sitemaps, indexes and `.xml.gz`,
and the date window.

Regenerate the expected files deliberately with: VOICETALLY_REGEN_EXPECTED=1 pytest <this file>
"""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from scrapers import discover
from scrapers.discover import FeedEntry, in_window, parse_feed
from scrapers.errors import EmptyDocument, ParseError, TooLarge, UnknownFormat

FEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "article" / "feeds"
FILES = sorted(FEEDS.glob("*.xml"))
BASE = "https://news.example.org/world/rss"


def _dump(entries: list[FeedEntry]) -> list[dict[str, object]]:
    return [
        {**asdict(e), "published": e.published.isoformat() if e.published else None}
        for e in entries
    ]


@pytest.mark.parametrize("feed", FILES, ids=[f.stem for f in FILES])
def test_feed_matches_expected(feed: Path) -> None:
    entries = _dump(parse_feed(feed.read_bytes(), url=BASE))
    expected = feed.with_suffix(".expected.json")
    if os.environ.get("VOICETALLY_REGEN_EXPECTED") == "1":
        expected.write_text(json.dumps(entries, indent=2) + "\n")
    assert entries == json.loads(expected.read_text(encoding="utf-8"))


def test_news_sitemap_prefers_publication_date_over_lastmod() -> None:
    entries = parse_feed((FEEDS / "news_sitemap.xml").read_bytes())
    assert entries[0].published is not None and entries[0].published.day == 5


def test_rss_dedupes_resolves_relative_links_and_skips_linkless_items() -> None:
    urls = [e.url for e in parse_feed((FEEDS / "rss.xml").read_bytes(), url=BASE)]
    assert urls == [
        "https://news.example.org/world/2024/03/05/port-strike",
        "https://news.example.org/world/2024/03/01/grid-storage",
        "https://news.example.org/world/2024/02/10/relative",
    ]


def test_window_keeps_dated_entries_inside_and_recent_child_sitemaps() -> None:
    rss = parse_feed((FEEDS / "rss.xml").read_bytes(), url=BASE)
    kept = in_window(rss, since=date(2024, 3, 2), until=date(2024, 3, 31))
    assert [e.url.rsplit("/", 1)[1] for e in kept] == ["port-strike"]
    assert len(in_window(rss, since=date(2024, 3, 2), keep_undated=True)) == 2
    index = parse_feed((FEEDS / "sitemap_index.xml").read_bytes())
    children = in_window(index, since=date(2024, 3, 1))
    assert [e.url.rsplit("/", 1)[1] for e in children] == ["2024-03.xml", "news.xml"]


def test_window_compares_aware_dates_in_utc() -> None:
    sitemap = parse_feed((FEEDS / "sitemap.xml").read_bytes())
    # 2024-02-28T23:59-05:00 is 29 February in UTC
    assert [e.url.rsplit("/", 1)[1] for e in in_window(sitemap, since=date(2024, 2, 29))] == [
        "port-strike",
        "older",
    ]


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"", EmptyDocument),
        (b"<html><body><p>Not a feed</p></body></html>", UnknownFormat),
        (b"\x00\x01\x02 definitely not xml", ParseError),
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
            ParseError,
        ),
        (b'<?xml version="1.0" encoding="\x80"?><rss/>', ParseError),  # not UTF-8
        (b'<?xml version="1.0" encoding="a\x00b"?><rss/>', ParseError),  # a NUL in the name
    ],
)
def test_bad_feeds_raise_documented_errors(content: bytes, error: type[ParseError]) -> None:
    with pytest.raises(error):
        parse_feed(content, url=BASE)


def test_sitemap_dates_are_w3c_datetimes() -> None:
    assert discover.parse_date("2024-03-05") == datetime(2024, 3, 5)
    assert discover.parse_date("2024-03-05T09:30:00Z") == datetime(2024, 3, 5, 9, 30, tzinfo=UTC)
    assert discover.parse_date("yesterday") is None
    assert discover.parse_date(None) is None


def test_feed_dates_in_any_format_feeds_use_are_utc() -> None:
    rss = b"""<rss version="2.0"><channel>
      <item><link>https://x.example/a</link>
        <pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate></item>
      <item><link>https://x.example/b</link><dc:date xmlns:dc="http://purl.org/dc/elements/1.1/">
        2024-03-01T07:00:00+01:00</dc:date></item></channel></rss>"""
    first, second = parse_feed(rss)
    assert first.published == datetime(2024, 3, 6, 4, 30, tzinfo=UTC)
    assert second.published == datetime(2024, 3, 1, 6, 0, tzinfo=UTC)


def test_gzipped_sitemaps_are_read_and_bombs_refused() -> None:
    plain = (FEEDS / "sitemap.xml").read_bytes()
    assert parse_feed(gzip.compress(plain)) == parse_feed(plain)
    bomb = gzip.compress(b"<urlset>" + b" " * 200_000 + b"</urlset>")
    with pytest.raises(TooLarge):
        parse_feed(bomb, max_bytes=100_000)
    with pytest.raises(ParseError, match="unreadable gzip"):
        parse_feed(b"\x1f\x8b not really gzip")


def test_public_names() -> None:
    assert discover.__all__ == ["FeedEntry", "in_window", "parse_feed"]
